"""spaCy runs only where a name can be, and finds the same names as on whole pages."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest

from idpc_guard.recognizers import _ner
from idpc_guard.recognizers._ner import PersonFinder, name_runs

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
from detection_corpus import build_corpus


def _slices(text: str, **kwargs: Any) -> list[str]:
    return [text[a:b] for a, b in name_runs(text, **kwargs)]


def test_lines_without_a_name_candidate_are_not_read() -> None:
    text = (
        "RESTRICTED (when complete)\n"
        "The handbag held my purse with about £200 in cash.\n"
        "I phoned my son on his mobile and he came round.\n"
        "Signature witnessed by: (signed)"
    )
    assert name_runs(text) == []


@pytest.mark.parametrize(
    "line",
    [
        "I do not know anyone called Joseph BAKER.",
        "the man was o'brien's friend, O'Brien",
        "and then Will came in",  # a stop word that is also a given name
        "my neighbour SMITH",
    ],
)
def test_a_line_with_a_candidate_is_read_whole(line: str) -> None:
    text = f"nothing here at all\n{line}\nnor here"
    (only,) = _slices(text, context=0)
    assert only == line


def test_titles_ranks_and_case_words_alone_are_not_candidates() -> None:
    text = "Sgt and PC attended.\nPrevious convictions: none.\nThe Crime Incident log."
    assert name_runs(text) == []


def test_context_is_added_at_word_boundaries_and_runs_join() -> None:
    text = "before the line there is text\nbelonging to Reece KING.\nanticipated plea: guilty"
    (run,) = name_runs(text, context=20)
    start, end = run
    assert "there is text\nbelonging to Reece KING.\nanticipated" in text[start:end]
    assert len(text[start : text.index("belonging")]) <= 20
    assert text[start - 1] == " " and text[end] == " "
    two = "Jane SMITH went out\nJohn JONES came in"
    assert name_runs(two, context=0) == [(0, len(two))]


def test_masked_words_are_not_candidates() -> None:
    text = "She lives at 14 Church Road, Leeds LS1 4AP."
    start = text.index("14")
    end = text.index(".", start)
    assert name_runs(text, masked=[(start, end)]) == []
    assert name_runs(text) != []


class _Doc:
    def __init__(self, text: str) -> None:
        self.ents = [_Ent("PERSON", 0, len(text))] if "Kim" in text else []


class _Ent:
    def __init__(self, label: str, start: int, end: int) -> None:
        self.label_, self.start_char, self.end_char = label, start, end


class _CountingNlp:
    def __init__(self) -> None:
        self.seen: list[str] = []

    def pipe(self, texts: list[str], batch_size: int) -> list[_Doc]:
        self.seen.extend(texts)
        return [_Doc(t) for t in texts]


def test_a_slice_repeated_across_pages_is_read_once_and_mapped_to_each() -> None:
    nlp = _CountingNlp()
    finder = PersonFinder(nlp, {"PERSON": "PERSON"})
    header = "Statement of Kim NAME"
    pages = [header, "no candidates", header, "a long page start\n" + header]
    found = finder.find(pages)
    assert nlp.seen == [header, "long page start\n" + header]
    assert [(e.start_char, e.end_char) for e in found[0]] == [(0, len(header))]
    assert found[1] == []
    assert found[2] == found[0]
    assert [(e.start_char, e.end_char) for e in found[3]] == [(2, len(pages[3]))]


def test_gated_engine_finds_the_names_whole_pages_give(
    scanner: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The gate saves time without losing names: every name spaCy finds on whole pages
    is found (the same span or one overlapping it) when only name-bearing lines are read."""
    texts = [page.text for page in build_corpus(seed=11, pages=60)]
    gated = scanner.engine.analyze_texts(texts)
    monkeypatch.setattr(_ner, "name_runs", lambda text, *a, **k: [(0, len(text))])
    whole = scanner.engine.analyze_texts(texts)
    lost = []
    for text, with_gate, without in zip(texts, gated, whole, strict=True):
        for entity, start, end, _score, _name in without:
            if not any(e == entity and s < end and start < f for e, s, f, _, _ in with_gate):
                lost.append((entity, text[start:end]))
    assert lost == []
    assert sum(map(len, gated)) >= 0.99 * sum(map(len, whole))


@pytest.mark.parametrize(
    "text",
    [
        # Short lines without spaces after a name: the context stops at a line break.
        "Seen by Carl DENT\n18/02/2024\n17:05\nreference:abcdefghij",
        "urn:01-xx-99\n17/03/2025\nSeen by Carl DENT",
        "Interviewer\nDS ORME\n00:42:10\n18/02/2024\nrecorded",
    ],
)
def test_context_never_cuts_a_word(text: str) -> None:
    for start, end in name_runs(text):
        assert start == 0 or text[start - 1].isspace(), repr(text[start:end])
        assert end == len(text) or text[end].isspace(), repr(text[start:end])
