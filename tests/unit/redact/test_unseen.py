"""What a reader cannot see (off the page, below the CropBox, clipped away) leaves the copy."""

from __future__ import annotations

from collections.abc import Callable

import pymupdf
import pytest

from idpc_guard.redact.unseen import clipped_pictures, clipped_text, remove_unseen
from tests.adversarial import corpus
from tests.adversarial.corpus import ALL_IN_ONE, STATEMENT

EVERYTHING = pymupdf.TEXTFLAGS_TEXT & ~pymupdf.TEXT_CLIP & ~pymupdf.TEXT_MEDIABOX_CLIP
FAR = pymupdf.Rect(-1e5, -1e5, 1e5, 1e5)


def _whole_stream_text(page: pymupdf.Page) -> str:
    return str(page.get_text("text", flags=EVERYTHING, clip=FAR))


@pytest.mark.parametrize(
    "build",
    [
        corpus.below_cropbox,
        corpus.off_the_page,
        corpus.clipped_away,
        corpus.split_and_hex_off_page,
    ],
)
def test_unseen_text_goes_and_the_page_stays(build: Callable[[], bytes]) -> None:
    doc = pymupdf.open(stream=build(), filetype="pdf")
    page = doc[0]
    shown = page.get_text()
    assert _whole_stream_text(page).count("Tel ") + _whole_stream_text(page).count("NHS") > 0
    remove_unseen(page)
    page = doc.reload_page(page)
    assert page.get_text() == shown  # what the page shows is unchanged
    text = _whole_stream_text(page)
    assert ALL_IN_ONE not in text and "Tel " not in text
    assert all(line in text for line in STATEMENT)


def test_the_cropped_off_part_of_a_picture_is_blanked() -> None:
    doc = pymupdf.open(stream=corpus.picture_half_cropped(), filetype="pdf")
    page = doc[0]
    remove_unseen(page)
    (image,) = page.get_images()
    pixels = pymupdf.Pixmap(doc, image[0])
    top = pixels.pixel(pixels.width // 2, 1)
    # Below the CropBox (the picture's lower part) nothing is left but blank pixels.
    lower = {pixels.pixel(x, y) for x in range(0, pixels.width, 7) for y in range(160, 239, 5)}
    assert top == (255, 255, 255) and len(lower) == 1


def test_a_plain_page_is_left_alone() -> None:
    doc = pymupdf.open(stream=corpus.statement().tobytes(), filetype="pdf")
    before = doc[0].read_contents()
    remove_unseen(doc[0])
    assert doc[0].read_contents() == before
    assert clipped_text(doc[0]) == []


def test_the_clipped_away_part_of_a_picture_is_blanked() -> None:
    doc = pymupdf.open(stream=corpus.picture_clipped(), filetype="pdf")
    page = doc[0]
    (hidden,) = clipped_pictures(page)
    remove_unseen(page)
    (image,) = page.get_images()
    pixels = pymupdf.Pixmap(doc, image[0])
    # The first quarter (the line that shows) keeps its text; the rest is one colour.
    assert len({pixels.pixel(x, y) for x in range(0, 900, 3) for y in range(20, 50, 2)}) > 1
    assert len({pixels.pixel(x, y) for x in range(0, 900, 7) for y in range(70, 239, 5)}) == 1
    assert hidden.height > 60
