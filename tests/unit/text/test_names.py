from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from idpc_guard.policy.decide import name_tokens
from idpc_guard.text.names import SAME_PERSON, UNSURE, find_name, name_match, parse_name

DEFENDANT = "Michael Thomas BROWN"


@pytest.mark.parametrize(
    ("written", "low", "high"),
    [
        ("Michael Thomas BROWN", 1.0, 1.0),
        ("BROWN, Michael", SAME_PERSON, 1.0),
        ("Mr M. Brown", SAME_PERSON, 1.0),
        ("M T Brown", SAME_PERSON, 1.0),
        ("Michael BROWN", SAME_PERSON, 1.0),
        ("Mick Brown", UNSURE, SAME_PERSON - 0.01),
        ("BROWN", UNSURE, SAME_PERSON - 0.01),
        ("Mr Brown", UNSURE, SAME_PERSON - 0.01),
        ("Michael John Brown", UNSURE, SAME_PERSON - 0.01),
        ("Sarah Brown", 0.0, 0.0),
        ("Michael Green", 0.0, 0.0),
    ],
    ids=[
        "same",
        "surname-first",
        "title-initial",
        "initials",
        "no-middle",
        "short-form",
        "surname-only",
        "title-surname",
        "other-middle",
        "other-given",
        "other-surname",
    ],
)
def test_names_match_as_people_write_them(written: str, low: float, high: float) -> None:
    score = name_match(DEFENDANT, written)
    assert low <= score <= high
    assert name_match(written, DEFENDANT) == pytest.approx(score)


def test_surname_first_and_capitals_are_read() -> None:
    parsed = parse_name("BROWN, Michael Thomas")
    assert parsed is not None and parsed.surname == "brown"
    assert parsed.given == ("michael", "thomas")
    capitals = parse_name("Michael Thomas BROWN")
    assert capitals is not None and capitals.surname == "brown"


def test_double_barrelled_surname_matches_one_part() -> None:
    assert name_match("Anna SMITH-JONES", "Anna Jones") >= SAME_PERSON


def test_find_name_widens_to_the_written_form() -> None:
    text = (
        "Mr M. Brown was seen. Later BROWN, Michael was arrested. "
        "Sarah Brown said so. A brown dog barked. The Brown family left."
    )
    found = {text[o.start : o.end]: o.confidence for o in find_name(text, DEFENDANT)}
    assert found["Mr M. Brown"] >= SAME_PERSON
    assert found["BROWN, Michael"] >= SAME_PERSON
    assert "Sarah Brown" not in found  # another person
    assert all("brown dog" not in key for key in found)  # the colour
    assert found.get("Brown") == pytest.approx(0.6)  # "The Brown family": unsure


def test_no_surname_no_match() -> None:
    assert name_match("", DEFENDANT) == 0.0
    assert find_name("anything", "") == []


_GIVEN = st.sampled_from(["Michael", "Mick", "M.", "Sarah", "Thomas", "Liz", "Elizabeth", "J"])
_SURNAME = st.sampled_from(["Brown", "BROWN", "Smith-Jones", "Jones", "O'Neill"])
_TITLE = st.sampled_from(["", "Mr ", "Mrs ", "Dr "])


@st.composite
def _written(draw: st.DrawFn) -> str:
    given = draw(st.lists(_GIVEN, max_size=2))
    surname = draw(_SURNAME)
    if draw(st.booleans()):
        return f"{surname.upper()}, {' '.join(given)}".strip(", ")
    return (draw(_TITLE) + " ".join([*given, surname])).strip()


@given(_written(), _written())
def test_matching_is_symmetric_and_bounded(a: str, b: str) -> None:
    score = name_match(a, b)
    assert 0.0 <= score <= 1.0
    assert score == pytest.approx(name_match(b, a))
    assert name_match(a, a) >= 0.6  # a name always matches itself at least by surname


@pytest.mark.parametrize(
    ("written", "known"),
    [
        ("DC Hartigan", "Hartigan"),
        ("Dr Squibb-Lowe", "Squibb-Lowe"),
        ("PS 1123 Oyelaran", "Oyelaran"),
        ("Detective Sergeant Ama OYELARAN", "Ama Oyelaran"),
    ],
)
def test_a_rank_or_title_is_not_part_of_the_name(written: str, known: str) -> None:
    assert name_tokens(written) == name_tokens(known)
    assert name_match(written, known) == name_match(known, known)
