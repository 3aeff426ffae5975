"""The one-pass search of the file's bytes answers exactly as one search per value did."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from idpc_guard.verify import bytes as verify_bytes
from idpc_guard.verify.bytes import WHITESPACE, values_in_bytes

_SPACE = re.compile(r"\s+")

# Few distinct bytes, so values and files share prefixes often; whitespace of every kind.
_BYTES = st.binary(max_size=80).map(lambda b: bytes(b"ab1 \n\t\xa0\x85\xe9\x00"[c % 10] for c in b))
_SPACES = [" ", "\n", "\t", "\xa0", "\x85", "\u2003", "\n\n "]
# Words of letters and a digit (Latin-1 ones, or now and then one Latin-1 cannot hold:
# such a value can never be in the bytes), with any kind of whitespace between them.
_WORDS = st.lists(st.text("ab1\xe9", min_size=1, max_size=5), min_size=1, max_size=4)
_VALUE = st.builds(
    lambda words, space, odd: space.join(words) + ("\u0142" if odd else ""),
    _WORDS,
    st.sampled_from(_SPACES),
    st.integers(0, 9).map(lambda n: n == 0),
)


def _plain(data: bytes, values: dict[str, str]) -> set[str]:
    """Normalise the file as text and search each value in it, never inside a longer number."""
    flat = _SPACE.sub("", data.decode("latin-1"))
    found = set()
    for value, fid in values.items():
        needle = _SPACE.sub("", value)
        head = r"(?<![0-9])" if needle[:1].isdigit() else ""
        tail = r"(?![0-9])" if needle[-1:].isdigit() else ""
        if len(needle) >= 6 and re.search(head + re.escape(needle) + tail, flat):
            found.add(fid)
    return found


@st.composite
def cases(draw: st.DrawFn) -> tuple[bytes, dict[str, str]]:
    """Random bytes and values, with some values planted in the bytes (whitespace around)."""
    data = draw(_BYTES)
    values = {draw(_VALUE): f"F{i:04d}" for i in range(draw(st.integers(0, 8)))}
    for value in draw(
        st.lists(st.sampled_from(sorted(values)), min_size=1, max_size=3) if values else st.just([])
    ):
        at = draw(st.integers(0, len(data)))
        planted = value.replace("a", "a\n").encode("latin-1", errors="ignore")
        data = data[:at] + planted + data[at:]
    return data, values


@given(cases())
@settings(max_examples=300, deadline=None)
def test_one_pass_finds_what_one_search_per_value_finds(case: tuple[bytes, dict[str, str]]) -> None:
    data, values = case
    assert values_in_bytes(data, values) == _plain(data, values)


@pytest.mark.parametrize(("chunk", "most"), [(5, 10_000), (7, 2), (1 << 22, 0)])
@given(case=cases())
@settings(max_examples=100, deadline=None)
def test_chunk_edges_and_many_matches_change_nothing(
    chunk: int, most: int, case: tuple[bytes, dict[str, str]]
) -> None:
    # Tiny chunks put values across chunk edges; a low ceiling takes the search-per-value path.
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(verify_bytes, "_CHUNK", chunk)
        patch.setattr(verify_bytes, "_MAX_MATCHES", most)
        data, values = case
        assert values_in_bytes(data, values) == _plain(data, values)


def test_whitespace_is_what_the_text_pattern_calls_whitespace() -> None:
    assert bytes(b for b in range(256) if _SPACE.fullmatch(chr(b))) == WHITESPACE


@pytest.mark.parametrize(
    ("data", "found"),
    [
        (b"was born on 1 October 2021 at home", True),
        (b"until 31 October 2021, at which time", False),
        (b"(1 Oct ober\n2021)", True),
        (b"on 1 October 20214 copies", False),
    ],
)
def test_a_value_ending_in_digits_is_not_found_inside_a_longer_number(
    data: bytes, found: bool
) -> None:
    assert (values_in_bytes(data, {"1 October 2021": "F0001"}) == {"F0001"}) is found
