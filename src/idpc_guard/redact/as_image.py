"""The fallback when text resists redaction: the page served as a picture, boxes painted in.

PyMuPDF removes the glyphs under a redaction; a font or encoding it cannot take apart
may leave one behind, and verification then refuses the copy. Rather than leave the
user with no copy at all, each page where a box's text survived is replaced by a
picture of itself with every box of the page painted black into the pixels: no text
layer is left to copy from, and nothing is under the black (the pixels are black, not
covered). The copy is then verified again like any other.

The picture is of the redacted page, so what redaction did remove stays removed and
the page looks as it did; only selecting and searching its text is lost, which the
report says.
"""

from __future__ import annotations

from collections.abc import Iterable

import pymupdf

from idpc_guard.model import Source
from idpc_guard.redact.plan import RedactionPlan
from idpc_guard.redact.redaction import redaction_rect

#: Resolution of a page served as a picture: print quality for text.
DPI = 200


def pages_as_images(pdf: bytes, plan: RedactionPlan, pages: Iterable[int]) -> bytes:
    """``pdf`` (a copy made from ``plan``) with the bundle's ``pages`` turned into pictures.

    ``pages`` are the bundle's 0-based page numbers (pages the plan removes are skipped).
    Every box the plan redacts on such a page is painted black into its picture.
    """
    doc = pymupdf.open(stream=pdf, filetype="pdf")
    try:
        for page_no in sorted(set(pages) - set(plan.removed_pages)):
            _as_image(doc, plan.copy_page(page_no), plan, page_no)
        data: bytes = doc.tobytes(garbage=4, deflate=True)
        return data
    finally:
        doc.close()


def _as_image(doc: pymupdf.Document, number: int, plan: RedactionPlan, page_no: int) -> None:
    page = doc[number]
    rect = page.rect
    pix = page.get_pixmap(dpi=DPI, alpha=False)
    scale = DPI / 72
    for mark in plan.redactions.get(page_no, ()):
        if not mark.redact:
            continue
        for box in mark.boxes:
            # The whole box (not the glyph middle the text redaction aims at): in pixels
            # the tops and tails of the letters would still be read. Boxes are in the
            # page's unrotated space; the picture is of the page as shown.
            area = (
                pymupdf.Rect(box.as_tuple())
                if mark.source is Source.TEXT
                else redaction_rect(box, mark.source)
            )
            shown = area * page.rotation_matrix
            dark = pymupdf.IRect(
                int(shown.x0 * scale) - 1,
                int(shown.y0 * scale) - 1,
                int(shown.x1 * scale) + 2,
                int(shown.y1 * scale) + 2,
            )
            pix.set_rect(dark & pix.irect, (0, 0, 0))
    # The picture is of the page as shown, so the new page is upright and unrotated.
    doc.delete_page(number)
    new = doc.new_page(number, width=rect.width, height=rect.height)
    new.insert_image(new.rect, pixmap=pix)
