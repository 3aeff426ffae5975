"""Find failed redactions and old revisions already in the input file.

A black box drawn over text is not a redaction: the text is still in the file
and can be copied out. This stage finds, on each page:

* text under a filled dark rectangle (drawn after it, or in a dark colour on it),
  or dark text under a small dark picture (a black box pasted as an image);
* text under a dark highlight or dark square annotation;
* text or images under a redaction annotation that was never applied;

and, for the whole file, earlier revisions kept by incremental saves. Each is an
:class:`~idpc_guard.model.InputDefect`; the policy stage turns them into
findings (so the copy removes the text) and document issues.

Nothing is skipped silently: a page whose inspection fails, or a file whose
revisions cannot be checked, gives a ``not_scanned`` defect saying what was not
inspected (finding nothing there is not the same as finding that nothing is there).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

import pymupdf

from idpc_guard.model import Box, InputDefect, IssueKind
from idpc_guard.text.quality import writable

#: A colour is dark when its luminance is below this (0 black, 1 white).
DARK = 0.3
#: Fills more transparent than this hide nothing.
OPAQUE = 0.9
#: Rectangles smaller than this (points) are rules and bullets, not boxes.
MIN_SIDE = 3.0

#: Images with more pixels than this are pictures, not pasted boxes.
_MAX_COVER_PIXELS = 256 * 256
_ANNOT_REDACT = 12
_ANNOT_SQUARE = 4
_ANNOT_HIGHLIGHT = 8
#: What PyMuPDF raises for a page or file it cannot parse. (A broken page tree can
#: count a page it cannot find: PyMuPDF raises IndexError for it.)
_PDF_ERRORS = (pymupdf.mupdf.FzErrorBase, RuntimeError, ValueError, IndexError)


@dataclass(frozen=True, slots=True)
class _Cover:
    rect: pymupdf.Rect
    seqno: int  # drawing order on the page; annotations come after all content
    what: str


@dataclass(frozen=True, slots=True)
class _Char:
    text: str
    box: tuple[float, float, float, float]
    centre: pymupdf.Point
    seqno: int
    dark: bool

    @property
    def space(self) -> bool:
        return self.text.isspace()


def inspect_input(data: bytes) -> tuple[InputDefect, ...]:
    """Failed redactions and earlier revisions in the PDF ``data`` (already known readable).

    A page that cannot be inspected gives a ``not_scanned`` defect for that page (what
    was found on it before the failure is kept); revisions that cannot be checked give
    one for the whole file (``page`` None).
    """
    doc = pymupdf.open(stream=data, filetype="pdf")
    try:
        defects: list[InputDefect] = []
        for number in range(doc.page_count):
            try:
                defects.extend(_page_defects(doc[number]))
            except _PDF_ERRORS:
                defects.append(_page_not_inspected(number))
        try:
            defects.extend(_earlier_revisions(doc, data))
        except _PDF_ERRORS:
            defects.append(_REVISIONS_NOT_INSPECTED)
        return tuple(defects)
    finally:
        doc.close()


def _page_not_inspected(number: int) -> InputDefect:
    return InputDefect(
        IssueKind.NOT_SCANNED,
        number,
        (),
        "",
        f"Page {number + 1} could not be inspected for earlier redactions that failed "
        "(text left under a box, a highlight or a redaction annotation): check it by eye.",
    )


_REVISIONS_NOT_INSPECTED = InputDefect(
    IssueKind.NOT_SCANNED,
    None,
    (),
    "",
    "The file could not be inspected for earlier revisions kept by incremental saves: "
    "anyone given the file as it is may recover them (the copy is written without any).",
)


def _page_defects(page: pymupdf.Page) -> Iterator[InputDefect]:
    covers = [*_dark_rectangles(page), *_thick_strokes(page), *_dark_images(page)]
    redacts: list[pymupdf.Rect] = []
    for annot in page.annots():
        kind = annot.type[0]
        if kind == _ANNOT_REDACT:
            redacts.append(pymupdf.Rect(annot.rect))
        elif kind in (_ANNOT_HIGHLIGHT, _ANNOT_SQUARE) and _dark_annot(annot):
            covers.append(_Cover(pymupdf.Rect(annot.rect), 1 << 30, "a dark annotation"))
    if not covers and not redacts and not _has_patterns(page):
        return
    chars = list(_chars(page))
    covers += _painted_over(page, chars)
    for cover in covers:
        hidden = [
            c for c in chars if cover.rect.contains(c.centre) and (c.seqno < cover.seqno or c.dark)
        ]
        if any(not c.space for c in hidden):
            yield InputDefect(
                IssueKind.BAD_REDACTION,
                page.number,
                _line_boxes(hidden),
                _joined(hidden),
                f"Page {page.number + 1}: text under {cover.what} is still in the file "
                "(a box drawn over text is not a redaction). It is removed from the copy.",
            )
    images = [pymupdf.Rect(i["bbox"]) for i in page.get_image_info()] if redacts else []
    for rect in redacts:
        hidden = [c for c in chars if rect.contains(c.centre)]
        if all(c.space for c in hidden):
            hidden = []
        over_image = any(rect.intersects(i) for i in images)
        if hidden or over_image:
            r = rect
            boxes = _line_boxes(hidden) if hidden else (Box(r.x0, r.y0, r.x1, r.y1),)
            yield InputDefect(
                IssueKind.BAD_REDACTION,
                page.number,
                boxes,
                _joined(hidden),
                f"Page {page.number + 1}: a redaction annotation was never applied; the "
                "content under it is still in the file. It is applied in the copy.",
            )


def _dark_rectangles(page: pymupdf.Page) -> Iterator[_Cover]:
    area = abs(page.rect)
    for drawing in page.get_drawings():
        fill = drawing.get("fill")
        if fill is None or _luminance(fill) >= DARK:
            continue
        if (drawing.get("fill_opacity") or 1.0) < OPAQUE:
            continue
        if not all(item[0] in ("re", "qu") for item in drawing["items"]):
            continue
        for item in drawing["items"]:  # one path may fill many rectangles
            rect = pymupdf.Rect(item[1].rect if item[0] == "qu" else item[1])
            if rect.width < MIN_SIDE or rect.height < MIN_SIDE or abs(rect) > 0.9 * area:
                continue
            yield _Cover(rect, int(drawing.get("seqno", 0)), "a filled dark rectangle")


#: A stroke at least this wide (points) can hide a line of text.
MIN_STROKE = 4.0


def _thick_strokes(page: pymupdf.Page) -> Iterator[_Cover]:
    """Dark lines, or rectangle borders, stroked so thick that they paint a band over text."""
    for drawing in page.get_drawings():
        colour, width = drawing.get("color"), float(drawing.get("width") or 0.0)
        if colour is None or width < MIN_STROKE or _luminance(colour) >= DARK:
            continue
        if (drawing.get("stroke_opacity") or 1.0) < OPAQUE:
            continue
        rect = pymupdf.Rect(drawing["rect"])
        kinds = {item[0] for item in drawing["items"]}
        if not kinds <= {"l", "re", "qu"}:
            continue
        if kinds != {"l"} and min(rect.width, rect.height) > width:
            continue  # a frame: its middle is not painted
        band = pymupdf.Rect(
            rect.x0 - width / 2, rect.y0 - width / 2, rect.x1 + width / 2, rect.y1 + width / 2
        )
        if band.width >= MIN_SIDE and band.height >= MIN_SIDE:
            yield _Cover(band, int(drawing.get("seqno", 0)), "a thick dark stroke")


def _has_patterns(page: pymupdf.Page) -> bool:
    """Whether the page's resources hold patterns or shadings (paint that is not a colour)."""
    doc = page.parent
    kind, value = doc.xref_get_key(page.xref, "Resources")
    owner, prefix = (int(value.split()[0]), "") if kind == "xref" else (page.xref, "Resources/")
    return any(doc.xref_get_key(owner, prefix + key)[0] != "null" for key in ("Pattern", "Shading"))


