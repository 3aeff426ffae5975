"""What a copy of the bundle removes, worked out once from the decisions. Pure: no PyMuPDF.

The redacted copy (:mod:`idpc_guard.redact.redaction`), the reviewer's copy
(:mod:`idpc_guard.redact.review_copy`), the limits and time budget of a copy
(:mod:`idpc_guard.verified_copy`) and verification
(:mod:`idpc_guard.verify.verification`) all work from one :class:`RedactionPlan`,
so they cannot disagree about which findings go, which pages go, what each box
says, or which values must be nowhere in the copy.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from idpc_guard.entities import HIDDEN_TEXT, entity_label
from idpc_guard.model import (
    Action,
    Box,
    Decisions,
    Entity,
    Finding,
    LabelStyle,
    PageAction,
    PageActionKind,
    Source,
)
from idpc_guard.policy.cps import EXACT_BOXES, BoxPolicy
from idpc_guard.text.names import TITLES

#: Findings whose text is not a value to hunt for across the file (text hidden
#: under a failed redaction in the input): only their boxes are checked.
BOX_ONLY_ENTITIES = frozenset({HIDDEN_TEXT})

_SPACE = re.compile(r"\s+")


def box_label(finding: Finding, style: LabelStyle) -> str:
    """The short text written in a finding's boxes: a reason code, the finding id, or none."""
    if style is LabelStyle.NONE:
        return ""
    if style is LabelStyle.ID:
        return finding.id
    return entity_label(finding.detection.entity)


@dataclass(frozen=True, slots=True)
class Mark:
    """A finding the copy acts on, and the label its boxes carry."""

    finding: Finding
    label: str

    @property
    def page(self) -> int:
        """The finding's 0-based page in the bundle."""
        return self.finding.detection.page

    @property
    def boxes(self) -> tuple[Box, ...]:
        """The finding's boxes, in the bundle's page space."""
        return self.finding.detection.boxes

    @property
    def source(self) -> Source:
        """Where the value was read: the text layer, OCR or a picture."""
        return self.finding.detection.source

    @property
    def redact(self) -> bool:
        """Whether the value is removed (rather than marked for a person's review)."""
        return self.finding.action is Action.REDACT


@dataclass(frozen=True, slots=True)
class RedactionPlan:
    """What a copy removes (and what the reviewer's copy marks).

    Pages are the bundle's, 0-based; :meth:`copy_page` gives a page's number in the
    copy. Maps by page hold kept pages only, in page order, and each page's findings
    in the decisions' order.

    Attributes:
        redactions: by page, the findings whose value is removed, with their labels.
        marks: by page, the findings the reviewer's copy marks: those removed, and
            those proposed for review (highlighted there; the redacted copy keeps them).
        removed_pages: the pages deleted from the copy, in order, each once.
        page_removals: the page actions that delete them, with their reasons.
        redacted_texts: every redacted value, those on removed pages included (the
            copy's outline and page labels must lose them too).
        values: each value that must be nowhere in the copy, with the id of a
            finding that redacts it (not values inside one kept or in review).
        labels: every label the copy's boxes may hold (verification accepts them).
        box_width: how wide the boxes drawn over values are (widened into blank space
            for the entities it names; what is removed is the value's glyphs alone).
    """

    redactions: Mapping[int, tuple[Mark, ...]]
    marks: Mapping[int, tuple[Mark, ...]]
    removed_pages: tuple[int, ...]
    page_removals: tuple[PageAction, ...]
    redacted_texts: tuple[str, ...]
    values: Mapping[str, str]
    labels: frozenset[str]
    box_width: BoxPolicy = EXACT_BOXES

    def copy_page(self, page: int) -> int:
        """The 0-based number in the copy of the bundle's kept page ``page``."""
        return page - sum(1 for removed in self.removed_pages if removed < page)

    @property
    def boxes(self) -> int:
        """How many boxes are removed from the pages kept."""
        return sum(len(mark.boxes) for marks in self.redactions.values() for mark in marks)

    @property
    def touched_pages(self) -> frozenset[int]:
        """The pages a copy changes: removed, or holding a box to remove or mark."""
        return frozenset(self.marks) | frozenset(self.removed_pages)

    @property
    def from_pictures(self) -> bool:
        """Whether a value is removed from a picture or a scanned page of a kept page."""
        return any(
            mark.source is not Source.TEXT for marks in self.redactions.values() for mark in marks
        )


