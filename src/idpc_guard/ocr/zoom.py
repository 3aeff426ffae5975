"""A second, closer read of small or tilted text in pictures: cut out, level, enlarge.

RapidOCR's detector finds lines at any angle, but when a label is small and tilted
(a wristband photographed at 30-45 degrees) its boxes merge neighbouring lines or
split them, so a label loses its value ("NHS No:5" | "73 898 0530"), or nothing
is recognised at all. The boxes still say *where* the text is. So they are grouped
into clusters (one per label), each cluster's text direction is estimated from
its boxes, and the cluster is cut out of the picture turned level and enlarged,
for the engine to read again as if it were a straight, well-sized line of print.
Points read in a cut-out map back to the picture by its affine transform.

Pure geometry on numpy arrays and Pillow; no OCR engine is imported here.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
from PIL import Image as PilImage

from idpc_guard.ocr.lines import Point, Quad

#: A cluster tilted more than this (degrees) is levelled before it is read again.
MIN_TILT = 2.5
#: A cluster whose boxes are lower than this (pixels; RapidOCR's boxes are about three
#: times the height of the letters) is enlarged before it is read again.
SMALL_BOX = 60.0
#: Boxes are enlarged towards this height, by at most ``MAX_SCALE``.
TARGET_BOX = 72.0
MAX_SCALE = 3.0
#: No cut-out is larger than this many pixels on its longer side.
MAX_SIDE = 1600
#: A box this many times longer than high shows the direction of its line.
_ELONGATED = 1.8
#: Two boxes are one cluster when they come within this many box heights of each other.
_NEAR = 1.0
#: Margin (box heights) around a cluster in its cut-out.
_MARGIN = 0.5


def _edges(quad: Quad) -> tuple[float, float, float]:
    """A box's direction (degrees, in (-90, 90]), length and height in pixels."""
    (x0, y0), (x1, y1), _, (x3, y3) = quad
    top, side = (x1 - x0, y1 - y0), (x3 - x0, y3 - y0)
    long, short = (top, side) if math.hypot(*top) >= math.hypot(*side) else (side, top)
    angle = math.degrees(math.atan2(long[1], long[0]))
    if angle <= -90:
        angle += 180
    elif angle > 90:
        angle -= 180
    return angle, math.hypot(*long), math.hypot(*short)


def text_angle(quads: Sequence[Quad]) -> float:
    """The direction of a cluster's lines (degrees): the length-weighted mean of its boxes'.

    Directions are averaged as doubled angles, so that 89 and -89 degrees (both nearly
    vertical) average to 90, not 0. Long boxes are trusted; squat fragments are used
    only when there is nothing else.
    """
    edges = [_edges(q) for q in quads]
    long = [e for e in edges if e[1] >= _ELONGATED * e[2]] or edges
    c = sum(length * math.cos(math.radians(2 * angle)) for angle, length, _ in long)
    s = sum(length * math.sin(math.radians(2 * angle)) for angle, length, _ in long)
    return math.degrees(math.atan2(s, c)) / 2 if c or s else 0.0


