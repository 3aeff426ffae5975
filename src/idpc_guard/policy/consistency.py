"""Keep a bundle consistent: what is withheld in one document is withheld in all.

A neighbour's name redacted from the statements but printed in the MG6C schedule
undoes the redaction. After the rules have decided every detection, each value
proposed for redaction (a name in any of the ways people write it, or an
identifier such as a phone number) is looked for in the rest of the bundle. Its
occurrences that nothing withholds become findings (rule ``unredacted-elsewhere``).

A document issue (``unredacted_elsewhere``) is raised where the *bundle as prepared*
disagrees with itself: a value its author withheld (covered with a box) is shown
in another place. Such an occurrence is reported even when the tool withholds it
anyway, since the person who prepared the bundle missed it. The tool's own
decisions spreading to other occurrences are findings only: nothing in the bundle
was inconsistent, and the findings say why.
"""

from __future__ import annotations

import bisect
import dataclasses
import functools
import re
import string
from collections.abc import Iterable, Sequence

from idpc_guard.entities import IDENTIFIERS
from idpc_guard.model import (
    Action,
    Detection,
    Document,
    DocumentIssue,
    Entity,
    IssueKind,
    PageText,
    Source,
)
from idpc_guard.policy.builtin import COVERED_NOT_REMOVED, UNREDACTED_ELSEWHERE
from idpc_guard.policy.ruling import Decided, Ruling
from idpc_guard.policy.spans import SpanSet
from idpc_guard.read.layout import ValueFinder, span_boxes
from idpc_guard.text.names import SAME_PERSON, find_name, parse_name


def unredacted_elsewhere(
    decided: Sequence[Decided],
    documents: Sequence[Document],
    texts: Sequence[PageText],
    removed_pages: frozenset[int] = frozenset(),
    covered: Sequence[Detection] = (),
) -> tuple[list[Decided], list[DocumentIssue]]:
    """The decisions made consistent across documents, and an issue per document fixed.

    Values on ``removed_pages`` (back pages, not-disclosable forms) are not sources:
    everything there goes, which says nothing about the rest of the bundle.
    """
    doc_of_page = {p: d.index for d in documents for p in d.pages}
    docs = {d.index: d for d in documents}
    withheld: dict[tuple[str, str], tuple[Detection, Ruling]] = {}
    for detection, rule in decided:
        if rule.action is not Action.REDACT:
            continue
        if detection.page in removed_pages or len(detection.text.strip()) < 4:
            continue
        if detection.entity == Entity.PERSON:
            if not _has_given(detection.text):
                continue
        elif detection.entity not in IDENTIFIERS:
            continue
        withheld.setdefault((detection.entity, detection.text.strip()), (detection, rule))
    covered_on: dict[int, SpanSet] = {}
    for c in covered:
        covered_on.setdefault(c.page, SpanSet()).add(c.start, c.end)
    result = _Decided(
        item
        for item in decided
        if not (
            item[0].page in covered_on
            and covered_on[item[0].page].overlaps(item[0].start, item[0].end)
        )
    )
    for c in covered:
        result.add((c, COVERED_NOT_REMOVED))
    for detection in covered:
        if (
            _has_given(detection.text)
            if detection.entity == Entity.PERSON
            else detection.entity in IDENTIFIERS
        ):
            # The author's own withholding is the source to report, even where the
            # tool withholds the same value on its own account too.
            withheld[detection.entity, detection.text.strip()] = (detection, COVERED_NOT_REMOVED)
    issues: dict[int, tuple[list[int], set[int]]] = {}
    served = [text for text in texts if text.page not in removed_pages]
    identifiers = _identifier_occurrences(
        [value for entity, value in withheld if entity != Entity.PERSON], served
    )
    found_on: dict[str, list[PageText]] = {}  # each identifier's pages, in page order
    page_texts = {text.page: text for text in served}
    for value, page in identifiers:
        found_on.setdefault(value, []).append(page_texts[page])
    surnames = _SurnamePages(served)
    for (entity, value), (source, rule) in sorted(withheld.items()):
        person = entity == Entity.PERSON
        by_author = rule.rule == COVERED_NOT_REMOVED.rule
        for text in surnames.pages(value) if person else found_on.get(value, []):
            if person:
                spans = [(o.start, o.end) for o in find_name(text.text, value, SAME_PERSON)]
            else:
                spans = identifiers.get((value, text.page), [])
            for start, end in spans:
                document = doc_of_page.get(text.page, 0)
                if by_author and not _covered(covered_on.get(text.page), start, end):
                    where, sources = issues.setdefault(document, ([], set()))
                    where.append(text.page)
                    sources.add(source.page)
                if _handled(result.overlapping(text.page, start, end), start, end):
                    continue
                boxes = span_boxes(text, start, end)
                if not boxes:
                    continue
                result.drop(text.page, start, end)
                detection = Detection(
                    entity=entity,
                    text=text.text[start:end],
                    page=text.page,
                    boxes=boxes,
                    score=0.8,
                    source=Source.TEXT,
                    recognizer="UnredactedElsewhere",
                    document=document,
                    start=start,
                    end=end,
                )
                result.add(
                    (detection, dataclasses.replace(UNREDACTED_ELSEWHERE, severity=rule.severity))
                )
    return result.items(), [
        _issue(docs.get(index), index, where, sources) for index, (where, sources) in issues.items()
    ]


