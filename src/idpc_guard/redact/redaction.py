"""Make the redacted copy: text, pixels and vector graphics under each box truly removed.

Black boxes drawn over text are not redactions. Here each finding the plan
(:mod:`idpc_guard.redact.plan`) redacts becomes a PyMuPDF redaction that is
applied (the characters under it are deleted from the content stream, image
pixels under it are blanked, vector graphics wholly inside it are removed), the
plan's removed pages are deleted, everything outside the page content that can
carry personal data is cleaned (:mod:`idpc_guard.redact.sanitize`), and the file
is written fresh with unused objects collected, so no earlier revision survives.

:mod:`idpc_guard.redact.review_copy` makes the reviewer's copy instead.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Mapping, Sequence

import pymupdf

from idpc_guard.errors import DamagedPdfError
from idpc_guard.model import Box, Page, Source
from idpc_guard.policy.cps import BoxPolicy
from idpc_guard.redact.plan import Mark, RedactionPlan
from idpc_guard.redact.rectangles import BoxGrid, RectTuple, merged_rects
from idpc_guard.redact.sanitize import remove_hidden_layers, sanitize
from idpc_guard.redact.shared_images import SharedImages
from idpc_guard.redact.unseen import remove_unseen
from idpc_guard.redact.widths import widened

#: Fraction of a box's height trimmed from top and bottom, so a box that only
#: touches the line above or below does not remove its characters too.
VERTICAL_TRIM = 0.2
#: Points trimmed from left and right, so a neighbouring glyph that shares an
#: edge with the box is kept.
HORIZONTAL_TRIM = 0.3

LABEL_FONT = "helv"
_MAX_LABEL_SIZE = 6.0
_MIN_LABEL_SIZE = 3.5
#: Points kept between a removal rectangle and another line's characters.
_CLEARANCE = 0.25
#: Redaction annotations applied at a time: PyMuPDF's cost for adding annotations to
#: a page grows with the cube of their number, so a page with more rectangles is
#: redacted in several passes (each removes what its rectangles touch).
ANNOTATIONS_PER_PASS = 200
BLACK = (0.0, 0.0, 0.0)
WHITE = (1.0, 1.0, 1.0)


def glyph_rect(box: Box) -> pymupdf.Rect:
    """The rectangle passed to PyMuPDF for a box: trimmed to the middle of the glyphs."""
    dy = box.height * VERTICAL_TRIM
    dx = min(HORIZONTAL_TRIM, box.width / 4)
    return pymupdf.Rect(box.x0 + dx, box.y0 + dy, box.x1 - dx, box.y1 - dy)


#: Share of an OCR word's height added round it: OCR boxes are looser than glyph boxes,
#: and a pixel of a digit left at the edge can be enough to read it.
OCR_PAD = 0.15


def redaction_rect(box: Box, source: Source) -> pymupdf.Rect:
    """The rectangle removed for a box: trimmed for text, padded for OCR and pictures."""
    if source is Source.TEXT:
        return glyph_rect(box)
    pad = max(1.0, box.height * OCR_PAD)
    return pymupdf.Rect(box.x0 - pad, box.y0 - pad, box.x1 + pad, box.y1 + pad)


#: A character's box as ``(x0, y0, x1, y1)``: plain tuples, as pages hold thousands.
CharBox = tuple[float, float, float, float]


def copy_seconds(plan: RedactionPlan, read_seconds: float, page_seconds: float) -> float:
    """How long making a copy of a bundle may take, in a child killed after it.

    Making the copy parses the PDF again, so a hostile page could keep it busy for
    ever: it is given three times as long as reading the bundle took, plus one page
    allowance (``page_seconds``, ``--page-timeout``) per page it changes, plus two.
    """
    return 3 * read_seconds + page_seconds * (2 + len(plan.touched_pages))


def redact(
    pdf: bytes,
    plan: RedactionPlan,
    text_boxes: Mapping[int, Sequence[CharBox]] | None = None,
) -> bytes:
    """The redacted copy of ``pdf`` as bytes.

    Args:
        pdf: the bundle.
        plan: what to remove, and what each box says.
        text_boxes: for each 0-based page, the boxes of its text-layer words as
            extraction read them (:func:`word_boxes`). Removal rectangles are fitted
            between lines with them, so the page's characters are not read again;
            a page missing from it, or with no boxes, is read.

    Raises:
        DamagedPdfError: the PDF reads, but is too damaged for a copy to be made.
    """
    try:
        return _redact(pdf, plan, text_boxes or {})
    except (pymupdf.mupdf.FzErrorBase, RuntimeError, ValueError) as exc:
        raise DamagedPdfError(
            "the bundle is too damaged for a redacted copy to be made: ask for it to be "
            "re-exported, or scan with --no-redact for the report alone"
        ) from exc


def _redact(pdf: bytes, plan: RedactionPlan, text_boxes: Mapping[int, Sequence[CharBox]]) -> bytes:
    doc = pymupdf.open(stream=pdf, filetype="pdf")
    try:
        remove_hidden_layers(doc)  # first: applying boxes rewrites the streams it cuts
        _apply_boxes(doc, plan.redactions, text_boxes, plan.box_width)
        dropped = plan.removed_pages
        if dropped:
            if len(dropped) >= doc.page_count:
                # A PDF needs a page: keep one blank page of the first page's size.
                first = doc[0].rect
                doc.new_page(-1, width=first.width, height=first.height)
            doc.delete_pages(list(dropped))
        # After the boxes (a picture's redacted pixels reach its other uses first), and
        # on the pages kept only (a removed page may be one too slow to read).
        for page in doc:
            remove_unseen(page)
        sanitize(doc, plan.redacted_texts)
        data: bytes = doc.tobytes(garbage=4, deflate=True, clean=True, no_new_id=False)
        return data
    finally:
        doc.close()


def removal_rect(box: Box, neighbours: Sequence[CharBox], source: Source) -> pymupdf.Rect:
    """The rectangle whose content is removed for ``box``: fitted between the lines around it.

    PyMuPDF removes every character whose box touches a redaction rectangle, and
    with tight line spacing the glyph boxes of adjacent lines overlap. The
    rectangle is therefore the trimmed glyph box, narrowed further so it stays
    clear of any other line's characters above or below (``neighbours``: the
    page's character boxes). Image and OCR boxes are used whole: there the
    pixels under the box must go.
    """
    if source is not Source.TEXT:
        return redaction_rect(box, source)
    rect = glyph_rect(box)
    middle = (box.y0 + box.y1) / 2
    top, bottom = rect.y0, rect.y1
    x0, x1 = rect.x0, rect.x1
    for cx0, cy0, cx1, cy1 in neighbours:
        if cx1 <= x0 or cx0 >= x1 or cy1 <= top or cy0 >= bottom:
            continue
        centre = (cy0 + cy1) / 2
        if box.y0 <= centre <= box.y1:
            continue  # a character of this line
        if centre < middle:
            top = max(top, cy1 + _CLEARANCE)
        else:
            bottom = min(bottom, cy0 - _CLEARANCE)
    if bottom - top < 2 * _CLEARANCE:
        top, bottom = middle - _CLEARANCE, middle + _CLEARANCE
    return pymupdf.Rect(rect.x0, top, rect.x1, bottom)


def char_boxes(page: pymupdf.Page) -> list[CharBox]:
    """The boxes of the page's characters as text extraction (and redaction) sees them."""
    boxes: list[CharBox] = []
    # Default rawdict flags without images: the same characters, and no picture decoded.
    flags = pymupdf.TEXTFLAGS_RAWDICT & ~pymupdf.TEXT_PRESERVE_IMAGES
    for block in page.get_text("rawdict", flags=flags)["blocks"]:
        for line in block.get("lines", ()):
            for span in line["spans"]:
                boxes.extend(tuple(c["bbox"]) for c in span["chars"] if c["c"] > " ")
    return boxes


