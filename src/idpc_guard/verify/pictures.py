"""Verification of values removed from pictures and scanned pages, without reading pages again.

The scan's OCR already read every picture and scanned page of the bundle, so where
each withheld value stands on them is known. Three checks then prove that none is
legible in the copy, and cost a small part of reading the pages again:

* **every occurrence is under a box**: each occurrence of a withheld value in the
  words OCR read from the original (found as the redaction stage finds values:
  whole words, or a run of whole OCR words, spaces aside) must lie under the copy's
  boxes. An occurrence elsewhere on the picture, or on another scanned page, that no
  box covers is a value left legible; so is one a box in the wrong place misses;
* **the pixels under each box are gone**: the copy's pictures are decoded and the
  pixels under each box must be of one colour (the copy draws a black box over
  them, so rendering the page would not show what is under it);
* **nothing legible next to a box**: where ink touches a side of a box in the
  copy's picture (the box may end inside a word: OCR word boxes are estimates), a
  small crop of the copy around it (a line above and below, a few characters to
  each side) is read with the OCR engine, all the crops of a page in one reading:
  the value must not be read there, nor a piece of it just beside the box. A box
  whose sides lie on paper ends between words, and needs no reading.

Verification uses these checks where the words OCR read from a page are at hand
(:func:`picture_words`); a page of pictures whose words are not (a copy made from
an edited report, whose bundle was not read with OCR) is read again whole.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
import pymupdf

from idpc_guard.model import Box, Page, Source, Word
from idpc_guard.ocr.driver import MAX_ZOOM, MIN_ZOOM
from idpc_guard.ocr.engines import OcrEngine
from idpc_guard.ocr.lines import Image, OcrLine
from idpc_guard.read.layout import ValueFinder, page_text, span_boxes, value_pattern
from idpc_guard.redact.plan import Mark, RedactionPlan
from idpc_guard.redact.redaction import redaction_rect

#: The words OCR read from each page of the original (0-based), pictures and scans only.
PictureWords = Mapping[int, Sequence[Word]]

#: Painted pixels may differ by this much (0-255) and still be one colour.
PAINT_TOLERANCE = 8
#: A crop reaches this many box heights above and below a box, and to each side.
CROP_LINES = 1.0
CROP_SIDE = 3.0
#: White rows between the crops of a page read together.
_GAP = 24
#: Fewest characters of a value, and least share of it, that count as a legible piece.
MIN_PIECE = 3
MIN_PIECE_SHARE = 0.25


def picture_words(pages: Iterable[Page]) -> dict[int, tuple[Word, ...]]:
    """The words OCR read from each page's pictures and scans, for pages that have any."""
    found: dict[int, tuple[Word, ...]] = {}
    for page in pages:
        words = tuple(w for w in page.words if w.source is not Source.TEXT)
        if words:
            found[page.index] = words
    return found


@dataclass(frozen=True, slots=True)
class PictureCheck:
    """What the picture checks found: failed finding ids, and how much they read."""

    failed: set[str] = field(default_factory=set)
    crops_read: int = 0


def picture_failures(
    doc: pymupdf.Document,
    plan: RedactionPlan,
    words: PictureWords,
    engine: OcrEngine | None,
) -> PictureCheck:
    """Check the copy ``doc`` against the words OCR read from the original's pictures.

    Every value of ``plan.values`` found in ``words`` must be under the plan's boxes
    on that page; each box of a picture or scanned page must have one colour under
    it in the copy's pictures; and with ``engine``, on the pages ``words`` holds,
    nothing of the value may be read in a crop of the copy around the box.
    """
    failed = _occurrences_uncovered(plan, words)
    crops = 0
    for page_no, marks in plan.redactions.items():
        picture_marks = [m for m in marks if m.source is not Source.TEXT]
        if not picture_marks:
            continue
        page = doc[plan.copy_page(page_no)]
        unpainted, to_read = _pixels_checked(doc, page, picture_marks)
        failed |= unpainted
        if engine is not None and page_no in words and to_read:
            crops_failed, read = _legible_beside(page, to_read, plan.values, engine)
            failed |= crops_failed
            crops += read
    return PictureCheck(failed, crops)


# --- every occurrence under a box ---------------------------------------------------


