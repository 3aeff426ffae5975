"""Properties of the garbage-text heuristic: real text of any script is never garbage."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from idpc_guard.text.quality import MIN_CHARS, is_garbage

_READABLE = st.characters(whitelist_categories=("L", "M", "N", "P", "S", "Zs"))
_RAW_CODES = st.one_of(st.characters(whitelist_categories=("Cc", "Co")), st.just("\ufffd")).filter(
    lambda c: not c.isspace()
)


@given(st.lists(st.text(_READABLE, min_size=1, max_size=20), max_size=40))
def test_readable_text_of_any_script_is_never_garbage(words: list[str]) -> None:
    assert not is_garbage(words)


@given(st.lists(st.text(_RAW_CODES, min_size=1, max_size=20), min_size=1, max_size=20))
def test_raw_font_codes_are_garbage_once_there_is_enough(words: list[str]) -> None:
    assert is_garbage(words) == (sum(len(w) for w in words) >= MIN_CHARS)


def test_right_to_left_and_mixed_scripts() -> None:
    words = ["\u0633\u0627\u0631\u0629", "\u05e9\u05dc\u05d5\u05dd", "\u4f60\u597d", "Привет"]
    assert not is_garbage(words * 5)
