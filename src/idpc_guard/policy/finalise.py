"""The last step of deciding, done once: findings numbered, page actions in order, the verdict.

Every :class:`~idpc_guard.model.Decisions` the tool makes is made here. A scan's
stages each add to a :class:`Draft` (the decide stage its findings, page actions and
issues; the input inspection its defects; the reader's unscanned pages their
removal) and the scanner finalises the draft once, at the end
(:func:`finalise`). A report read back for ``apply`` already has its findings
numbered, perhaps by a reviewer: :func:`reviewed` keeps them and gives the verdict
by the same rule. Pure: no I/O.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from idpc_guard.model import (
    Action,
    Decisions,
    DocumentIssue,
    Finding,
    IssueKind,
    PageAction,
    Severity,
    Verdict,
)
from idpc_guard.policy.people import people_of
from idpc_guard.policy.ruling import Decided

#: Document issues that ask for a person's check rather than block the bundle.
REVIEW_ISSUES = frozenset({IssueKind.DUPLICATE_DOCUMENT})


@dataclass(frozen=True, slots=True)
class Draft:
    """Decisions in the making: findings not numbered yet, and no verdict yet.

    ``findings`` are in the order the stages gave them; :func:`finalise` puts them
    in reading order and numbers them.
    """

    findings: tuple[Decided, ...] = ()
    page_actions: tuple[PageAction, ...] = ()
    issues: tuple[DocumentIssue, ...] = ()


def reading_order(item: Decided) -> tuple[int, float, float]:
    """Where a finding is: its page, then its first box top to bottom, left to right."""
    box = item[0].boxes[0]
    return (item[0].page, box.y0, box.x0)


def finalise(draft: Draft) -> Decisions:
    """The draft's decisions, final: findings numbered in reading order, and the verdict.

    Findings are numbered ``F0001``, ``F0002``... by :func:`reading_order`. The sort
    is stable, so findings at the same place keep the order the stages gave them,
    and the same bundle always gets the same ids. Page actions are put in page
    order; issues keep the order they were found in.
    """
    ordered = sorted(draft.findings, key=reading_order)
    findings = tuple(
        Finding(
            f"F{number:04d}",
            detection,
            ruling.action,
            ruling.rule,
            ruling.reason,
            ruling.severity,
            ruling.role,
        )
        for number, (detection, ruling) in enumerate(ordered, start=1)
    )
    page_actions = tuple(sorted(draft.page_actions, key=lambda action: action.page))
    return reviewed(findings, page_actions, draft.issues)


def reviewed(
    findings: Iterable[Finding],
    page_actions: Iterable[PageAction],
    issues: Iterable[DocumentIssue],
) -> Decisions:
    """Decisions whose findings are numbered already (a report a person may have edited).

    Ids and order are kept as given; the verdict is :func:`verdict_of` them.
    """
    findings, people = people_of(tuple(findings))
    page_actions, issues = tuple(page_actions), tuple(issues)
    verdict = verdict_of(findings, page_actions, issues)
    return Decisions(findings, page_actions, issues, verdict, people)


def verdict_of(
    findings: Iterable[Finding],
    page_actions: Sequence[PageAction],
    issues: Sequence[DocumentIssue],
) -> Verdict:
    """Block on a critical redaction or any document issue; review on any other proposal."""
    findings = list(findings)
    if any(i.kind not in REVIEW_ISSUES for i in issues) or any(
        f.action is Action.REDACT and f.severity is Severity.CRITICAL for f in findings
    ):
        return Verdict.BLOCK
    if issues or page_actions or any(f.action is not Action.KEEP for f in findings):
        return Verdict.REVIEW
    return Verdict.CLEAR