class _Decided:
    """The decisions so far, in order, also filed by page and position.

    A damaged or hostile page can hold tens of thousands of findings, so the
    decisions overlapping a span are found by bisection on their starts (no
    decision on the page is longer than the longest one filed), not by a look at
    every decision on the page.
    """

    def __init__(self, items: Iterable[Decided]) -> None:
        self._items: list[Decided | None] = []
        #: For each page, ``(start, index)`` of its decisions, sorted.
        self._starts: dict[int, list[tuple[int, int]]] = {}
        self._longest: dict[int, int] = {}
        for item in items:
            self.add(item)

    def add(self, item: Decided) -> None:
        detection = item[0]
        bisect.insort(
            self._starts.setdefault(detection.page, []), (detection.start, len(self._items))
        )
        longest = self._longest.get(detection.page, 0)
        self._longest[detection.page] = max(longest, detection.end - detection.start)
        self._items.append(item)

    def overlapping(self, page: int, start: int, end: int) -> list[Decided]:
        """The decisions on ``page`` that share a character with ``[start, end)``."""
        return [item for i in self._overlapping(page, start, end) if (item := self._items[i])]

    def drop(self, page: int, start: int, end: int) -> None:
        """Forget the decisions on ``page`` that overlap ``[start, end)``."""
        starts = self._starts.get(page, [])
        for i in self._overlapping(page, start, end):
            item = self._items[i]
            if item is not None:
                del starts[bisect.bisect_left(starts, (item[0].start, i))]
                self._items[i] = None

    def _overlapping(self, page: int, start: int, end: int) -> list[int]:
        starts = self._starts.get(page, [])
        # Only a decision starting at most `longest` before `start` can reach into it.
        lo = bisect.bisect_left(starts, (start - self._longest.get(page, 0), -1))
        hi = bisect.bisect_left(starts, (end, -1))
        found = []
        for _, i in starts[lo:hi]:
            item = self._items[i]  # never None: a dropped decision leaves the index too
            if item is not None and item[0].start < end and start < item[0].end:
                found.append(i)
        return found

    def items(self) -> list[Decided]:
        """Every decision kept, in the order they were added."""
        return [item for item in self._items if item is not None]


#: Runs of letters, as the surname pattern of :func:`find_name` sees them (case-blind:
#: a few non-ASCII letters count as the ASCII letter they match, such as the Kelvin sign).
_LETTERS = re.compile(r"[a-z]+", re.IGNORECASE)


