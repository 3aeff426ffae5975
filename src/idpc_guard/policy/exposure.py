"""What still points to a protected person once their contact details are withheld.

Taking a witness's address out is not enough when their statement still says "I live
above the chemist's on Mill Lane" or "my son goes to Elm Road Primary". For each lay
person who makes a statement (a victim, witness or third party: their contact details
are withheld by default, the MG11 back page removed), this lists what their own
statement leaves in the copy that could lead to them: where they live said in words, a
school, a workplace, a relation, a relative's name, a vehicle; each with the finding
that holds it and a suggested action. Where their home can be inferred from what
remains (a home described in words), the bundle's verdict is at least ``review``.

Pure: no I/O. Entries hold finding ids and vocabularies, never values.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable, Sequence

from idpc_guard.model import (
    Action,
    CasePerson,
    Decisions,
    Document,
    DocumentKind,
    Entity,
    Exposure,
    ExposureItem,
    Finding,
    Role,
    Verdict,
)

#: People whose contact details are withheld: their statements are checked.
PROTECTED = frozenset({Role.VICTIM, Role.WITNESS, Role.THIRD_PARTY, Role.UNKNOWN})
#: Contact details, withheld from the copy.
CONTACT = frozenset(
    {
        Entity.UK_ADDRESS.value,
        Entity.UK_POSTCODE.value,
        Entity.PHONE_NUMBER.value,
        Entity.EMAIL_ADDRESS.value,
        Entity.DATE_OF_BIRTH.value,
    }
)
#: The recogniser of a home described in words (``recognizers/places.py``).
HOME_RECOGNIZER = "HomeLocationRecognizer"
#: Characters between a relation and the name after it ("my son, Jack").
_NAME_AFTER = 3
_WORD = re.compile(r"[a-z]+")


def _kind(finding: Finding) -> str | None:
    entity = finding.detection.entity
    if entity == Entity.LOCATION.value:
        return "home" if finding.detection.recognizer == HOME_RECOGNIZER else "school"
    return {
        Entity.OCCUPATION.value: "workplace",
        Entity.RELATIONSHIP.value: "relative",
        Entity.VEHICLE_REGISTRATION.value: "vehicle",
    }.get(entity)


def exposure(decisions: Decisions, documents: Sequence[Document]) -> tuple[Exposure, ...]:
    """Per lay statement maker: what their own statements leave that could lead to them."""
    makers: dict[str, list[Document]] = {}
    for doc in documents:
        if doc.kind is DocumentKind.WITNESS_STATEMENT and doc.fields.witness:
            makers.setdefault(_fold(doc.fields.witness), []).append(doc)
    out = []
    for maker, docs in makers.items():
        person = _person_of(maker, decisions.people)
        role = person.role if person is not None else Role.UNKNOWN
        if role not in PROTECTED:
            continue
        indexes = {d.index for d in docs}
        theirs = [f for f in decisions.findings if f.detection.document in indexes]
        items = tuple(_items(theirs))
        if not items:
            continue
        withheld = sorted(
            {f.detection.entity for f in theirs if f.action is Action.REDACT} & CONTACT
        )
        out.append(
            Exposure(
                person=person.id if person is not None else None,
                role=role,
                documents=tuple(sorted(indexes)),
                withheld=tuple(withheld),
                items=items,
                home=any(i.kind == "home" for i in items),
            )
        )
    return tuple(out)


def _items(findings: Sequence[Finding]) -> Iterable[ExposureItem]:
    relations = [f for f in findings if f.detection.entity == Entity.RELATIONSHIP.value]
    for finding in findings:
        if finding.action is Action.REDACT:
            continue
        kind = _kind(finding)
        if kind is None and finding.detection.entity == Entity.PERSON.value:
            d = finding.detection
            if any(
                r.detection.page == d.page and 0 <= d.start - r.detection.end <= _NAME_AFTER
                for r in relations
            ):
                kind = "relative's name"
        if kind is None:
            continue
        suggest = Action.REDACT if kind == "home" else Action.REVIEW
        yield ExposureItem(finding.id, finding.detection.page, kind, suggest)


def _person_of(maker: str, people: Sequence[CasePerson]) -> CasePerson | None:
    """The person of the case whose name is the statement maker's (by their words)."""
    words = set(_WORD.findall(maker))
    if not words:
        return None
    best = [p for p in people if any(set(_WORD.findall(_fold(n))) >= words for n in p.names)]
    if not best:
        # A maker written in full ("Harriet Ann OKONJO") and named shorter elsewhere.
        best = [
            p
            for p in people
            if any(len(set(_WORD.findall(_fold(n))) & words) >= 2 for n in p.names)
        ]
    return best[0] if len(best) == 1 else None


def _fold(text: str) -> str:
    return " ".join(text.casefold().split())


def with_exposure(decisions: Decisions, documents: Sequence[Document]) -> Decisions:
    """``decisions`` with their exposure, and ``review`` at least when a home is inferable."""
    found = exposure(decisions, documents)
    verdict = decisions.verdict
    if verdict is Verdict.CLEAR and any(e.home for e in found):
        verdict = Verdict.REVIEW
    return dataclasses.replace(decisions, exposure=found, verdict=verdict)
