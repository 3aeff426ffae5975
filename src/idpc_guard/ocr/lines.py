"""Lines of words as OCR engines return them, and the repairs they need.

An engine reads lines; each line is split into words, each word given its share
of the line's corners. RapidOCR's Latin text needs repairs: it drops most spaces
(put back from the gaps between characters), it splits one printed line into two
boxes (joined again when the second continues the first along its direction),
and, like any OCR, it mixes up letters whose capital and small forms look alike
("JoNES"), fixed when the rest of the word is in capitals.
"""

from __future__ import annotations

import itertools
import math
import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import numpy.typing as npt

#: A picture: ``(height, width, 3)``, RGB, ``uint8``.
Image = npt.NDArray[np.uint8]
Point = tuple[float, float]
#: Corners of a word in pixels: top-left, top-right, bottom-right, bottom-left (reading order).
Quad = tuple[Point, Point, Point, Point]


@dataclass(frozen=True, slots=True)
class OcrWord:
    """One word read from an image, with its corners in pixels."""

    text: str = field(repr=False)
    quad: Quad
    score: float


@dataclass(frozen=True, slots=True)
class OcrLine:
    """One line of text read from an image, as words in reading order."""

    words: tuple[OcrWord, ...] = field(repr=False)

    @property
    def text(self) -> str:
        """The line's words joined by spaces."""
        return " ".join(w.text for w in self.words)


def split_line(text: str, quad: Quad, score: float) -> tuple[OcrWord, ...]:
    """Split a line into words, giving each a share of the line's quad by its characters."""
    (x0, y0), (x1, y1), (x2, y2), (x3, y3) = quad
    n = len(text)
    words: list[OcrWord] = []
    pos = 0
    for part in text.split(" "):
        start, end = pos, pos + len(part)
        pos = end + 1
        if not part:
            continue
        a, b = start / n, end / n

        def top(t: float) -> Point:
            return (x0 + (x1 - x0) * t, y0 + (y1 - y0) * t)

        def bottom(t: float) -> Point:
            return (x3 + (x2 - x3) * t, y3 + (y2 - y3) * t)

        words.append(OcrWord(part, (top(a), top(b), bottom(b), bottom(a)), score))
    return tuple(words)


def to_quad(box: Sequence[Sequence[float]]) -> Quad:
    """Four corners as a :data:`Quad` of floats (engines return arrays or lists)."""
    (ax, ay), (bx, by), (cx, cy), (dx, dy) = box
    return (
        (float(ax), float(ay)),
        (float(bx), float(by)),
        (float(cx), float(cy)),
        (float(dx), float(dy)),
    )


def rows_to_lines(
    rows: Sequence[Any], min_score: float, to_picture: Callable[[Point], Point] | None = None
) -> list[OcrLine]:
    """RapidOCR rows as lines of words (points mapped by ``to_picture``), spaces restored."""
    lines: list[OcrLine] = []
    for row in rows:
        score = float(row[2])
        # Full-width punctuation ("：") comes from the Chinese-trained model.
        text = unicodedata.normalize("NFKC", str(row[1]))
        if score < min_score or not text.strip():
            continue
        chars = row[3] if len(row) > 3 else None
        quad = to_quad(row[0])
        if to_picture is not None:
            quad = (
                to_picture(quad[0]),
                to_picture(quad[1]),
                to_picture(quad[2]),
                to_picture(quad[3]),
            )
        if chars and len(chars) == len(text) and " " not in text:
            # The recognition model drops most spaces in Latin text: put them back
            # where the gap between two characters is wider than usual.
            text = _respace(text, chars)
        text = _CAPS_THEN_WORD.sub(" ", text)
        lines.append(OcrLine(split_line(" ".join(text.split()), quad, score)))
    return lines


#: Two pieces of one line: the second starts within this many line heights of the first's
#: end, along its direction, and no more than this share of a height off its axis.
_JOIN_GAP, _JOIN_OFFSET = 2.5, 0.5


def join_collinear(lines: list[OcrLine]) -> list[OcrLine]:
    """Join lines the detector split ("NHS No:" | "943 476 5919"), so labels meet values."""
    joined = list(lines)
    merged = True
    while merged:
        merged = False
        for i, a in enumerate(joined):
            for j, b in enumerate(joined):
                if i != j and a.words and b.words and _continues(a, b):
                    joined[i] = OcrLine(a.words + b.words)
                    del joined[j]
                    merged = True
                    break
            if merged:
                break
    return joined