def _occurrences_uncovered(plan: RedactionPlan, words: PictureWords) -> set[str]:
    """Ids of values that OCR read from the original somewhere no box of the copy covers."""
    if not plan.values:
        return set()
    finder = ValueFinder(plan.values)
    # Values by their first character, for the runs of OCR words (a page has hundreds).
    runs: dict[str, list[tuple[str, str]]] = {}
    for value in plan.values:
        flat = _alnum(value)
        if len(flat) >= 4:
            runs.setdefault(flat[0], []).append((value, flat))
    removed = set(plan.removed_pages)
    failed: set[str] = set()
    for page_no, page_words in words.items():
        if page_no in removed or not page_words:
            continue
        # Any box counts as its padded rectangle here: OCR words are read from pixels,
        # and a box from the text layer removes the pixels under it too.
        rects = [
            redaction_rect(box, Source.OCR)
            for mark in plan.redactions.get(page_no, ())
            for box in mark.boxes
        ]
        text = page_text(Page(page_no, 0.0, 0.0, tuple(page_words)))
        for value, start, end in finder.finditer(text.text):
            if not all(_covered(b, rects) for b in span_boxes(text, start, end)):
                failed.add(plan.values[value])
        tokens = [_alnum(w.text) for w in page_words]
        for start, token in enumerate(tokens):
            for value, flat in runs.get(token[:1], ()):
                run = _run_from(flat, tokens, start)
                if run and not all(_covered(_letters(page_words[i]), rects) for i in run):
                    failed.add(plan.values[value])
    return failed


def _runs(value: str, tokens: Sequence[str]) -> Iterable[range]:
    """Each run of consecutive tokens that reads ``value``, spaces aside (whole tokens)."""
    for start in range(len(tokens)):
        run = _run_from(value, tokens, start)
        if run:
            yield run


def _run_from(value: str, tokens: Sequence[str], start: int, most: int = 8) -> range | None:
    """The run of tokens from ``start`` that reads ``value``, spaces aside, if there is one."""
    run = ""
    for end in range(start, min(start + most, len(tokens))):
        run += tokens[end]
        if run == value:
            return range(start, end + 1)
        if len(run) >= len(value) or not value.startswith(run):
            return None
    return None


def _letters(word: Word) -> Box:
    """The part of a word's box that holds its letters and digits ("WALSH" of "WALSH,")."""
    text, edges = word.text, word.char_edges
    kept = [i for i, c in enumerate(text) if c.isalnum()]
    if not kept or len(edges) != len(text) + 1:
        return word.box
    return Box(edges[kept[0]], word.box.y0, edges[kept[-1] + 1], word.box.y1)


def _covered(box: Box, rects: Sequence[pymupdf.Rect]) -> bool:
    """Whether the middle of ``box`` (points across its inner 80%) is under the rectangles."""
    for fx in (0.1, 0.3, 0.5, 0.7, 0.9):
        for fy in (0.3, 0.5, 0.7):
            x, y = box.x0 + fx * box.width, box.y0 + fy * box.height
            if not any(r.x0 <= x <= r.x1 and r.y0 <= y <= r.y1 for r in rects):
                return False
    return True


# --- the pixels under each box ------------------------------------------------------


#: A box to read round: a mark and its rectangle on the copy's page.
_Boxed = tuple[Mark, pymupdf.Rect]


def _pixels_checked(
    doc: pymupdf.Document, page: pymupdf.Page, marks: Sequence[Mark]
) -> tuple[set[str], list[_Boxed]]:
    """Ids of marks over which a picture of the copy is not one colour; boxes to read round.

    A box needs reading round when ink touches one of its sides in the picture (the
    box may end inside a word: a piece of the value may be left beside it), when the
    picture is drawn turned (its pixels do not run along the box), or when no
    picture lies under it at all (its page is drawn otherwise).
    """
    failed: set[str] = set()
    to_read: list[_Boxed] = []
    pictures = [
        (int(info["xref"]), pymupdf.Rect(info["bbox"]), pymupdf.Matrix(info["transform"]))
        for info in page.get_image_info(xrefs=True)
        if int(info.get("xref") or 0) > 0
    ]
    decoded: dict[int, np.ndarray | None] = {}
    for mark in marks:
        for box in mark.boxes:
            rect = redaction_rect(box, mark.source)
            under = [p for p in pictures if p[1].intersects(rect)]
            read = not under
            for xref, bbox, matrix in under:
                if xref not in decoded:
                    decoded[xref] = _pixels(doc, xref)
                pixels = decoded[xref]
                if pixels is None:
                    continue
                frame = _Frame(pixels.shape[1], pixels.shape[0], matrix)
                if not _one_colour(pixels, frame, rect & bbox):
                    failed.add(mark.finding.id)
                read = read or _ink_at_sides(pixels, frame, rect)
            if read:
                to_read.append((mark, rect))
    return failed, to_read


