"""Removal rectangles in bulk: the words near a box found by a grid, duplicates merged.

A page normally holds a few hundred words and a few dozen findings, but a damaged
or hostile page can hold tens of thousands of both (a content stream repeated
over itself). Fitting each box between the lines by looking at every word of the
page, and giving PyMuPDF one redaction annotation per box (its annotation ids
make adding ``n`` annotations cost about ``n`` cubed), took hours there. Here a
box only looks at the words in the grid cells it touches, and rectangles that
overlap on the same band are merged into one, which removes exactly the same
characters (a character goes when its box touches a rectangle).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence

from idpc_guard.errors import LimitExceededError
from idpc_guard.redact.plan import RedactionPlan

#: A rectangle as ``(x0, y0, x1, y1)``, in points.
RectTuple = tuple[float, float, float, float]

#: Side of a grid cell, in points (about a line of body text).
CELL = 16.0
#: Cells a word may cover before it is kept apart and offered to every box instead.
_MAX_CELLS = 64
#: Cells a box may cover before every word of the page is offered to it.
_MAX_QUERY_CELLS = 4096
#: Box-by-query comparisons a grid leaves to plain scans before it builds its index: a
#: normal page (a few hundred words, a few dozen boxes) never needs one, and building
#: it cost more than the scans (0.15 s per 500 pages).
SCAN_FIRST = 20_000


def _cells(rect: RectTuple) -> tuple[int, int, int, int] | None:
    """The grid cells a rectangle covers, as inclusive index ranges; None if not finite."""
    if not all(math.isfinite(v) for v in rect):
        return None
    x0, y0, x1, y1 = rect
    if abs(x0) > 1e9 or abs(y0) > 1e9 or abs(x1) > 1e9 or abs(y1) > 1e9:
        return None
    return (
        math.floor(min(x0, x1) / CELL),
        math.floor(min(y0, y1) / CELL),
        math.floor(max(x0, x1) / CELL),
        math.floor(max(y0, y1) / CELL),
    )


def _area(cells: tuple[int, int, int, int]) -> int:
    cx0, cy0, cx1, cy1 = cells
    return (cx1 - cx0 + 1) * (cy1 - cy0 + 1)


class BoxGrid:
    """A page's word (or character) boxes, indexed by the grid cells they cover.

    The index is built only once the queries have compared more than ``scan_first``
    boxes; until then a query is offered every box.
    """

    def __init__(self, boxes: Iterable[RectTuple], scan_first: int = SCAN_FIRST) -> None:
        """Keep ``boxes``; a box that is not finite or very large is offered to every query.

        A box given several times (text drawn over itself) is kept once.
        """
        self._boxes: list[RectTuple] = list(dict.fromkeys(boxes))
        self._cells: dict[tuple[int, int], list[int]] | None = None
        self._everywhere: list[int] = []
        self._scan_left = scan_first

    def _index(self) -> dict[tuple[int, int], list[int]]:
        self._cells = {}
        for number, box in enumerate(self._boxes):
            cells = _cells(box)
            if cells is None or _area(cells) > _MAX_CELLS:
                self._everywhere.append(number)
                continue
            cx0, cy0, cx1, cy1 = cells
            for cx in range(cx0, cx1 + 1):
                for cy in range(cy0, cy1 + 1):
                    self._cells.setdefault((cx, cy), []).append(number)
        return self._cells

    def near(self, rect: RectTuple) -> Sequence[RectTuple]:
        """Every box that may share a point with ``rect`` (a few more, never fewer)."""
        index = self._cells
        if index is None:
            self._scan_left -= len(self._boxes)
            if self._scan_left >= 0:
                return self._boxes
            index = self._index()
        cells = _cells(rect)
        if cells is None or _area(cells) > _MAX_QUERY_CELLS:
            return self._boxes
        found: set[int] = set(self._everywhere)
        cx0, cy0, cx1, cy1 = cells
        for cx in range(cx0, cx1 + 1):
            for cy in range(cy0, cy1 + 1):
                found.update(index.get((cx, cy), ()))
        return [self._boxes[number] for number in sorted(found)]


def merged_rects(rects: Iterable[RectTuple]) -> list[RectTuple]:
    """The same area with fewer rectangles: rectangles on one band that meet are joined.

    Two rectangles with the same top and bottom whose spans across meet or overlap
    cover exactly the rectangle that spans both; identical rectangles become one.
    Rectangles on different bands are left as they are. Corners are put in order
    first (left before right, top before bottom), as PyMuPDF does with a redaction's
    rectangle. Order: by band, then left.
    """
    bands: dict[tuple[float, float], list[tuple[float, float]]] = {}
    for x0, y0, x1, y1 in rects:
        band = (min(y0, y1), max(y0, y1))
        bands.setdefault(band, []).append((min(x0, x1), max(x0, x1)))
    merged: list[RectTuple] = []
    for (y0, y1), spans in sorted(bands.items()):
        spans.sort()
        left, right = spans[0]
        for x0, x1 in spans[1:]:
            if x0 <= right:
                right = max(right, x1)
            else:
                merged.append((left, y0, right, y1))
                left, right = x0, x1
        merged.append((left, y0, right, y1))
    return merged


def check_page_redactions(plan: RedactionPlan, limit: int, *, marking: bool = False) -> None:
    """Refuse a copy with a page holding more than ``limit`` distinct boxes to redact.

    PyMuPDF checks every character of a page against every redaction rectangle, so
    a page drawn with thousands of separate values (a damaged or hostile page; no
    real page holds that many) would keep redaction busy for many minutes. The same
    box given twice counts once, and pages removed from the copy do not count.
    With ``marking`` (the reviewer's copy, where each box of each finding proposed
    for redaction or review is an annotation of its own) every box counts.

    Raises:
        LimitExceededError: a page is over the limit (the message names the page).
    """
    if marking:
        counts = {page: sum(len(m.boxes) for m in marks) for page, marks in plan.marks.items()}
    else:
        counts = {
            page: len({box for m in marks for box in m.boxes})
            for page, marks in plan.redactions.items()
        }
    what = "boxes to redact or mark" if marking else "separate boxes to redact"
    for page, count in sorted(counts.items()):
        if count > limit:
            raise LimitExceededError(
                f"page {page + 1} has {count} {what}, more than the limit of {limit} "
                "(damaged or hostile content): check the page, raise --max-page-redactions, "
                "or scan with --no-redact"
            )
