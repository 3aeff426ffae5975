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