def _continues(a: OcrLine, b: OcrLine) -> bool:
    (tl, tr, br, _), (ntl, _, _, nbl) = a.words[-1].quad, b.words[0].quad
    ax, ay = (tr[0] + br[0]) / 2, (tr[1] + br[1]) / 2  # middle of a's right edge
    bx, by = (ntl[0] + nbl[0]) / 2, (ntl[1] + nbl[1]) / 2  # middle of b's left edge
    dx, dy = tr[0] - tl[0], tr[1] - tl[1]
    length = math.hypot(dx, dy)
    height = math.dist(tr, br)
    if length == 0 or height == 0:
        return False
    ux, uy = dx / length, dy / length
    along = (bx - ax) * ux + (by - ay) * uy
    across = abs(-(bx - ax) * uy + (by - ay) * ux)
    return -0.3 * height <= along <= _JOIN_GAP * height and across <= _JOIN_OFFSET * height


def _respace(text: str, chars: Sequence[Sequence[Sequence[float]]]) -> str:
    """Insert a space where the step between character centres is well above the median."""
    centres = [(sum(p[0] for p in c) / 4, sum(p[1] for p in c) / 4) for c in chars]
    steps = [math.dist(a, b) for a, b in itertools.pairwise(centres)]
    if len(steps) < 3:
        return text
    usual = sorted(steps)[len(steps) // 2]
    out = [text[0]]
    for char, step in zip(text[1:], steps, strict=True):
        if step > usual * _SPACE_STEP and out[-1] != " ":
            out.append(" ")
        out.append(char)
    return "".join(out)


#: A step between characters this many times the median marks a space.
_SPACE_STEP = 1.7


def _centre(quad: Quad) -> Point:
    return (sum(p[0] for p in quad) / 4, sum(p[1] for p in quad) / 4)


def _in_quad(point: Point, quad: Quad) -> bool:
    """Whether a point lies inside a convex quadrilateral (either winding)."""
    signs = []
    for (ax, ay), (bx, by) in itertools.pairwise((*quad, quad[0])):
        signs.append((bx - ax) * (point[1] - ay) - (by - ay) * (point[0] - ax))
    return all(s >= 0 for s in signs) or all(s <= 0 for s in signs)


def overlap(a: OcrLine, b: OcrLine) -> bool:
    """Whether two readings share text: a word of either is centred on a word of the other."""
    return any(
        _in_quad(_centre(x.quad), y.quad) or _in_quad(_centre(y.quad), x.quad)
        for x in a.words
        for y in b.words
    )


#: Where a word in capitals and a capitalised word run together, a space was lost:
#: "BYRNEAnthony", "NHSNumber", "FrederickEVANS", "HospitalNo" (RapidOCR drops spaces
#: that the gap rule cannot restore). "McDONALD", "MacDonald", "DeVito" are left alone.
_CAPS_THEN_WORD = re.compile(
    r"(?<=[A-Z][A-Z])(?=[A-Z][a-z])|(?<=[a-z][a-z])(?<!Mac)(?=[A-Z]{3,}(?![a-z])|[A-Z][a-z])"
)

#: Letters whose small form is the capital shrunk: OCR reads one for the other.
_SAME_SHAPE = frozenset("cosuvwxz")


def repair_case(word: str) -> str:
    """Capitalise look-alike small letters inside a word otherwise in capitals.

    ``"JoNES"`` becomes ``"JONES"`` (a surname in capitals, its "O" read small), and
    so does a word ending in a capital (``"CooK"``);
    a word with any other small letter (``"Jones"``, ``"McDonald"``) or with fewer
    than three capitals is left alone. The length never changes, so character
    positions still hold.
    """
    letters = [c for c in word if c.isalpha()]
    small = [c for c in letters if c.islower()]
    capitals = len(letters) - len(small)
    mostly_capitals = capitals >= 3 and len(small) * 2 < len(letters)
    # A capitalised word never ends in a capital: "CooK" is "COOK".
    ends_capital = capitals >= 2 and letters[-1].isupper()
    if not small or not (mostly_capitals or ends_capital):
        return word
    if any(c not in _SAME_SHAPE for c in small):
        return word
    return "".join(c.upper() if c in _SAME_SHAPE else c for c in word)
