"""Verification of scanned pages against the scan's own OCR words, without reading them again.

A scanned page is drawn here (an invented number on a grey page, as a picture filling
the page), its words given as the scan's OCR would have read them, and the OCR engine
is a stand-in that counts its readings: these tests say what the checks conclude
(every occurrence under a box, the pixels under each box gone, a crop read only where
a box's side touches ink), fast and without models.
"""

from __future__ import annotations

import io

import numpy as np
import pymupdf
import pytest
from PIL import Image, ImageDraw, ImageFont

from idpc_guard.errors import RedactionNotVerifiedError
from idpc_guard.model import (
    Action,
    Box,
    Decisions,
    Detection,
    Finding,
    Severity,
    Source,
    Verdict,
    Word,
)
from idpc_guard.ocr.lines import Image as Pixels
from idpc_guard.ocr.lines import OcrLine, OcrWord
from idpc_guard.redact.plan import redaction_plan
from idpc_guard.redact.redaction import redact
from idpc_guard.verify.pictures import _piece_beside
from idpc_guard.verify.verification import verify

VALUE = "9434765919"
#: Pixels per point of the drawn scan (144 dpi).
SCALE = 2.0
_FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"


class _Reader:
    """An engine that reads the same words from any picture and counts its readings."""

    name = "stand-in"

    def __init__(self, *lines: str) -> None:
        self.lines = lines
        self.reads = 0

    def has_text(self, image: Pixels) -> bool:
        return True

    def read(self, image: Pixels, *, sparse: bool = False) -> list[OcrLine]:
        self.reads += 1
        h, w = image.shape[:2]  # every word in the middle of the picture
        quad = ((w * 0.1, h * 0.4), (w * 0.9, h * 0.4), (w * 0.9, h * 0.6), (w * 0.1, h * 0.6))
        return [OcrLine(tuple(OcrWord(t, quad, 0.9) for t in line.split())) for line in self.lines]


def _scan(*texts: tuple[str, float, float]) -> tuple[bytes, list[Word]]:
    """A page scanned as a picture with ``(text, x, y)`` drawn (points); its OCR words."""
    width, height = int(595 * SCALE), int(842 * SCALE)
    picture = Image.new("L", (width, height), 235)
    draw = ImageDraw.Draw(picture)
    font = ImageFont.truetype(_FONT, int(12 * SCALE))
    words: list[Word] = []
    for line, (text, x, y) in enumerate(texts):
        left, top, right, bottom = draw.textbbox((x * SCALE, y * SCALE), text, font=font)
        draw.text((x * SCALE, y * SCALE), text, font=font, fill=20)
        box = Box(left / SCALE, top / SCALE, right / SCALE, bottom / SCALE)
        edges = tuple(x + font.getlength(text[:i]) / SCALE for i in range(len(text) + 1))
        words.append(Word(text, box, line, Source.OCR, edges))
    buffer = io.BytesIO()
    picture.save(buffer, "PNG")
    doc = pymupdf.open()
    page = doc.new_page(width=595, height=842)
    page.insert_image(page.rect, stream=buffer.getvalue())
    data: bytes = doc.tobytes()
    return data, words


def _decisions(*boxes: Box) -> Decisions:
    detection = Detection("UK_NHS", VALUE, 0, boxes, 0.9, Source.OCR, "test", 0, 0, len(VALUE))
    finding = Finding("F0001", detection, Action.REDACT, "r", "r", Severity.HIGH)
    return Decisions((finding,), (), (), Verdict.REVIEW)


def _verify(pdf: bytes, copy: bytes, decisions: Decisions, words: list[Word], engine: _Reader):
    return verify(
        1,
        copy,
        redaction_plan(decisions),
        ocr_engine=lambda: engine,
        original=pdf,
        picture_words={0: tuple(words)},
    )


def test_a_value_under_its_box_passes_without_reading_the_page_again() -> None:
    pdf, words = _scan(("Number", 60, 100), (VALUE, 140, 100))
    decisions = _decisions(words[1].box)
    engine = _Reader()
    verification = _verify(pdf, redact(pdf, redaction_plan(decisions)), decisions, words, engine)
    assert verification.values_checked == 1
    assert engine.reads == 0  # the box's sides lie on paper: nothing to read round it


