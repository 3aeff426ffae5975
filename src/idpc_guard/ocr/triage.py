"""A glance at a scanned page before it is read: is there ink on it, and where?

Reading a page with OCR costs seconds; drawing it small costs milliseconds. So each
region of a scanned page is first drawn in grey at 72 dpi: a page with no ink (a
separator sheet, the empty back of a scanned form, a page of a blank PDF) is not
read at all, and a page with ink is read only within the box that holds its ink
(plus a margin), not its empty margins.

Ink is any pixel that differs from the page's background (its commonest shade) by
more than :data:`INK_CONTRAST`: dark print on paper, and light print on a dark page
too. Scanner noise and the faint show-through of the other side stay under it at
this size (drawing a page small averages its pixels). A few specks do not make a
page worth reading; a strip along the edges (where a scanner leaves shadows) is
not looked at for that decision, but ink there is still read.
"""

from __future__ import annotations

import numpy as np
import pymupdf

from idpc_guard.model import Box

#: The scale a region is drawn at to glance at it (72 dpi).
TRIAGE_ZOOM = 1.0
#: A pixel this much darker (or lighter) than the background (0-255) is ink.
INK_CONTRAST = 50
#: A region with fewer ink pixels than this (at 72 dpi, away from its edges) is blank.
MIN_INK_PIXELS = 6
#: Share of the region's width and height along each edge left out of the blank test.
EDGE = 0.02
#: Margin kept round the ink when a region is cut down to it (points).
INK_MARGIN = 12.0
#: A region is cut down to its ink only when that leaves less than this share of it.
WORTH_CUTTING = 0.9


def ink_box(page: pymupdf.Page, clip: Box) -> Box | None:
    """The part of ``clip`` on ``page`` worth reading: its ink and a margin; None if blank."""
    rect = pymupdf.Rect(*clip.as_tuple())
    pix = page.get_pixmap(
        matrix=pymupdf.Matrix(TRIAGE_ZOOM, TRIAGE_ZOOM),
        clip=rect,
        colorspace=pymupdf.csGRAY,
        alpha=False,
    )
    if pix.width < 2 or pix.height < 2:
        return None
    gray = np.frombuffer(pix.samples, np.uint8).reshape(pix.height, pix.width, pix.n)[:, :, 0]
    if int(gray.max()) - int(gray.min()) <= INK_CONTRAST:
        return None  # one shade all over: an empty page (the common blank, found fastest)
    background = int(np.argmax(np.bincount(gray.ravel(), minlength=256)))
    ink = gray < background - INK_CONTRAST
    if background + INK_CONTRAST < 255:
        ink |= gray > background + INK_CONTRAST
    ey, ex = int(pix.height * EDGE), int(pix.width * EDGE)
    if int(np.count_nonzero(ink[ey : pix.height - ey, ex : pix.width - ex])) < MIN_INK_PIXELS:
        return None
    rows = np.flatnonzero(ink.any(axis=1))
    cols = np.flatnonzero(ink.any(axis=0))
    sx, sy = clip.width / pix.width, clip.height / pix.height
    x0 = max(clip.x0, clip.x0 + cols[0] * sx - INK_MARGIN)
    y0 = max(clip.y0, clip.y0 + rows[0] * sy - INK_MARGIN)
    x1 = min(clip.x1, clip.x0 + (cols[-1] + 1) * sx + INK_MARGIN)
    y1 = min(clip.y1, clip.y0 + (rows[-1] + 1) * sy + INK_MARGIN)
    box = Box(x0, y0, x1, y1)
    if box.width * box.height >= WORTH_CUTTING * clip.width * clip.height:
        return clip
    return box
