"""Properties of page layout: words to text, text spans back to boxes, value patterns."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from idpc_guard.model import Box, Page, PageText, Word
from idpc_guard.read.layout import _words_under, page_text, span_boxes, value_pattern

# Any character a PDF can yield except whitespace (words never hold whitespace).
_CHAR = st.characters(blacklist_categories=("Cs",)).filter(lambda c: not c.isspace())
_WORD = st.text(_CHAR, min_size=1, max_size=12)


@st.composite
def pages(draw: st.DrawFn) -> Page:
    """A page of words on lines, left to right, with boxes and (often) glyph edges."""
    lines = draw(st.lists(st.lists(_WORD, min_size=1, max_size=6), min_size=0, max_size=6))
    words: list[Word] = []
    for line_no, line in enumerate(lines):
        x = draw(st.floats(0, 50))
        y0 = 20.0 + 15 * line_no
        for text in line:
            width = draw(st.floats(0.0, 8.0))
            edges = tuple(x + i * width for i in range(len(text) + 1))
            box = Box(x, y0, edges[-1], y0 + 10)
            with_edges = draw(st.booleans())
            words.append(Word(text, box, line_no, char_edges=edges if with_edges else ()))
            x = edges[-1] + draw(st.floats(0.0, 5.0))
    return Page(index=0, width=612, height=792, words=tuple(words))


@given(pages())
@settings(max_examples=60, deadline=None)
def test_every_span_is_its_word(page: Page) -> None:
    text = page_text(page)
    assert len(text.spans) == len(page.words)
    assert [text.text[s:e] for s, e in text.spans] == [w.text for w in page.words]
    assert all(a[1] < b[0] for a, b in zip(text.spans, text.spans[1:], strict=False))
    assert text.text.count("\n") == len({w.line for w in page.words}) - 1 if page.words else True


@given(pages(), st.data())
@settings(max_examples=80, deadline=None)
def test_span_boxes_stay_within_the_words_they_cover(page: Page, data: st.DataObject) -> None:
    text = page_text(page)
    start = data.draw(st.integers(0, len(text.text)))
    end = data.draw(st.integers(start, len(text.text)))
    boxes = span_boxes(text, start, end)
    covered = [w for w, (s, e) in zip(text.words, text.spans, strict=True) if s < end and e > start]
    assert len(boxes) == len({w.line for w in covered})
    for box in boxes:
        assert any(
            w.box.x0 <= box.x0 + 1e-6
            and box.x1 <= max(v.box.x1 for v in covered) + 1e-6
            and w.box.y0 <= box.y0
            for w in covered
        )
    for word, (s, e) in zip(text.words, text.spans, strict=True):
        if start <= s and e <= end:  # a word covered whole is inside some box
            assert any(
                b.x0 <= word.box.x0 + 1e-6 and word.box.x1 <= b.x1 + 1e-6 and b.y0 <= word.box.y0
                for b in boxes
            )


@given(st.lists(_WORD, min_size=1, max_size=5), st.sampled_from([" ", "  ", "\n", " \n\t"]))
def test_value_pattern_finds_the_value_across_any_whitespace(words: list[str], gap: str) -> None:
    value = " ".join(words)
    pattern = value_pattern(value)
    assert pattern.search(gap.join(words)) is not None
    assert pattern.search(f"before\n{gap.join(words)} after") is not None


def _words_under_by_scan(text: PageText, start: int, end: int) -> list[int]:
    """Every word sharing a character with ``[start, end)``, found by looking at each."""
    return [i for i, (s, e) in enumerate(text.spans) if e > start and s < end]


@given(pages(), st.data())
@settings(max_examples=80, deadline=None)
def test_words_under_a_span_found_by_bisection_are_those_a_scan_finds(
    page: Page, data: st.DataObject
) -> None:
    text = page_text(page)
    length = len(text.text)
    start = data.draw(st.integers(0, length + 1))
    end = data.draw(st.integers(start, length + 2))
    assert list(_words_under(text, start, end)) == _words_under_by_scan(text, start, end)
