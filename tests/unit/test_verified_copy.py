"""The fallback when text resists redaction: the page as a picture, boxes painted in.

Text that PyMuPDF cannot remove is simulated by a redaction stage that removes
nothing: verification then finds the value under its box, and the copy must come
back with that page as a picture (no text, black pixels under the box) rather than
no copy at all. A value left legible elsewhere still refuses the copy.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

import jsonschema
import pymupdf
import pytest

from idpc_guard import verified_copy
from idpc_guard.errors import RedactionNotVerifiedError
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
from idpc_guard.read.extract import extract_bytes
from idpc_guard.read.layout import page_text, span_boxes
from idpc_guard.redact.plan import RedactionPlan
from idpc_guard.report.json import report_dict, report_schema
from idpc_guard.report.text import render_text
from idpc_guard.verified_copy import CopyInput, make_verified_copy
from tests.pdfs import make_pdf

PHONE = "07700 900461"
PAGES = [
    ["WITNESS STATEMENT", "The caller's number was", PHONE, "and nothing else."],
    ["Page two keeps its text."],
]


def _source(pdf: bytes, value: str = PHONE, page: int = 0) -> CopyInput:
    bundle = extract_bytes(pdf, "b.pdf")
    text = page_text(bundle.pages[page])
    start = text.text.index(value)
    boxes = span_boxes(text, start, start + len(value))
    detection = Detection(
        "PHONE_NUMBER", value, page, boxes, 0.9, Source.TEXT, "test", 0, start, start + len(value)
    )
    finding = Finding("F0001", detection, Action.REDACT, "r", "r", Severity.HIGH)
    decisions = Decisions((finding,), (), (), Verdict.REVIEW)
    return CopyInput(pdf, bundle.page_count, decisions, LabelStyle.NONE)


def _resisting(data: bytes, plan: RedactionPlan, boxes: object = None) -> bytes:
    return data  # every glyph "survives" redaction


def test_a_page_whose_text_resists_redaction_is_served_as_a_picture(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(verified_copy, "redact", _resisting)
    source = _source(make_pdf(PAGES))
    copy = make_verified_copy(source, workers=1)
    assert copy.verification.pages_as_images == (0,)
    with pymupdf.open(stream=copy.pdf) as doc:
        assert doc.page_count == 2
        assert doc[0].get_text().strip() == ""  # no text layer left on the picture
        assert "Page two keeps its text." in doc[1].get_text()  # other pages untouched
        box = source.decisions.findings[0].detection.boxes[0]
        pix = doc[0].get_pixmap(clip=pymupdf.Rect(box.as_tuple()), dpi=72)
        assert max(pix.samples) < 40  # black under the box, in the pixels themselves
        ((xref, *_),) = doc[0].get_images()
        image = pymupdf.Pixmap(doc, xref)
        assert image.width > doc[0].rect.width  # a picture at print resolution


def test_a_value_left_legible_elsewhere_still_refuses_the_copy(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    pages = [PAGES[0], [f"The same number, {PHONE}, again."]]
    monkeypatch.setattr(verified_copy, "redact", _resisting)
    source = _source(make_pdf(pages))
    with pytest.raises(RedactionNotVerifiedError, match="F0001"):
        make_verified_copy(source, workers=1)


def test_a_copy_that_verifies_has_no_pages_as_pictures() -> None:
    copy = make_verified_copy(_source(make_pdf(PAGES)), workers=1)
    assert copy.verification.pages_as_images == ()
    with pymupdf.open(stream=copy.pdf) as doc:
        assert PHONE not in doc[0].get_text() and "and nothing else." in doc[0].get_text()


def test_the_report_says_which_pages_are_pictures(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, scanner: Any
) -> None:
    monkeypatch.setattr(verified_copy, "redact", _resisting)
    bundle = tmp_path / "b.pdf"
    bundle.write_bytes(make_pdf(PAGES))
    result = scanner.scan(bundle)
    assert result.report.pages_as_images == (0,)
    data = report_dict(result.report)
    assert data["copy"]["pages_as_images"] == [1]
    assert data["copy"]["sha256"] == hashlib.sha256(result.redacted_pdf).hexdigest()
    errors = list(jsonschema.Draft202012Validator(report_schema()).iter_errors(data))
    assert not errors
    assert "page(s) 1 served as pictures" in render_text(result.report)