def word_boxes(pages: Iterable[Page]) -> dict[int, list[CharBox]]:
    """Each page's text-layer word boxes, for :func:`redact`'s ``text_boxes``.

    A word's box spans its characters' boxes, so for fitting a removal rectangle
    between lines it stands for them (:func:`removal_rect` only asks which other
    lines reach into the box).
    """
    return {
        page.index: [w.box.as_tuple() for w in page.words if w.source is Source.TEXT]
        for page in pages
    }


def _apply_boxes(
    doc: pymupdf.Document,
    redactions: Mapping[int, Sequence[Mark]],
    text_boxes: Mapping[int, Sequence[CharBox]],
    box_width: BoxPolicy,
) -> None:
    shared = SharedImages(doc)
    for number, marks in redactions.items():
        page = doc[number]
        grid = BoxGrid(text_boxes.get(number) or char_boxes(page))
        # The same box twice (a page drawn over itself) is fitted, drawn and labelled once.
        removed: dict[tuple[Box, Source], pymupdf.Rect] = {}
        shown_once: dict[tuple[RectTuple, str], pymupdf.Rect] = {}
        exact: list[pymupdf.Rect] = []
        for mark in marks:
            source = mark.source
            for box in mark.boxes:
                rect = removed.get((box, source))
                if rect is None:
                    near = grid.near(tuple(glyph_rect(box))) if source is Source.TEXT else ()
                    rect = removed[box, source] = removal_rect(box, near, source)
                visual = glyph_rect(box) if source is Source.TEXT else rect
                exact.append(visual)
                if source is Source.TEXT and box_width.widens(mark.finding.detection.entity):
                    value = box.as_tuple()
                    reach = box_width.target(box.width) + box.width
                    probe = (box.x0 - reach, box.y0, box.x1 + reach, box.y1)
                    visual = pymupdf.Rect(
                        widened(value, tuple(visual), box_width, grid.near(probe), tuple(page.rect))
                    )
                shown_once.setdefault((tuple(visual), mark.label), visual)
        shown = [(visual, label) for (_, label), visual in shown_once.items()]
        rects = [pymupdf.Rect(r) for r in merged_rects(tuple(r) for r in removed.values())]
        # Before the redaction annotations exist: their outlines are drawings too. Only
        # art within a value's own box goes; a widened box paints over blank space.
        covered = _covered_vector_art(page, exact)
        _drop_links_under(page, rects)
        with shared.redacting(page):
            _apply_in_passes(
                page,
                rects,
                images=pymupdf.PDF_REDACT_IMAGE_PIXELS,
                graphics=pymupdf.PDF_REDACT_LINE_ART_NONE,
                text=pymupdf.PDF_REDACT_TEXT_REMOVE,
            )
        _apply_in_passes(
            page,
            covered,
            images=pymupdf.PDF_REDACT_IMAGE_NONE,
            graphics=pymupdf.PDF_REDACT_LINE_ART_REMOVE_IF_TOUCHED,
            text=pymupdf.PDF_REDACT_TEXT_NONE,
        )
        # The removal rectangles can be thin bands; what the reader sees is a box.
        shape = page.new_shape()
        for visual, _ in shown:
            shape.draw_rect(visual)
        shape.finish(color=None, fill=BLACK)
        shape.commit(overlay=True)
        _write_labels(page, shown)
    shared.finish()


