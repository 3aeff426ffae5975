"""Small PDFs made in code for unit tests (synthetic text only)."""

from __future__ import annotations

from collections.abc import Sequence

import pymupdf

LINE_HEIGHT = 16.0
LEFT = 56.0
TOP = 72.0


def make_pdf(pages: Sequence[Sequence[str]], fontsize: float = 11) -> bytes:
    """A PDF with one page per list of lines, drawn in Helvetica."""
    doc = pymupdf.open()
    for lines in pages:
        page = doc.new_page()
        for i, line in enumerate(lines):
            page.insert_text(
                (LEFT, TOP + i * LINE_HEIGHT), line, fontname="helv", fontsize=fontsize
            )
    data: bytes = doc.tobytes(garbage=4, deflate=True)
    doc.close()
    return data


def page_texts(pdf: bytes) -> list[str]:
    """The extracted text of every page."""
    doc = pymupdf.open(stream=pdf, filetype="pdf")
    try:
        return [page.get_text("text") for page in doc]
    finally:
        doc.close()


def make_fake_redaction_pdf() -> bytes:
    """A page where earlier "redactions" failed: the text is still under each cover.

    Line 2 has a black rectangle drawn over live text; line 3 a black highlight
    annotation; line 4 a redaction annotation never applied. Line 1 is white
    text on a black bar (a heading, not a failed redaction). All text invented.
    """
    doc = pymupdf.open()
    page = doc.new_page()
    page.draw_rect(pymupdf.Rect(50, 60, 300, 76), color=None, fill=(0, 0, 0))
    page.insert_text((56, 72), "SECTION HEADING", fontname="helv", fontsize=11, color=(1, 1, 1))
    page.insert_text((56, 100), "Witness: Ondrel Quistfire of Flat 3", fontname="helv", fontsize=11)
    page.draw_rect(pymupdf.Rect(100, 88, 200, 104), color=None, fill=(0, 0, 0))
    page.insert_text((56, 130), "Phone 07700 900461 daytime", fontname="helv", fontsize=11)
    highlight = page.add_highlight_annot(pymupdf.Rect(90, 120, 180, 134))
    highlight.set_colors(stroke=(0, 0, 0))
    highlight.update()
    page.insert_text((56, 160), "Born 14/03/1988 in Leeds", fontname="helv", fontsize=11)
    page.add_redact_annot(pymupdf.Rect(80, 150, 140, 164))
    page.insert_text((56, 190), "This line has no cover at all.", fontname="helv", fontsize=11)
    data: bytes = doc.tobytes(garbage=4, deflate=True)
    doc.close()
    return data
