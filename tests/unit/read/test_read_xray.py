"""The x-ray (read/input_defects.py) on the corpus's defects: linearised then updated,
thick strokes and pattern fills over text; and what it must not report."""

from __future__ import annotations

import pymupdf

from idpc_guard.model import IssueKind
from idpc_guard.read.input_defects import inspect_input
from tests.adversarial.read_corpus import (
    ITEMS_BY_NAME,
    LEFT,
    _linearised,
    _plain_values,
    _statement,
)
from tests.pdfs import make_pdf


def kinds(data: bytes) -> list[tuple[IssueKind, str]]:
    return [(d.kind, d.text) for d in inspect_input(data)]


def test_an_update_saved_after_linearisation_is_an_earlier_revision() -> None:
    (defect,) = inspect_input(ITEMS_BY_NAME["linearised-then-updated"].build())
    assert defect.kind is IssueKind.EARLIER_REVISION
    assert "1 earlier revision" in defect.detail
    assert "holds" in defect.detail  # the first version's words were compared


def test_a_linearised_file_never_updated_has_no_earlier_revision() -> None:
    doc = pymupdf.open(stream=_statement(_plain_values()), filetype="pdf")
    linear = _linearised(doc)
    doc.close()
    assert kinds(linear) == []


def test_a_thick_stroke_over_text_is_a_bad_redaction() -> None:
    ((kind, text),) = kinds(ITEMS_BY_NAME["thick-stroke"].build())
    assert kind is IssueKind.BAD_REDACTION and "07700 900461" in text


def test_a_frame_with_a_thick_border_round_text_is_not_a_cover() -> None:
    doc = pymupdf.open(stream=make_pdf([["Mobile: 07700 900461", "Signed"]]), filetype="pdf")
    doc[0].draw_rect(pymupdf.Rect(LEFT - 10, 50, 300, 120), color=(0, 0, 0), width=5)
    assert kinds(doc.tobytes()) == []


def test_a_thin_dark_underline_is_not_a_cover() -> None:
    doc = pymupdf.open(stream=make_pdf([["Mobile: 07700 900461"]]), filetype="pdf")
    doc[0].draw_line((LEFT, 74), (LEFT + 100, 74), color=(0, 0, 0), width=1)
    assert kinds(doc.tobytes()) == []


def test_a_rectangle_border_thick_enough_to_fill_it_is_a_bad_redaction() -> None:
    ((kind, text),) = kinds(ITEMS_BY_NAME["thick-rectangle-border"].build())
    assert kind is IssueKind.BAD_REDACTION and "943 476 5919" in text


def test_a_black_pattern_fill_over_text_is_a_bad_redaction() -> None:
    ((kind, text),) = kinds(ITEMS_BY_NAME["pattern-fill"].build())
    assert kind is IssueKind.BAD_REDACTION and "03/1988" in text


def test_a_light_pattern_under_text_is_not_a_cover() -> None:
    data = ITEMS_BY_NAME["pattern-fill"].build().replace(b"0 g 0 0 4 4 re f", b"0.9 g 0 0 4 4 re f")
    if b"0.9 g" not in data:  # the tile's stream is compressed: rebuild it light
        doc = pymupdf.open(stream=data, filetype="pdf")
        for xref in range(1, doc.xref_length()):
            if doc.xref_get_key(xref, "PatternType")[0] != "null":
                doc.update_stream(xref, b"0.9 g 0 0 4 4 re f")
        data = doc.tobytes()
        doc.close()
    assert kinds(data) == []
