"""Turn defects of the input file into findings and document issues.

Text left readable under a failed redaction becomes a ``redact`` finding of
entity ``HIDDEN_TEXT`` (so the copy removes it, and a reviewer can change the
action in the report like any other) plus a ``bad_redaction`` document issue;
an earlier revision becomes an ``earlier_revision`` issue (the copy is always
written fresh, without it). Pure: no I/O.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from idpc_guard.entities import HIDDEN_TEXT
from idpc_guard.model import (
    Decisions,
    Detection,
    Document,
    DocumentIssue,
    Finding,
    InputDefect,
    Source,
)
from idpc_guard.policy.builtin import BAD_REDACTION_IN_INPUT, COVERED_NOT_REMOVED
from idpc_guard.policy.decide import verdict_of


def with_input_defects(
    decisions: Decisions, defects: Sequence[InputDefect], documents: Sequence[Document]
) -> Decisions:
    """``decisions`` with findings and issues for each defect; the verdict recomputed."""
    if not defects:
        return decisions
    doc_of_page = {p: d.index for d in documents for p in d.pages}
    # Text boxed over in the input may already be withheld by the decide stage
    # (rule ``covered-not-removed``); the defect's own finding covers it whole.
    findings = [f for f in decisions.findings if not _under_a_defect(f, defects)]
    issues = list(decisions.document_issues)
    number = _next_number(findings)
    for defect in defects:
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
        findings.append(
            Finding(
                f"F{number:04d}",
                detection,
                BAD_REDACTION_IN_INPUT.action,
                BAD_REDACTION_IN_INPUT.rule,
                BAD_REDACTION_IN_INPUT.reason,
                BAD_REDACTION_IN_INPUT.severity,
            )
        )
        number += 1
    findings.sort(
        key=lambda f: (f.detection.page, f.detection.boxes[0].y0, f.detection.boxes[0].x0)
    )
    findings = [replace(f, id=f"F{n:04d}") for n, f in enumerate(findings, start=1)]
    return replace(
        decisions,
        findings=tuple(findings),
        document_issues=tuple(issues),
        verdict=verdict_of(findings, decisions.page_actions, issues),
    )


def _under_a_defect(finding: Finding, defects: Sequence[InputDefect]) -> bool:
    if finding.rule != COVERED_NOT_REMOVED.rule:
        return False
    return any(
        defect.page == finding.detection.page
        and any(a.intersects(b) for a in defect.boxes for b in finding.detection.boxes)
        for defect in defects
    )


def _next_number(findings: Sequence[Finding]) -> int:
    numbers = [int(f.id[1:]) for f in findings if f.id[1:].isdigit()]
    return max(numbers, default=0) + 1