def _pixels(doc: pymupdf.Document, xref: int) -> np.ndarray | None:
    """A picture's pixels ``(height, width, channels)``; None if it cannot be decoded."""
    try:
        pix = pymupdf.Pixmap(doc, xref)
        if pix.alpha:
            pix = pymupdf.Pixmap(pix, 0)
    except (pymupdf.mupdf.FzErrorBase, RuntimeError, ValueError):
        return None  # a picture MuPDF cannot decode draws nothing either
    return np.frombuffer(pix.samples, np.uint8).reshape(pix.height, pix.width, pix.n)


@dataclass(frozen=True, slots=True)
class _Frame:
    """How a picture's pixels lie on the page: its size and matrix (unit square to page)."""

    width: int
    height: int
    matrix: pymupdf.Matrix

    @property
    def level(self) -> bool:
        """Whether pixel rows run along the page's x axis (not turned or sheared)."""
        return bool(abs(self.matrix.b) < 1e-6 and abs(self.matrix.c) < 1e-6)

    def columns(self, x0: float, x1: float) -> tuple[int, int]:
        """The pixel columns of a level picture whose centres lie within ``[x0, x1]``."""
        return _span(x0, x1, self.matrix.e, self.matrix.a, self.width)

    def rows(self, y0: float, y1: float) -> tuple[int, int]:
        """The pixel rows of a level picture whose centres lie within ``[y0, y1]``."""
        return _span(y0, y1, self.matrix.f, self.matrix.d, self.height)


def _span(lo: float, hi: float, origin: float, length: float, count: int) -> tuple[int, int]:
    """Indices ``[first, last)`` of the pixels (of ``count`` along ``length``) centred in range."""
    a, b = sorted(((lo - origin) / length * count - 0.5, (hi - origin) / length * count - 0.5))
    return max(0, int(np.ceil(a))), min(count, int(np.floor(b)) + 1)


def _one_colour(pixels: np.ndarray, frame: _Frame, rect: pymupdf.Rect) -> bool:
    """Whether the picture's pixels lying inside ``rect`` (page space) are of one colour.

    The rectangle is first shrunk by a pixel (its edge pixels are shared with the
    rest of the picture). A turned picture's pixels are taken where their centres,
    mapped to the page by the picture's matrix, fall inside.
    """
    if rect.is_empty:
        return True
    m = frame.matrix
    step = max(abs(m.a) + abs(m.c), abs(m.b) + abs(m.d)) / min(frame.width, frame.height)
    inner = pymupdf.Rect(rect.x0 + step, rect.y0 + step, rect.x1 - step, rect.y1 - step)
    if inner.is_empty:
        return True
    if frame.level:
        c0, c1 = frame.columns(inner.x0, inner.x1)
        r0, r1 = frame.rows(inner.y0, inner.y1)
        chosen = pixels[r0:r1, c0:c1].reshape(-1, pixels.shape[2])
    else:
        chosen = _turned_pixels(pixels, frame, inner)
    if chosen.size == 0:
        return True
    spread = chosen.max(axis=0).astype(int) - chosen.min(axis=0).astype(int)
    return bool(spread.max() <= PAINT_TOLERANCE)


def _turned_pixels(pixels: np.ndarray, frame: _Frame, rect: pymupdf.Rect) -> np.ndarray:
    """The pixels of a turned picture whose centres fall inside ``rect``."""
    try:
        inverse = ~frame.matrix
    except (ZeroDivisionError, ValueError):
        return pixels[:0, 0]
    corners = [
        pymupdf.Point(x, y) * inverse for x in (rect.x0, rect.x1) for y in (rect.y0, rect.y1)
    ]
    us, vs = [c.x * frame.width for c in corners], [c.y * frame.height for c in corners]
    c0, c1 = max(0, int(min(us))), min(frame.width, int(np.ceil(max(us))) + 1)
    r0, r1 = max(0, int(min(vs))), min(frame.height, int(np.ceil(max(vs))) + 1)
    if c1 <= c0 or r1 <= r0:
        return pixels[:0, 0]
    cols, rows = np.meshgrid(np.arange(c0, c1) + 0.5, np.arange(r0, r1) + 0.5)
    u, v = cols / frame.width, rows / frame.height
    m = frame.matrix
    x = u * m.a + v * m.c + m.e
    y = u * m.b + v * m.d + m.f
    inside = (x >= rect.x0) & (x <= rect.x1) & (y >= rect.y0) & (y <= rect.y1)
    chosen: np.ndarray = pixels[r0:r1, c0:c1][inside]
    return chosen


