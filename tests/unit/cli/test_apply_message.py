"""``apply`` says what "verified N box(es)" means next to the redactions it applied."""

from __future__ import annotations

from dataclasses import replace

from idpc_guard.cli.apply import applied_line
from idpc_guard.model import (
    Action,
    Box,
    Decisions,
    Detection,
    Finding,
    PageAction,
    PageActionKind,
    Severity,
    Source,
    Verdict,
)


def _finding(fid: str, page: int, lines: int) -> Finding:
    boxes = tuple(Box(10.0, 10.0 + 12 * n, 90.0, 20.0 + 12 * n) for n in range(lines))
    detection = Detection("PERSON", "Invented Name", page, boxes, 0.9, Source.TEXT, "r", 0)
    return Finding(fid, detection, Action.REDACT, "r", "because", Severity.HIGH)


def test_the_line_explains_boxes_against_redactions() -> None:
    findings = (_finding("F0001", 0, 2), _finding("F0002", 0, 1), _finding("F0003", 4, 1))
    decisions = Decisions(
        findings=findings,
        page_actions=(PageAction(4, PageActionKind.REMOVE, "back page"),),
        document_issues=(),
        verdict=Verdict.BLOCK,
    )
    assert applied_line(decisions, 3) == (
        "Applied 3 redaction(s) (1 of them on removed pages) and 1 page removal(s). "
        "Verified: no text left under the 3 box(es) of the 2 redaction(s) on the pages kept "
        "(one box per line a redaction covers)."
    )
    kept = replace(decisions, findings=findings[1:2], page_actions=())
    assert applied_line(kept, 1).startswith("Applied 1 redaction(s) and 0 page removal(s). ")
