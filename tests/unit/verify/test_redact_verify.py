from __future__ import annotations

import pymupdf
import pytest

from idpc_guard.errors import RedactionNotVerifiedError
from idpc_guard.model import (
    Action,
    Box,
    Decisions,
    Detection,
    Finding,
    PageAction,
    PageActionKind,
    PageText,
    Severity,
    Source,
    Verdict,
)
from idpc_guard.read.extract import extract_bytes
from idpc_guard.read.layout import page_text, span_boxes
from idpc_guard.redact.plan import redaction_plan
from idpc_guard.redact.redaction import redact
from idpc_guard.verify.verification import verify
from tests.pdfs import make_pdf, page_texts

LINES = [
    "Tel:07700 900123 is her number.",
    "She was born on 03/02/1961 and lives nearby.",
    "The next line must stay: 07700 and 1961 are fine alone.",
]


def _finding(
    text: PageText, value: str, number: int = 1, action: Action = Action.REDACT, page: int = 0
) -> Finding:
    start = text.text.index(value)
    detection = Detection(
        "PHONE_NUMBER",
        value,
        page,
        span_boxes(text, start, start + len(value)),
        0.9,
        Source.TEXT,
        "test",
        0,
        start,
        start + len(value),
    )
    return Finding(f"F{number:04d}", detection, action, "r", "reason", Severity.HIGH)


def _decisions(*findings: Finding, remove: tuple[int, ...] = ()) -> Decisions:
    return Decisions(
        findings=findings,
        page_actions=tuple(PageAction(p, PageActionKind.REMOVE, "back page") for p in remove),
        document_issues=(),
        verdict=Verdict.REVIEW,
    )


def test_redaction_removes_exactly_the_value() -> None:
    pdf = make_pdf([LINES])
    text = page_text(extract_bytes(pdf, "x.pdf").pages[0])
    decisions = _decisions(_finding(text, "07700 900123"), _finding(text, "03/02/1961", 2))
    out = redact(pdf, redaction_plan(decisions))
    verify(1, out, redaction_plan(decisions))
    (after,) = page_texts(out)
    assert "900123" not in after and "03/02/1961" not in after
    assert "Tel:" in after  # the label glued to the value stays
    assert "is her number." in after
    assert "She was born on" in after and "and lives nearby." in after
    assert LINES[2] in after  # the line below the DOB is untouched
    raw = pymupdf.open(stream=out, filetype="pdf").tobytes(expand=255)
    assert b"900123" not in raw


def test_removed_pages_go_and_metadata_is_scrubbed() -> None:
    doc = pymupdf.open(stream=make_pdf([["front page"], ["WITNESS CONTACT DETAILS"], ["last"]]))
    doc.set_metadata({"author": "Some Author", "title": "Case of someone"})
    doc.set_xml_metadata("<x:xmpmeta xmlns:x='adobe:ns:meta/'>secret</x:xmpmeta>")
    doc.set_toc([[1, "Front", 1], [1, "Contact details", 2], [1, "Last", 3]])
    pdf = doc.tobytes()
    decisions = _decisions(remove=(1,))
    out = redact(pdf, redaction_plan(decisions))
    verify(3, out, redaction_plan(decisions))
    result = pymupdf.open(stream=out, filetype="pdf")
    assert result.page_count == 2
    assert [p.get_text().strip() for p in result] == ["front page", "last"]
    assert not result.metadata["author"] and not result.metadata["title"]
    assert result.get_xml_metadata() == ""


def test_outline_titles_lose_redacted_values() -> None:
    doc = pymupdf.open(stream=make_pdf([["Tel:07700 900123"]]))
    doc.set_toc([[1, "Statement, tel 07700 900123", 1]])
    pdf = doc.tobytes()
    text = page_text(extract_bytes(pdf, "x.pdf").pages[0])
    out = redact(pdf, redaction_plan(_decisions(_finding(text, "07700 900123"))))
    toc = pymupdf.open(stream=out, filetype="pdf").get_toc()
    assert toc[0][1] == "Statement, tel [redacted]"


def test_verify_refuses_a_copy_where_a_value_survives() -> None:
    pdf = make_pdf([LINES])
    text = page_text(extract_bytes(pdf, "x.pdf").pages[0])
    finding = _finding(text, "07700 900123")
    # Redact with a box that misses the value: verification must catch it.
    wrong = Detection(
        "PHONE_NUMBER", "07700 900123", 0, (Box(400, 700, 420, 710),), 0.9, Source.TEXT, "test", 0
    )
    out = redact(
        pdf,
        redaction_plan(_decisions(Finding("F0001", wrong, Action.REDACT, "r", "x", Severity.HIGH))),
    )
    with pytest.raises(RedactionNotVerifiedError, match="F0001") as info:
        verify(1, out, redaction_plan(_decisions(finding)))
    assert "900123" not in str(info.value)


def test_verify_refuses_when_a_removed_page_is_still_there() -> None:
    pdf = make_pdf([["a"], ["b"]])
    with pytest.raises(RedactionNotVerifiedError, match="removed pages"):
        verify(2, pdf, redaction_plan(_decisions(remove=(1,))))


def test_a_value_kept_elsewhere_is_only_checked_under_its_boxes() -> None:
    pdf = make_pdf([["Call 07700 900123 now", "and again 07700 900123 later"]])
    text = page_text(extract_bytes(pdf, "x.pdf").pages[0])
    first = _finding(text, "07700 900123")
    second_start = text.text.rindex("07700 900123")
    kept = Finding(
        "F0002",
        Detection(
            "PHONE_NUMBER",
            "07700 900123",
            0,
            span_boxes(text, second_start, second_start + 12),
            0.9,
            Source.TEXT,
            "t",
            0,
        ),
        Action.KEEP,
        "keep",
        "kept",
        Severity.LOW,
    )
    decisions = _decisions(first, kept)
    out = redact(pdf, redaction_plan(decisions))
    verify(1, out, redaction_plan(decisions))
    assert page_texts(out)[0].count("07700 900123") == 1
