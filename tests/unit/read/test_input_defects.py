from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pymupdf
import pytest

from idpc_guard import ScanOptions
from idpc_guard.entities import HIDDEN_TEXT
from idpc_guard.model import (
    Decisions,
    Document,
    DocumentIssue,
    DocumentKind,
    InputDefect,
    IssueKind,
    LabelStyle,
    Verdict,
)
from idpc_guard.policy.defects import with_input_defects
from idpc_guard.policy.finalise import Draft, finalise
from idpc_guard.read import input_defects
from idpc_guard.read.input_defects import inspect_input
from idpc_guard.redact.plan import redaction_plan
from idpc_guard.redact.redaction import redact
from idpc_guard.report.json import report_dict
from idpc_guard.verify.verification import verify
from tests.conftest import FIXTURES
from tests.hostile.corpus import unreadable_first_revision
from tests.pdfs import make_fake_redaction_pdf, make_pdf


def _decided(defects: tuple[InputDefect, ...], documents: tuple[Document, ...] = ()) -> Decisions:
    return finalise(with_input_defects(Draft(), defects, documents))


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
    decisions = _decided(inspect_input(pdf), documents)
    assert decisions.verdict is Verdict.BLOCK
    assert [i.kind for i in decisions.document_issues] == [IssueKind.BAD_REDACTION] * 3
    assert {f.detection.entity for f in decisions.findings} == {HIDDEN_TEXT}
    assert [f.id for f in decisions.findings] == ["F0001", "F0002", "F0003"]
    out = redact(pdf, redaction_plan(decisions, LabelStyle.ENTITY))
    verify(1, out, redaction_plan(decisions, LabelStyle.ENTITY))
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
    decisions = _decided(defects)
    assert decisions.findings == () and decisions.verdict is Verdict.BLOCK
    out = redact(path.read_bytes(), redaction_plan(decisions))
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
    decisions = _decided((defect,))
    out = redact(pdf, redaction_plan(decisions, LabelStyle.NONE))
    verify(1, out, redaction_plan(decisions, LabelStyle.NONE))
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


def _fail_on_page(monkeypatch: pytest.MonkeyPatch, bad: int) -> None:
    """Make inspecting page ``bad`` (0-based) fail as MuPDF does, after what it found."""
    real = input_defects._page_defects

    def inspect(page: pymupdf.Page) -> Iterator[InputDefect]:
        yield from real(page)
        if page.number == bad:
            raise pymupdf.mupdf.FzErrorFormat("cannot parse the page")

    monkeypatch.setattr(input_defects, "_page_defects", inspect)


def test_a_page_that_cannot_be_inspected_is_reported_not_passed(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    pdf = make_pdf([["Just text."], ["More text."]])
    _fail_on_page(monkeypatch, 1)
    (defect,) = inspect_input(pdf)
    assert (defect.kind, defect.page, defect.boxes, defect.text) == (
        IssueKind.NOT_SCANNED,
        1,
        (),
        "",
    )
    assert defect.detail.startswith("Page 2 could not be inspected for earlier redactions")
    documents = (
        Document(0, DocumentKind.OTHER, "x", (0,)),
        Document(1, DocumentKind.OTHER, "y", (1,)),
    )
    decisions = _decided((defect,), documents)
    assert decisions.findings == () and decisions.page_actions == ()
    (issue,) = decisions.document_issues
    assert (issue.kind, issue.document, issue.pages) == (IssueKind.NOT_SCANNED, 1, (1,))
    assert decisions.verdict is Verdict.BLOCK


def test_what_was_found_on_a_page_before_its_inspection_failed_is_kept(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _fail_on_page(monkeypatch, 0)
    defects = inspect_input(make_fake_redaction_pdf())
    assert [d.kind for d in defects] == [IssueKind.BAD_REDACTION] * 3 + [IssueKind.NOT_SCANNED]
    assert {d.page for d in defects} == {0}


def test_revisions_that_cannot_be_inspected_are_reported(monkeypatch: pytest.MonkeyPatch) -> None:
    def fail(doc: pymupdf.Document, data: bytes) -> Iterator[InputDefect]:
        raise RuntimeError("cannot read the file's revisions")

    monkeypatch.setattr(input_defects, "_earlier_revisions", fail)
    (defect,) = inspect_input(make_pdf([["Just text."]]))
    assert (defect.kind, defect.page) == (IssueKind.NOT_SCANNED, None)
    assert "could not be inspected for earlier revisions" in defect.detail
    decisions = _decided((defect,))
    assert [(i.kind, i.pages) for i in decisions.document_issues] == [(IssueKind.NOT_SCANNED, ())]
    assert decisions.verdict is Verdict.BLOCK


def test_an_earlier_revision_that_cannot_be_read_is_still_reported() -> None:
    # Its page tree loops, so its words cannot be compared; it used to hide the revision.
    (revision,) = inspect_input(unreadable_first_revision())
    assert (revision.kind, revision.page) == (IssueKind.EARLIER_REVISION, None)
    assert "1 earlier revision" in revision.detail
    assert "could not be read to compare its words" in revision.detail
    assert _decided((revision,)).verdict is Verdict.BLOCK


def test_a_page_already_reported_as_not_scanned_is_not_reported_twice() -> None:
    unread = DocumentIssue(IssueKind.NOT_SCANNED, 0, (1,), "Page 2 was not scanned: damaged.")
    defects = (
        InputDefect(IssueKind.NOT_SCANNED, 1, (), "", "Page 2 could not be inspected."),
        InputDefect(IssueKind.NOT_SCANNED, 2, (), "", "Page 3 could not be inspected."),
    )
    draft = with_input_defects(Draft(issues=(unread,)), defects, ())
    assert [i.pages for i in draft.issues] == [(1,), (2,)]
    assert draft.issues[0] is unread


def test_a_scan_whose_input_inspection_fails_is_not_clear(
    scanner: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = FIXTURES / "clean_bundle.pdf"
    assert scanner.scan(path, ScanOptions(redact=False)).report.decisions.verdict is Verdict.CLEAR
    _fail_on_page(monkeypatch, 0)
    report = report_dict(scanner.scan(path, ScanOptions(redact=False)).report)
    assert report["verdict"] == "block"
    (issue,) = report["document_issues"]
    assert issue["kind"] == "not_scanned" and issue["pages"] == [1]
    assert issue["detail"].startswith("Page 1 could not be inspected")