def _painted_over(page: pymupdf.Page, chars: Sequence[_Char]) -> list[_Cover]:
    """Text under dark paint that paths do not describe (a pattern fill, a shading).

    MuPDF lists a pattern's tile, not the area it fills, so the page is drawn (small,
    in grey) and each character whose box is dark all over is hidden: the box of its
    line is the cover. Only pages whose resources hold patterns or shadings are drawn.
    """
    if not chars or not _has_patterns(page):
        return []
    pix = page.get_pixmap(dpi=72, colorspace=pymupdf.csGRAY, alpha=False)
    hidden = [c for c in chars if not c.space and _darkness(pix, c.box) < DARK / 2]
    return [
        _Cover(pymupdf.Rect(*box.as_tuple()), 1 << 30, "dark paint (a pattern fill)")
        for box in _line_boxes(hidden)
    ]


def _darkness(pix: pymupdf.Pixmap, box: tuple[float, float, float, float]) -> float:
    """Mean luminance (0 black, 1 white) of the pixels inside ``box`` (page points at 72 dpi)."""
    x0, y0 = max(0, int(box[0])), max(0, int(box[1]))
    x1, y1 = min(int(pix.width), int(box[2]) + 1), min(int(pix.height), int(box[3]) + 1)
    if x1 <= x0 or y1 <= y0:
        return 1.0
    samples: bytes = pix.samples
    stride = int(pix.stride)
    total = sum(sum(samples[y * stride + x0 : y * stride + x1]) for y in range(y0, y1))
    return float(total) / (255 * (x1 - x0) * (y1 - y0))


