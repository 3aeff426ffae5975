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
  and without the clip applied, and the hidden characters are redacted.
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
        except _MEASURE_ERRORS:
            return
        if outside:
            _redact(
                page,
                _bands(visible),
                images=pymupdf.PDF_REDACT_IMAGE_PIXELS,
                graphics=pymupdf.PDF_REDACT_LINE_ART_REMOVE_IF_COVERED,
            )
        if clipped:  # the characters only: a picture or a path there may be seen
            _redact(
                page,
                clipped,
                images=pymupdf.PDF_REDACT_IMAGE_NONE,
                graphics=pymupdf.PDF_REDACT_LINE_ART_NONE,
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
    page: pymupdf.Page, rects: Sequence[pymupdf.Rect], *, images: int, graphics: int
) -> None:
    for rect in rects:
        page.add_redact_annot(rect, fill=False, cross_out=False)
    page.apply_redactions(images=images, graphics=graphics, text=pymupdf.PDF_REDACT_TEXT_REMOVE)


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
