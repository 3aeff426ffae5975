"""Public peer test vectors run against our recognisers (see /work/shared/data/SOURCES.md).

Sources: Presidio's UK_POSTCODE, UK_NHS, UK_NINO, PHONE_NUMBER and EMAIL_ADDRESS unit
test cases; GOV.UK Notify's phone numbers, postcodes and address blocks; the GB
example numbers of libphonenumber (with Ofcom's drama ranges); ideal-postcodes'
``validation.json``.

A case passes when the spans our module reports with confidence (score at least
``CONFIDENT``) are exactly the expected ones. Where a peer legitimately disagrees with
a choice this product made, the case stays in and is listed in ``EXPECTED_DIFFERENCES``
with the reason: it runs as a strict xfail, so a difference that goes away (or a new
one) fails the run. Test ids name the source and the case's index, never its text.
"""

from __future__ import annotations

import importlib
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from presidio_analyzer import EntityRecognizer

#: The shared data folder: beside the checkout (``/work/main``) or further up (worktrees).
DATA = next(
    (
        parent / "shared" / "data"
        for parent in Path(__file__).resolve().parents[3:]
        if (parent / "shared" / "data").is_dir()
    ),
    Path(__file__).resolve().parents[3] / "shared" / "data",
)
PEER = DATA / "peer-vectors"
#: Results below this score are not confident reports (the NHS recogniser gives
#: checksum-only numbers 0.35, for the policy to weigh).
CONFIDENT = 0.4
MODULE_OF = {
    "UK_POSTCODE": "uk_address",
    "UK_ADDRESS": "uk_address",
    "UK_NHS": "uk_health",
    "UK_NINO": "uk_identity",
    "PHONE_NUMBER": "contact",
    "EMAIL_ADDRESS": "contact",
}
#: What Notify strips around a phone number or postcode before reading it.
_JUNK = " \t\r\n\u200b\ufeff\xa0"

_US_FORMAT = "US national format: the recogniser reads national numbers as GB only"
_NO_PLUS = "international number with neither '+' nor '00': read as GB, where it is no number"
_NO_LABEL = "checksum-valid but no 'NHS' label: reported only at 0.35 (9% of numbers pass)"
_PHONE_SHAPED = "ten-digit GB number in an unassigned range: reported (drama-range policy)"

EXPECTED_DIFFERENCES: dict[str, str] = {
    # Presidio expects NHS numbers found with no context at all.
    "presidio-0": _NO_LABEL,  # 401-023-2137
    "presidio-1": _NO_LABEL,  # 221 395 1837
    "presidio-2": _NO_LABEL,  # 0032698674
    # "...Insurance Number YZ 61 48 68 B": Presidio's expected span includes the space
    # before the number; ours starts at the number.
    "presidio-8": "Presidio's expected span starts one character early (the space)",
    # Presidio's phone tests use several regions (US, IL, CN) by default.
    "presidio-98": _US_FORMAT,  # (415) 555-0132 beside +1 415 555 0132
    "presidio-99": "Israeli national format 09-7625400: GB region only",
    "presidio-100": _US_FORMAT,
    "presidio-101": _US_FORMAT,
    "presidio-102": _US_FORMAT,
    "presidio-107": "Chinese national format 13812345678: GB region only",
    "presidio-108": _US_FORMAT,  # leniency variants of Presidio's own matcher
    "presidio-109": _US_FORMAT,
    "presidio-110": _US_FORMAT,
    "presidio-111": _US_FORMAT,
    # Presidio's strictest leniency drops "+91 4155 550132"; we keep it (and miss the
    # US-format number beside it).
    "presidio-112": _US_FORMAT,
    "presidio-113": _US_FORMAT,
    "presidio-114": _US_FORMAT,
    "presidio-115": _US_FORMAT,
    "presidio-116": _US_FORMAT,
    "presidio-117": _US_FORMAT,
    "presidio-118": _US_FORMAT,
    "presidio-119": _US_FORMAT,
    "presidio-120": _US_FORMAT,
    "presidio-121": _US_FORMAT,
    # GOV.UK Notify phone numbers.
    "notify-phone-0": "bare 7723456789 (no trunk 0): ambiguous with NHS numbers and references",
    "notify-phone-10": "Russian '(8)' trunk notation: libphonenumber's matcher splits it",
    "notify-phone-11": "Russian '(8)' trunk notation: libphonenumber's matcher splits it",
    "notify-phone-12": _NO_PLUS,  # 784951234567
    "notify-phone-13": _NO_PLUS,  # 1-202-555-0104
    "notify-phone-14": _NO_PLUS,  # the same with Unicode dashes
    "notify-phone-18": _NO_PLUS,  # 230 5 2512345 (Mauritius)
    "notify-phone-33": _PHONE_SHAPED,  # 0400 123 4567
    "notify-phone-34": _PHONE_SHAPED,  # 0600 123 4567
    "notify-phone-38": "0845 46 46 is a number libphonenumber knows as assigned: reported",
    "notify-phone-39": "premium-rate 0900 numbers are phone numbers to a scanner",
    "notify-phone-50": "Notify rejects '07723 456789...' as a whole; a scanner finds the number",
    # GOV.UK Notify postcodes.
    "notify-postcode-2": "SE1 63EF: Notify ignores spaces inside; we need the outward/inward split",
    "notify-postcode-10": "NF1 1AA has a valid format; we check formats, not the list of areas",
    "notify-postcode-22": "GIR 0AA is deprecated for Notify; it is still a postcode-shaped token",
    "notify-postcode-23": "GX11 1AA (Gibraltar) has a UK format: reported",
    # GOV.UK Notify address blocks.
    "notify-address-3": "postcode written 'S W1 A 1 AA' (spaces inside): not matched",
    "notify-address-5": "a UK-format postcode in a German address is still reported",
    "notify-address-street-3": "postcode written 'S W1 A 1 AA': the address stops at the town",
}


