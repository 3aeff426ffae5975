"""Bundle-level checks: breaches that are a whole document, not a single word."""

from __future__ import annotations

from collections.abc import Sequence

from idpc_guard.model import Case, Document, DocumentIssue, DocumentKind, IssueKind


def check_documents(documents: Sequence[Document], case: Case) -> tuple[DocumentIssue, ...]:
    """Document-level issues, in document order."""
    issues: list[DocumentIssue] = []
    for doc in documents:
        pages = tuple(p + 1 for p in doc.pages)
        if doc.kind is DocumentKind.WITNESS_CONTACT_DETAILS:
            issues.append(
                DocumentIssue(
                    IssueKind.WITNESS_CONTACT_DETAILS,
                    doc.index,
                    doc.pages,
                    f"Page(s) {_pages(pages)} are an MG11 back page (witness contact details). "
                    "It must never be served; it is removed from the redacted copy.",
                )
            )
        elif doc.kind is DocumentKind.NOT_DISCLOSABLE:
            issues.append(
                DocumentIssue(
                    IssueKind.NOT_DISCLOSABLE_DOCUMENT,
                    doc.index,
                    doc.pages,
                    f"Page(s) {_pages(pages)} are a not-disclosable form ({doc.title}). "
                    "It must not be in a served bundle; it is removed from the redacted copy.",
                )
            )
        elif (
            doc.kind is DocumentKind.CASE_SUMMARY
            and case.urn
            and doc.fields.urn
            and _norm(doc.fields.urn) != _norm(case.urn)
        ):
            issues.append(
                DocumentIssue(
                    IssueKind.FOREIGN_CASE_SUMMARY,
                    doc.index,
                    doc.pages,
                    f"The case summary on page(s) {_pages(pages)} gives URN {doc.fields.urn}, "
                    f"not this case's {case.urn}: it may belong to another case.",
                )
            )
    return tuple(issues)


def _pages(pages: Sequence[int]) -> str:
    return ", ".join(str(p) for p in pages)


def _norm(urn: str) -> str:
    return "".join(c for c in urn.upper() if c.isalnum())
