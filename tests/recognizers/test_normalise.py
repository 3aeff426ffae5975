"""Text normalisation: cleaned text for the recognisers, spans mapped back exactly."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from idpc_guard.recognizers.normalise import normalise


def _back(original: str, clean_sub: str) -> str:
    norm = normalise(original)
    start = norm.text.index(clean_sub)
    s, e = norm.to_original(start, start + len(clean_sub))
    return original[s:e]


def test_plain_text_is_unchanged() -> None:
    text = "Call 07700 900123 about 14 Mill Lane."
    norm = normalise(text)
    assert norm.text == text
    assert norm.to_original(5, 17) == (5, 17)


def test_ligatures_and_spaces() -> None:
    text = "O\ufb03ce at 14\u00a0Mill\u2009Lane"
    norm = normalise(text)
    assert norm.text == "Office at 14 Mill Lane"
    assert _back(text, "Office") == "O\ufb03ce"
    assert _back(text, "14 Mill Lane") == "14\u00a0Mill\u2009Lane"


def test_zero_width_and_soft_hyphen_removed() -> None:
    text = "jane@exam\u00adple.com and 0770\u200b0 900123"
    norm = normalise(text)
    assert norm.text == "jane@example.com and 07700 900123"
    assert _back(text, "07700 900123") == "0770\u200b0 900123"


def test_spaced_digits_collapse_but_short_runs_stay() -> None:
    text = "Tel 0 7 7 0 0 9 0 0 1 2 3 and rooms 1 2 3"
    norm = normalise(text)
    assert norm.text == "Tel 07700900123 and rooms 1 2 3"
    assert _back(text, "07700900123") == "0 7 7 0 0 9 0 0 1 2 3"


def test_line_end_hyphenation_joined_only_inside_words() -> None:
    text = "lives in Man-\nchester with Smith-\nJones"
    norm = normalise(text)
    assert norm.text == "lives in Manchester with Smith-\nJones"
    assert _back(text, "Manchester") == "Man-\nchester"


@settings(database=None, max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from("ab1 -\n\u00a0\u200b\ufb01\u00ad7"), max_size=40))
def test_map_is_monotonic_and_in_bounds(text: str) -> None:
    norm = normalise(text)
    assert len(norm.starts) == len(norm.ends) == len(norm.text)
    assert list(norm.starts) == sorted(norm.starts)
    for i in range(len(norm.text)):
        s, e = norm.to_original(i, i + 1)
        assert 0 <= s < e <= len(text)


@pytest.mark.parametrize(
    ("text", "joined"),
    [
        ("an initial call from Kenwyn\nTREMBATH (neighbour)", "Kenwyn TREMBATH"),
        ("I stayed at my sister's, Jowan\nPENDARVES, that night", "Jowan PENDARVES"),
        ("a call from C.\nROSKILLY about it", "C. ROSKILLY"),
    ],
)
def test_a_name_wrapped_in_prose_is_one_line(text: str, joined: str) -> None:
    assert joined in normalise(text).text


@pytest.mark.parametrize(
    "text",
    ["Statement of\nJOHN SMITH\n", "Name\nJohn SMITH", "Occupation\nRetired\nURN\n05"],
)
def test_a_form_label_above_its_value_stays_on_its_line(text: str) -> None:
    assert normalise(text).text == text
