"""Box widths that do not give a name's length away: widened into blank space only."""

from __future__ import annotations

import pymupdf
import pytest

from idpc_guard.model import (
    Action,
    Decisions,
    Detection,
    Finding,
    LabelStyle,
    Severity,
    Source,
    Verdict,
)
from idpc_guard.policy.cps import BoxPolicy, BoxWidth
from idpc_guard.read.extract import extract_bytes
from idpc_guard.read.layout import page_text, span_boxes
from idpc_guard.redact.widths import CLEARANCE, widened
from idpc_guard.verified_copy import CopyInput, make_verified_copy
from tests.pdfs import make_pdf

# Invented people: one short name, one long; each at a line's end, then one before a word.
SHORT = "Ann Yeo"
LONG = "Bartholomew Quennington-Smythe"
LINES = [
    "Statement of the caller, who said she saw",
    SHORT,
    "and then, later that evening,",
    LONG,
    f"spoke to {SHORT} outside the shop.",
]
QUANTISED = BoxPolicy(BoxWidth.QUANTISED, frozenset({"PERSON"}), 36.0, 144.0)
FIXED = BoxPolicy(BoxWidth.FIXED, frozenset({"PERSON"}), 36.0, 220.0)


def _findings(pdf: bytes) -> tuple[Finding, ...]:
    text = page_text(extract_bytes(pdf, "b.pdf").pages[0])
    findings = []
    starts = [text.text.index(SHORT), text.text.index(LONG), text.text.rindex(SHORT)]
    for number, start in enumerate(starts, start=1):
        value = text.text[start : start + (len(LONG) if number == 2 else len(SHORT))]
        boxes = span_boxes(text, start, start + len(value))
        detection = Detection(
            "PERSON", value, 0, boxes, 0.9, Source.TEXT, "t", 0, start, start + len(value)
        )
        findings.append(
            Finding(f"F{number:04d}", detection, Action.REDACT, "r", "r", Severity.MEDIUM)
        )
    return tuple(findings)


def _black_boxes(pdf: bytes) -> list[pymupdf.Rect]:
    with pymupdf.open(stream=pdf) as doc:
        drawings = doc[0].get_drawings()
        return sorted(
            (
                pymupdf.Rect(item[1])
                for d in drawings
                if d.get("fill") == (0.0, 0.0, 0.0)
                for item in d["items"]
                if item[0] == "re"
            ),
            key=lambda r: (r.y0, r.x0),
        )


def _copy(policy: BoxPolicy) -> tuple[bytes, tuple[Finding, ...]]:
    pdf = make_pdf([LINES])
    findings = _findings(pdf)
    source = CopyInput(
        pdf,
        1,
        Decisions(findings, (), (), Verdict.REVIEW),
        LabelStyle.ENTITY,
        box_width=policy,
    )
    copy = make_verified_copy(source, workers=1)
    assert copy.verification.pages_as_images == ()  # verified, its text kept
    return copy.pdf, findings


@pytest.mark.parametrize("policy", [QUANTISED, FIXED], ids=["quantised", "fixed"])
def test_two_names_of_different_lengths_give_boxes_of_one_width(policy: BoxPolicy) -> None:
    pdf, findings = _copy(policy)
    short, long_, inline = _black_boxes(pdf)
    exact = [f.detection.boxes[0] for f in findings]
    assert exact[0].width < exact[1].width / 2  # the names really differ in length
    if policy is QUANTISED:
        # Each rounds up to a whole number of steps, so names within a step look alike.
        for box, value in ((short, exact[0]), (long_, exact[1])):
            steps = box.width / 36.0
            assert steps == pytest.approx(round(steps), abs=0.001)
            assert value.width - 0.6 <= box.width < value.width + 36.0
    else:
        assert short.width == pytest.approx(long_.width, abs=0.01)
        assert short.width == pytest.approx(220.0, abs=0.01)
    # The name followed by a word widens only into the gap before it.
    with pymupdf.open(stream=pdf) as doc:
        page = doc[0]
        text = page.get_text()
        assert SHORT not in text and LONG not in text
        assert "outside the shop." in text
        outside = page.search_for("outside")[0]
        assert inline.x1 <= outside.x0 - CLEARANCE + 0.01
        spoke = page.search_for("spoke to")[0]
        assert inline.x0 >= spoke.x1  # nor into the words before it
        # The text after the box keeps its place.
        original = pymupdf.open(stream=make_pdf([LINES]))[0].search_for("outside")[0]
        assert tuple(outside) == pytest.approx(tuple(original), abs=0.01)


