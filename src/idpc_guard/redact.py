"""Make the redacted copy: text, pixels and vector graphics under each box truly removed.

Black boxes drawn over text are not redactions. Here each ``redact`` finding
becomes a PyMuPDF redaction that is applied (the characters under it are
deleted from the content stream, image pixels under it are blanked), pages of
removed documents are deleted, everything outside the page content that can
carry personal data is scrubbed, and the file is written fresh with unused
objects collected, so no earlier revision survives.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import pymupdf

from idpc_guard.model import Action, Box, Decisions, Finding, Source

#: Fraction of a box's height trimmed from top and bottom, so a box that only
#: touches the line above or below does not remove its characters too.
VERTICAL_TRIM = 0.2
#: Points trimmed from left and right, so a neighbouring glyph that shares an
#: edge with the box is kept.
HORIZONTAL_TRIM = 0.3

_REDACTED_LABEL = "[redacted]"


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


def redacted_findings(decisions: Decisions) -> tuple[Finding, ...]:
    """The findings whose value is removed from the copy."""
    return tuple(f for f in decisions.findings if f.action is Action.REDACT)


def removed_pages(decisions: Decisions) -> tuple[int, ...]:
    """0-based pages deleted from the copy."""
    return tuple(sorted({a.page for a in decisions.page_actions if a.action == "remove"}))


def redact(pdf: bytes, decisions: Decisions) -> bytes:
    """The redacted copy of ``pdf`` as bytes."""
    doc = pymupdf.open(stream=pdf, filetype="pdf")
    try:
        findings = redacted_findings(decisions)
        dropped = set(removed_pages(decisions))
        _apply_boxes(doc, (f for f in findings if f.detection.page not in dropped))
        if dropped:
            if len(dropped) >= doc.page_count:
                # A PDF needs a page: keep one blank page of the first page's size.
                first = doc[0].rect
                doc.new_page(-1, width=first.width, height=first.height)
            doc.delete_pages(sorted(dropped))
        _rewrite_outline(doc, [f.detection.text for f in findings])
        doc.scrub(
            attached_files=True,
            clean_pages=True,
            embedded_files=True,
            hidden_text=False,  # an OCR text layer is invisible text; it was scanned too
            javascript=True,
            metadata=True,
            redactions=True,
            remove_links=False,
            reset_fields=True,
            reset_responses=True,
            thumbnails=True,
            xml_metadata=True,
        )
        doc.set_metadata({})
        for name in doc.embfile_names():
            doc.embfile_del(name)
        data: bytes = doc.tobytes(garbage=4, deflate=True, clean=True, no_new_id=False)
        return data
    finally:
        doc.close()


def _apply_boxes(doc: pymupdf.Document, findings: Iterable[Finding]) -> None:
    pages: dict[int, list[pymupdf.Rect]] = {}
    for finding in findings:
        d = finding.detection
        pages.setdefault(d.page, []).extend(redaction_rect(b, d.source) for b in d.boxes)
    for number, rects in sorted(pages.items()):
        page = doc[number]
        for rect in rects:
            page.add_redact_annot(rect, fill=(0, 0, 0))
        page.apply_redactions(
            images=pymupdf.PDF_REDACT_IMAGE_PIXELS,
            graphics=pymupdf.PDF_REDACT_LINE_ART_NONE,
            text=pymupdf.PDF_REDACT_TEXT_REMOVE,
        )


def _rewrite_outline(doc: pymupdf.Document, values: Sequence[str]) -> None:
    """Bookmarks help navigation: keep them, with redacted values taken out of titles."""
    toc = doc.get_toc(simple=False)
    if not toc or not values:
        return
    changed = False
    for entry in toc:
        title = entry[1]
        for value in values:
            if value and value in title:
                title = title.replace(value, _REDACTED_LABEL)
        if title != entry[1]:
            entry[1] = title
            changed = True
    if changed:
        doc.set_toc(toc)
