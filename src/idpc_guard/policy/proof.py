"""Scan a rule's worked example as a page, the way a scan reads a bundle.

An example states an item of data in its words (``text``, with the lines around it,
``before`` and ``after``), the kind of document it is in and the facts of its case
(``case``, ``offences``). :class:`ExampleScanner` lays those lines out as one page of
one document of that kind and runs the stages a scan runs on it: the document's
fields (who the statement is of, who the defendant is), the case (the example's case
file merged with what the page says, as a scan merges ``--case`` with the bundle),
detection, decide and finalise. What it finds for the item is what a scan of a
bundle with those words and that case would find: the example proves that the rule
fires, not only that it is written.

The detection engine is the heavy part; build one scanner and prove every example
with it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from idpc_guard.documents.case import infer_case, merge_case
from idpc_guard.documents.fields import read_fields
from idpc_guard.model import Box, Document, DocumentKind, Finding, Page, PageText, Word
from idpc_guard.policy.decide import decide
from idpc_guard.policy.finalise import finalise
from idpc_guard.policy.loader import Example, RuleSet
from idpc_guard.read.layout import page_text
from idpc_guard.recognizers.engine import DetectionEngine

# An A4 page in points, and a monospaced layout of the example's lines on it.
_PAGE_WIDTH, _PAGE_HEIGHT = 595.0, 842.0
_MARGIN, _LINE_HEIGHT, _FONT_SIZE, _CHAR_WIDTH = 40.0, 14.0, 10.0, 5.0


@dataclass(frozen=True, slots=True)
class ExamplePage:
    """An example laid out as a page: its text, and where ``text`` (the item's lines) is."""

    text: PageText
    start: int
    end: int
    document: Document

    def item_span(self, value: str | None) -> tuple[int, int]:
        """Where the example's item may be: ``value`` as written in ``text``, or all of it."""
        if value is None:
            return self.start, self.end
        # Lines are joined by a newline and words by one space, as on any page.
        flat = self.text.text[self.start : self.end].replace("\n", " ")
        at = flat.find(" ".join(value.split()))
        if at < 0:
            return self.start, self.end
        return self.start + at, self.start + at + len(" ".join(value.split()))


def lay_out(example: Example) -> ExamplePage:
    """The example's lines (``before``, ``text``, ``after``) as one page of one document."""
    before, item, after = (_lines(example.before), _lines(example.text), _lines(example.after))
    words: list[Word] = []
    for row, line in enumerate((*before, *item, *after)):
        x = _MARGIN
        y = _MARGIN + row * _LINE_HEIGHT
        for token in line.split():
            width = _CHAR_WIDTH * len(token)
            edges = tuple(x + _CHAR_WIDTH * i for i in range(len(token) + 1))
            words.append(Word(token, Box(x, y, x + width, y + _FONT_SIZE), row, char_edges=edges))
            x += width + _CHAR_WIDTH
    text = page_text(Page(0, _PAGE_WIDTH, _PAGE_HEIGHT, tuple(words)))
    first, last = len(before), len(before) + len(item)
    item_spans = [
        span for word, span in zip(text.words, text.spans, strict=True) if first <= word.line < last
    ]
    start = item_spans[0][0] if item_spans else len(text.text)
    end = item_spans[-1][1] if item_spans else start
    document = Document(
        index=0,
        kind=example.document,
        title=_title(example.document),
        pages=(0,),
        fields=read_fields(text.text),
    )
    return ExamplePage(text, start, end, document)


def _lines(text: str) -> list[str]:
    """The lines of a piece of an example that hold words (a page has no empty lines)."""
    return [line for line in text.split("\n") if line.strip()]


def _title(kind: DocumentKind) -> str:
    return kind.value.replace("_", " ").capitalize()


class ExampleScanner:
    """Scans worked examples with one detection engine (build it once; it loads a model)."""

    def __init__(self, rule_set: RuleSet, engine: DetectionEngine | None = None) -> None:
        """Scan examples under the rules and taxonomy of ``rule_set``.

        ``engine`` detects; without one, the default engine is built when the first
        example is scanned.
        """
        self.rule_set = rule_set
        self._engine = engine

    @property
    def engine(self) -> DetectionEngine:
        """The detection engine (built on first use when none was given).

        Raises:
            MissingModelError: the language model is not installed.
        """
        if self._engine is None:
            self._engine = DetectionEngine()
        return self._engine

    def findings(self, example: Example) -> tuple[ExamplePage, tuple[Finding, ...]]:
        """The example's page, and every finding a scan of it makes (in reading order)."""
        page = lay_out(example)
        documents = (page.document,)
        texts = (page.text,)
        inferred = infer_case(documents, texts)
        case = merge_case(example.case, inferred, example.offences)
        detections = self.engine.detect(documents, texts)
        draft = decide(
            detections,
            documents,
            texts,
            case,
            self.rule_set.rules,
            taxonomy=self.rule_set.taxonomy,
        )
        return page, finalise(draft).findings

    def finding(self, example: Example) -> Finding | None:
        """The finding on the example's item, or None when the scan finds no such item.

        The item is the example's ``entity`` within ``value`` (or anywhere in ``text``);
        of several, the longest (an address over the postcode inside it).
        """
        page, findings = self.findings(example)
        return item_finding(page, findings, example.entity, example.value)


def item_finding(
    page: ExamplePage, findings: Sequence[Finding], entity: str, value: str | None
) -> Finding | None:
    """Of ``findings``, the one on the example's item (see :meth:`ExampleScanner.finding`)."""
    start, end = page.item_span(value)
    candidates = [
        f
        for f in findings
        if f.detection.entity == entity and f.detection.start < end and start < f.detection.end
    ]
    if not candidates:
        return None
    return max(candidates, key=lambda f: (f.detection.end - f.detection.start, -f.detection.start))
