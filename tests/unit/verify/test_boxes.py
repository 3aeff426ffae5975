"""Verification's box check on its own: any character left under a box fails the copy,
except the box's own label (values that are only checked under their boxes)."""

from __future__ import annotations

import dataclasses

import pytest

from idpc_guard.errors import RedactionNotVerifiedError
from idpc_guard.model import (
    Action,
    Box,
    Decisions,
    Detection,
    Finding,
    LabelStyle,
    PageText,
    Severity,
    Source,
    Verdict,
)
from idpc_guard.read.extract import extract_bytes
from idpc_guard.read.layout import page_text, span_boxes
from idpc_guard.redact.plan import redaction_plan
from idpc_guard.redact.redaction import redact
from idpc_guard.verify.verification import verify
from tests.pdfs import make_pdf

LINES = ["Hidden ref QX7 and more words here.", "A second line with QX7 again, and more."]


def _hidden(text: PageText, start: int, end: int, number: int) -> Finding:
    # HIDDEN_TEXT values are not hunted across the file: only their boxes are checked.
    detection = Detection(
        "HIDDEN_TEXT",
        text.text[start:end],
        0,
        span_boxes(text, start, end),
        0.9,
        Source.TEXT,
        "test",
        0,
        start,
        end,
    )
    return Finding(f"F{number:04d}", detection, Action.REDACT, "r", "reason", Severity.HIGH)


def _decisions(*findings: Finding) -> Decisions:
    return Decisions(findings, (), (), Verdict.REVIEW)


def _setup() -> tuple[bytes, list[Finding]]:
    pdf = make_pdf([LINES])
    text = page_text(extract_bytes(pdf, "x.pdf").pages[0])
    first = text.text.index("QX7")
    second = text.text.index("QX7", first + 1)
    return pdf, [_hidden(text, first, first + 3, 1), _hidden(text, second, second + 3, 2)]


@pytest.mark.parametrize("labels", list(LabelStyle))
def test_a_copy_redacted_under_every_box_passes(labels: LabelStyle) -> None:
    pdf, findings = _setup()
    decisions = _decisions(*findings)
    result = verify(
        1, redact(pdf, redaction_plan(decisions, labels)), redaction_plan(decisions, labels)
    )
    assert result.boxes_checked == 2
    assert result.values_checked == 0


@pytest.mark.parametrize("missed", [0, 1])
def test_a_character_left_under_any_box_fails_naming_only_that_finding(missed: int) -> None:
    pdf, findings = _setup()
    applied = list(findings)
    # The copy is made with one box moved off its text: that text stays in the copy.
    moved = dataclasses.replace(applied[missed].detection, boxes=(Box(500, 780, 520, 790),))
    applied[missed] = dataclasses.replace(applied[missed], detection=moved)
    out = redact(pdf, redaction_plan(_decisions(*applied)))
    with pytest.raises(RedactionNotVerifiedError) as info:
        verify(1, out, redaction_plan(_decisions(*findings)))
    message = str(info.value)
    assert findings[missed].id in message
    assert findings[1 - missed].id not in message
    assert "QX7" not in message


def test_a_label_under_a_box_is_not_a_leftover_but_other_text_is() -> None:
    pdf, findings = _setup()
    decisions = _decisions(*findings)
    out = redact(
        pdf, redaction_plan(decisions, LabelStyle.ID)
    )  # the label is the finding id, in the box
    verify(1, out, redaction_plan(decisions, LabelStyle.ID))
    # Verified against labels it does not know, the label text counts as a leftover.
    with pytest.raises(RedactionNotVerifiedError):
        verify(1, out, redaction_plan(decisions, LabelStyle.NONE))
