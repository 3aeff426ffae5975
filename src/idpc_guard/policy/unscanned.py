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

from idpc_guard.model import Bundle, Document, DocumentIssue, IssueKind, Page, PageAction
from idpc_guard.policy.finalise import Draft
from idpc_guard.read.page import GARBAGE_TEXT


def unscanned_issues(bundle: Bundle, documents: Sequence[Document]) -> tuple[DocumentIssue, ...]:
    """One ``not_scanned`` issue per page that was not scanned, in page order."""
    owner = {page: doc.index for doc in documents for page in doc.pages}
    issues: list[DocumentIssue] = []
    for page in bundle.pages:
        if not page.unscanned:
            continue
        removed = "" if _kept(page) else " It is removed from the redacted copy."
        issues.append(
            DocumentIssue(
                IssueKind.NOT_SCANNED,
                owner.get(page.index, 0),
                (page.index,),
                f"Page {page.index + 1} was not scanned: {page.unscanned}.{removed}",
            )
        )
    return tuple(issues)


def with_unscanned_pages(draft: Draft, bundle: Bundle) -> Draft:
    """``draft`` with the removal of every page the reader could not read (once per page)."""
    taken = {action.page for action in draft.page_actions}
    added = tuple(
        PageAction(page.index, "remove", "page could not be read, so it was not scanned")
        for page in bundle.pages
        if page.unscanned and not _kept(page) and page.index not in taken
    )
    return replace(draft, page_actions=(*draft.page_actions, *added)) if added else draft


def _kept(page: Page) -> bool:
    return page.unscanned == GARBAGE_TEXT