def test_exact_boxes_are_as_wide_as_the_value() -> None:
    pdf, findings = _copy(BoxPolicy())
    short, long_, _ = _black_boxes(pdf)
    assert short.width == pytest.approx(findings[0].detection.boxes[0].width - 0.6, abs=0.01)
    assert long_.width > short.width * 2


def test_widened_stops_at_the_neighbours_and_the_page() -> None:
    policy = BoxPolicy(BoxWidth.FIXED, frozenset({"PERSON"}), 36.0, 100.0)
    value = (100.0, 10.0, 130.0, 20.0)
    drawn = (100.3, 12.0, 129.7, 18.0)
    page = (0.0, 0.0, 595.0, 842.0)
    # Blank line: grows right to 100 points.
    assert widened(value, drawn, policy, [value], page) == (100.3, 12.0, 200.3, 18.0)
    # A word 20 points after: grows to it, then left.
    after = (150.0, 10.5, 180.0, 19.5)
    x0, _, x1, _ = widened(value, drawn, policy, [after], page)
    assert x1 == pytest.approx(150.0 - CLEARANCE)
    assert x0 == pytest.approx(x1 - 100.0)
    # Words both sides: held between them.
    before = (60.0, 10.5, 95.0, 19.5)
    assert widened(value, drawn, policy, [before, after], page) == (
        95.0 + CLEARANCE,
        12.0,
        150.0 - CLEARANCE,
        18.0,
    )
    # A word of another line is not in the way; one running into the value stops it there.
    below = (131.0, 30.0, 400.0, 40.0)
    assert widened(value, drawn, policy, [below], page)[2] == pytest.approx(200.3)
    joined = (100.0, 10.0, 133.0, 20.0)  # "Name," read as one word
    assert widened(value, drawn, policy, [joined], page)[2] == pytest.approx(129.7)
    # The page's edge.
    assert widened(value, drawn, policy, [], (0.0, 0.0, 150.0, 842.0))[2] == 150.0
    # Exact boxes and other entities are left alone.
    assert widened(value, drawn, BoxPolicy(), [], page) == drawn
    assert not policy.widens("PHONE_NUMBER") and policy.widens("PERSON")


def test_a_scan_with_fixed_boxes_verifies_its_copy(scanner: object) -> None:
    from idpc_guard.scanner import Scanner, ScanOptions
    from tests.conftest import FIXTURES

    assert isinstance(scanner, Scanner)
    bundle = FIXTURES / "sample_bundle.pdf"
    exact = scanner.scan(bundle, ScanOptions())
    fixed = scanner.scan(bundle, ScanOptions(box_width=BoxWidth.FIXED))
    assert fixed.redacted_pdf is not None and fixed.verification is not None
    assert fixed.report.decisions == exact.report.decisions
    # The copy's text is the same: only the boxes drawn differ.
    with (
        pymupdf.open(stream=exact.redacted_pdf) as a,
        pymupdf.open(stream=fixed.redacted_pdf) as b,
    ):
        assert [p.get_text() for p in a] == [p.get_text() for p in b]
    assert fixed.report.options_fingerprint != exact.report.options_fingerprint
    assert scanner.options_fingerprint(ScanOptions(box_width=BoxWidth.EXACT)) == (
        exact.report.options_fingerprint
    )
