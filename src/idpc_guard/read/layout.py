"""Lay a page's words out as text, and map text spans back to boxes on the page."""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Iterable, Iterator
from itertools import groupby

from idpc_guard.model import Box, Page, PageText, Source, Word


def page_text(page: Page) -> PageText:
    """Join a page's words into one string: a space within a line, a newline between lines."""
    parts: list[str] = []
    spans: list[tuple[int, int]] = []
    pos = 0
    previous_line: int | None = None
    for word in page.words:
        if previous_line is not None:
            sep = " " if word.line == previous_line else "\n"
            parts.append(sep)
            pos += 1
        parts.append(word.text)
        spans.append((pos, pos + len(word.text)))
        pos += len(word.text)
        previous_line = word.line
    return PageText(page=page.index, text="".join(parts), words=page.words, spans=tuple(spans))


def span_boxes(text: PageText, start: int, end: int) -> tuple[Box, ...]:
    """Boxes covering the characters ``[start, end)`` of a page text, one per visual line.

    Where a span covers part of a word, the box is cut at the glyph edges of the
    characters covered, so that a label written against a value ("Tel:0770...")
    is not removed with it.
    """
    pieces: list[tuple[int, Box]] = []
    for index in _words_under(text, start, end):
        word, (w_start, w_end) = text.words[index], text.spans[index]
        pieces.append(
            (word.line, _part_box(word, max(start, w_start) - w_start, min(end, w_end) - w_start))
        )
    boxes: list[Box] = []
    for _, group in groupby(pieces, key=lambda item: item[0]):
        line_boxes = [box for _, box in group]
        merged = line_boxes[0]
        for box in line_boxes[1:]:
            merged = merged.union(box)
        boxes.append(merged)
    return tuple(boxes)


def span_source(text: PageText, start: int, end: int) -> Source:
    """Where the words under ``[start, end)`` came from: OCR or a picture wins over text."""
    for index in _words_under(text, start, end):
        if text.words[index].source is not Source.TEXT:
            return text.words[index].source
    return Source.TEXT


def _words_under(text: PageText, start: int, end: int) -> range:
    """Indexes of the words sharing a character with ``[start, end)``.

    The words are laid out in order, so their spans are sorted: the first is found
    by bisection (a page can hold thousands of words and of findings).
    """
    first = bisect.bisect_right(text.spans, start, key=_span_end)
    last = bisect.bisect_left(text.spans, end, lo=first, key=_span_start)
    return range(first, last)


def _span_start(span: tuple[int, int]) -> int:
    return span[0]


def _span_end(span: tuple[int, int]) -> int:
    return span[1]


def _part_box(word: Word, a: int, b: int) -> Box:
    if (a == 0 and b == len(word.text)) or len(word.char_edges) != len(word.text) + 1:
        return word.box
    return Box(word.char_edges[a], word.box.y0, word.char_edges[b], word.box.y1)


@functools.lru_cache(maxsize=4096)
def value_pattern(value: str) -> re.Pattern[str]:
    """A pattern for other occurrences of a value: whole words, any run of whitespace between.

    The redaction stage uses it to find every occurrence of a withheld value, and
    verification uses the same pattern to prove none is left. Patterns are kept
    (in this process's memory only, a bounded number, like :mod:`re`'s own cache):
    deciding, redacting and verifying look for the same values, and a bundle's
    values outnumber the ``re`` module's cache.
    """
    words = value.split()
    return re.compile(r"(?<!\w)" + r"\s+".join(re.escape(w) for w in words) + r"(?!\w)")


_WORD_RUN = re.compile(r"\w+")


class ValueFinder:
    """Find every occurrence of many values in a text in one pass.

    Each value is keyed by its first run of word characters; a text is scanned once
    for word runs and only the values keyed by a run are tried there, with
    :func:`value_pattern`. The cost grows with the text, not with text × values.
    """

    def __init__(self, values: Iterable[str]) -> None:
        """Index the values (values without any word character are ignored)."""
        self._by_key: dict[str, list[tuple[int, str, re.Pattern[str]]]] = {}
        for value in dict.fromkeys(values):
            first = _WORD_RUN.search(value)
            if first is None:
                continue
            lead = first.start() - (len(value) - len(value.lstrip()))
            self._by_key.setdefault(first.group(0), []).append((lead, value, value_pattern(value)))

    def finditer(self, text: str) -> Iterator[tuple[str, int, int]]:
        """``(value, start, end)`` for every occurrence, in text order."""
        for run in _WORD_RUN.finditer(text):
            for lead, value, pattern in self._by_key.get(run.group(0), ()):
                start = run.start() - lead
                if start < 0:
                    continue
                match = pattern.match(text, start)
                if match is not None:
                    yield value, match.start(), match.end()
