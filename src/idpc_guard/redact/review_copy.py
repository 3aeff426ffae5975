"""The reviewer's copy: proposed redactions as redaction annotations, not applied.

``idpc-guard scan --mark-only`` writes it for a person to review in a PDF
editor; the JSON report stays the single source of truth for what is removed.
"""

from __future__ import annotations

import pymupdf

from idpc_guard.model import Box
from idpc_guard.redact.plan import RedactionPlan
from idpc_guard.redact.redaction import BLACK, LABEL_FONT, WHITE, glyph_rect, label_size


def mark(pdf: bytes, plan: RedactionPlan) -> bytes:
    """A reviewer's copy: proposed redactions as redaction annotations, not applied.

    The text is left intact. Each annotation's title is the finding id (or
    ``page-remove``) and its content the entity and rule, never the value, so
    a reviewer can match it to the report. Items proposed for review are
    highlighted. A PDF editor can then apply or change the annotations.
    """
    doc = pymupdf.open(stream=pdf, filetype="pdf")
    try:
        for number, marks in plan.marks.items():
            page = doc[number]
            for item in marks:
                finding = item.finding
                for count, box in enumerate(item.boxes, start=1):
                    if item.redact:
                        annot = page.add_redact_annot(
                            glyph_rect(box), fill=BLACK, **_label_args(item.label, box)
                        )
                    else:
                        annot = page.add_highlight_annot(pymupdf.Rect(box.as_tuple()))
                    _name(doc, annot, f"{finding.id}-{count}")
                    annot.set_info(
                        title=finding.id,
                        content=(
                            f"{finding.action.value}: {finding.detection.entity} ({finding.rule})"
                        ),
                    )
                    annot.update()
        for action in plan.page_removals:
            page = doc[action.page]
            annot = page.add_redact_annot(page.rect, text="Page removed", fill=BLACK)
            annot.set_info(title="page-remove", content=action.reason)
            annot.update()
        data: bytes = doc.tobytes(garbage=1, deflate=True)
        return data
    finally:
        doc.close()


def _name(doc: pymupdf.Document, annot: pymupdf.Annot, name: str) -> None:
    """Give an annotation its own unique name (``/NM``): the finding id and box number.

    PyMuPDF names each new annotation ``fitz-A<n>`` with the lowest ``n`` no annotation
    of the page has, trying every ``n`` from 0 against every name: with its names left
    in place, marking ``n`` boxes on one page costs about ``n`` cubed (minutes for a
    few thousand). Renamed, the first try is free.
    """
    doc.xref_set_key(annot.xref, "NM", pymupdf.get_pdf_str(name))


def _label_args(label: str, box: Box) -> dict[str, object]:
    """Overlay text of a reviewer's redaction annotation, shrunk to fit."""
    size = label_size(label, glyph_rect(box))
    if not size:
        return {}
    return {
        "text": label,
        "fontname": LABEL_FONT,
        "fontsize": size,
        "text_color": WHITE,
        "align": pymupdf.TEXT_ALIGN_CENTER,
    }
