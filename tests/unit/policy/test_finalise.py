"""Finalising decisions: findings numbered once in reading order, and the one verdict."""

from __future__ import annotations

from idpc_guard.model import (
    Action,
    Box,
    Detection,
    DocumentIssue,
    Finding,
    IssueKind,
    PageAction,
    PageActionKind,
    Severity,
    Source,
    Verdict,
)
from idpc_guard.policy.finalise import Draft, finalise, reviewed, verdict_of
from idpc_guard.policy.ruling import Decided, Ruling

REDACT = Ruling("redact-phone", Action.REDACT, "why", Severity.HIGH)
KEEP = Ruling("keep-officer-name", Action.KEEP, "why", Severity.LOW)
REVIEW = Ruling("no-rule", Action.REVIEW, "why", Severity.MEDIUM)
CRITICAL = Ruling("back-page", Action.REDACT, "why", Severity.CRITICAL)


def _item(page: int, y: float, x: float, text: str, ruling: Ruling = REDACT) -> Decided:
    box = Box(x, y, x + 40, y + 10)
    detection = Detection("PHONE_NUMBER", text, page, (box,), 0.9, Source.TEXT, "test", 0)
    return detection, ruling


def test_findings_are_numbered_in_reading_order() -> None:
    items = (
        _item(1, 100, 50, "c"),
        _item(0, 300, 50, "b"),
        _item(0, 100, 200, "a2"),
        _item(0, 100, 50, "a1"),
    )
    decisions = finalise(Draft(items))
    assert [(f.id, f.detection.text) for f in decisions.findings] == [
        ("F0001", "a1"),
        ("F0002", "a2"),
        ("F0003", "b"),
        ("F0004", "c"),
    ]
    assert decisions.findings[0].rule == "redact-phone"


def test_findings_at_the_same_place_keep_the_order_the_stages_gave() -> None:
    first, second = _item(0, 100, 50, "first"), _item(0, 100, 50, "second", KEEP)
    texts = [f.detection.text for f in finalise(Draft((first, second))).findings]
    assert texts == ["first", "second"]
    texts = [f.detection.text for f in finalise(Draft((second, first))).findings]
    assert texts == ["second", "first"]


def test_the_same_draft_always_gets_the_same_ids() -> None:
    items = tuple(_item(i % 3, 100 - i, 50, f"v{i}") for i in range(9))
    assert finalise(Draft(items)) == finalise(Draft(items))


def test_page_actions_are_put_in_page_order_and_issues_keep_theirs() -> None:
    actions = (
        PageAction(4, PageActionKind.REMOVE, "back page"),
        PageAction(1, PageActionKind.REMOVE, "unreadable"),
    )
    issues = (
        DocumentIssue(IssueKind.NOT_SCANNED, 2, (4,), "x"),
        DocumentIssue(IssueKind.BAD_REDACTION, 0, (1,), "y"),
    )
    decisions = finalise(Draft((), actions, issues))
    assert [a.page for a in decisions.page_actions] == [1, 4]
    assert decisions.document_issues == issues


def test_the_verdict() -> None:
    assert finalise(Draft()).verdict is Verdict.CLEAR
    assert finalise(Draft((_item(0, 1, 1, "k", KEEP),))).verdict is Verdict.CLEAR
    assert finalise(Draft((_item(0, 1, 1, "r", REVIEW),))).verdict is Verdict.REVIEW
    assert finalise(Draft((_item(0, 1, 1, "p"),))).verdict is Verdict.REVIEW
    assert finalise(Draft((_item(0, 1, 1, "c", CRITICAL),))).verdict is Verdict.BLOCK
    removed = (PageAction(0, PageActionKind.REMOVE, "x"),)
    assert finalise(Draft((), removed)).verdict is Verdict.REVIEW
    duplicate = DocumentIssue(IssueKind.DUPLICATE_DOCUMENT, 1, (1,), "x")
    assert finalise(Draft((), (), (duplicate,))).verdict is Verdict.REVIEW
    for kind in set(IssueKind) - {IssueKind.DUPLICATE_DOCUMENT}:
        issue = DocumentIssue(kind, 0, (0,), "x")
        assert finalise(Draft((), (), (issue,))).verdict is Verdict.BLOCK, kind


def test_reviewed_decisions_keep_their_ids_and_order() -> None:
    detection, _ = _item(0, 100, 50, "v")
    later = Finding("F0009", detection, Action.REDACT, "r", "x", Severity.CRITICAL)
    added = Finding("R1", detection, Action.KEEP, "reviewer", "x", Severity.LOW)
    decisions = reviewed([later, added], [], [])
    assert [f.id for f in decisions.findings] == ["F0009", "R1"]
    assert decisions.verdict is verdict_of([later, added], [], []) is Verdict.BLOCK
