"""Read one PDF page into a :class:`~idpc_guard.model.Page`, within the input limits.

Used by :mod:`idpc_guard.page_worker`, which runs it in a worker process so that a
page that hangs the PDF library can be stopped.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pymupdf

from idpc_guard.errors import LimitExceededError
from idpc_guard.model import Box, ImageInfo, Page, Source, Word
from idpc_guard.textquality import is_garbage

#: ``rawdict`` text without image blocks: the text stage never decodes image pixels,
#: so a decompression bomb in an image is not expanded here.
TEXT_FLAGS = pymupdf.TEXTFLAGS_RAWDICT & ~pymupdf.TEXT_PRESERVE_IMAGES

GARBAGE_TEXT = (
    "its text layer is unreadable (fonts without a Unicode map); check the page by eye or OCR it"
)


@dataclass(frozen=True, slots=True, kw_only=True)
class Limits:
    """Input limits, each with a command-line flag to change it.

    A bundle over ``max_bytes`` or ``max_pages``, or holding an image of more than
    ``max_image_pixels``, is refused (exit status 3). A page whose reading takes
    more than ``page_seconds`` is not scanned: it is reported as a ``not_scanned``
    document issue and removed from the redacted copy.
    """

    max_pages: int = 5000
    max_bytes: int = 1024 * 1024 * 1024
    max_image_pixels: int = 150_000_000
    page_seconds: float = 30.0


def read_page(page: pymupdf.Page, index: int, limits: Limits) -> Page:
    """Read a page's words and images; refuse an image over the pixel limit."""
    images = tuple(_images(page, index, limits))
    raw = page.get_text("rawdict", sort=True, flags=TEXT_FLAGS)
    words = tuple(_words(raw))
    rect = page.rect
    garbage = is_garbage(w.text for w in words)
    return Page(
        index=index,
        width=float(rect.width),
        height=float(rect.height),
        words=() if garbage else words,
        images=images,
        has_text_layer=bool(words) and not garbage,
        unscanned=GARBAGE_TEXT if garbage else "",
        covers=tuple(_covers(page, _light_text(raw))),
    )


#: A redaction box: filled, nearly black, at least a word wide and a line high.
_COVER_DARKNESS = 0.25
_COVER_MIN_WIDTH = 8.0
_COVER_HEIGHT = (5.0, 80.0)


def _light_text(raw: dict[str, Any]) -> list[Box]:
    """Boxes of text spans drawn in a light colour (white on a dark band is visible)."""
    boxes: list[Box] = []
    for block in raw.get("blocks", ()):
        for line in block.get("lines", ()):
            for span in line.get("spans", ()):
                color = int(span.get("color", 0))
                r, g, b = (color >> 16) & 255, (color >> 8) & 255, color & 255
                if 0.299 * r + 0.587 * g + 0.114 * b > 150:
                    x0, y0, x1, y1 = (float(v) for v in span["bbox"])
                    if x1 >= x0 and y1 >= y0:
                        boxes.append(Box(x0, y0, x1, y1))
    return boxes


def _covers(page: pymupdf.Page, light: list[Box]) -> Iterator[Box]:
    """Dark filled rectangles that could hide text (not dark bands under light text)."""
    for path in page.get_drawings():
        fill = path.get("fill")
        if not fill or max(fill) > _COVER_DARKNESS or (path.get("fill_opacity") or 1.0) < 0.9:
            continue
        rect = path["rect"]
        if not (
            rect.width >= _COVER_MIN_WIDTH and _COVER_HEIGHT[0] <= rect.height <= _COVER_HEIGHT[1]
        ):
            continue
        box = Box(float(rect.x0), float(rect.y0), float(rect.x1), float(rect.y1))
        if any(box.intersects(span) for span in light):
            continue
        yield box


def _words(raw: dict[str, Any]) -> Iterator[Word]:
    """Group the characters of each line into whitespace-separated words."""
    line_no = 0
    for block in raw.get("blocks", ()):
        if block.get("type", 0) != 0:
            continue
        for line in block.get("lines", ()):
            horizontal = abs(line["dir"][1]) < 1e-3 and line["dir"][0] > 0
            chars: list[dict[str, Any]] = []
            for span in line["spans"]:
                chars.extend(span["chars"])
            yield from _split_words(chars, line_no, horizontal)
            line_no += 1


def _split_words(chars: list[dict[str, Any]], line_no: int, horizontal: bool) -> Iterator[Word]:
    run: list[dict[str, Any]] = []
    for char in [*chars, None]:
        if char is None or char["c"].isspace():
            if run:
                yield _make_word(run, line_no, horizontal)
                run = []
            continue
        run.append(char)


def _make_word(run: list[dict[str, Any]], line_no: int, horizontal: bool) -> Word:
    x0 = min(c["bbox"][0] for c in run)
    y0 = min(c["bbox"][1] for c in run)
    x1 = max(c["bbox"][2] for c in run)
    y1 = max(c["bbox"][3] for c in run)
    text = "".join(c["c"] for c in run)
    edges: tuple[float, ...] = ()
    if horizontal and len(text) == len(run):
        edges = (*(float(c["bbox"][0]) for c in run), float(run[-1]["bbox"][2]))
    return Word(
        text=text,
        box=Box(float(x0), float(y0), float(max(x0, x1)), float(max(y0, y1))),
        line=line_no,
        source=Source.TEXT,
        char_edges=edges,
    )


def _check_image_sizes(page: pymupdf.Page, index: int, limits: Limits) -> None:
    """Refuse an image over the pixel limit, from its declared size (nothing is decoded)."""
    for image in page.get_images(full=True):
        width, height = int(image[2]), int(image[3])
        if width * height > limits.max_image_pixels:
            raise LimitExceededError(
                f"page {index + 1} has an image of {width}x{height} pixels, over the limit of "
                f"{limits.max_image_pixels}; raise it with --max-image-pixels if it is genuine"
            )


def _images(page: pymupdf.Page, index: int, limits: Limits) -> Iterator[ImageInfo]:
    _check_image_sizes(page, index, limits)
    for info in page.get_image_info(xrefs=True):
        width, height = int(info.get("width", 0)), int(info.get("height", 0))
        if width * height > limits.max_image_pixels:
            raise LimitExceededError(
                f"page {index + 1} has an image of {width}x{height} pixels, over the limit of "
                f"{limits.max_image_pixels}; raise it with --max-image-pixels if it is genuine"
            )
        x0, y0, x1, y1 = info["bbox"]
        if not x0 <= x1 or not y0 <= y1:  # also refuses NaN
            continue
        yield ImageInfo(
            xref=int(info.get("xref", 0)),
            box=Box(float(x0), float(y0), float(x1), float(y1)),
            width=width,
            height=height,
        )
