from __future__ import annotations

import pytest

from idpc_guard.model import (
    Action,
    Box,
    Case,
    Detection,
    Document,
    DocumentFields,
    DocumentKind,
    Entity,
    IssueKind,
    Page,
    Person,
    Role,
    Severity,
    Source,
    Word,
)
from idpc_guard.policy.builtin import UNREDACTED_ELSEWHERE
from idpc_guard.policy.bundle_checks import check_documents
from idpc_guard.policy.consistency import unredacted_elsewhere
from idpc_guard.policy.finalise import verdict_of
from idpc_guard.read.layout import page_text

CASE = Case(
    urn="05AB1234524",
    defendants=(Person("Michael Thomas BROWN", Role.DEFENDANT, "21/09/1994"),),
)


def _doc(index: int, kind: DocumentKind, **fields: object) -> Document:
    return Document(index, kind, kind.value, (index,), DocumentFields(**fields))  # type: ignore[arg-type]


def _kinds(documents: list[Document], case: Case = CASE) -> list[IssueKind]:
    return [i.kind for i in check_documents(documents, case)]


def test_convictions_of_the_defendant_raise_nothing() -> None:
    for name in ("Michael Thomas BROWN", "BROWN, Michael", "Michael BROWN"):
        doc = _doc(0, DocumentKind.PREVIOUS_CONVICTIONS, names=(name,), dobs=("21/09/1994",))
        assert _kinds([doc]) == []


def test_convictions_of_another_person_are_caught() -> None:
    other = _doc(0, DocumentKind.PREVIOUS_CONVICTIONS, names=("Sarah BROWN",))
    assert _kinds([other]) == [IssueKind.WRONG_PREVIOUS_CONVICTIONS]


def test_same_name_other_birthday_is_caught() -> None:
    doc = _doc(0, DocumentKind.PREVIOUS_CONVICTIONS, names=("Michael BROWN",), dobs=("02/01/1980",))
    issues = check_documents([doc], CASE)
    assert [i.kind for i in issues] == [IssueKind.WRONG_PREVIOUS_CONVICTIONS]
    assert "date of birth" in issues[0].detail


def test_short_form_without_birthday_asks_for_a_check() -> None:
    doc = _doc(0, DocumentKind.PREVIOUS_CONVICTIONS, names=("Mick BROWN",))
    issues = check_documents([doc], CASE)
    assert [i.kind for i in issues] == [IssueKind.WRONG_PREVIOUS_CONVICTIONS]
    assert "check" in issues[0].detail
    confirmed = _doc(
        0, DocumentKind.PREVIOUS_CONVICTIONS, names=("Mick BROWN",), dobs=("21/09/1994",)
    )
    assert _kinds([confirmed]) == []


def test_pnc_id_that_is_not_the_defendants_is_caught() -> None:
    summary = _doc(0, DocumentKind.CASE_SUMMARY, urn=CASE.urn, pnc_id="94/123456X")
    same = _doc(
        1, DocumentKind.PREVIOUS_CONVICTIONS, names=("Michael BROWN",), pnc_id="1994/123456X"
    )
    other = _doc(2, DocumentKind.PREVIOUS_CONVICTIONS, names=("Michael BROWN",), pnc_id="97/55555A")
    assert _kinds([summary, same]) == []
    assert _kinds([summary, other]) == [IssueKind.WRONG_PREVIOUS_CONVICTIONS]


def test_case_summary_of_another_case_or_defendant() -> None:
    ours = _doc(0, DocumentKind.CASE_SUMMARY, urn=CASE.urn, names=("Michael Thomas BROWN",))
    other_urn = _doc(1, DocumentKind.CASE_SUMMARY, urn="01ZZ9999926")
    other_person = _doc(2, DocumentKind.CHARGE_SHEET, urn=CASE.urn, names=("Kevin PARRY",))
    assert _kinds([ours]) == []
    assert _kinds([other_urn]) == [IssueKind.FOREIGN_CASE_SUMMARY]
    issues = check_documents([other_person], CASE)
    assert [i.kind for i in issues] == [IssueKind.FOREIGN_CASE_SUMMARY]
    assert "case file" in issues[0].detail