#: Columns of pixels looked at just outside each side of a box, and how much darker
#: than the paper round the box (0-255) a pixel there must be to be ink.
SIDE_PIXELS = 2
SIDE_INK = 80
#: Rows of ink beside a box, on either side, that make it worth reading round, and the
#: least share of the box's height they must reach over.
SIDE_INK_PIXELS = 2
SIDE_INK_HEIGHT = 0.35


def _ink_at_sides(pixels: np.ndarray, frame: _Frame, rect: pymupdf.Rect) -> bool:
    """Whether ink touches the box's left or right side in a level picture.

    The box is the value's ink and a margin; where the columns just outside its sides
    are paper, no glyph runs on past it (it ends in the space between words), so no
    piece of the value can be left legible there. A turned picture always counts.
    """
    if not frame.level:
        return True
    r0, r1 = frame.rows(rect.y0, rect.y1)
    c0, c1 = frame.columns(rect.x0, rect.x1)
    if r1 <= r0:
        return False
    gray = pixels[r0:r1].mean(axis=2) if pixels.shape[2] > 1 else pixels[r0:r1, :, 0]
    ring = gray[:, max(0, c0 - 4 * (r1 - r0)) : c1 + 4 * (r1 - r0)]
    paper = float(np.percentile(ring, 90)) if ring.size else 255.0
    for lo, hi in ((c0 - SIDE_PIXELS, c0), (c1, c1 + SIDE_PIXELS)):
        lo, hi = max(0, lo), min(gray.shape[1], hi)
        if hi <= lo:
            continue
        rows = np.flatnonzero((gray[:, lo:hi] < paper - SIDE_INK).any(axis=1))
        # A comma or full stop after the value is ink too, but low: a letter or digit
        # cut by the box reaches over a good part of the line's height.
        if rows.size >= SIDE_INK_PIXELS and rows[-1] - rows[0] + 1 >= SIDE_INK_HEIGHT * len(gray):
            return True
    return False


# --- nothing legible beside a box ---------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Crop:
    """A crop of the copy's page (points) and where it sits in the strip read (pixels)."""

    clip: pymupdf.Rect
    top: int
    height: int


def _legible_beside(
    page: pymupdf.Page,
    boxes: Sequence[_Boxed],
    values: Mapping[str, str],
    engine: OcrEngine,
) -> tuple[set[str], int]:
    """Read crops of the copy around these boxes; ids of values legible there."""
    clips = _merged([_around(rect) & page.rect for _, rect in boxes])
    clips = [c for c in clips if c.width > 1 and c.height > 1]
    if not clips:
        return set(), 0
    zoom = _zoom(page, clips)
    strip, crops = _strip(page, clips, zoom)
    sparse = all(mark.source is Source.IMAGE for mark, _ in boxes)
    # No cheap check first: the crops hold text (the page's, round a box), and the
    # engine's check would cost as much as reading them.
    lines = engine.read(strip, sparse=sparse)
    read = _to_page(lines, crops, zoom)
    failed: set[str] = set()
    by_crop: dict[int, list[tuple[str, Box]]] = {}
    for index, text, box in read:
        by_crop.setdefault(index, []).append((text, box))
    for found in by_crop.values():
        text = " ".join(t for t, _ in found)
        tokens = [_alnum(t) for t, _ in found]
        for value, fid in values.items():
            flat = _alnum(value)
            if value_pattern(value).search(text) or (len(flat) >= 4 and any(_runs(flat, tokens))):
                failed.add(fid)
    pieces = [(t, b) for _, t, b in read]
    for mark, rect in boxes:
        if _piece_beside(_alnum(mark.finding.detection.text), rect, pieces):
            failed.add(mark.finding.id)
    return failed, len(clips)


def _around(rect: pymupdf.Rect) -> pymupdf.Rect:
    """The crop read around a box: a line above and below, a few characters each side."""
    dy, dx = CROP_LINES * rect.height, CROP_SIDE * rect.height
    return pymupdf.Rect(rect.x0 - dx, rect.y0 - dy, rect.x1 + dx, rect.y1 + dy)


def _merged(rects: Sequence[pymupdf.Rect]) -> list[pymupdf.Rect]:
    """The rectangles with overlapping ones joined (a page's boxes often share lines)."""
    merged: list[pymupdf.Rect] = []
    for rect in sorted(rects, key=lambda r: (r.y0, r.x0)):
        rect = pymupdf.Rect(rect)
        joined = True
        while joined:
            joined = False
            for other in merged:
                if other.intersects(rect):
                    merged.remove(other)
                    rect |= other
                    joined = True
                    break
        merged.append(rect)
    return merged


