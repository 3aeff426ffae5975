"""A person the author withheld under a placeholder, named in another document."""

from __future__ import annotations

import pytest

from idpc_guard.model import (
    Box,
    Detection,
    Document,
    DocumentFields,
    DocumentKind,
    IssueKind,
    Page,
    Source,
    Word,
)
from idpc_guard.policy.builtin import UNREDACTED_ELSEWHERE
from idpc_guard.policy.placeholders import named_where_withheld
from idpc_guard.policy.ruling import Decided
from idpc_guard.read.layout import page_text


def _text(index: int, lines: list[str]):  # type: ignore[no-untyped-def]
    words = []
    for row, line in enumerate(lines):
        for col, word in enumerate(line.split()):
            box = Box(10 + 40 * col, 20 * row, 45 + 40 * col, 20 * row + 12)
            words.append(Word(word, box, row))
    return page_text(Page(index, 595, 842, tuple(words)))


def _doc(index: int, kind: DocumentKind) -> Document:
    return Document(index, kind, kind.value, (index,), DocumentFields())


def _withheld_name(text, name: str) -> Decided:  # type: ignore[no-untyped-def]
    start = text.text.index(name)
    detection = Detection(
        "PERSON", name, text.page, (Box(0, 0, 1, 1),), 0.9, Source.TEXT, "test", text.page,
        start, start + len(name),
    )  # fmt: skip
    return detection, UNREDACTED_ELSEWHERE


# Several ways of writing the withheld person and the passage that names them.
STYLES = [
    (
        ["The victim's car was damaged overnight. A neighbour (name withheld) heard",
         "glass breaking and saw two youths running towards the park."],
        ["Item 4: house-to-house notes, Priya NAIR, heard glass breaking,",
         "saw youths running to park"],
    ),
    (
        ["I spoke to a passer-by, [REDACTED], who had filmed the fight on her",
         "phone outside the bus station."],
        ["Mobile phone footage of the fight at the bus station, filmed by",
         "Carol Ann OKAFOR (passer-by)"],
    ),
    (
        ["At 23:10 a caller, (details withheld), reported a silver van parked",
         "across the driveway with its engine running."],
        ["CAD 1123: caller DUNMORE, Keith reported silver van across", "driveway, engine running"],
    ),
]  # fmt: skip


@pytest.mark.parametrize(("withheld", "named"), STYLES)
def test_a_person_described_alike_is_reported(withheld: list[str], named: list[str]) -> None:
    one, two = _text(0, withheld), _text(1, named)
    name = next(w for w in two.text.split() if w.isupper() and len(w) > 3).strip(",")
    start = two.text.index(name)
    # The whole name as the detector found it: the capitals and the word either side.
    full = two.text[two.text.rfind(" ", 0, start - 1) + 1 : start + len(name)].strip(",: ")
    decided = [_withheld_name(two, full if full in two.text else name)]
    docs = [_doc(0, DocumentKind.CASE_SUMMARY), _doc(1, DocumentKind.UNUSED_MATERIAL_SCHEDULE)]
    issues = named_where_withheld(decided, docs, [one, two])
    assert [(i.kind, i.document, i.pages) for i in issues] == [
        (IssueKind.UNREDACTED_ELSEWHERE, 1, (1,))
    ]
    assert "page(s) 1" in issues[0].detail and name not in issues[0].detail


def test_a_person_described_otherwise_is_not() -> None:
    one = _text(0, STYLES[0][0])
    two = _text(1, ["Item 2: receipt for the victim's car repair, Priya NAIR, garage manager"])
    decided = [_withheld_name(two, "Priya NAIR")]
    docs = [_doc(0, DocumentKind.CASE_SUMMARY), _doc(1, DocumentKind.UNUSED_MATERIAL_SCHEDULE)]
    assert named_where_withheld(decided, docs, [one, two]) == []


def test_the_same_document_and_removed_pages_are_not_compared() -> None:
    page = _text(0, [*STYLES[0][0], *STYLES[0][1]])
    decided = [_withheld_name(page, "Priya NAIR")]
    assert named_where_withheld(decided, [_doc(0, DocumentKind.CASE_SUMMARY)], [page]) == []
    one, two = _text(0, STYLES[0][0]), _text(1, STYLES[0][1])
    docs = [_doc(0, DocumentKind.CASE_SUMMARY), _doc(1, DocumentKind.WITNESS_CONTACT_DETAILS)]
    assert (
        named_where_withheld([_withheld_name(two, "Priya NAIR")], docs, [one, two], frozenset({1}))
        == []
    )
