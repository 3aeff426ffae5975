"""Data-driven tests of the recogniser families: one parametrised test over vectors/*.yaml.

Each vector file is named after a module of ``idpc_guard.recognizers`` and holds
``match`` cases (``text``, ``entity``, exact ``spans``) and ``no_match`` cases
(``text``, ``entity``: nothing of that entity may be reported by that module).
Optional keys: ``min_score`` (only results at or above it count) and, for matches,
``max_score`` (every result must be at or below it). Recognisers are called the way
the engine's registry would call them, but without spaCy (``nlp_artifacts=None``).

Test ids are the file, the kind and the index of the case: never the text.
"""

from __future__ import annotations

import importlib
import socket
from functools import cache
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from presidio_analyzer import EntityRecognizer, RecognizerResult

from idpc_guard.model import Entity
from idpc_guard.recognizers import family_modules

VECTOR_DIR = Path(__file__).parent / "vectors"
PACKAGE = "idpc_guard.recognizers"
ENTITIES = frozenset(e.value for e in Entity)
CASE_KEYS = {
    "match": {"text", "entity", "spans", "min_score", "max_score"},
    "no_match": {"text", "entity", "min_score"},
}


def _load(path: Path) -> dict[str, list[dict[str, Any]]]:
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    return {kind: list(data.get(kind) or []) for kind in ("match", "no_match")}


def _collect() -> list[Any]:
    params = []
    for path in sorted(VECTOR_DIR.glob("*.yaml")):
        for kind, cases in _load(path).items():
            for index, case in enumerate(cases):
                params.append(pytest.param(path.stem, kind, case, id=f"{path.stem}-{kind}-{index}"))
    return params


CASES = _collect()


def _module(name: str) -> ModuleType:
    return importlib.import_module(f"{PACKAGE}.{name}")


@cache
def _recognizers(module: str) -> tuple[EntityRecognizer, ...]:
    """Each family's recognisers, built once per test session (as the engine does)."""
    return tuple(factory() for factory in _module(module).RECOGNIZERS)


def _analyze(module: str, text: str, entity: str) -> list[RecognizerResult]:
    results: list[RecognizerResult] = []
    for recognizer in _recognizers(module):
        if entity in recognizer.supported_entities:
            results.extend(recognizer.analyze(text, [entity], None))
    return [r for r in results if r.entity_type == entity]


@pytest.mark.parametrize(("module", "kind", "case"), CASES)
def test_vector(module: str, kind: str, case: dict[str, Any]) -> None:
    assert set(case) <= CASE_KEYS[kind], f"unknown keys {set(case) - CASE_KEYS[kind]}"
    entity = case["entity"]
    assert entity in ENTITIES
    results = _analyze(module, case["text"], entity)
    counted = [r for r in results if r.score >= case.get("min_score", 0.0)]
    spans = sorted([r.start, r.end] for r in counted)
    if kind == "match":
        assert spans == sorted(case["spans"])
        if "max_score" in case:
            assert all(r.score <= case["max_score"] for r in results)
    else:
        assert spans == []


def test_every_family_has_vectors_and_exports_recognizers() -> None:
    modules = family_modules()
    assert modules, "no recogniser modules found"
    vector_files = {p.stem for p in VECTOR_DIR.glob("*.yaml")}
    assert vector_files <= set(modules), f"vectors for no module: {vector_files - set(modules)}"
    names: dict[str, str] = {}
    for name in modules:
        assert name in vector_files, f"recognizers/{name}.py has no vectors/{name}.yaml"
        cases = _load(VECTOR_DIR / f"{name}.yaml")
        assert cases["match"] and cases["no_match"], f"{name}.yaml needs match and no_match"
        factories = getattr(_module(name), "RECOGNIZERS", None)
        assert isinstance(factories, tuple) and factories, f"{name} exports no RECOGNIZERS"
        for recognizer in _recognizers(name):
            assert isinstance(recognizer, EntityRecognizer)
            assert recognizer.supported_language == "en"
            assert set(recognizer.supported_entities) <= ENTITIES, recognizer.name
            # Reports name the recogniser: an auditor looks for a class of that name.
            assert recognizer.name == type(recognizer).__name__, recognizer.name
            assert recognizer.name not in names, (
                f"{recognizer.name} in {names.get(recognizer.name)}"
            )
            names[recognizer.name] = name
            covered = {c["entity"] for c in cases["match"]}
            missing = set(recognizer.supported_entities) - covered
            assert not missing, f"{name}.yaml has no match case for {missing}"


def test_results_name_the_recognizer() -> None:
    """Audit trails say which recogniser fired: every result carries its name."""
    for module in family_modules():
        for case in _load(VECTOR_DIR / f"{module}.yaml")["match"]:
            for result in _analyze(module, case["text"], case["entity"]):
                metadata = result.recognition_metadata or {}
                names = {r.name for r in _recognizers(module)}
                assert metadata.get(RecognizerResult.RECOGNIZER_NAME_KEY) in names


