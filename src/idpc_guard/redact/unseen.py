"""Remove from the copy what a reader of the page cannot see, but a machine can read.

Content outside the page's visible area (below the CropBox, beyond the MediaBox, a
line drawn off the page) stays in the content stream, where text extraction
(``pdftotext``) and any editor find it; so do the cropped-off parts of a picture,
and text drawn inside a clipping path that shows none of it. None of it is on the
page a reader sees, so none of it belongs in the copy:

* what lies outside the visible area is redacted with four bands around it (text
  touching a band goes, the pixels of a picture under it are blanked, vector paths
  wholly inside it go);
* text that clipping hides is found by reading the page's characters twice, with
  and without the clip applied, and the hidden characters are redacted;
* so are the pixels of a picture that clipping hides, found by comparing its box as
  drawn with its box as shown.

Clipping is looked for only on a page whose content sets a clipping path.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Iterator, Sequence
from typing import Any

import pymupdf

#: How far beyond the visible area the bands reach (points): past any real drawing.
FAR = 1.0e5
#: Points of tolerance at the page's edges: a glyph or frame that just touches them stays.
EDGE = 1.0
_MEASURE_ERRORS = (RuntimeError, ValueError, pymupdf.mupdf.FzErrorBase)
#: Characters as the page shows them: clipped ones left out (PyMuPDF's default).
_SHOWN = pymupdf.TEXTFLAGS_RAWDICT & ~pymupdf.TEXT_PRESERVE_IMAGES
_CLIP = re.compile(rb"\bW\*?\s+n\b")
#: Pictures as the page shows them (their boxes cut to what clipping lets show).
_SHOWN_PICTURES = pymupdf.TEXTFLAGS_DICT
#: Every character drawn, clipped or not.
_DRAWN = _SHOWN & ~pymupdf.TEXT_CLIP


def remove_unseen(page: pymupdf.Page) -> None:
    """Redact the page's content outside its visible area, and text clipped away.

    A page MuPDF cannot measure is left as it is: verification, which reads it the
    same way, refuses the copy if it then holds a redacted value.
    """
    with _unrotated(page):
        visible = pymupdf.Rect(0, 0, page.cropbox.width, page.cropbox.height)
        try:
            outside, clipped = _anything_outside(page, visible), clipped_text(page)
            hidden_pixels = clipped_pictures(page)
        except _MEASURE_ERRORS:
            return
        if outside:
            _redact(
                page,
                _bands(visible),
                images=pymupdf.PDF_REDACT_IMAGE_PIXELS,
                graphics=pymupdf.PDF_REDACT_LINE_ART_REMOVE_IF_COVERED,
                text=pymupdf.PDF_REDACT_TEXT_REMOVE,
            )
        if clipped:  # the characters only: a picture or a path there may be seen
            _redact(
                page,
                clipped,
                images=pymupdf.PDF_REDACT_IMAGE_NONE,
                graphics=pymupdf.PDF_REDACT_LINE_ART_NONE,
                text=pymupdf.PDF_REDACT_TEXT_REMOVE,
            )
        if hidden_pixels:  # the pixels only
            _redact(
                page,
                hidden_pixels,
                images=pymupdf.PDF_REDACT_IMAGE_PIXELS,
                graphics=pymupdf.PDF_REDACT_LINE_ART_NONE,
                text=pymupdf.PDF_REDACT_TEXT_NONE,
            )


def _anything_outside(page: pymupdf.Page, visible: pymupdf.Rect) -> bool:
    area = pymupdf.Rect(visible.x0 - EDGE, visible.y0 - EDGE, visible.x1 + EDGE, visible.y1 + EDGE)
    return any(not area.contains(pymupdf.Rect(box)) for _, box in page.get_bboxlog())


def _bands(visible: pymupdf.Rect) -> list[pymupdf.Rect]:
    """Four rectangles that cover everything but the visible area."""
    return [
        pymupdf.Rect(-FAR, -FAR, FAR, visible.y0),
        pymupdf.Rect(-FAR, visible.y1, FAR, FAR),
        pymupdf.Rect(-FAR, visible.y0, visible.x0, visible.y1),
        pymupdf.Rect(visible.x1, visible.y0, FAR, visible.y1),
    ]


def clipped_text(page: pymupdf.Page) -> list[pymupdf.Rect]:
    """The boxes of characters drawn on the page that a clipping path hides.

    Reading characters with their boxes is slow, so it is done only where the page
    clips something and its plain text is longer when clipping is not applied.
    """
    if not _clips(page):
        return []
    shown_text = page.get_text("text", flags=pymupdf.TEXTFLAGS_TEXT)
    drawn_text = page.get_text("text", flags=pymupdf.TEXTFLAGS_TEXT & ~pymupdf.TEXT_CLIP)
    if len(drawn_text) <= len(shown_text):
        return []
    shown = {_key(char) for char in _chars(page, _SHOWN)}
    return [pymupdf.Rect(c["bbox"]) for c in _chars(page, _DRAWN) if _key(c) not in shown]


def clipped_pictures(page: pymupdf.Page) -> list[pymupdf.Rect]:
    """Where pictures are drawn but a clipping path hides them (their pixels there go).

    The page's pictures are listed twice, as drawn and as clipped; where a clipped
    one shows less, the parts of its drawn box outside what shows are hidden. A part
    that overlaps another picture that shows is left: blanking it would blank that one.
    """
    if not _clips(page):
        return []
    shown = _picture_boxes(page, _SHOWN_PICTURES)
    drawn = _picture_boxes(page, _SHOWN_PICTURES & ~pymupdf.TEXT_CLIP)
    if len(shown) != len(drawn):
        return []
    seen = [box for box in shown if not box.is_empty]
    hidden = []
    for full, visible in zip(drawn, shown, strict=True):
        if visible == full:
            continue
        parts = [full] if visible.is_empty else _around(full, visible & full)
        others = [box for box in seen if box != visible]
        hidden += [p for p in parts if not any(p.intersects(o) for o in others)]
    # A sliver along an edge is the clip and the picture disagreeing by a rounding.
    return [part for part in hidden if min(part.width, part.height) >= EDGE]


def _picture_boxes(page: pymupdf.Page, flags: int) -> list[pymupdf.Rect]:
    blocks = page.get_text("dict", flags=flags)["blocks"]
    return [pymupdf.Rect(block["bbox"]) for block in blocks if block["type"] == 1]


def _around(full: pymupdf.Rect, inner: pymupdf.Rect) -> list[pymupdf.Rect]:
    """The parts of ``full`` outside ``inner`` (up to four rectangles)."""
    return [
        pymupdf.Rect(full.x0, full.y0, full.x1, inner.y0),
        pymupdf.Rect(full.x0, inner.y1, full.x1, full.y1),
        pymupdf.Rect(full.x0, inner.y0, inner.x0, inner.y1),
        pymupdf.Rect(inner.x1, inner.y0, full.x1, inner.y1),
    ]


def _clips(page: pymupdf.Page) -> bool:
    """Whether the page's content, or a form it draws, sets a clipping path (``W n``)."""
    streams = [page.read_contents()]
    doc = page.parent
    for xobject in page.get_xobjects():
        with contextlib.suppress(*_MEASURE_ERRORS):
            streams.append(doc.xref_stream(xobject[0]) or b"")
    return any(_CLIP.search(data) for data in streams)


def _chars(page: pymupdf.Page, flags: int) -> Iterator[dict[str, Any]]:
    for block in page.get_text("rawdict", flags=flags)["blocks"]:
        for line in block.get("lines", ()):
            for span in line["spans"]:
                yield from (c for c in span["chars"] if c["c"] > " ")


def _key(char: dict[str, Any]) -> tuple[str, float, float]:
    """A character by what it is and where it starts: the same in both readings."""
    x, y = char["origin"]
    return str(char["c"]), round(float(x), 1), round(float(y), 1)


def _redact(
    page: pymupdf.Page, rects: Sequence[pymupdf.Rect], *, images: int, graphics: int, text: int
) -> None:
    for rect in rects:
        page.add_redact_annot(rect, fill=False, cross_out=False)
    page.apply_redactions(images=images, graphics=graphics, text=text)


@contextlib.contextmanager
def _unrotated(page: pymupdf.Page) -> Iterator[None]:
    """The page unrotated while its content is measured and redacted (one coordinate space)."""
    rotation = page.rotation
    if rotation:
        page.set_rotation(0)
    try:
        yield
    finally:
        if rotation:
            page.set_rotation(rotation)