def clusters(quads: Sequence[Quad]) -> list[list[int]]:
    """Indices of the boxes grouped by nearness (boxes within about a line of each other)."""
    bounds = []
    for quad in quads:
        xs, ys = [p[0] for p in quad], [p[1] for p in quad]
        pad = _NEAR * _edges(quad)[2]
        bounds.append((min(xs) - pad, min(ys) - pad, max(xs) + pad, max(ys) + pad))
    parent = list(range(len(quads)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, a in enumerate(bounds):
        for j in range(i + 1, len(bounds)):
            b = bounds[j]
            if a[0] <= b[2] and b[0] <= a[2] and a[1] <= b[3] and b[1] <= a[3]:
                parent[root(i)] = root(j)
    groups: dict[int, list[int]] = {}
    for i in range(len(quads)):
        groups.setdefault(root(i), []).append(i)
    return list(groups.values())


@dataclass(frozen=True, slots=True)
class Cutout:
    """A level, enlarged copy of one cluster of text, and the way back to the picture.

    A cut-out pixel ``(p, q)`` is the picture point at ``(u, v) = (p / scale + u0,
    q / scale + v0)`` in the frame turned by ``angle``: ``x = u cos - v sin``,
    ``y = u sin + v cos``.
    """

    angle: float
    scale: float
    u0: float
    v0: float
    width: int
    height: int

    def to_picture(self, point: Point) -> Point:
        """Where a point of the cut-out lies in the picture."""
        c, s = math.cos(math.radians(self.angle)), math.sin(math.radians(self.angle))
        u, v = point[0] / self.scale + self.u0, point[1] / self.scale + self.v0
        return (u * c - v * s, u * s + v * c)

    def contains(self, point: Point) -> bool:
        """Whether a picture point lies inside the cut-out."""
        c, s = math.cos(math.radians(self.angle)), math.sin(math.radians(self.angle))
        u, v = point[0] * c + point[1] * s, -point[0] * s + point[1] * c
        p, q = (u - self.u0) * self.scale, (v - self.v0) * self.scale
        return 0 <= p <= self.width and 0 <= q <= self.height

    def cut(self, image: npt.NDArray[np.uint8], *, stretch: bool = True) -> npt.NDArray[np.uint8]:
        """The cut-out's pixels (bicubic), contrast stretched.

        Outside the picture is filled with its mean colour. Pale ink on a pale label
        is stretched to the full range of grey levels (the 1st to 99th percentile of
        brightness become black and white).
        """
        c, s = math.cos(math.radians(self.angle)), math.sin(math.radians(self.angle))
        k = 1 / self.scale
        coefficients = (
            c * k,
            -s * k,
            self.u0 * c - self.v0 * s,
            s * k,
            c * k,
            self.u0 * s + self.v0 * c,
        )
        fill = tuple(int(v) for v in image.reshape(-1, image.shape[-1]).mean(axis=0))
        out = PilImage.fromarray(image).transform(
            (self.width, self.height),
            PilImage.Transform.AFFINE,
            coefficients,
            resample=PilImage.Resampling.BICUBIC,
            fillcolor=fill,
        )
        pixels = np.asarray(out, dtype=np.uint8)
        return _stretch(pixels) if stretch else np.ascontiguousarray(pixels)


def _stretch(pixels: npt.NDArray[np.uint8]) -> npt.NDArray[np.uint8]:
    grey = pixels.mean(axis=2)
    low, high = (float(v) for v in np.percentile(grey, (1, 99)))
    if high - low < 8 or (low < 16 and high > 240):
        return np.ascontiguousarray(pixels)
    stretched = (pixels.astype(np.float32) - low) * (255.0 / (high - low))
    return np.ascontiguousarray(np.clip(stretched, 0, 255).astype(np.uint8))


def plan_cutouts(quads: Sequence[Quad]) -> list[Cutout]:
    """A cut-out for each cluster of boxes whose text is tilted or small.

    Args:
        quads: the boxes the detector found, in picture pixels.

    Returns:
        The cut-outs, largest cluster first; clusters that are level and large enough
        are left to the first reading.
    """
    planned: list[tuple[int, Cutout]] = []
    for group in clusters(quads):
        members = [quads[i] for i in group]
        angle = text_angle(members)
        heights = sorted(_edges(q)[2] for q in members)
        height = heights[len(heights) // 2]
        if abs(angle) <= MIN_TILT and height >= SMALL_BOX:
            continue
        c, s = math.cos(math.radians(angle)), math.sin(math.radians(angle))
        points = np.array([p for q in members for p in q], dtype=np.float64)
        us = points[:, 0] * c + points[:, 1] * s
        vs = -points[:, 0] * s + points[:, 1] * c
        margin = _MARGIN * height
        u0, u1 = float(us.min()) - margin, float(us.max()) + margin
        v0, v1 = float(vs.min()) - margin, float(vs.max()) + margin
        scale = min(max(TARGET_BOX / max(height, 1.0), 1.0), MAX_SCALE)
        scale = min(scale, MAX_SIDE / max(u1 - u0, v1 - v0, 1.0))
        width, high = round((u1 - u0) * scale), round((v1 - v0) * scale)
        if min(width, high) < 8:
            continue
        planned.append((len(group), Cutout(angle, scale, u0, v0, width, high)))
    planned.sort(key=lambda item: -item[0])
    return [cut for _, cut in planned]


#: Page skews tried (degrees), and the side of the grey copy they are tried on.
_SKEWS = np.arange(-5.0, 5.01, 0.2)
_SKEW_SIDE = 500
#: A page skewed less than this is read as it is.
MIN_SKEW = 0.4


def page_skew(image: npt.NDArray[np.uint8]) -> float:
    """The angle of a scanned page's lines of text (degrees), by projection profile.

    The dark pixels of a small grey copy are projected across each candidate
    direction; lines of text give the sharpest profile (the largest sum of squared
    row counts) when the direction is theirs.
    """
    height, width = image.shape[:2]
    step = max(1, max(height, width) // _SKEW_SIDE)
    grey = image[::step, ::step].mean(axis=2)
    ys, xs = np.nonzero(grey < min(128.0, float(grey.mean()) - 40))
    if len(xs) < 50:
        return 0.0
    best, sharpest = 0.0, -1.0
    for angle in _SKEWS:
        theta = math.radians(float(angle))
        rows = np.round(ys * math.cos(theta) - xs * math.sin(theta)).astype(np.int64)
        counts = np.bincount(rows - rows.min())
        sharpness = float(np.dot(counts, counts))
        if sharpness > sharpest:
            best, sharpest = float(angle), sharpness
    return best


def level_page(image: npt.NDArray[np.uint8]) -> Cutout | None:
    """A cut-out of the whole page turned level, or None when the page is level already."""
    angle = page_skew(image)
    if abs(angle) < MIN_SKEW:
        return None
    height, width = image.shape[:2]
    c, s = math.cos(math.radians(angle)), math.sin(math.radians(angle))
    corners = [(0.0, 0.0), (width, 0.0), (width, height), (0.0, height)]
    us = [x * c + y * s for x, y in corners]
    vs = [-x * s + y * c for x, y in corners]
    u0, v0 = min(us), min(vs)
    return Cutout(angle, 1.0, u0, v0, round(max(us) - u0), round(max(vs) - v0))