def test_email_recognizer_never_touches_the_network(monkeypatch: pytest.MonkeyPatch) -> None:
    """Presidio's check downloads the public suffix list; ours must use the bundled copy."""

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("network access attempted")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    contact = _module("contact")
    recognizer = contact.OfflineEmailRecognizer()  # a fresh one: nothing loaded yet
    text = "Email: jane.doe@example.co.uk, or j.doe@example.invalidtld"
    results = recognizer.analyze(text, [Entity.EMAIL_ADDRESS.value], None)
    assert [(r.start, r.end) for r in results] == [(7, 29)]


# Properties over generated inputs (no example database: nothing is written to disk).
PROPERTY_SETTINGS = settings(database=None, max_examples=300, deadline=None)


def _nhs_digits(nine: str) -> str | None:
    """Nine digits plus their modulus-11 check digit, or None when no digit fits."""
    check = (11 - sum(int(c) * w for c, w in zip(nine, range(10, 1, -1), strict=True)) % 11) % 11
    return None if check == 10 else nine + str(check)


@PROPERTY_SETTINGS
@given(
    day=st.integers(1, 28),
    month=st.integers(1, 12),
    year=st.integers(1900, 2030),
    sep=st.sampled_from("/.-"),
    iso=st.booleans(),
)
def test_dates_are_never_phone_numbers(
    day: int, month: int, year: int, sep: str, iso: bool
) -> None:
    date = f"{year}-{month:02d}-{day:02d}" if iso else f"{day:02d}{sep}{month:02d}{sep}{year}"
    text = f"On {date} at 14:30 hrs"
    assert _analyze("contact", text, Entity.PHONE_NUMBER.value) == []


@PROPERTY_SETTINGS
@given(
    day=st.integers(1, 28),
    month=st.integers(1, 12),
    year=st.integers(1900, 2030),
    lead=st.sampled_from(["On", "Date:", "Statement dated", "Hearing listed for", "Seen on"]),
)
def test_unlabelled_dates_are_not_dates_of_birth(
    day: int, month: int, year: int, lead: str
) -> None:
    for date in (f"{day:02d}/{month:02d}/{year}", f"{day} March {year}"):
        assert _analyze("dates", f"{lead} {date} at 10:00", Entity.DATE_OF_BIRTH.value) == []
        labelled = f"DOB: {date}"
        spans = [(r.start, r.end) for r in _analyze("dates", labelled, "DATE_OF_BIRTH")]
        assert spans == [(5, len(labelled))]


@PROPERTY_SETTINGS
@given(nine=st.text("0123456789", min_size=9, max_size=9), sep=st.sampled_from(["", " ", "-"]))
def test_nhs_numbers_need_a_valid_check_digit(nine: str, sep: str) -> None:
    valid = _nhs_digits(nine)
    for check in "0123456789":
        digits = nine + check
        written = f"{digits[:3]}{sep}{digits[3:6]}{sep}{digits[6:]}"
        text = f"NHS No: {written}"
        spans = [(r.start, r.end) for r in _analyze("uk_health", text, Entity.UK_NHS.value)]
        if digits == valid and len(set(digits)) > 1:
            assert spans == [(8, len(text))]
        else:
            assert spans == []


_AREA1 = "ABCDEFGHIJKLMNOPRSTUWYZ"
_AREA2 = "ABCDEFGHKLMNOPQRSTUVWXY"
_UNIT = "ABDEFGHJLNPQRSTUWXYZ"


@st.composite
def _postcodes(draw: st.DrawFn) -> str:
    digit = st.sampled_from("0123456789")
    first = draw(st.sampled_from(_AREA1))
    shape = draw(st.sampled_from(["A9", "A99", "A9A", "AA9", "AA99", "AA9A"]))
    outward = first
    for i, kind in enumerate(shape[1:], start=1):
        if kind == "9":
            outward += draw(digit)
        elif i == 1:
            outward += draw(st.sampled_from(_AREA2))
        else:
            outward += draw(
                st.sampled_from("ABCDEFGHJKPSTUW" if shape == "A9A" else "ABEHMNPRVWXY")
            )
    inward = draw(digit) + draw(st.sampled_from(_UNIT)) + draw(st.sampled_from(_UNIT))
    return outward + draw(st.sampled_from(["", " "])) + inward


@PROPERTY_SETTINGS
@given(postcode=_postcodes(), lower=st.booleans())
def test_postcodes_are_found_alone_but_not_inside_tokens(postcode: str, lower: bool) -> None:
    written = postcode.lower() if lower else postcode
    text = f"Postcode: {written}."
    spans = [(r.start, r.end) for r in _analyze("uk_address", text, Entity.UK_POSTCODE.value)]
    assert spans == [(10, 10 + len(written))]
    # A digit before, or a letter after, makes it part of a longer reference.
    for glued in (f"Ref 9{written}", f"Ref {written}X", f"URN 05{written}"):
        assert _analyze("uk_address", glued, Entity.UK_POSTCODE.value) == []
