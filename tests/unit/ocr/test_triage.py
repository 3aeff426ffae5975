"""The glance at a scanned page before OCR: blank pages are skipped, others cut to their ink."""

from __future__ import annotations

import io

import numpy as np
import pymupdf
from PIL import Image, ImageDraw, ImageFont

from idpc_guard.model import Box
from idpc_guard.ocr.triage import ink_box

_FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
WHOLE = Box(0, 0, 595, 842)


def _scanned(
    paper: int = 235,
    ink: int = 20,
    noise: float = 0.0,
    text: tuple[str, float, float] | None = None,
) -> pymupdf.Page:
    """A page holding one scanned picture (150 dpi) of paper, with noise and maybe a line."""
    width, height = int(595 * 150 / 72), int(842 * 150 / 72)
    picture = Image.new("L", (width, height), paper)
    if text is not None:
        words, x, y = text
        font = ImageFont.truetype(_FONT, int(10 * 150 / 72))
        ImageDraw.Draw(picture).text((x * 150 / 72, y * 150 / 72), words, font=font, fill=ink)
    pixels = np.asarray(picture).astype(float)
    pixels += np.random.default_rng(3).normal(0, noise, pixels.shape)
    buffer = io.BytesIO()
    Image.fromarray(np.clip(pixels, 0, 255).astype(np.uint8)).save(buffer, "JPEG", quality=75)
    doc = pymupdf.open()
    page = doc.new_page(width=595, height=842)
    page.insert_image(page.rect, stream=buffer.getvalue())
    return page


def test_an_empty_page_is_blank() -> None:
    doc = pymupdf.open()
    assert ink_box(doc.new_page(width=595, height=842), WHOLE) is None


def test_a_scanned_sheet_of_paper_with_noise_is_blank() -> None:
    assert ink_box(_scanned(noise=12.0), WHOLE) is None


def test_one_short_line_of_small_print_is_read_and_the_page_cut_to_it() -> None:
    box = ink_box(_scanned(noise=8.0, text=("Ref 12", 400, 700)), WHOLE)
    assert box is not None
    assert box.x0 > 350 and box.y0 > 650  # the empty rest of the page is not read
    assert box.x0 <= 400 <= box.x1 and box.y0 <= 705 <= box.y1


def test_light_print_on_a_dark_page_is_ink_too() -> None:
    box = ink_box(_scanned(paper=30, ink=230, text=("Statement of witness", 60, 80)), WHOLE)
    assert box is not None and box.x0 <= 60 and box.y0 <= 85
