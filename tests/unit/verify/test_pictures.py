"""Verification of values redacted from pictures: whole words read again, not substrings.

The OCR engine is a stand-in that "reads" fixed words, so these tests say what the
check concludes from what OCR returns, fast and without models.
"""

from __future__ import annotations

import numpy as np
import pymupdf
import pytest

from idpc_guard.errors import RedactionNotVerifiedError
from idpc_guard.model import Action, Box, Decisions, Detection, Finding, Severity, Source, Verdict
from idpc_guard.ocr.lines import Image, OcrLine, OcrWord
from idpc_guard.redact.plan import redaction_plan
from idpc_guard.verify.verification import _in_word_runs, verify


class _Reads:
    """An engine that reads the same words from any picture."""

    name = "stand-in"

    def __init__(self, *lines: str) -> None:
        self.lines = lines

    def has_text(self, image: Image) -> bool:
        return True

    def read(self, image: Image, *, sparse: bool = False) -> list[OcrLine]:
        quad = ((0.0, 0.0), (10.0, 0.0), (10.0, 10.0), (0.0, 10.0))
        return [OcrLine(tuple(OcrWord(w, quad, 0.9) for w in line.split())) for line in self.lines]


def _picture_pdf() -> bytes:
    doc = pymupdf.open()
    page = doc.new_page(width=595, height=842)
    pixels = np.full((200, 400, 3), 230, np.uint8)
    pix = pymupdf.Pixmap(pymupdf.csRGB, 400, 200, pixels.tobytes(), False)
    page.insert_image(pymupdf.Rect(50, 50, 450, 250), pixmap=pix)
    data: bytes = doc.tobytes()
    return data


def _decisions(value: str, entity: str = "PERSON") -> Decisions:
    detection = Detection(
        entity, value, 0, (Box(60, 60, 120, 75),), 0.85, Source.OCR, "test", 0, 0, len(value)
    )
    finding = Finding("F0001", detection, Action.REDACT, "r", "r", Severity.MEDIUM)
    return Decisions((finding,), (), (), Verdict.REVIEW)


@pytest.mark.parametrize(
    ("value", "tokens", "found"),
    [
        ("9434765919", ["943", "4765919"], True),  # OCR split the number
        ("9434765919", ["NHS:", "9434765919"], True),
        ("signat", ["signature", "of", "witness"], False),  # inside a longer word
        ("annelowe", ["anne", "lowell"], False),  # a run that overshoots is not the value
        ("abc", ["abc"], False),  # too short to say anything
    ],
)
def test_a_value_is_a_run_of_whole_ocr_words(value: str, tokens: list[str], found: bool) -> None:
    assert _in_word_runs(value, [t.casefold().strip(":") for t in tokens]) is found


def test_a_redacted_word_that_begins_a_word_still_on_the_picture_is_not_a_failure() -> None:
    pdf = _picture_pdf()
    decisions = _decisions("RX5848", "HOSPITAL_NUMBER")
    engine = _Reads("Ref RX584849 of the ward")
    verification = verify(1, pdf, redaction_plan(decisions), ocr_engine=lambda: engine)
    assert verification.values_checked == 1


def test_a_value_read_again_from_the_picture_fails_verification() -> None:
    pdf = _picture_pdf()
    decisions = _decisions("Ondrel Quistfire")
    engine = _Reads("Seen by Ondrel Quist fire today")
    with pytest.raises(RedactionNotVerifiedError, match="F0001"):
        verify(1, pdf, redaction_plan(decisions), ocr_engine=lambda: engine)