def _page(index: int, words: list[str]) -> Page:
    placed = tuple(
        Word(
            w,
            Box(10 + 40 * (i % 10), 20 * (i // 10), 45 + 40 * (i % 10), 20 * (i // 10) + 12),
            i // 10,
        )
        for i, w in enumerate(words)
    )
    return Page(index, 595, 842, placed)


def test_the_same_statement_twice_is_a_review_item() -> None:
    body = [f"word{i}" for i in range(80)]
    texts = [page_text(_page(0, body)), page_text(_page(1, body)), page_text(_page(2, body[::-1]))]
    docs = [_doc(i, DocumentKind.WITNESS_STATEMENT) for i in range(3)]
    issues = check_documents(docs, CASE, texts)
    assert [(i.kind, i.document) for i in issues] == [(IssueKind.DUPLICATE_DOCUMENT, 1)]
    assert verdict_of([], [], issues).value == "review"


def _detection(page: int, start: int, end: int, text: str, entity: str = "PERSON") -> Detection:
    return Detection(
        entity, text, page, (Box(0, 0, 1, 1),), 0.9, Source.TEXT, "test", page, start, end
    )


def test_a_name_withheld_in_one_document_is_withheld_in_the_others() -> None:
    one = page_text(_page(0, "A neighbour , Derek WALSH , called .".split()))
    two = page_text(_page(1, "999 call from WALSH, Derek , log 0412".split()))
    start = one.text.index("Derek WALSH")
    source = _detection(0, start, start + len("Derek WALSH"), "Derek WALSH")
    redact = UNREDACTED_ELSEWHERE
    docs = [_doc(0, DocumentKind.CASE_SUMMARY), _doc(1, DocumentKind.UNUSED_MATERIAL_SCHEDULE)]
    decided, issues = unredacted_elsewhere([(source, redact)], docs, [one, two])
    added = [d for d, rule in decided if d.page == 1]
    assert [d.text for d in added] == ["WALSH, Derek"]
    assert all(rule is not None and rule.action is Action.REDACT for _, rule in decided)
    # The tool's own decision spread to another place: a finding, and nothing the
    # bundle's author got wrong.
    assert issues == []


@pytest.mark.parametrize("redacted_there", [False, True])
def test_a_name_the_author_covered_but_left_elsewhere_is_an_issue(redacted_there: bool) -> None:
    """The author boxed a name over in the summary and left it in the schedule: the
    bundle disagrees with itself, whether or not the tool withholds the schedule's."""
    one = page_text(_page(0, "A neighbour , Derek WALSH , called .".split()))
    two = page_text(_page(1, "999 call from WALSH, Derek , log 0412".split()))
    start = one.text.index("Derek WALSH")
    covered = _detection(0, start, start + len("Derek WALSH"), "Derek WALSH")
    there = two.text.index("WALSH, Derek")
    # The tool withholds the covered name on its own account too (a third party's).
    decided = [(covered, UNREDACTED_ELSEWHERE)]
    if redacted_there:
        span = _detection(1, there, there + len("WALSH, Derek"), "WALSH, Derek")
        decided.append((span, UNREDACTED_ELSEWHERE))
    docs = [_doc(0, DocumentKind.CASE_SUMMARY), _doc(1, DocumentKind.UNUSED_MATERIAL_SCHEDULE)]
    result, issues = unredacted_elsewhere(decided, docs, [one, two], covered=[covered])
    assert [d.text for d, _ in result if d.page == 1] == ["WALSH, Derek"]
    assert [(i.kind, i.document, i.pages) for i in issues] == [
        (IssueKind.UNREDACTED_ELSEWHERE, 1, (1,))
    ]
    assert "page(s) 1 (covered with a box)" in issues[0].detail


def test_a_name_the_author_covered_everywhere_is_no_issue() -> None:
    one = page_text(_page(0, "A neighbour , Derek WALSH , called .".split()))
    two = page_text(_page(1, "999 call from Derek WALSH , log 0412".split()))
    covered = [
        _detection(p, t.text.index("Derek WALSH"), t.text.index("Derek WALSH") + 11, "Derek WALSH")
        for p, t in enumerate((one, two))
    ]
    docs = [_doc(0, DocumentKind.CASE_SUMMARY), _doc(1, DocumentKind.UNUSED_MATERIAL_SCHEDULE)]
    _, issues = unredacted_elsewhere([], docs, [one, two], covered=covered)
    assert issues == []


@pytest.mark.parametrize(
    ("entity", "value", "followed"),
    [
        (Entity.UK_PASSPORT, "123456789", True),
        (Entity.UK_DRIVING_LICENCE, "MORGA753116SM9IJ", True),
        (Entity.PNC_ID, "2001/0012345A", True),
        (Entity.PHONE_NUMBER, "07700900123", True),
        # Many people share a date: one withheld says nothing about the same date elsewhere.
        (Entity.DATE_OF_BIRTH, "03/02/1961", False),
    ],
)
def test_an_identifier_withheld_once_is_withheld_everywhere(
    entity: Entity, value: str, followed: bool
) -> None:
    one = page_text(_page(0, f"number : {value} given".split()))
    two = page_text(_page(1, f"schedule item {value} seized".split()))
    start = one.text.index(value)
    source = _detection(0, start, start + len(value), value, entity.value)
    docs = [_doc(0, DocumentKind.CASE_SUMMARY), _doc(1, DocumentKind.UNUSED_MATERIAL_SCHEDULE)]
    decided, issues = unredacted_elsewhere([(source, UNREDACTED_ELSEWHERE)], docs, [one, two])
    added = [(d.entity, d.text) for d, _ in decided if d.page == 1]
    assert added == ([(entity.value, value)] if followed else [])
    _, issues = unredacted_elsewhere([], docs, [one, two], covered=[source])
    assert len(issues) == int(followed)


def test_nothing_to_do_when_every_occurrence_is_withheld() -> None:
    one = page_text(_page(0, "Derek WALSH called".split()))
    two = page_text(_page(1, "Derek WALSH again".split()))
    rule = UNREDACTED_ELSEWHERE
    decided = [(_detection(p, 0, 11, "Derek WALSH"), rule) for p in (0, 1)]
    docs = [_doc(0, DocumentKind.CASE_SUMMARY), _doc(1, DocumentKind.WITNESS_STATEMENT)]
    result, issues = unredacted_elsewhere(decided, docs, [one, two])
    assert issues == [] and len(result) == 2
    assert rule.severity is Severity.HIGH
