"""Pages that could not be scanned: reported, never skipped silently.

A page over its time limit, or one whose reading failed, is reported as a
``not_scanned`` document issue and removed from the redacted copy (nothing
that was not checked is served, and the redaction stage never has to parse
it). A page whose text layer is garbage is reported too but kept: the reader
handles it, only its text cannot be recognised.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from idpc_guard.model import (
    Bundle,
    Document,
    DocumentIssue,
    IssueKind,
    Page,
    PageAction,
    PageActionKind,
    Unscanned,
)
from idpc_guard.policy.finalise import Draft

#: Why a page was not scanned, as the report says it (``{seconds}``: the page time limit).
REASONS: dict[Unscanned, str] = {
    Unscanned.TIMED_OUT: (
        "reading it took longer than {seconds:g} s; check it by eye or raise --page-timeout"
    ),
    Unscanned.READER_STOPPED: (
        "reading it stopped the PDF reader (damaged or hostile content); check it by eye"
    ),
    Unscanned.DAMAGED: "it is damaged and could not be read; check it by eye",
    Unscanned.GARBAGE_TEXT: (
        "its text layer is unreadable (fonts without a Unicode map); "
        "check the page by eye or OCR it"
    ),
    Unscanned.UNTRUSTED_TEXT: (
        "parts of its text layer may not say what the page shows (a font whose Unicode map "
        "lies, text drawn as outlines...) and OCR is off; check the page by eye or scan "
        "with OCR"
    ),
}


def unscanned_issues(
    bundle: Bundle, documents: Sequence[Document], page_seconds: float
) -> tuple[DocumentIssue, ...]:
    """One ``not_scanned`` issue per page that was not scanned, in page order.

    ``page_seconds`` is the time limit the pages were read under (``--page-timeout``).
    """
    owner = {page: doc.index for doc in documents for page in doc.pages}
    issues: list[DocumentIssue] = []
    for page in bundle.pages:
        if page.unscanned is None:
            continue
        reason = REASONS[page.unscanned].format(seconds=page_seconds)
        removed = "" if _kept(page) else " It is removed from the redacted copy."
        issues.append(
            DocumentIssue(
                IssueKind.NOT_SCANNED,
                owner.get(page.index, 0),
                (page.index,),
                f"Page {page.index + 1} was not scanned: {reason}.{removed}",
            )
        )
    return tuple(issues)


def with_unscanned_pages(draft: Draft, bundle: Bundle) -> Draft:
    """``draft`` with the removal of every page the reader could not read (once per page)."""
    taken = {action.page for action in draft.page_actions}
    added = tuple(
        PageAction(
            page.index, PageActionKind.REMOVE, "page could not be read, so it was not scanned"
        )
        for page in bundle.pages
        if page.unscanned is not None and not _kept(page) and page.index not in taken
    )
    return replace(draft, page_actions=(*draft.page_actions, *added)) if added else draft


def _kept(page: Page) -> bool:
    return page.unscanned in (Unscanned.GARBAGE_TEXT, Unscanned.UNTRUSTED_TEXT)
