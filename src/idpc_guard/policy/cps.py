"""The CPS's own redaction vocabulary, and how the tool's findings map onto it.

The CPS casework system logs each redaction under one of fifteen types ("Named
individual", "Address", "Previous convictions"...) and each page deleted under one
of three reasons ("MG11 Backsheet", "Page contains personal information", "Blank
page"). Every finding and page action carries the type or reason the rule files
give it (``rules/redaction.yaml``, schema ``idpc-guard/redaction/v1``), so a team's
redaction log lines up with the CPS's categories.

The same file says how wide the boxes of the redacted copy are drawn
(:class:`BoxWidth`): a box that fits a name exactly tells a reader its length.

Pure once loaded: :func:`with_cps` takes decisions and gives them back labelled.
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from types import MappingProxyType
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from idpc_guard.model import Decisions, Document, DocumentKind, Entity, Page

REDACTION_SCHEMA = "idpc-guard/redaction/v1"

#: The CPS casework system's redaction types, as it spells them.
CpsType = Literal[
    "Named individual",
    "Title",
    "Occupation",
    "Relationship to others",
    "Address",
    "Location",
    "Vehicle registration",
    "NHS number",
    "Date of birth",
    "Bank details",
    "NI number",
    "Phone number",
    "Email address",
    "Previous convictions",
    "Other",
]
#: The CPS casework system's reasons for deleting a whole page.
CpsReason = Literal["MG11 Backsheet", "Page contains personal information", "Blank page"]


#: Why a page was removed, as ``cps.pages`` names it: a document kind, or one of these.
PAGE_CAUSES = ("blank", "unscanned", "other", *(k.value for k in DocumentKind))


class BoxWidth(StrEnum):
    """How wide a redaction box is drawn over a value in the copy."""

    #: As wide as the value's glyphs (the default): the length of the value shows.
    EXACT = "exact"
    #: Rounded up to a multiple of the step, into blank space only.
    QUANTISED = "quantised"
    #: One width for every box of the entities chosen, into blank space only.
    FIXED = "fixed"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class CpsSpec(_Strict):
    """The ``cps`` section: entity, document kind and page cause to CPS type or reason."""

    #: Each entity's CPS type.
    entities: dict[Entity, CpsType] = {}
    #: A document kind whose findings all take one type, whatever their entity (a
    #: previous-convictions print is redacted as "Previous convictions").
    documents: dict[DocumentKind, CpsType] = {}
    #: The type of a finding whose entity the ``entities`` map does not name.
    default: CpsType = "Other"
    #: Why a page was removed -> the CPS reason: the kind of its document
    #: (``witness_contact_details``), ``blank`` (nothing on it), ``unscanned``.
    pages: dict[str, CpsReason] = {}
    #: The reason of a page removed for a cause the ``pages`` map does not name.
    page_default: CpsReason = "Page contains personal information"

    @field_validator("pages")
    @classmethod
    def _known_causes(cls, pages: dict[str, str]) -> dict[str, str]:
        unknown = sorted(set(pages) - set(PAGE_CAUSES))
        if unknown:
            raise ValueError(
                f"'{unknown[0]}' is not a page cause: use blank, unscanned, other or a "
                "document kind"
            )
        return pages


class BoxSpec(_Strict):
    """The ``boxes`` section: how wide the copy's boxes are (``--box-width`` overrides)."""

    width: BoxWidth = BoxWidth.EXACT
    #: The entities whose boxes are widened (a name's length is what gives it away).
    entities: list[Entity] = Field(default=[Entity.PERSON], min_length=1)
    #: Points: a ``quantised`` box's width is a multiple of it.
    step: float = Field(default=36.0, gt=0, le=400)
    #: Points: the width of every ``fixed`` box (a wider value's box is quantised).
    fixed: float = Field(default=144.0, gt=0, le=800)


class RedactionFileSpec(_Strict):
    """A whole ``idpc-guard/redaction/v1`` file."""

    schema_: Literal["idpc-guard/redaction/v1"] = Field(alias="schema")
    description: str = ""
    cps: CpsSpec = CpsSpec()
    boxes: BoxSpec = BoxSpec()