class _SurnamePages:
    """Which pages can hold a surname, so a name is looked for only there.

    :func:`find_name` matches a surname between non-letters, case-blind; the first
    run of letters of such a match is then a whole run of letters on the page. A
    page none of whose runs is the surname's first run cannot hold the name.
    """

    def __init__(self, texts: Sequence[PageText]) -> None:
        self._texts = texts
        self._index: dict[str, set[int]] | None = None  # built on first use

    def pages(self, name: str) -> list[PageText]:
        """The pages (in order) that may hold ``name``."""
        if self._index is None:
            self._index = {}
            for i, text in enumerate(self._texts):
                for run in set(_LETTERS.findall(text.text)):
                    self._index.setdefault(_ascii_lower(run), set()).add(i)
        parsed = parse_name(name)
        first = _LETTERS.match(parsed.surname) if parsed is not None else None
        if first is None:
            return list(self._texts)
        return [self._texts[i] for i in sorted(self._index.get(first.group(0).lower(), ()))]


def _ascii_lower(run: str) -> str:
    if run.isascii():
        return run.lower()
    return "".join(_ascii_letter(c) for c in run)


@functools.cache
def _ascii_letter(char: str) -> str:
    """The ASCII letter a character matches case-blind (``K`` for the Kelvin sign)."""
    if char.isascii():
        return char.lower()
    return next((x for x in string.ascii_lowercase if re.fullmatch(x, char, re.IGNORECASE)), char)


def _has_given(name: str) -> bool:
    parsed = parse_name(name)
    return parsed is not None and bool(parsed.given) and len(parsed.given[0]) >= 2


def _identifier_occurrences(
    values: Sequence[str], texts: Sequence[PageText]
) -> dict[tuple[str, int], list[tuple[int, int]]]:
    """Where each identifier value is written, by ``(value, page)``: one pass per page."""
    finder = ValueFinder(values)
    found: dict[tuple[str, int], list[tuple[int, int]]] = {}
    for text in texts:
        for value, start, end in finder.finditer(text.text):
            found.setdefault((value, text.page), []).append((start, end))
    return found


def _covered(spans: SpanSet | None, start: int, end: int) -> bool:
    """Whether the bundle's author covered ``[start, end)`` (or part of it) with a box."""
    return spans is not None and spans.overlaps(start, end)


def _handled(covering: Sequence[Decided], start: int, end: int) -> bool:
    """Whether a span is already withheld in full, or kept on purpose by a rule.

    ``covering``: the decisions on the span's page that overlap it.
    """
    redacted = sorted((d.start, d.end) for d, rule in covering if rule.action is Action.REDACT)
    reach = start
    for s, e in redacted:
        if s > reach:
            break
        reach = max(reach, e)
    if reach >= end:
        return True
    return any(
        rule.action is Action.KEEP and d.start <= start and end <= d.end for d, rule in covering
    )


def _issue(doc: Document | None, index: int, pages: list[int], sources: set[int]) -> DocumentIssue:
    here = sorted(set(pages))
    where = _page_list(here)
    # A page of this document may also hold the withheld occurrence: say "elsewhere on
    # the same page", not "on page(s) 3 ... withheld on page(s) 3".
    others, same = sorted(sources - set(here)), sorted(sources & set(here))
    origin = " and ".join(
        part
        for part in (
            f"on page(s) {_page_list(others)}" if others else "",
            (
                "elsewhere on the same page"
                if len(here) == 1
                else f"elsewhere on page(s) {_page_list(same)}"
            )
            if same
            else "",
        )
        if part
    )
    title = doc.title.lower() if doc is not None else "document"
    return DocumentIssue(
        IssueKind.UNREDACTED_ELSEWHERE,
        index,
        tuple(sorted(set(pages))),
        f"The {title} shows on page(s) {where} a person or identifier that the bundle "
        f"withholds {origin} (covered with a box): {len(pages)} occurrence(s) here were "
        "left. They are proposed for redaction in the copy too, so that the bundle is "
        "consistent.",
    )


def _page_list(pages: Sequence[int]) -> str:
    """0-based pages as people count them: ``3, 7``."""
    return ", ".join(str(p + 1) for p in pages)