def _apply_in_passes(
    page: pymupdf.Page, rects: Sequence[pymupdf.Rect], *, images: int, graphics: int, text: int
) -> None:
    """Redact the page under ``rects``, :data:`ANNOTATIONS_PER_PASS` annotations at a time."""
    for start in range(0, len(rects), ANNOTATIONS_PER_PASS):
        for rect in rects[start : start + ANNOTATIONS_PER_PASS]:
            page.add_redact_annot(rect, fill=False, cross_out=False)
        page.apply_redactions(images=images, graphics=graphics, text=text)


def _covered_vector_art(page: pymupdf.Page, boxes: Sequence[pymupdf.Rect]) -> list[pymupdf.Rect]:
    """Probe rectangles that touch only the vector paths lying wholly inside a box.

    Vector art wholly inside a box (text drawn as paths, a signature) must go;
    table rules and frames that cross a box must stay. MuPDF removes paths that
    a redaction touches, so each covered path gets a tiny probe placed where no
    other path's bounds reach.
    """
    drawings = page.get_drawings()
    # Grids of the boxes and of the other paths: a page may hold thousands of each.
    grid = BoxGrid([tuple(b) for b in boxes])
    within = [
        any(pymupdf.Rect(b).contains(d["rect"]) for b in grid.near(tuple(d["rect"])))
        for d in drawings
    ]
    inside = [d for d, is_in in zip(drawings, within, strict=True) if is_in]
    if not inside:
        return []
    outside = [d for d, is_in in zip(drawings, within, strict=True) if not is_in]
    others = BoxGrid([tuple(_inflated(d["rect"])) for d in outside])
    probes = []
    for drawing in inside:
        rect = _inflated(drawing["rect"])
        for fx in (0.5, 0.25, 0.75, 0.1, 0.9):
            for fy in (0.5, 0.25, 0.75, 0.1, 0.9):
                x, y = rect.x0 + fx * rect.width, rect.y0 + fy * rect.height
                probe = pymupdf.Rect(x - 0.05, y - 0.05, x + 0.05, y + 0.05)
                if not any(probe.intersects(o) for o in others.near(tuple(probe))):
                    probes.append(probe)
                    break
            else:
                continue
            break
    return probes