@dataclass(frozen=True, slots=True)
class BoxPolicy:
    """How wide the copy's boxes are drawn, for which entities."""

    width: BoxWidth = BoxWidth.EXACT
    entities: frozenset[str] = frozenset({Entity.PERSON.value})
    step: float = 36.0
    fixed: float = 144.0

    def widens(self, entity: str) -> bool:
        """Whether boxes of ``entity`` are drawn wider than the value."""
        return self.width is not BoxWidth.EXACT and entity in self.entities

    def target(self, width: float) -> float:
        """How wide a box over a value ``width`` points wide should be, space allowing."""
        if self.width is BoxWidth.EXACT:
            return width
        quantised = math.ceil(width / self.step - 1e-9) * self.step
        if self.width is BoxWidth.FIXED and width <= self.fixed:
            return self.fixed
        return max(width, quantised)


#: Boxes exactly as wide as their values (the default).
EXACT_BOXES = BoxPolicy()


@dataclass(frozen=True, slots=True)
class CpsTypes:
    """The mapping of ``rules/redaction.yaml``, loaded."""

    entities: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))
    documents: Mapping[DocumentKind, str] = field(default_factory=lambda: MappingProxyType({}))
    default: str = "Other"
    pages: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))
    page_default: str = "Page contains personal information"
    boxes: BoxPolicy = EXACT_BOXES

    @classmethod
    def from_spec(cls, spec: RedactionFileSpec) -> CpsTypes:
        """The mapping a validated file gives."""
        cps = spec.cps
        return cls(
            entities=MappingProxyType({e.value: t for e, t in cps.entities.items()}),
            documents=MappingProxyType(dict(cps.documents)),
            default=cps.default,
            pages=MappingProxyType(dict(cps.pages)),
            page_default=cps.page_default,
            boxes=BoxPolicy(
                spec.boxes.width,
                frozenset(e.value for e in spec.boxes.entities),
                spec.boxes.step,
                spec.boxes.fixed,
            ),
        )

    def finding_type(self, entity: str, document: DocumentKind | None) -> str:
        """The CPS type of a finding of ``entity`` in a document of kind ``document``."""
        if document is not None and document in self.documents:
            return self.documents[document]
        return self.entities.get(entity, self.default)

    def page_reason(self, cause: str) -> str:
        """The CPS reason of a page removed for ``cause`` (see :attr:`CpsSpec.pages`)."""
        return self.pages.get(cause, self.page_default)


def page_causes(documents: Sequence[Document], pages: Sequence[Page]) -> dict[int, str]:
    """Why each page (0-based) would be removed, as :attr:`CpsSpec.pages` names it."""
    causes = {page: d.kind.value for d in documents for page in d.pages}
    for read in pages:
        if read.unscanned is not None:
            causes[read.index] = "unscanned"
        elif not read.words and not read.images:
            causes[read.index] = "blank"
    return causes


def with_cps(
    decisions: Decisions,
    cps: CpsTypes,
    kinds: Mapping[int, DocumentKind],
    causes: Mapping[int, str],
) -> Decisions:
    """``decisions`` with every finding's CPS type and every page action's CPS reason.

    ``kinds`` gives each document's kind by its index, ``causes`` each page's cause
    (:func:`page_causes`). A finding or page action that has its type or reason
    already (read back from a report a reviewer edited) keeps it.
    """
    findings = tuple(
        f
        if f.cps_type
        else dataclasses.replace(
            f, cps_type=cps.finding_type(f.detection.entity, kinds.get(f.detection.document))
        )
        for f in decisions.findings
    )
    actions = tuple(
        a
        if a.cps_reason
        else dataclasses.replace(a, cps_reason=cps.page_reason(causes.get(a.page, "other")))
        for a in decisions.page_actions
    )
    return dataclasses.replace(decisions, findings=findings, page_actions=actions)


#: No mapping: every finding "Other", every page the default reason, boxes exact.
NO_CPS_TYPES = CpsTypes()
