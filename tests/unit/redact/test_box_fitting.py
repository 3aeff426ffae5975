"""Boxes fitted to glyphs: a redaction never takes characters of the line above or below."""

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
from idpc_guard.read.extract import extract_bytes
from idpc_guard.read.layout import page_text, span_boxes
from idpc_guard.redact.plan import redaction_plan
from idpc_guard.redact.redaction import redact, word_boxes
from idpc_guard.verify.verification import verify

ABOVE = "Above gjpqy line with descenders stays intact"
VALUE = "Quistfire 07700900461"
BELOW = "Below Tjkl line with ascenders stays intact"


def _lines_pdf(pitch: float, size: float) -> bytes:
    doc = pymupdf.open()
    page = doc.new_page()
    for i, line in enumerate((ABOVE, f"Middle {VALUE} then more words", BELOW)):
        page.insert_text((56, 100 + i * size * pitch), line, fontname="helv", fontsize=size)
    return doc.tobytes()


@pytest.mark.parametrize("reuse", [False, True], ids=["chars-read-again", "words-as-read"])
@pytest.mark.parametrize("size", [8.0, 11.0])
@pytest.mark.parametrize("pitch", [0.8, 0.9, 1.0, 1.15])
def test_tight_lines_keep_their_characters(pitch: float, size: float, reuse: bool) -> None:
    """Fitted between lines from the page's characters, or from the words extraction read."""
    pdf = _lines_pdf(pitch, size)
    bundle = extract_bytes(pdf, "x.pdf")
    text = page_text(bundle.pages[0])
    start = text.text.index(VALUE)
    detection = Detection(
        "PERSON",
        VALUE,
        0,
        span_boxes(text, start, start + len(VALUE)),
        0.9,
        Source.TEXT,
        "t",
        0,
        start,
        start + len(VALUE),
    )
    decisions = Decisions(
        (Finding("F0001", detection, Action.REDACT, "r", "x", Severity.HIGH),),
        (),
        (),
        Verdict.REVIEW,
    )
    boxes = word_boxes(bundle.pages)
    assert boxes[0], "extraction read the words"
    out = redact(pdf, redaction_plan(decisions, LabelStyle.ENTITY), boxes if reuse else None)
    verify(1, out, redaction_plan(decisions, LabelStyle.ENTITY))
    after = pymupdf.open(stream=out, filetype="pdf")[0].get_text("words")
    words = [w[4] for w in after]
    for line in (ABOVE, BELOW):
        for word in line.split():
            assert word in words, (pitch, size, word)
    assert "Quistfire" not in words and "07700900461" not in words
    assert {"Middle", "then", "more", "words"} <= set(words)
