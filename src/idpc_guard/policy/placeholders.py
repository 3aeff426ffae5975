"""A person withheld under a placeholder in one document and named in another.

The author of a bundle who writes "a neighbour, (name withheld), saw a man running"
in the case summary has decided that neighbour's name is not to be served; an unused
material schedule listing "999 call from Jo BLOGGS, lives next door, saw a man run"
undoes it. Nothing links the two but what the two passages say, so the link is made
from their words: a name the decisions withhold (a person with no part in the case)
in another document, written among enough of the same words as the placeholder's
sentence, is reported as an ``unredacted_elsewhere`` issue for a person to confirm.
The name itself is already withheld in the copy (it is a decision to redact); the issue
tells whoever prepared the bundle that its own redaction was undone elsewhere.

Pure: regular expressions over the page texts, no I/O.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from idpc_guard.model import (
    Action,
    Document,
    DocumentIssue,
    Entity,
    IssueKind,
    PageText,
)
from idpc_guard.policy.ruling import Decided

#: What an author writes where they withheld a person: "(name withheld)",
#: "[REDACTED]", "[name removed]", "(details withheld)", "name withheld".
PLACEHOLDER = re.compile(
    r"[(\[]\s*(?:(?:name|details|identity|personal\s+details)\s+)?"
    r"(?:withheld|redacted|removed|not\s+disclosed)\s*[)\]]"
    r"|\b(?:name|identity)\s+(?:withheld|redacted)\b",
    re.IGNORECASE,
)

#: Words that say nothing about what a passage is about.
_COMMON = frozenset(
    """the and that this with from were was who which when where what there their they
    them then than have has had his her hers him she he its for not but are been being
    into onto upon about after before over under out off our your you all any each some
    name names withheld redacted removed details identity person people said says told
    page date time item items number statement summary schedule case police officer
    officers did does done also only very just more most other such can could would should
    will shall may might must one two three first second""".split()
)
_WORD = re.compile(r"[A-Za-z]{3,}")
#: Endings dropped so that "called" and "caller", "running" and "runs" meet.
_ENDING = re.compile(r"(?:ing|ers|er|ed|es|s)$")
#: How many words a placeholder's sentence and a name's passage must share.
SHARED_WORDS = 3


def named_where_withheld(
    decided: Sequence[Decided],
    documents: Sequence[Document],
    texts: Sequence[PageText],
    removed_pages: frozenset[int] = frozenset(),
) -> list[DocumentIssue]:
    """An issue for each document naming, as withheld elsewhere, a person a placeholder hid."""
    doc_of_page = {p: d.index for d in documents for p in d.pages}
    docs = {d.index: d for d in documents}
    withheld = [
        (doc_of_page.get(text.page, 0), text.page, _stems(sentence))
        for text in texts
        if text.page not in removed_pages
        for sentence in _placeholder_sentences(text.text)
    ]
    if not withheld:
        return []
    by_page = {text.page: text for text in texts}
    found: dict[int, tuple[set[int], set[int]]] = {}
    for detection, rule in decided:
        if rule.action is not Action.REDACT or detection.entity != Entity.PERSON:
            continue
        text = by_page.get(detection.page)
        if text is None or detection.page in removed_pages:
            continue
        here = doc_of_page.get(detection.page, 0)
        passage = _stems(_passage(text.text, detection.start, detection.end))
        for document, page, words in withheld:
            if document != here and len(words & passage) >= SHARED_WORDS:
                pages, sources = found.setdefault(here, (set(), set()))
                pages.add(detection.page)
                sources.add(page)
    return [
        _issue(docs.get(index), index, sorted(pages), sorted(sources))
        for index, (pages, sources) in sorted(found.items())
    ]


def _placeholder_sentences(text: str) -> Iterator[str]:
    for match in PLACEHOLDER.finditer(text):
        start = max(text.rfind(".", 0, match.start()), text.rfind("\n\n", 0, match.start()))
        end = text.find(".", match.end())
        yield text[start + 1 : end if end != -1 else len(text)]


def _passage(text: str, start: int, end: int) -> str:
    """The name's line, the line before it and the two after it (a schedule's row wraps)."""
    line_start = text.rfind("\n", 0, max(0, text.rfind("\n", 0, start))) + 1
    stop = end
    for _ in range(3):
        next_break = text.find("\n", stop + 1)
        if next_break == -1:
            return text[line_start:]
        stop = next_break
    return text[line_start:stop]


def _stems(text: str) -> set[str]:
    words = (w.casefold() for w in _WORD.findall(PLACEHOLDER.sub(" ", text)) if not w.isupper())
    return {_ENDING.sub("", w) or w for w in words if w not in _COMMON}


def _issue(doc: Document | None, index: int, pages: list[int], sources: list[int]) -> DocumentIssue:
    title = doc.title.lower() if doc is not None else "document"
    here = ", ".join(str(p + 1) for p in pages)
    there = ", ".join(str(p + 1) for p in sources)
    return DocumentIssue(
        IssueKind.UNREDACTED_ELSEWHERE,
        index,
        tuple(pages),
        f"The {title} names on page(s) {here} a person described in the same words as "
        f'someone whose name the bundle withholds on page(s) {there} ("name withheld" or '
        "similar): check whether it is the same person. The name is proposed for "
        "redaction in the copy.",
    )
