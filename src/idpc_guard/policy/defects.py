"""Turn defects of the input file into findings and document issues.

Text left readable under a failed redaction becomes a ``redact`` finding of
entity ``HIDDEN_TEXT`` (so the copy removes it, and a reviewer can change the
action in the report like any other) plus a ``bad_redaction`` document issue;
an earlier revision becomes an ``earlier_revision`` issue (the copy is always
written fresh, without it); a page (or the file's revisions) that could not be
inspected becomes a ``not_scanned`` issue, unless the reading stage already
reported that page as not scanned. Pure: no I/O.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from idpc_guard.entities import HIDDEN_TEXT
from idpc_guard.model import (
    Detection,
    Document,
    DocumentIssue,
    InputDefect,
    IssueKind,
    Source,
)
from idpc_guard.policy.builtin import BAD_REDACTION_IN_INPUT, COVERED_NOT_REMOVED
from idpc_guard.policy.finalise import Draft
from idpc_guard.policy.ruling import Decided


def with_input_defects(
    draft: Draft, defects: Sequence[InputDefect], documents: Sequence[Document]
) -> Draft:
    """``draft`` with a document issue for each defect, and a finding for text left under one."""
    if not defects:
        return draft
    doc_of_page = {p: d.index for d in documents for p in d.pages}
    not_scanned = {
        page for i in draft.issues if i.kind is IssueKind.NOT_SCANNED for page in i.pages
    }
    # Text boxed over in the input may already be withheld by the decide stage
    # (rule ``covered-not-removed``); the defect's own finding covers it whole.
    findings: list[Decided] = [f for f in draft.findings if not _under_a_defect(f, defects)]
    issues = list(draft.issues)
    for defect in defects:
        if defect.kind is IssueKind.NOT_SCANNED and defect.page in not_scanned:
            continue  # the page was not scanned at all, and the report says so already
        document = doc_of_page.get(defect.page, 0) if defect.page is not None else 0
        pages = (defect.page,) if defect.page is not None else ()
        issues.append(DocumentIssue(defect.kind, document, pages, defect.detail))
        if defect.page is None or not defect.boxes:
            continue
        detection = Detection(
            entity=HIDDEN_TEXT,
            text=defect.text,
            page=defect.page,
            boxes=defect.boxes,
            score=1.0,
            # No text under it: an image was under the unapplied redaction, and
            # its pixels under the whole box must go.
            source=Source.TEXT if defect.text else Source.IMAGE,
            recognizer="InputInspection",
            document=document,
        )
        findings.append((detection, BAD_REDACTION_IN_INPUT))
    return replace(draft, findings=tuple(findings), issues=tuple(issues))


def _under_a_defect(finding: Decided, defects: Sequence[InputDefect]) -> bool:
    detection, ruling = finding
    if ruling.rule != COVERED_NOT_REMOVED.rule:
        return False
    return any(
        defect.page == detection.page
        and any(a.intersects(b) for a in defect.boxes for b in detection.boxes)
        for defect in defects
    )
