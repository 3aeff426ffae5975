from __future__ import annotations

from pathlib import Path

import pymupdf

from idpc_guard.entities import HIDDEN_TEXT
from idpc_guard.model import (
    Decisions,
    Document,
    DocumentKind,
    IssueKind,
    LabelStyle,
    Verdict,
)
from idpc_guard.policy.defects import with_input_defects
from idpc_guard.read.input_defects import inspect_input
from idpc_guard.redact.redaction import redact
from idpc_guard.verify.verification import verify
from tests.pdfs import make_fake_redaction_pdf, make_pdf

EMPTY = Decisions((), (), (), Verdict.CLEAR)


def test_text_under_covers_is_reported_and_a_white_heading_is_not() -> None:
    defects = inspect_input(make_fake_redaction_pdf())
    assert [d.kind for d in defects] == [IssueKind.BAD_REDACTION] * 3
    texts = [d.text for d in defects]
    assert any("Quistfire" in t for t in texts)  # under the black rectangle
    assert any("900461" in t for t in texts)  # under the black highlight
    assert any("14/03/1988" in t for t in texts)  # under the unapplied redaction
    assert not any("HEADING" in t for t in texts)
    assert not any("no cover" in t for t in texts)
    details = " ".join(d.detail for d in defects)
    assert "Quistfire" not in details and "900461" not in details  # no values in details
    assert {d.page for d in defects} == {0}


def test_a_clean_pdf_has_no_defects() -> None:
    assert inspect_input(make_pdf([["Just text.", "More text."]])) == ()


def test_defects_become_findings_and_issues_and_the_copy_loses_the_text() -> None:
    pdf = make_fake_redaction_pdf()
    documents = (Document(0, DocumentKind.OTHER, "x", (0,)),)
    decisions = with_input_defects(EMPTY, inspect_input(pdf), documents)
    assert decisions.verdict is Verdict.BLOCK
    assert [i.kind for i in decisions.document_issues] == [IssueKind.BAD_REDACTION] * 3
    assert {f.detection.entity for f in decisions.findings} == {HIDDEN_TEXT}
    assert [f.id for f in decisions.findings] == ["F0001", "F0002", "F0003"]
    out = redact(pdf, decisions, LabelStyle.ENTITY)
    verify(1, out, decisions, LabelStyle.ENTITY)
    text = pymupdf.open(stream=out, filetype="pdf")[0].get_text()
    for gone in ("Quistfire", "900461", "14/03/1988"):
        assert gone not in text
    for kept in ("SECTION HEADING", "Witness:", "Phone", "in Leeds", "no cover at all"):
        assert kept in text
    assert inspect_input(out) == ()  # the copy has no failed redactions left


def test_an_incremental_save_is_an_earlier_revision(tmp_path: Path) -> None:
    path = tmp_path / "incr.pdf"
    path.write_bytes(make_pdf([["Name: Ondrel Quistfire", "Other words"]]))
    doc = pymupdf.open(path)
    doc[0].add_redact_annot(pymupdf.Rect(40, 60, 300, 76))
    doc[0].apply_redactions()
    doc.saveIncr()
    doc.close()
    defects = inspect_input(path.read_bytes())
    (revision,) = [d for d in defects if d.kind is IssueKind.EARLIER_REVISION]
    assert revision.page is None and "1 earlier revision" in revision.detail
    assert "word(s) not in the final version" in revision.detail
    decisions = with_input_defects(EMPTY, defects, ())
    assert decisions.findings == () and decisions.verdict is Verdict.BLOCK
    out = redact(path.read_bytes(), decisions)
    assert out.count(b"%%EOF") == 1 and b"Quistfire" not in out


def test_an_unapplied_redaction_over_an_image_blanks_its_pixels() -> None:
    pix = pymupdf.Pixmap(pymupdf.csRGB, pymupdf.IRect(0, 0, 100, 50), False)
    pix.set_rect(pix.irect, (10, 10, 160))
    doc = pymupdf.open()
    page = doc.new_page()
    page.insert_image(pymupdf.Rect(100, 100, 300, 200), pixmap=pix)
    page.add_redact_annot(pymupdf.Rect(100, 100, 200, 200))  # left half, never applied
    pdf = doc.tobytes()
    (defect,) = inspect_input(pdf)
    assert defect.kind is IssueKind.BAD_REDACTION and defect.text == ""
    decisions = with_input_defects(EMPTY, (defect,), ())
    out = redact(pdf, decisions, LabelStyle.NONE)
    verify(1, out, decisions, LabelStyle.NONE)
    copy = pymupdf.open(stream=out, filetype="pdf")
    (image,) = copy[0].get_images(full=True)
    kept = pymupdf.Pixmap(copy, image[0])
    assert kept.pixel(10, 25) != (10, 10, 160)  # under the annotation: blanked
    assert kept.pixel(90, 25) == (10, 10, 160)  # outside it: untouched
    assert list(copy[0].annots()) == []


def test_dark_text_under_a_black_picture_is_reported_and_white_text_on_it_is_not() -> None:
    black = pymupdf.Pixmap(pymupdf.csRGB, pymupdf.IRect(0, 0, 8, 8), False)
    black.set_rect(black.irect, (0, 0, 0))
    doc = pymupdf.open()
    page = doc.new_page()
    page.insert_text((56, 100), "Witness: Ondrel Quistfire", fontname="helv", fontsize=11)
    page.insert_image(pymupdf.Rect(100, 88, 200, 104), pixmap=black)
    page.insert_image(pymupdf.Rect(50, 140, 300, 160), pixmap=black)
    page.insert_text((56, 155), "SECTION HEADING", fontname="helv", fontsize=11, color=(1, 1, 1))
    (defect,) = inspect_input(doc.tobytes())
    assert "Quistfire" in defect.text and "dark image" in defect.detail
