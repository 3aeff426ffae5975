"""Keep a bundle consistent: what is withheld in one document is withheld in all.

A neighbour's name redacted from the statements but printed in the MG6C schedule
undoes the redaction. After the rules have decided every detection, each value
proposed for redaction (a name in any of the ways people write it, or an
identifier such as a phone number) is looked for in the rest of the bundle. Its
occurrences that nothing withholds become findings (rule ``unredacted-elsewhere``)
and each document holding them gets an ``unredacted_elsewhere`` issue.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

from idpc_guard.layout import ValueFinder, span_boxes
from idpc_guard.model import (
    Action,
    Detection,
    Document,
    DocumentIssue,
    Entity,
    IssueKind,
    PageText,
    Severity,
    Source,
)
from idpc_guard.names_match import SAME_PERSON, find_name, parse_name
from idpc_guard.policy.ruling import Ruling

#: Identifiers that name one person wherever they appear (dates and ages do not).
IDENTIFIERS = frozenset(
    {
        Entity.PHONE_NUMBER.value,
        Entity.EMAIL_ADDRESS.value,
        Entity.UK_NHS.value,
        Entity.UK_NINO.value,
        Entity.BANK_DETAILS.value,
        Entity.HOSPITAL_NUMBER.value,
        Entity.VEHICLE_REGISTRATION.value,
    }
)

#: A value withheld in one document is withheld wherever it appears.
UNREDACTED_RULE = Ruling(
    rule="unredacted-elsewhere",
    action=Action.REDACT,
    severity=Severity.HIGH,
    reason=(
        "Withheld in another document of this bundle; serving it here would undo that redaction."
    ),
)

#: Text boxed over in the bundle but still in the PDF is redacted for real.
COVERED_RULE = dataclasses.replace(
    UNREDACTED_RULE,
    rule="covered-not-removed",
    reason=(
        "Covered by a box in the bundle, but the text is still in the PDF and can be "
        "copied out: it is redacted for real."
    ),
)

Decided = tuple[Detection, Ruling]


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
        if detection.entity == Entity.PERSON.value:
            if not _has_given(detection.text):
                continue
        elif detection.entity not in IDENTIFIERS:
            continue
        withheld.setdefault((detection.entity, detection.text.strip()), (detection, rule))
    result = [
        item
        for item in decided
        if not any(
            c.page == item[0].page and c.start < item[0].end and item[0].start < c.end
            for c in covered
        )
    ]
    result += [(c, COVERED_RULE) for c in covered]
    for detection in covered:
        if detection.entity != Entity.PERSON.value or _has_given(detection.text):
            withheld.setdefault(
                (detection.entity, detection.text.strip()), (detection, COVERED_RULE)
            )
    issues: dict[int, tuple[list[int], set[int]]] = {}
    served = [text for text in texts if text.page not in removed_pages]
    identifiers = _identifier_occurrences(
        [value for entity, value in withheld if entity != Entity.PERSON.value], served
    )
    for (entity, value), (source, rule) in sorted(withheld.items()):
        for text in served:
            if entity == Entity.PERSON.value:
                spans = [(o.start, o.end) for o in find_name(text.text, value, SAME_PERSON)]
            else:
                spans = identifiers.get((value, text.page), [])
            for start, end in spans:
                if _handled(result, text.page, start, end):
                    continue
                boxes = span_boxes(text, start, end)
                if not boxes:
                    continue
                document = doc_of_page.get(text.page, 0)
                result = [
                    item
                    for item in result
                    if not (
                        item[0].page == text.page and item[0].start < end and start < item[0].end
                    )
                ]
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
                result.append(
                    (detection, dataclasses.replace(UNREDACTED_RULE, severity=rule.severity))
                )
                pages, sources = issues.setdefault(document, ([], set()))
                pages.append(text.page)
                sources.add(source.page)
    return result, [
        _issue(docs.get(index), index, pages, sources) for index, (pages, sources) in issues.items()
    ]


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


def _handled(decided: Sequence[Decided], page: int, start: int, end: int) -> bool:
    """Whether a span is already withheld in full, or kept on purpose by a rule."""
    covering = [
        (d, rule) for d, rule in decided if d.page == page and d.start < end and start < d.end
    ]
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
    where = ", ".join(str(p + 1) for p in sorted(set(pages)))
    origin = ", ".join(str(p + 1) for p in sorted(sources))
    title = doc.title.lower() if doc is not None else "document"
    return DocumentIssue(
        IssueKind.UNREDACTED_ELSEWHERE,
        index,
        tuple(sorted(set(pages))),
        f"The {title} names on page(s) {where} a person or identifier that is withheld "
        f"on page(s) {origin}: {len(pages)} occurrence(s) here were not withheld. They are "
        "now proposed for redaction too, so that the bundle is consistent.",
    )
