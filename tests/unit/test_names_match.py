from __future__ import annotations

import pytest

from idpc_guard.names_match import SAME_PERSON, UNSURE, find_name, name_match, parse_name

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
