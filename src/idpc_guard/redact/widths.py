"""Boxes that do not give a name's length away: widened into blank space only. Pure.

A box exactly as wide as a redacted name tells a reader how long the name is, and
against a short list of candidates (the people in the case) that can be enough to
say who it is. With ``--box-width quantised`` or ``fixed`` the box *drawn* over a
name is widened to a multiple of a step, or to one width, so names of different
lengths give the same box. Only the drawing widens: what is removed from the page
is still exactly the value's glyphs, and the text around it keeps its place.

The box widens only into blank space on its own line: to the right up to the next
word, then to the left back to the word before, keeping a little clearance, and
never past the page's edge. Where the gap is too short the box stops at it, so a
neighbour's word is never covered; a name followed closely by another word keeps
the width of the gap (which the following word's position shows anyway).
"""

from __future__ import annotations

from collections.abc import Iterable

from idpc_guard.policy.cps import BoxPolicy

#: A rectangle as ``(x0, y0, x1, y1)``, in points.
Rect = tuple[float, float, float, float]

#: Points kept clear between a widened box and a neighbouring word.
CLEARANCE = 1.5
#: Share of the shorter height two boxes must share to be on one line.
_SAME_LINE = 0.5
#: Points a word may reach into the value's box and still be the value's own.
_TOLERANCE = 0.5


def widened(
    value: Rect,
    drawn: Rect,
    policy: BoxPolicy,
    words: Iterable[Rect],
    page: Rect,
) -> Rect:
    """The box to draw over ``value`` (the value's glyph box), widened as ``policy`` says.

    Args:
        value: the extent of the value's glyphs.
        drawn: the box that would be drawn exactly (``value`` trimmed).
        policy: the width wanted (:meth:`BoxPolicy.target`).
        words: the boxes of the page's words (or characters) near the value; those
            within ``value`` are the value's own.
        page: the page's rectangle.
    """
    x0, y0, x1, y1 = drawn
    target = policy.target(x1 - x0)
    if target <= x1 - x0:
        return drawn
    left, right = page[0], page[2]
    for wx0, wy0, wx1, wy1 in words:
        shared = min(wy1, value[3]) - max(wy0, value[1])
        if shared < _SAME_LINE * min(wy1 - wy0, value[3] - value[1]):
            continue  # another line
        if wx0 >= value[0] - _TOLERANCE and wx1 <= value[2] + _TOLERANCE:
            continue  # the value's own glyphs
        if wx1 > value[2] + _TOLERANCE:
            # A word after the value, or one reaching into it ("Smith," as one word).
            right = min(right, max(x1, wx0 - CLEARANCE))
        if wx0 < value[0] - _TOLERANCE:
            left = max(left, min(x0, wx1 + CLEARANCE))
    grow = target - (x1 - x0)
    new_x1 = min(right, x1 + grow)
    new_x0 = max(left, x0 - (grow - (new_x1 - x1)))
    return (min(new_x0, x0), y0, max(new_x1, x1), y1)
