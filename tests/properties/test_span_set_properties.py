"""Properties of the span set deciding uses: the same answers as a look at every span."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from idpc_guard.policy.spans import SpanSet

_SPAN = st.tuples(st.integers(0, 40), st.integers(0, 12)).map(lambda p: (p[0], p[0] + p[1]))


@given(
    st.lists(st.tuples(st.booleans(), _SPAN), max_size=40),
    st.lists(_SPAN, min_size=1, max_size=10),
)
@settings(max_examples=300, deadline=None)
def test_answers_as_a_look_at_every_span(
    steps: list[tuple[bool, tuple[int, int]]], asked: list[tuple[int, int]]
) -> None:
    spans = SpanSet()
    added: list[tuple[int, int]] = []
    for add, (start, end) in steps:
        expected = any(s < end and start < e for s, e in added)
        assert spans.overlaps(start, end) is expected
        if add:
            spans.add(start, end)
            added.append((start, end))
    for start, end in asked:
        assert spans.overlaps(start, end) is any(s < end and start < e for s, e in added)


def test_starts_with_spans_in_any_order() -> None:
    spans = SpanSet([(30, 35), (0, 5), (3, 9), (20, 21)])
    assert spans.overlaps(8, 12)
    assert not spans.overlaps(9, 20)
    assert spans.overlaps(19, 21)
    assert not spans.overlaps(21, 30)
    assert spans.overlaps(34, 100)