def redaction_plan(
    decisions: Decisions,
    labels: LabelStyle = LabelStyle.ENTITY,
    box_width: BoxPolicy | None = None,
) -> RedactionPlan:
    """What a copy made from ``decisions`` removes, its boxes labelled as ``labels`` says.

    ``box_width`` says how wide the boxes are drawn (default: as wide as the value).
    """
    page_removals = tuple(a for a in decisions.page_actions if a.action is PageActionKind.REMOVE)
    removed = tuple(sorted({a.page for a in page_removals}))
    dropped = set(removed)
    redacted = [f for f in decisions.findings if f.action is Action.REDACT]
    marks = [
        Mark(f, box_label(f, labels) if f.action is Action.REDACT else "")
        for f in decisions.findings
        if f.action is not Action.KEEP and f.detection.page not in dropped and _on_the_page(f)
    ]
    return RedactionPlan(
        redactions=_by_page(m for m in marks if m.redact),
        marks=_by_page(marks),
        removed_pages=removed,
        page_removals=page_removals,
        redacted_texts=tuple(f.detection.text for f in redacted),
        values=_values_to_check(redacted, decisions.findings),
        labels=frozenset(label for f in redacted if (label := box_label(f, labels))),
        box_width=box_width or EXACT_BOXES,
    )


def _on_the_page(finding: Finding) -> bool:
    """Whether a finding has a box on its page (a value in a bookmark or link has none).

    Its value is still in ``redacted_texts`` and ``values``: the copy's bookmarks,
    labels and links lose it, and verification looks for it everywhere.
    """
    return any(b.x1 > b.x0 and b.y1 > b.y0 for b in finding.detection.boxes)


def _by_page(marks: Iterable[Mark]) -> dict[int, tuple[Mark, ...]]:
    pages: dict[int, list[Mark]] = {}
    for mark in marks:
        pages.setdefault(mark.page, []).append(mark)
    return {page: tuple(pages[page]) for page in sorted(pages)}


def _values_to_check(redacted: Iterable[Finding], everything: Iterable[Finding]) -> dict[str, str]:
    """Redacted values mapped to a finding id, except values kept or in review elsewhere.

    The decide stage withholds every whole-word occurrence of a redacted value
    (:func:`idpc_guard.read.layout.value_pattern`) unless its context says it is not
    the same thing there, so none may be left in the copy. A one-word name is the
    exception: the same word is a cited case, a place or a firm elsewhere ("Palmer's
    Green", "Marshall v Hamblin"), so it is checked under its boxes only, with or
    without a title ("Mrs Palmer").
    """
    retained = {_norm(f.detection.text) for f in everything if f.action is not Action.REDACT}
    # One string to search: a value (no whitespace) found in it is inside one retained value.
    kept = "\n".join(sorted(retained))
    # A value that starts with one retained ("12 High Street" kept as a shop's, "12 High
    # Street, Leeds" redacted on a contact page) is written where the kept one is.
    starts = tuple(sorted(r for r in retained if len(r) >= 8))
    values: dict[str, str] = {}
    for f in redacted:
        value = f.detection.text.strip()
        if f.detection.entity in BOX_ONLY_ENTITIES or (
            f.detection.entity == Entity.PERSON and _name_words(value) < 2
        ):
            continue
        # A value inside a kept one (the postcode of a burgled house kept as the scene,
        # redacted on the victim's contact page) is rightly still in the copy.
        flat = _norm(value)
        if len(flat) >= 4 and flat not in kept and not flat.startswith(starts):
            values.setdefault(value, f.id)
    return values


def _name_words(name: str) -> int:
    """How many words of a name are not a title or rank ("Mrs Palmer": one)."""
    return sum(1 for word in name.split() if word.casefold().strip(".,") not in TITLES)


def _norm(text: str) -> str:
    return _SPACE.sub("", text)
