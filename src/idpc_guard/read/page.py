"""Read one PDF page into a :class:`~idpc_guard.model.Page`, within the input limits.

Used by :mod:`idpc_guard.read.workers`, which runs it in a worker process so that a
page that hangs the PDF library can be stopped.
"""

from __future__ import annotations

from array import array
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

import pymupdf

from idpc_guard.errors import LimitExceededError
from idpc_guard.model import Box, ImageInfo, Page, Source, Unscanned, Word
from idpc_guard.read.trust import untrusted_boxes
from idpc_guard.text.quality import is_garbage, writable

#: ``rawdict`` text without image blocks: the text stage never decodes image pixels,
#: so a decompression bomb in an image is not expanded here.
TEXT_FLAGS = pymupdf.TEXTFLAGS_RAWDICT & ~pymupdf.TEXT_PRESERVE_IMAGES


@dataclass(frozen=True, slots=True, kw_only=True)
class Limits:
    """Input limits, each with a command-line flag to change it.

    A bundle over ``max_bytes`` or ``max_pages``, or holding an image of more than
    ``max_image_pixels``, is refused (exit status 3). A page whose reading takes
    more than ``page_seconds`` is not scanned: it is reported as a ``not_scanned``
    document issue and removed from the redacted copy. A page with more than
    ``max_page_redactions`` separate boxes to redact (a damaged page drawn with
    thousands of values) is refused when the copy is made (exit status 3).
    """

    max_pages: int = 5000
    max_bytes: int = 1024 * 1024 * 1024
    max_image_pixels: int = 150_000_000
    page_seconds: float = 30.0
    max_page_redactions: int = 3000


def read_page(page: pymupdf.Page, index: int, limits: Limits) -> Page:
    """Read a page's words and images; refuse an image over the pixel limit."""
    return unpack_page(read_packed_page(page, index, limits))


#: A word as plain values: ``(text, x0, y0, x1, y1, line, char_edges)`` (a text word).
WordRow = tuple[str, float, float, float, float, int, Sequence[float]]
#: A page as plain values (see :func:`read_packed_page`): what the page worker sends
#: back, as plain tuples pickle and unpickle many times faster than model objects.
PackedPage = tuple[
    int,
    float,
    float,
    tuple[WordRow, ...],
    tuple[tuple[int, float, float, float, float, int, int], ...],
    bool,
    tuple[tuple[float, float, float, float], ...],
    Unscanned | None,
    tuple[tuple[float, float, float, float], ...],
]


def read_packed_page(page: pymupdf.Page, index: int, limits: Limits) -> PackedPage:
    """:func:`read_page` as plain values; :func:`unpack_page` makes the :class:`Page`."""
    images = tuple(
        (i.xref, *i.box.as_tuple(), i.width, i.height) for i in _images(page, index, limits)
    )
    raw = page.get_text("rawdict", sort=True, flags=TEXT_FLAGS)
    rows = _word_rows(raw)
    rect = page.rect
    garbage = is_garbage(row[0] for row in rows)
    drawings = page.get_drawings()
    try:
        untrusted = untrusted_boxes(page, raw, drawings, rows)
    except (ValueError, RuntimeError, KeyError, IndexError, TypeError):
        # A font or map the check cannot parse: the page is still read, and its text is
        # read again by OCR rather than trusted or lost.
        untrusted = tuple(Box(row[1], row[2], row[3], row[4]) for row in rows)
    return (
        index,
        float(rect.width),
        float(rect.height),
        () if garbage else tuple(rows),
        images,
        bool(rows) and not garbage,
        tuple(box.as_tuple() for box in _covers(drawings, _light_text(raw))),
        Unscanned.GARBAGE_TEXT if garbage else None,
        tuple(box.as_tuple() for box in untrusted),
    )


def unpack_page(packed: PackedPage) -> Page:
    """The :class:`Page` that :func:`read_packed_page` read."""
    index, width, height, rows, images, has_text_layer, covers, unscanned, untrusted = packed
    return Page(
        index=index,
        width=width,
        height=height,
        words=tuple(
            Word(text, Box(x0, y0, x1, y1), line, Source.TEXT, edges)
            for text, x0, y0, x1, y1, line, edges in rows
        ),
        images=tuple(
            ImageInfo(xref, Box(x0, y0, x1, y1), w, h) for xref, x0, y0, x1, y1, w, h in images
        ),
        has_text_layer=has_text_layer,
        covers=tuple(Box(*box) for box in covers),
        unscanned=unscanned,
        untrusted=tuple(Box(*box) for box in untrusted),
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


def _covers(drawings: Sequence[dict[str, Any]], light: list[Box]) -> Iterator[Box]:
    """Dark filled rectangles that could hide text (not dark bands under light text)."""
    for path in drawings:
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


def _word_rows(raw: dict[str, Any]) -> list[WordRow]:
    """Group the characters of each line into whitespace-separated words (as rows).

    A page holds thousands of characters: this loop is kept plain on purpose.
    """
    rows: list[WordRow] = []
    line_no = 0
    for block in raw.get("blocks", ()):
        if block.get("type", 0) != 0:
            continue
        for line in block.get("lines", ()):
            direction = line["dir"]
            horizontal = abs(direction[1]) < 1e-3 and direction[0] > 0
            run: list[dict[str, Any]] = []
            for span in line["spans"]:
                for char in span["chars"]:
                    if char["c"].isspace():
                        if run:
                            rows.append(_word_row(run, line_no, horizontal))
                            run = []
                    else:
                        run.append(char)
            if run:
                rows.append(_word_row(run, line_no, horizontal))
            line_no += 1
    return rows


def _word_row(run: list[dict[str, Any]], line_no: int, horizontal: bool) -> WordRow:
    lefts, tops, rights, bottoms = zip(*[c["bbox"] for c in run], strict=True)
    x0, y0, x1, y1 = min(lefts), min(tops), max(rights), max(bottoms)
    text = writable("".join([c["c"] for c in run]))
    edges: Sequence[float] = ()
    if horizontal and len(text) == len(run):
        edges = array("d", (*lefts, rights[-1]))
    return (text, float(x0), float(y0), float(max(x0, x1)), float(max(y0, y1)), line_no, edges)


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