def _zoom(page: pymupdf.Page, clips: Sequence[pymupdf.Rect]) -> float:
    """The scale the scan read these parts of the page at: the pictures' own, within bounds."""
    native = MIN_ZOOM
    for info in page.get_image_info():
        bbox = pymupdf.Rect(info["bbox"])
        if bbox.width > 0 and bbox.height > 0 and any(bbox.intersects(c) for c in clips):
            native = max(native, info["width"] / bbox.width, info["height"] / bbox.height)
    return min(native, MAX_ZOOM)


def _strip(
    page: pymupdf.Page, clips: Sequence[pymupdf.Rect], zoom: float
) -> tuple[Image, list[_Crop]]:
    """The crops rendered and stacked into one picture, white rows between them."""
    # One drawing of the part of the page that holds them all: each drawing of a clip
    # would decode the page's picture again.
    whole = pymupdf.Rect(clips[0])
    for clip in clips[1:]:
        whole |= clip
    pix = page.get_pixmap(matrix=pymupdf.Matrix(zoom, zoom), clip=whole, alpha=False)
    array = np.frombuffer(pix.samples, np.uint8).reshape(pix.height, pix.width, pix.n)
    drawn = array[:, :, :3] if pix.n >= 3 else np.repeat(array[:, :, :1], 3, axis=2)
    renders: list[np.ndarray] = []
    for clip in clips:
        x0, y0 = round((clip.x0 - whole.x0) * zoom), round((clip.y0 - whole.y0) * zoom)
        x1, y1 = round((clip.x1 - whole.x0) * zoom), round((clip.y1 - whole.y0) * zoom)
        renders.append(drawn[max(0, y0) : max(y0 + 1, y1), max(0, x0) : max(x0 + 1, x1)])
    width = max(r.shape[1] for r in renders) + 2 * _GAP
    height = sum(r.shape[0] for r in renders) + _GAP * (len(renders) + 1)
    strip = np.full((height, width, 3), 255, np.uint8)
    crops: list[_Crop] = []
    top = _GAP
    for clip, render in zip(clips, renders, strict=True):
        strip[top : top + render.shape[0], _GAP : _GAP + render.shape[1]] = render
        crops.append(_Crop(clip, top, render.shape[0]))
        top += render.shape[0] + _GAP
    return strip, crops


def _to_page(
    lines: Sequence[OcrLine], crops: Sequence[_Crop], zoom: float
) -> list[tuple[int, str, Box]]:
    """Each word read from the strip: the crop it is in, its text and its box on the page."""
    found: list[tuple[int, str, Box]] = []
    for line in lines:
        for word in line.words:
            xs, ys = [p[0] for p in word.quad], [p[1] for p in word.quad]
            middle = (min(ys) + max(ys)) / 2
            for index, crop in enumerate(crops):
                if crop.top <= middle <= crop.top + crop.height:
                    x0 = crop.clip.x0 + (min(xs) - _GAP) / zoom
                    x1 = crop.clip.x0 + (max(xs) - _GAP) / zoom
                    y0 = crop.clip.y0 + (min(ys) - crop.top) / zoom
                    y1 = crop.clip.y0 + (max(ys) - crop.top) / zoom
                    found.append((index, word.text, Box(x0, y0, x1, y1)))
                    break
    return found


def _piece_beside(value: str, rect: pymupdf.Rect, words: Sequence[tuple[str, Box]]) -> bool:
    """Whether a word read just beside the box, on its line, is a piece of ``value``.

    A word counts when its middle is outside the box, on the box's line, within one
    box height of its left or right side, and its letters and digits are a piece of
    the value: at least :data:`MIN_PIECE` of them and :data:`MIN_PIECE_SHARE` of it.
    """
    least = max(MIN_PIECE, int(len(value) * MIN_PIECE_SHARE + 0.999))
    reach = rect.height
    for text, box in words:
        flat = _alnum(text)
        if len(flat) < least or flat not in value:
            continue
        cx, cy = (box.x0 + box.x1) / 2, (box.y0 + box.y1) / 2
        if not rect.y0 <= cy <= rect.y1:
            continue
        if rect.x0 <= cx <= rect.x1:
            continue  # inside: the box's own label, or what the pixel check proves gone
        if box.x1 >= rect.x0 - reach and box.x0 <= rect.x1 + reach:
            return True
    return False


def _alnum(text: str) -> str:
    return "".join(c for c in text.casefold() if c.isalnum())