def _inflated(rect: pymupdf.Rect) -> pymupdf.Rect:
    """A path's bounds with thickness, so a straight line still has an area."""
    return pymupdf.Rect(rect.x0 - 0.5, rect.y0 - 0.5, rect.x1 + 0.5, rect.y1 + 0.5)


def label_size(label: str, rect: pymupdf.Rect) -> float:
    """A font size at which ``label`` fits in ``rect``; 0 when it cannot fit legibly."""
    if not label or rect.width <= 0 or rect.height <= 0:
        return 0.0
    size = min(_MAX_LABEL_SIZE, rect.height * 0.8)
    width = pymupdf.get_text_length(label, fontname=LABEL_FONT, fontsize=size)
    if width > rect.width - 1:
        size *= (rect.width - 1) / width
    return size if size >= _MIN_LABEL_SIZE else 0.0


def _write_labels(page: pymupdf.Page, shown: Sequence[tuple[pymupdf.Rect, str]]) -> None:
    writer: pymupdf.TextWriter | None = None
    for rect, label in shown:
        size = label_size(label, rect)
        if not size:
            continue
        if writer is None:
            writer = pymupdf.TextWriter(page.rect, color=WHITE)
        width = pymupdf.get_text_length(label, fontname=LABEL_FONT, fontsize=size)
        origin = pymupdf.Point(
            rect.x0 + (rect.width - width) / 2, rect.y0 + (rect.height + size * 0.7) / 2
        )
        writer.append(origin, label, font=_label_font(), fontsize=size)
    if writer is not None:
        writer.write_text(page)


@functools.cache
def _label_font() -> pymupdf.Font:
    return pymupdf.Font(LABEL_FONT)


def _drop_links_under(page: pymupdf.Page, rects: Sequence[pymupdf.Rect]) -> None:
    """A link over a redacted value may carry it in its target (``mailto:``, ``tel:``)."""
    grid = BoxGrid([tuple(r) for r in rects])
    for link in page.get_links():
        area = pymupdf.Rect(link["from"])
        if any(area.intersects(r) for r in grid.near(tuple(area))):
            page.delete_link(link)