def _dark_images(page: pymupdf.Page) -> Iterator[_Cover]:
    """Small, almost uniformly dark images: black boxes pasted as pictures.

    The drawing order of images is not known here, so such a cover hides only
    dark text (``seqno`` -1); light text on a dark picture is a heading.
    """
    if not page.get_images():  # cheap: the page's resources, no drawing
        return
    area = abs(page.rect)
    for info in page.get_image_info(xrefs=True):
        xref = int(info.get("xref") or 0)
        rect = pymupdf.Rect(info["bbox"])
        if xref <= 0 or rect.width < MIN_SIDE or rect.height < MIN_SIDE or abs(rect) > 0.9 * area:
            continue
        if int(info.get("width", 0)) * int(info.get("height", 0)) > _MAX_COVER_PIXELS:
            continue
        if _image_luminance(page.parent, xref) < DARK:
            yield _Cover(rect, -1, "a dark image")


def _image_luminance(doc: pymupdf.Document, xref: int) -> float:
    try:
        pix = pymupdf.Pixmap(doc, xref)
        if pix.alpha:
            pix = pymupdf.Pixmap(pix, 0)
        if pix.n != 1:
            pix = pymupdf.Pixmap(pymupdf.csGRAY, pix)
    except (RuntimeError, ValueError):
        return 1.0
    samples = pix.samples
    return sum(samples) / (255 * len(samples)) if samples else 1.0


def _dark_annot(annot: pymupdf.Annot) -> bool:
    colors = annot.colors or {}
    colour = colors.get("fill") or colors.get("stroke")
    opacity = annot.opacity
    return bool(colour) and _luminance(colour) < DARK and (opacity < 0 or opacity >= OPAQUE)


def _chars(page: pymupdf.Page) -> Iterator[_Char]:
    for span in page.get_texttrace():
        dark = _luminance(span.get("color") or (0.0,)) < DARK
        seqno = int(span.get("seqno", 0))
        for char in span["chars"]:
            code, bbox = char[0], char[3]
            text = writable(chr(code)) if code > 0 else ""
            if not text:
                continue
            x0, y0, x1, y1 = (float(v) for v in bbox)
            centre = pymupdf.Point((x0 + x1) / 2, (y0 + y1) / 2)
            yield _Char(text, (x0, y0, x1, y1), centre, seqno, dark)


def _line_boxes(chars: Sequence[_Char]) -> tuple[Box, ...]:
    lines: dict[int, list[_Char]] = {}
    for char in chars:
        if char.space:
            continue
        lines.setdefault(round(char.centre.y), []).append(char)
    boxes = []
    for _, line in sorted(lines.items()):
        boxes.append(
            Box(
                min(c.box[0] for c in line),
                min(c.box[1] for c in line),
                max(c.box[2] for c in line),
                max(c.box[3] for c in line),
            )
        )
    return tuple(boxes)


def _joined(chars: Sequence[_Char]) -> str:
    return " ".join("".join(c.text for c in chars).split())


def _luminance(colour: Sequence[float] | Any) -> float:
    values = [float(v) for v in colour]
    if len(values) == 3:
        r, g, b = values
        return 0.2126 * r + 0.7152 * g + 0.0722 * b
    if len(values) == 4:  # CMYK
        c, m, y, k = values
        r, g, b = (1 - min(1.0, v + k) for v in (c, m, y))
        return 0.2126 * r + 0.7152 * g + 0.0722 * b
    return values[0] if values else 0.0


_EOF = re.compile(rb"%%EOF")


def _earlier_revisions(doc: pymupdf.Document, data: bytes) -> Iterator[InputDefect]:
    """Incremental saves keep every earlier version of the file readable."""
    versions = doc.version_count
    ends = [m.end() for m in _EOF.finditer(data)]
    original = 0
    if doc.is_fast_webaccess:
        # A linearised file ends twice (its first-page section, then the whole file):
        # only what was appended after the second end is a later revision.
        versions = len(ends) - 1
        original = 1
    if versions <= 1:
        return
    first_end = ends[original] - 5 if len(ends) > original else data.find(b"%%EOF")
    lost: int | None = 0
    if first_end > 0:
        lost = _words_only_in(data[: first_end + 5], doc)
    if lost is None:
        words = "; the first could not be read to compare its words with the final version"
    else:
        words = f"; the first holds {lost} word(s) not in the final version" if lost else ""
    yield InputDefect(
        IssueKind.EARLIER_REVISION,
        None,
        (),
        "",
        f"The file keeps {versions - 1} earlier revision(s) from incremental saves"
        + words
        + ". Anyone can recover them; the copy is written without them.",
    )


def _words_only_in(earlier: bytes, final: pymupdf.Document) -> int | None:
    """Words of the ``earlier`` revision not in the ``final`` one; None if either cannot be read.

    The revision is reported either way: a count that cannot be made must not hide it.
    """
    try:
        old = pymupdf.open(stream=earlier, filetype="pdf")
    except _PDF_ERRORS:
        return None
    try:
        old_words = {w[4] for page in old for w in page.get_text("words")}
        new_words = {w[4] for page in final for w in page.get_text("words")}
    except _PDF_ERRORS:
        return None
    finally:
        old.close()
    return len(old_words - new_words)
