"""Pages not scanned: each state has its sentence, and only a readable page is kept."""

from __future__ import annotations

from idpc_guard.model import (
    Bundle,
    Document,
    DocumentKind,
    IssueKind,
    Page,
    PageAction,
    PageActionKind,
    Unscanned,
)
from idpc_guard.policy.finalise import Draft
from idpc_guard.policy.unscanned import REASONS, unscanned_issues, with_unscanned_pages


def _bundle(*states: Unscanned | None) -> Bundle:
    pages = tuple(Page(i, 595, 842, (), unscanned=state) for i, state in enumerate(states))
    return Bundle("b.pdf", "0" * 64, pages)


def test_every_state_has_a_reason() -> None:
    assert set(REASONS) == set(Unscanned)


def test_each_unscanned_page_is_an_issue_with_its_reason() -> None:
    bundle = _bundle(None, *Unscanned)
    documents = [Document(0, DocumentKind.OTHER, "other", tuple(range(bundle.page_count)))]
    issues = unscanned_issues(bundle, documents, 2.5)
    assert [(i.kind, i.pages) for i in issues] == [
        (IssueKind.NOT_SCANNED, (page,)) for page in range(1, bundle.page_count)
    ]
    timed_out, stopped, damaged, garbage, untrusted = (i.detail for i in issues)
    assert timed_out == (
        "Page 2 was not scanned: reading it took longer than 2.5 s; check it by eye or raise "
        "--page-timeout. It is removed from the redacted copy."
    )
    assert "stopped the PDF reader" in stopped and "removed" in stopped
    assert "damaged and could not be read" in damaged and "removed" in damaged
    assert garbage == (
        "Page 5 was not scanned: its text layer is unreadable (fonts without a Unicode map); "
        "check the page by eye or OCR it."
    )
    assert "OCR is off" in untrusted and "removed" not in untrusted


def test_pages_that_could_not_be_read_are_removed_and_a_garbage_text_layer_kept() -> None:
    bundle = _bundle(None, Unscanned.TIMED_OUT, Unscanned.GARBAGE_TEXT, Unscanned.DAMAGED)
    existing = (PageAction(3, PageActionKind.REMOVE, "MG11 back page"),)
    actions = with_unscanned_pages(Draft(page_actions=existing), bundle).page_actions
    assert sorted((a.page, a.action) for a in actions) == [
        (1, PageActionKind.REMOVE),
        (3, PageActionKind.REMOVE),
    ]
    assert existing[0] in actions