def test_a_value_followed_by_a_comma_is_covered_by_its_box() -> None:
    pdf, words = _scan(("Number", 60, 100), (VALUE + ",", 140, 100))
    word = words[1]
    decisions = _decisions(Box(word.box.x0, word.box.y0, word.char_edges[-2], word.box.y1))
    engine = _Reader()
    verification = _verify(pdf, redact(pdf, redaction_plan(decisions)), decisions, words, engine)
    assert verification.values_checked == 1
    assert engine.reads == 0  # a comma beside the box is no piece of a letter cut by it


def test_a_box_in_the_wrong_place_fails() -> None:
    pdf, words = _scan(("Number", 60, 100), (VALUE, 140, 100))
    decisions = _decisions(Box(300, 400, 380, 416))
    copy = redact(pdf, redaction_plan(decisions))
    with pytest.raises(RedactionNotVerifiedError, match="F0001"):
        _verify(pdf, copy, decisions, words, _Reader())


def test_another_occurrence_of_the_value_left_unboxed_fails() -> None:
    pdf, words = _scan((VALUE, 140, 100), ("Again", 60, 300), (VALUE, 140, 300))
    decisions = _decisions(words[0].box)
    copy = redact(pdf, redaction_plan(decisions))
    with pytest.raises(RedactionNotVerifiedError, match="F0001"):
        _verify(pdf, copy, decisions, words, _Reader())


def test_a_value_only_covered_by_a_drawn_box_fails_on_its_pixels() -> None:
    pdf, words = _scan((VALUE, 140, 100))
    decisions = _decisions(words[0].box)
    with pymupdf.open(stream=pdf) as doc:  # covered, not removed: the pixels stay under
        b = words[0].box
        doc[0].draw_rect(pymupdf.Rect(b.x0 - 3, b.y0 - 3, b.x1 + 3, b.y1 + 3), fill=(0, 0, 0))
        covered = doc.tobytes()
    with pytest.raises(RedactionNotVerifiedError, match="F0001"):
        _verify(pdf, covered, decisions, words, _Reader())


def test_a_box_ending_inside_the_ink_is_read_round_and_a_value_read_there_fails() -> None:
    pdf, words = _scan((VALUE, 140, 100))
    word = words[0]
    # The OCR's box was short: it ends in the middle of the number's ink.
    short = Box(word.box.x0, word.box.y0, (word.box.x0 + word.box.x1) / 2, word.box.y1)
    decisions = _decisions(short)
    shortened = [Word(VALUE, short, 0, Source.OCR)]
    copy = redact(pdf, redaction_plan(decisions))
    assert _verify(pdf, copy, decisions, shortened, _Reader("nothing here")).values_checked == 1
    engine = _Reader(f"Number {VALUE}")
    with pytest.raises(RedactionNotVerifiedError, match="F0001"):
        _verify(pdf, copy, decisions, shortened, engine)
    assert engine.reads == 1


@pytest.mark.parametrize(
    ("text", "box", "legible"),
    [
        ("765919", Box(182, 100, 220, 112), True),  # the rest of the number, just right of it
        ("765919", Box(400, 100, 440, 112), False),  # far along the line
        ("765919", Box(182, 130, 220, 142), False),  # on the next line
        ("and", Box(182, 100, 200, 112), False),  # the next word
        ("19", Box(182, 100, 192, 112), False),  # too short a piece to tell
        ("NHS", Box(150, 100, 170, 112), False),  # inside the box: its label
    ],
)
def test_a_piece_of_the_value_beside_its_box(text: str, box: Box, legible: bool) -> None:
    rect = pymupdf.Rect(138, 99, 181, 113)
    assert _piece_beside(VALUE, rect, [(text, box)]) is legible


def test_a_page_scanned_blank_under_a_box_is_one_colour() -> None:
    pdf, words = _scan((VALUE, 140, 100))
    decisions = _decisions(words[0].box)
    copy = redact(pdf, redaction_plan(decisions))
    with pymupdf.open(stream=copy) as doc:
        info = doc[0].get_image_info(xrefs=True)[0]
        pix = pymupdf.Pixmap(doc, info["xref"])
        pixels = np.frombuffer(pix.samples, np.uint8).reshape(pix.height, pix.width, pix.n)
    b = words[0].box
    inside = pixels[int(b.y0 * SCALE) + 2 : int(b.y1 * SCALE) - 2, int(b.x0 * SCALE) + 2]
    assert int(inside.max()) - int(inside.min()) == 0
