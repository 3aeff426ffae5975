"""The name indexes give what the plain searches they replace give.

``KnownNames.best`` must equal ``max`` over :func:`name_match` with every known name
(first of equal scores), and looking for a name only on the pages that hold its
surname must find what looking on every page finds.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from idpc_guard.model import PageText
from idpc_guard.policy.consistency import _SurnamePages
from idpc_guard.text.names import SAME_PERSON, KnownNames, find_name, name_match

_GIVEN = st.sampled_from(["Michael", "Mick", "M.", "Ann", "Anne", "J", "Elizabeth", "Liz", "Tom"])
_SURNAME = st.sampled_from(
    ["Brown", "BROWN", "Smith", "Smith-Jones", "Jones", "O'Neil", "Lee", "Lee-Smith", "Ng"]
)
#: Letters that match ASCII ones case-blind: Kelvin sign, long s, dotless i, dotted I.
_ODD = st.sampled_from(["\u212a", "\u017f", "\u0131", "\u0130", "\u00e9", "-", "'", ","])
_SAME_LETTER = st.sampled_from(
    [
        str.maketrans({"i": "\u0131", "s": "\u017f", "k": "\u212a"}),
        str.maketrans({"i": "\u0130", "S": "\u017f", "K": "\u212a"}),
    ]
)


@st.composite
def written_names(draw: st.DrawFn) -> str:
    title = draw(st.sampled_from(["", "Mr ", "Dr ", "Mrs "]))
    given = draw(st.lists(_GIVEN, max_size=2))
    surname = draw(_SURNAME)
    if draw(st.booleans()):
        return f"{surname}, {' '.join(given)}"
    return f"{title}{' '.join([*given, surname])}".strip()


@settings(max_examples=300, deadline=None)
@given(st.lists(written_names(), max_size=12), written_names())
def test_best_is_the_max_over_every_known_name(known: list[str], name: str) -> None:
    scores = [(name_match(name, k), i) for i, k in enumerate(known)]
    best = max((s for s, _ in scores), default=0.0)
    index = KnownNames((k, i) for i, k in enumerate(known))
    score, tag = index.best(name)
    assert score == best
    if best > 0:
        assert tag == next(i for s, i in scores if s == best)


@st.composite
def page_texts(draw: st.DrawFn) -> list[PageText]:
    pages = []
    for number in range(draw(st.integers(1, 5))):
        parts = draw(
            st.lists(st.one_of(written_names(), _ODD, st.sampled_from(["met", "brownish"]))),
        )
        # Odd letters inside names: "Smıth" (dotless i) matches "smith" case-blind.
        if parts and draw(st.booleans()):
            where = draw(st.integers(0, len(parts) - 1))
            word = parts[where]
            if draw(st.booleans()):
                parts[where] = word.translate(draw(_SAME_LETTER))
            else:
                cut = draw(st.integers(0, len(word)))
                parts[where] = word[:cut] + draw(_ODD) + word[cut + 1 :]
        text = " ".join(parts)
        pages.append(PageText(number, text, (), ()))
    return pages


@settings(max_examples=300, deadline=None)
@given(page_texts(), written_names())
def test_names_are_found_on_the_candidate_pages_only(pages: list[PageText], name: str) -> None:
    every = [(t.page, o) for t in pages for o in find_name(t.text, name, SAME_PERSON)]
    candidates = _SurnamePages(pages).pages(name)
    assert [t.page for t in candidates] == sorted(t.page for t in candidates)
    found = [(t.page, o) for t in candidates for o in find_name(t.text, name, SAME_PERSON)]
    assert found == every
