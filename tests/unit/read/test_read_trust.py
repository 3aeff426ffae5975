"""The text-layer trust check: each way a layer can lie is flagged, an ordinary page is not.

The pages come from the adversarial corpus (tests/adversarial/read_corpus.py); nothing
is read by OCR here, so these are fast.
"""

from __future__ import annotations

import dataclasses

import pymupdf
import pytest

from idpc_guard.model import Box, Page
from idpc_guard.ocr.driver import plan_regions, untrusted_regions
from idpc_guard.read.page import Limits, read_page
from tests.adversarial.read_corpus import (
    HEADER,
    ITEMS_BY_NAME,
    LEFT,
    STEP,
    TOP,
    VALUE_LINES,
    _add_font,
    _add_stream,
    _append_content,
)
from tests.pdfs import make_pdf

LYING = (
    "no-unicode-map",
    "type3-invented-names",
    "unicode-map-digits-as-letters",
    "composite-font-digits-as-letters",
    "actual-text-hides-glyphs",
    "text-as-outlines",
    "shuffled-drawing-order",
)


def read(data: bytes) -> Page:
    with pymupdf.open(stream=data, filetype="pdf") as doc:
        return read_page(doc[0], 0, Limits())


#: The baselines of the statement's first and last value lines (points, page space).
FIRST_BASELINE = TOP + (len(HEADER) + 1) * STEP
LAST_BASELINE = FIRST_BASELINE + (len(VALUE_LINES) - 1) * STEP


@pytest.mark.parametrize("name", LYING)
def test_a_lying_text_layer_is_flagged_where_the_values_are_drawn(name: str) -> None:
    page = read(ITEMS_BY_NAME[name].build())
    assert page.untrusted, name
    regions = untrusted_regions(page)
    assert regions
    covered = [r for r in regions if r.clip.y0 <= FIRST_BASELINE - 6 and r.clip.y1 >= LAST_BASELINE]
    assert covered, f"{name}: the value lines are not inside one region to read"
    assert all(r.clip.x0 <= LEFT for r in covered)


def test_ordinary_pages_are_trusted_and_never_sent_to_ocr() -> None:
    data = make_pdf(
        [
            ["WITNESS STATEMENT", "Mobile: 07700 900461", "I saw a man — café, naïve, £20."],
            ["Second page, 1 2 3 4 5 6 7 8 9 10 numbered list", "a", "b", "c"],
        ]
    )
    with pymupdf.open(stream=data, filetype="pdf") as doc:
        pages = [read_page(doc[i], i, Limits()) for i in range(doc.page_count)]
    assert [p.untrusted for p in pages] == [(), ()]


def test_a_column_of_single_letters_is_not_shuffled_text() -> None:
    # A list's letters (a, b, c) stand on separate rows, not on one baseline.
    page = read(make_pdf([["(a)", "b", "c", "d", "e", "f"]]))
    assert page.untrusted == ()


def test_nearby_untrusted_boxes_are_read_as_one_region_and_far_ones_apart() -> None:
    boxes = (Box(60, 100, 200, 112), Box(60, 118, 220, 130), Box(60, 600, 200, 612))
    page = Page(0, 595, 842, (), untrusted=boxes)
    regions = untrusted_regions(page)
    assert [(round(r.clip.y0), round(r.clip.y1)) for r in regions] == [(94, 136), (594, 618)]
    assert all(r.zoom >= 4 for r in regions)  # about 300 dpi


def test_the_ocr_plan_reads_untrusted_regions_of_a_page_with_a_good_text_layer() -> None:
    from idpc_guard.model import Bundle

    page = read(ITEMS_BY_NAME["unicode-map-digits-as-letters"].build())
    regions = plan_regions(Bundle("x.pdf", "0" * 64, (page,)))
    assert regions and all(r.page == 0 for r in regions)


def test_a_crest_of_curves_that_do_not_line_up_is_not_text() -> None:
    doc = pymupdf.open(stream=make_pdf([["WITNESS STATEMENT", "Mobile: 07700 900461"]]))
    page = doc[0]
    for i in range(12):  # a crest: small curved shapes at many heights
        page.draw_circle((480 + 7 * (i % 4), 40 + 9 * i), 3 + i % 3, color=None, fill=(0, 0, 0.4))
    assert read(doc.tobytes()).untrusted == ()
    doc.close()


