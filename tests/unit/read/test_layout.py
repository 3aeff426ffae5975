from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from idpc_guard.model import Box, Page, Source, Word
from idpc_guard.read.extract import extract_bytes
from idpc_guard.read.layout import page_text, span_boxes
from tests.pdfs import make_pdf


def _text(lines: list[str]):  # type: ignore[no-untyped-def]
    return page_text(extract_bytes(make_pdf([lines]), "x.pdf").pages[0])


def test_page_text_joins_words_and_lines() -> None:
    text = _text(["one two", "three"])
    assert text.text == "one two\nthree"
    assert [text.text[s:e] for s, e in text.spans] == ["one", "two", "three"]


def test_span_across_a_line_break_gives_one_box_per_line() -> None:
    text = _text(["lives at 12 Acacia", "Avenue, Liverpool now"])
    start = text.text.index("12")
    end = text.text.index("Liverpool") + len("Liverpool")
    boxes = span_boxes(text, start, end)
    assert len(boxes) == 2
    assert boxes[0].y1 <= boxes[1].y0 + 1  # first line above second


def test_partial_word_is_cut_at_glyph_edges() -> None:
    text = _text(["Tel:07700 900123"])
    start = text.text.index("07700")
    (box,) = span_boxes(text, start, start + len("07700 900123"))
    label = text.words[0]
    assert box.x0 > label.box.x0 + 5  # "Tel:" is outside the box
    assert box.x1 == text.words[1].box.x1


def _page(words: list[str]) -> Page:
    out = []
    x = 10.0
    for i, w in enumerate(words):
        width = 6.0 * len(w)
        edges = tuple(x + 6.0 * k for k in range(len(w) + 1))
        out.append(
            Word(
                w,
                Box(x, 10.0 + 12 * (i // 3), x + width, 20.0 + 12 * (i // 3)),
                i // 3,
                Source.TEXT,
                edges,
            )
        )
        x += width + 4
    return Page(index=0, width=600, height=800, words=tuple(out))


@given(
    st.lists(st.text(alphabet="abcXYZ09", min_size=1, max_size=8), min_size=1, max_size=9),
    st.data(),
)
def test_span_boxes_cover_exactly_the_touched_lines(words: list[str], data: st.DataObject) -> None:
    text = page_text(_page(words))
    start = data.draw(st.integers(0, len(text.text) - 1))
    end = data.draw(st.integers(start + 1, len(text.text)))
    boxes = span_boxes(text, start, end)
    touched = {
        w.line for w, (s, e) in zip(text.words, text.spans, strict=True) if s < end and start < e
    }
    assert len(boxes) == len(touched)
    for box in boxes:
        assert box.x0 <= box.x1 and box.y0 <= box.y1


_VALUE_TEXT = st.text(alphabet="ab1 :+-.\n", max_size=40)


@given(st.lists(st.text(alphabet="ab1 :+-.", min_size=1, max_size=6), max_size=5), _VALUE_TEXT)
def test_value_finder_finds_what_each_pattern_finds(values: list[str], text: str) -> None:
    from idpc_guard.read.layout import ValueFinder, value_pattern

    values = [v for v in values if any(c.isalnum() for c in v)]
    found = set(ValueFinder(values).finditer(text))
    expected = set()
    for value in values:
        pattern = value_pattern(value)
        # Every start position, as the finder tries each word run.
        for start in range(len(text)):
            match = pattern.match(text, start)
            if match is not None:
                expected.add((value, match.start(), match.end()))
    assert found == expected