@dataclass(frozen=True, slots=True)
class PeerCase:
    """One peer vector: the spans expected for ``entity`` in ``text``."""

    id: str
    entity: str
    text: str
    spans: tuple[tuple[int, int], ...]


def _read(relative: str) -> Any:
    return json.loads((PEER / relative).read_text(encoding="utf-8"))


def _whole(text: str) -> tuple[tuple[int, int], ...]:
    """The span of ``text`` without the junk Notify strips around it."""
    start = len(text) - len(text.lstrip(_JUNK))
    end = len(text.rstrip(_JUNK))
    return ((start, end),) if end > start else ()


def _presidio() -> Iterator[PeerCase]:
    for index, vector in enumerate(_read("presidio_recognizer_vectors.json")["vectors"]):
        if vector["entity"] in MODULE_OF:
            spans = tuple(sorted((s["start"], s["end"]) for s in vector["expected_spans"]))
            yield PeerCase(f"presidio-{index}", vector["entity"], vector["text"], spans)


def _notify() -> Iterator[PeerCase]:
    data = _read("govuk_notify_phone_postcode_vectors.json")
    for index, phone in enumerate(data["phone_numbers"]):
        spans = _whole(phone["text"]) if phone["notify_valid"] else ()
        yield PeerCase(f"notify-phone-{index}", "PHONE_NUMBER", phone["text"], spans)
    for index, postcode in enumerate(data["postcodes"]):
        spans = _whole(postcode["text"]) if postcode["notify_real_uk_postcode"] else ()
        yield PeerCase(f"notify-postcode-{index}", "UK_POSTCODE", postcode["text"], spans)
    for index, block in enumerate(data["addresses_with_postcode"]):
        if block["source"]["test"] != "test_postcode":
            continue  # other tests there are about "no fixed abode" and BFPO, not ours
        text, expected = block["address"], block["expected_uk_postcode"]
        postcode = _postcode_line(text, expected)
        yield PeerCase(f"notify-address-{index}", "UK_POSTCODE", text, postcode)
        # The same blocks as street addresses: from the house number to the postcode.
        street = ((text.index("123"), postcode[0][1]),) if postcode else ()
        yield PeerCase(f"notify-address-street-{index}", "UK_ADDRESS", text, street)


def _postcode_line(text: str, expected: str | None) -> tuple[tuple[int, int], ...]:
    """The span of the line of ``text`` holding ``expected`` (spaces ignored)."""
    if expected is None:
        return ()
    wanted = expected.replace(" ", "")
    for line in re.finditer(r"[^\n]+", text):
        if line.group().replace(" ", "") == wanted:
            return _offset(_whole(line.group()), line.start())
    raise AssertionError(f"no line holds the expected postcode in {text!r}")


def _offset(spans: tuple[tuple[int, int], ...], by: int) -> tuple[tuple[int, int], ...]:
    return tuple((start + by, end + by) for start, end in spans)


def _libphonenumber() -> Iterator[PeerCase]:
    for index, number in enumerate(_read("libphonenumber_uk_examples.json")["numbers"]):
        if number["region"] == "GB":
            text = number["text"]
            yield PeerCase(f"libphonenumber-{index}", "PHONE_NUMBER", text, _whole(text))


def _ideal_postcodes() -> Iterator[PeerCase]:
    tests = _read("ideal_postcodes_postcode_lib/validation.json")["tests"]
    for index, test in enumerate(tests):
        spans = _whole(test["base"]) if test["expected"] else ()
        yield PeerCase(f"ideal-postcodes-{index}", "UK_POSTCODE", test["base"], spans)


def _cases() -> list[PeerCase]:
    if not PEER.is_dir():
        return []
    return [*_presidio(), *_notify(), *_libphonenumber(), *_ideal_postcodes()]


CASES = _cases()


def _params() -> list[Any]:
    if not CASES:
        return [pytest.param(None, id="peer-data-absent")]
    params = []
    for case in CASES:
        reason = EXPECTED_DIFFERENCES.get(case.id)
        marks = [pytest.mark.xfail(strict=True, reason=reason)] if reason else []
        params.append(pytest.param(case, id=case.id, marks=marks))
    return params


@cache
def _recognizers(module: str) -> tuple[EntityRecognizer, ...]:
    family = importlib.import_module(f"idpc_guard.recognizers.{module}")
    return tuple(factory() for factory in family.RECOGNIZERS)


def confident_spans(entity: str, text: str) -> list[tuple[int, int]]:
    """The spans our module reports for ``entity`` in ``text`` at ``CONFIDENT`` or above."""
    spans = []
    for recognizer in _recognizers(MODULE_OF[entity]):
        if entity in recognizer.supported_entities:
            for result in recognizer.analyze(text, [entity], None):
                if result.entity_type == entity and result.score >= CONFIDENT:
                    spans.append((result.start, result.end))
    return sorted(spans)


@pytest.mark.parametrize("case", _params())
def test_peer_vector(case: PeerCase | None) -> None:
    if case is None:
        pytest.skip(f"peer vectors not found at {PEER}")
    assert confident_spans(case.entity, case.text) == sorted(case.spans)


def test_expected_differences_name_existing_cases() -> None:
    if not CASES:
        pytest.skip(f"peer vectors not found at {PEER}")
    unknown = set(EXPECTED_DIFFERENCES) - {case.id for case in CASES}
    assert not unknown, f"stale entries in EXPECTED_DIFFERENCES: {sorted(unknown)}"
