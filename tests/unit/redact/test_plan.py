"""The redaction plan: what a copy removes, worked out from the decisions alone (pure)."""

from __future__ import annotations

from collections.abc import Mapping

from idpc_guard.entities import DEFAULT_LABEL, HIDDEN_TEXT
from idpc_guard.model import (
    Action,
    Box,
    Decisions,
    Detection,
    Finding,
    LabelStyle,
    PageAction,
    PageActionKind,
    Severity,
    Source,
    Verdict,
)
from idpc_guard.redact.plan import Mark, RedactionPlan, redaction_plan


def _finding(
    number: int,
    page: int,
    text: str,
    action: Action = Action.REDACT,
    entity: str = "PHONE_NUMBER",
    source: Source = Source.TEXT,
    boxes: int = 1,
) -> Finding:
    placed = tuple(Box(10, 10 + 20 * i, 90, 20 + 20 * i) for i in range(boxes))
    detection = Detection(entity, text, page, placed, 0.9, source, "test", 0)
    return Finding(f"F{number:04d}", detection, action, "rule", "reason", Severity.HIGH)


def _decisions(*findings: Finding, removed: tuple[int, ...] = ()) -> Decisions:
    actions = tuple(PageAction(page, PageActionKind.REMOVE, f"reason {page}") for page in removed)
    return Decisions(findings, actions, (), Verdict.REVIEW)


PHONE = _finding(1, 0, "07700 900123", boxes=2)
NAME = _finding(2, 0, "Ondrel Quistfire", entity="PERSON")
REVIEWED = _finding(3, 0, "Some Body", Action.REVIEW, entity="PERSON")
KEPT = _finding(4, 1, "PC Jane Officer", Action.KEEP, entity="PERSON")
LATER = _finding(5, 3, "ab@example.com", entity="EMAIL_ADDRESS")
ON_REMOVED = _finding(6, 2, "07700 900456")
DECISIONS = _decisions(LATER, PHONE, NAME, REVIEWED, KEPT, ON_REMOVED, removed=(2,))


def _ids(by_page: Mapping[int, tuple[Mark, ...]]) -> dict[int, list[str]]:
    return {page: [m.finding.id for m in marks] for page, marks in by_page.items()}


def test_redactions_are_grouped_by_kept_page_in_page_order() -> None:
    plan = redaction_plan(DECISIONS)
    assert _ids(plan.redactions) == {0: ["F0001", "F0002"], 3: ["F0005"]}
    assert list(plan.redactions) == [0, 3]
    assert plan.boxes == 4  # two for the phone, one each for the name and the email
    assert [m.label for m in plan.redactions[0]] == ["Phone", "Name"]
    assert plan.redactions[0][0].boxes == PHONE.detection.boxes
    assert plan.redactions[0][0].page == 0 and plan.redactions[0][0].redact


def test_the_reviewers_copy_marks_review_items_too_but_never_kept_ones() -> None:
    plan = redaction_plan(DECISIONS)
    assert _ids(plan.marks) == {0: ["F0001", "F0002", "F0003"], 3: ["F0005"]}
    review = plan.marks[0][2]
    assert not review.redact and review.label == ""


def test_removed_pages_are_listed_once_in_order_with_their_reasons() -> None:
    decisions = _decisions(removed=(5, 2, 5))
    plan = redaction_plan(decisions)
    assert plan.removed_pages == (2, 5)
    assert [a.reason for a in plan.page_removals] == ["reason 5", "reason 2", "reason 5"]
    assert [plan.copy_page(page) for page in (0, 1, 3, 4, 6)] == [0, 1, 2, 3, 4]
    assert plan.touched_pages == {2, 5}


def test_values_on_removed_pages_still_leave_the_outline_but_their_boxes_do_not_count() -> None:
    plan = redaction_plan(DECISIONS)
    assert "07700 900456" in plan.redacted_texts
    assert 2 not in plan.redactions and 2 not in plan.marks
    assert plan.touched_pages == {0, 2, 3}


def test_labels_follow_the_style() -> None:
    odd = _finding(7, 0, "something", entity="NOT_AN_ENTITY")
    decisions = _decisions(PHONE, odd, REVIEWED)
    assert redaction_plan(decisions).labels == {"Phone", DEFAULT_LABEL}
    assert redaction_plan(decisions, LabelStyle.ID).labels == {"F0001", "F0007"}
    by_id = redaction_plan(decisions, LabelStyle.ID)
    assert [m.label for m in by_id.marks[0]] == ["F0001", "F0007", ""]
    none = redaction_plan(decisions, LabelStyle.NONE)
    assert none.labels == frozenset() and {m.label for m in none.marks[0]} == {""}


def test_values_to_hunt_skip_hidden_text_short_values_and_values_kept_elsewhere() -> None:
    hidden = _finding(10, 0, "text under a black box", entity=HIDDEN_TEXT)
    short = _finding(11, 0, "A 1")
    twice = _finding(12, 1, "07700 900123")
    scene = _finding(13, 1, "L4 6TH", entity="UK_POSTCODE")
    kept_scene = _finding(14, 0, "12 Acacia Avenue, Liverpool L4 6TH", Action.KEEP)
    decisions = _decisions(PHONE, hidden, short, twice, scene, kept_scene)
    assert redaction_plan(decisions).values == {"07700 900123": "F0001"}


def test_a_one_word_name_is_checked_under_its_boxes_and_a_full_name_everywhere() -> None:
    surname = _finding(15, 0, "Quistfire", entity="PERSON")
    titled = _finding(16, 0, "Mrs Quistfire", entity="PERSON")
    decisions = _decisions(NAME, surname, titled)
    assert redaction_plan(decisions).values == {"Ondrel Quistfire": "F0002"}
    assert redaction_plan(decisions).boxes == 3  # all are still removed where found


def test_a_value_that_starts_with_a_kept_one_is_checked_under_its_boxes() -> None:
    shop = _finding(17, 1, "12 Acacia Avenue", Action.KEEP, entity="UK_ADDRESS")
    longer = _finding(18, 0, "12 Acacia Avenue, Liverpool", entity="UK_ADDRESS")
    other = _finding(19, 0, "14 Acacia Avenue, Liverpool", entity="UK_ADDRESS")
    values = redaction_plan(_decisions(shop, longer, other)).values
    assert values == {"14 Acacia Avenue, Liverpool": "F0019"}


def test_a_plan_knows_when_a_value_is_removed_from_a_picture() -> None:
    ocr = _finding(20, 0, "07700 900999", source=Source.OCR)
    assert not redaction_plan(_decisions(PHONE)).from_pictures
    assert redaction_plan(_decisions(PHONE, ocr)).from_pictures
    # On a removed page the picture goes whole: nothing there is read again.
    assert not redaction_plan(_decisions(PHONE, ocr, removed=(0,))).from_pictures


def test_an_empty_plan() -> None:
    plan = redaction_plan(Decisions((), (), (), Verdict.CLEAR))
    assert plan == RedactionPlan({}, {}, (), (), (), {}, frozenset())
    assert plan.boxes == 0 and plan.touched_pages == frozenset()


def test_the_same_decisions_give_the_same_plan() -> None:
    assert redaction_plan(DECISIONS) == redaction_plan(DECISIONS)
