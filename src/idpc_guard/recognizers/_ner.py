"""spaCy's PERSON entities, found by running the model only where a name can be.

spaCy's named-entity model is most of detection time, and most lines of a case
paper cannot hold a name that the names recogniser would keep: that recogniser
(:mod:`.names`) drops every spaCy span with a word in lower case, a form word, a
case word or a vehicle word. So a line goes to the model only if it has a *name
candidate*: a capitalised word (or one in capitals) of two letters or more that
is none of those words, nor a title or rank alone, nor a common English function
word ("The", "When", "She"), nor inside something the pattern recognisers have
already found (an address, a car, a name after ``Statement of:``). Each such line
goes with about 20 characters of the text either side, cut at a space, because
the small model's labels depend on the words around; overlapping slices are
joined, and a slice seen twice in one call (a heading on every page) is read once.

Measured with ``benchmarks/detection.py`` and a generated 100-page bundle: the
model reads 50% of the corpus's characters and 26% of the bundle's, and every name
found on whole pages is still found (the same span, or the name without its title
where a form pattern had already found it; ``tests/recognizers/test_ner_gate.py``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from spacy.lang.en.stop_words import STOP_WORDS

from idpc_guard.recognizers.names import CASE_WORDS, FORM_WORDS, NOT_NAME_WORDS, TITLE_WORDS

__all__ = ["NerEntity", "PersonFinder", "name_runs"]

#: Function words that spaCy's stop list has but that are also given names.
_NAME_LIKE_STOP_WORDS = frozenset({"will", "may", "mine", "bill", "else"})
#: Capitalised words that never start a name the names recogniser keeps.
NEVER_NAMES = (
    FORM_WORDS
    | NOT_NAME_WORDS
    | CASE_WORDS
    | TITLE_WORDS
    | (frozenset(STOP_WORDS) - _NAME_LIKE_STOP_WORDS)
)
#: A word starting with a capital, two letters or more, no digits ("O'Brien", "SMITH").
_CAPITALISED = re.compile(r"(?<![\w'’-])[A-Z][A-Za-z'’-]*[A-Za-z](?![\w])")
_LINE = re.compile(r"[^\n]+")
#: Characters of the text around a line that go to the model with it.
CONTEXT_CHARS = 20


@dataclass(frozen=True, slots=True)
class NerEntity:
    """One entity the model found, in the offsets of the whole text it came from.

    It has the three attributes of a spaCy ``Span`` that Presidio's
    ``SpacyRecognizer`` reads.
    """

    label_: str
    start_char: int
    end_char: int


def _has_candidate(text: str, start: int, end: int, masked: Sequence[tuple[int, int]]) -> bool:
    for match in _CAPITALISED.finditer(text, start, end):
        if match.group().casefold().strip("'’") in NEVER_NAMES:
            continue
        if any(a <= match.start() and match.end() <= b for a, b in masked):
            continue
        return True
    return False


def name_runs(
    text: str, masked: Sequence[tuple[int, int]] = (), context: int = CONTEXT_CHARS
) -> list[tuple[int, int]]:
    """Spans of ``text`` to give the model: lines with a name candidate, with context.

    Each line with a candidate is taken with up to ``context`` characters either
    side, cut at a space (the small model labels "belonging to Reece KING." an
    organisation, and the same words followed by the next line's first words a
    person). Words inside a ``masked`` span (an address or a car the patterns
    found) are not candidates. Overlapping or touching spans are joined.
    """
    runs: list[tuple[int, int]] = []
    for match in _LINE.finditer(text):
        if not _has_candidate(text, match.start(), match.end(), masked):
            continue
        start, end = match.start(), match.end()
        if context:
            # Cut the context at a space or a line break, never inside a word: the
            # model reads the "Tim" of a cut-off "Time" as a name.
            window = max(0, start - context)
            cuts = [
                i for i in (text.find(" ", window, start), text.find("\n", window, start)) if i >= 0
            ]
            start = min(cuts) + 1 if cuts else start
            window = min(len(text), end + context)
            after = max(text.rfind(" ", end, window), text.rfind("\n", end + 1, window))
            end = after if after >= 0 else end
        if runs and start <= runs[-1][1] + 1:
            runs[-1] = (runs[-1][0], max(end, runs[-1][1]))
        else:
            runs.append((start, end))
    return runs


class PersonFinder:
    """Runs a loaded spaCy pipeline over the name-bearing slices of many texts."""

    def __init__(self, nlp: Any, labels: dict[str, str], batch_size: int = 64) -> None:
        """Wrap ``nlp``; ``labels`` maps the model's labels to the entities reported."""
        self._nlp = nlp
        self._labels = labels
        self._batch_size = batch_size

    def find(
        self,
        texts: Sequence[str],
        masks: Sequence[Sequence[tuple[int, int]]] | None = None,
        seen: dict[str, list[tuple[str, int, int]]] | None = None,
    ) -> list[list[NerEntity]]:
        """For each text, the entities the model finds in its name-bearing slices.

        ``masks`` gives, for each text, spans whose words are not name candidates.
        Each distinct slice goes through the model once; ``seen`` keeps what it found
        across calls (the texts of one bundle, taken a chunk at a time), so a slice
        repeated on every page (a header, a name) is read once per bundle.
        """
        masks = masks if masks is not None else [()] * len(texts)
        seen = seen if seen is not None else {}
        runs = [name_runs(text, mask) for text, mask in zip(texts, masks, strict=True)]
        new: dict[str, None] = {}
        for text, spans in zip(texts, runs, strict=True):
            for start, end in spans:
                if (piece := text[start:end]) not in seen:
                    new[piece] = None
        seen.update(zip(new, self._read(list(new)), strict=True))
        out: list[list[NerEntity]] = []
        for text, spans in zip(texts, runs, strict=True):
            entities = [
                NerEntity(label, start + s, start + e)
                for start, end in spans
                for label, s, e in seen[text[start:end]]
            ]
            out.append(entities)
        return out

    def _read(self, slices: list[str]) -> Iterator[list[tuple[str, int, int]]]:
        for doc in self._nlp.pipe(slices, batch_size=self._batch_size):
            yield [
                (self._labels[ent.label_], ent.start_char, ent.end_char)
                for ent in doc.ents
                if ent.label_ in self._labels
            ]