def test_with_ocr_off_a_page_whose_layer_may_lie_is_reported_not_scanned_and_kept() -> None:
    from idpc_guard.model import Bundle, Document, DocumentKind, Unscanned
    from idpc_guard.ocr.driver import OcrOptions, ocr
    from idpc_guard.policy.finalise import Draft
    from idpc_guard.policy.unscanned import unscanned_issues, with_unscanned_pages

    lying = read(ITEMS_BY_NAME["text-as-outlines"].build())
    plain = read(ITEMS_BY_NAME["plain-statement"].build())
    bundle = Bundle("x.pdf", "0" * 64, (lying, dataclasses.replace(plain, index=1)))

    def no_engine() -> object:
        raise AssertionError("OCR is off: no engine is built")

    read_bundle = ocr(bundle, b"", no_engine, OcrOptions(enabled=False))  # type: ignore[arg-type]
    assert [p.unscanned for p in read_bundle.pages] == [Unscanned.UNTRUSTED_TEXT, None]
    docs = (Document(0, DocumentKind.WITNESS_STATEMENT, "MG11", (0, 1)),)
    (issue,) = unscanned_issues(read_bundle, docs, 30.0)
    assert issue.pages == (0,) and "OCR is off" in issue.detail
    assert with_unscanned_pages(Draft(), read_bundle) == Draft()  # the page is kept


def test_an_honest_embedded_composite_font_is_trusted() -> None:
    doc = pymupdf.open()
    page = doc.new_page()
    page.insert_font(fontname="FX", fontbuffer=pymupdf.Font(ordering=0).buffer)
    page.insert_text((56, 100), "Mobile: 07700 900461, born 14/03/1988", fontname="FX")
    assert read(doc.tobytes()).untrusted == ()
    doc.close()


def test_bullets_in_a_symbol_font_are_not_unmapped_text() -> None:
    # A bullet font whose Unicode map gives its glyph a private-use code point, as
    # Symbol and Wingdings bullets read: one such character alone is not lost text.
    doc = pymupdf.open()
    page = doc.new_page()
    page.insert_text((70, 100), "Item one of the list", fontname="helv")
    cmap = (
        b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n"
        b"/CMapName /Bullets def /CMapType 2 def\n"
        b"1 begincodespacerange <00> <FF> endcodespacerange\n"
        b"1 beginbfchar\n<B7> <F0B7>\nendbfchar\n"
        b"endcmap CMapName currentdict /CMap defineresource pop end end"
    )
    cmap_xref = _add_stream(doc, "<<>>", cmap)
    _add_font(
        doc,
        page,
        "FB",
        f"<< /Type /Font /Subtype /Type1 /BaseFont /Symbol /ToUnicode {cmap_xref} 0 R >>",
    )
    bullets = b"".join(b"BT /FB 11 Tf 56 %d Td <B7> Tj ET " % (742 - 16 * i) for i in range(4))
    _append_content(doc, page, bullets)
    page = read(doc.tobytes())
    assert [w.text for w in page.words].count("\uf0b7") == 4
    assert page.untrusted == ()
    doc.close()


def test_a_map_entry_no_reader_can_decode_names_nothing() -> None:
    from idpc_guard.read import trust

    cmap = b"beginbfchar\n<41> <00410>\n<42> <0042>\nendbfchar\n"
    assert list(trust._mappings(cmap)) == [(0x42, "B")]
    assert list(trust._wide_alnum_mappings(b"<0041> <00410>\n<0045> <0045>")) == [(0x45, "E")]


def test_a_page_whose_fonts_the_check_cannot_parse_is_read_and_sent_to_ocr(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from idpc_guard.read import page as page_module

    def broken(*_: object) -> tuple[Box, ...]:
        raise ValueError("non-hexadecimal number found in fromhex() arg")

    monkeypatch.setattr(page_module, "untrusted_boxes", broken)
    doc = pymupdf.open(stream=make_pdf([["Witness statement", "Mobile 07700 900461"]]))
    page = read_page(doc[0], 0, Limits())
    assert page.words and page.unscanned is None
    assert len(page.untrusted) == len(page.words)
