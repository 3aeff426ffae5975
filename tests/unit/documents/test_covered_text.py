from __future__ import annotations

import pymupdf

from idpc_guard.documents.covered_text import covered_text
from idpc_guard.documents.segment import segment
from idpc_guard.read.extract import extract_bytes
from idpc_guard.read.layout import page_text


def _bundle(white_band: bool) -> bytes:
    doc = pymupdf.open()
    page = doc.new_page()
    page.insert_text((72, 100), "A neighbour, Derek WALSH, called the police.", fontsize=11)
    if white_band:  # a heading in white on a black band: visible, not a redaction
        page.draw_rect(pymupdf.Rect(60, 130, 400, 150), color=(0, 0, 0), fill=(0, 0, 0))
        page.insert_text((72, 145), "WITNESS STATEMENT", fontsize=11, color=(1, 1, 1))
    for rect in page.search_for("Derek WALSH"):
        page.draw_rect(rect, color=(0, 0, 0), fill=(0, 0, 0))
    data: bytes = doc.tobytes()
    return data


def _covered(data: bytes) -> list[tuple[str, str]]:
    bundle = extract_bytes(data, "b.pdf")
    texts = [page_text(p) for p in bundle.pages]
    return [(d.entity, d.text) for d in covered_text(bundle, texts, segment(bundle, texts))]


def test_text_boxed_over_but_left_in_the_pdf_is_found() -> None:
    assert _covered(_bundle(white_band=False)) == [("PERSON", "Derek WALSH")]


def test_light_text_on_a_dark_band_is_not_a_redaction() -> None:
    assert _covered(_bundle(white_band=True)) == [("PERSON", "Derek WALSH")]
