"""The people view: every form of a name in the findings gathered into one person.

A bundle writes one person many ways: "Daniel Kieran HOLLOWAY" in the charge,
"HOLLOWAY, Daniel" on the PNC print, "HOLLOWAY" in the interview, "DC Dunne" and
"Dunne" for an officer. The findings on names are grouped by surname and, where a
given name is written, its first letter; a surname written alone (or after a title
or rank) joins the one person of that surname when there is exactly one. Each person
gets an id (``P1``, ``P2``... in order of first appearance), the role the decisions
took their name to be (the most frequent; ties go to the role listed first in
:data:`ROLE_ORDER`), the rules' reasons as evidence, and what was proposed for their
name. A reviewer reads the case's people in one list instead of hundreds of findings.

Pure: no I/O.
"""

from __future__ import annotations

import unicodedata
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace

from idpc_guard.model import Action, CasePerson, Entity, Finding, Role
from idpc_guard.policy.ruling import Ruling
from idpc_guard.text.names import parse_name

#: Which role a person takes when their findings disagree equally.
ROLE_ORDER = (
    Role.DEFENDANT,
    Role.VICTIM,
    Role.WITNESS,
    Role.OFFICER,
    Role.PROFESSIONAL,
    Role.THIRD_PARTY,
    Role.BUSINESS,
    Role.SCENE,
    Role.UNKNOWN,
)


@dataclass
class _Group:
    surname: str
    initial: str | None
    findings: list[Finding] = field(default_factory=list)
    #: The given names written with the surname ("kenneth" of "Kenneth BYRNE").
    given: set[str] = field(default_factory=set)


def people_of(findings: Sequence[Finding]) -> tuple[tuple[Finding, ...], tuple[CasePerson, ...]]:
    """The findings with ``person`` set on each name, and the people they name."""
    groups: list[_Group] = []
    full: dict[tuple[str, str], _Group] = {}
    by_surname: dict[str, list[_Group]] = {}
    bare: list[tuple[str, Finding]] = []
    for finding in findings:
        key = _key(finding)
        if key is None:
            continue
        surname, initial = key
        if initial is None:
            bare.append((surname, finding))
            continue
        group = full.get((surname, initial))
        if group is None:
            group = full[surname, initial] = _Group(surname, initial)
            groups.append(group)
            by_surname.setdefault(surname, []).append(group)
        group.findings.append(finding)
        group.given.update(_given(finding))
    alone: dict[str, _Group] = {}
    for surname, finding in bare:
        # One word: a surname ("Holloway", "DC Dunne") or a first name after an
        # introduction ("Kenneth" of "Kenneth BYRNE"), when just one person has it.
        known = by_surname.get(surname, []) or [g for g in full.values() if surname in g.given]
        if len(known) == 1:
            known[0].findings.append(finding)
            continue
        group = alone.get(surname)
        if group is None:
            group = alone[surname] = _Group(surname, None)
            groups.append(group)
        group.findings.append(finding)
    groups.sort(key=lambda g: min(_order(f) for f in g.findings))
    person_of: dict[str, str] = {}
    people = []
    for number, group in enumerate(groups, start=1):
        person = _person(f"P{number}", group.findings)
        people.append(person)
        person_of.update(dict.fromkeys(person.findings, person.id))
    named = tuple(replace(f, person=person_of[f.id]) if f.id in person_of else f for f in findings)
    return named, tuple(people)


def role_of(findings: Sequence[Finding]) -> Role:
    """The role most of these findings took (ties: the role first in :data:`ROLE_ORDER`)."""
    roles: Counter[Role] = Counter(
        f.role for f in findings if f.role is not None and f.role is not Role.UNKNOWN
    )
    if not roles:
        return Role.UNKNOWN
    most = max(roles.values())
    return next(r for r in ROLE_ORDER if roles.get(r) == most)


def with_roles(
    findings: Sequence[Finding],
    roles: Mapping[str, Role],
    ruling_for: Callable[[Finding, Role], Ruling],
) -> tuple[Finding, ...]:
    """The findings with each one named in ``roles`` decided again for its new role.

    A reviewer who says a person is a witness, not a stranger, changes every finding on
    that person's name at once: ``ruling_for`` gives the rules' ruling for a finding in
    a role (the same rules as the scan's), and the finding takes it.
    """
    changed = []
    for finding in findings:
        role = roles.get(finding.id)
        if role is None:
            changed.append(finding)
            continue
        ruling = ruling_for(finding, role)
        changed.append(
            replace(
                finding,
                action=ruling.action,
                rule=ruling.rule,
                reason=ruling.reason,
                severity=ruling.severity,
                role=role,
            )
        )
    return tuple(changed)


def _key(finding: Finding) -> tuple[str, str | None] | None:
    if finding.detection.entity != Entity.PERSON.value:
        return None
    written = parse_name(finding.detection.text)
    if written is None or not written.surname:
        return None
    given = next((g for g in written.given if g), None)
    return _fold(written.surname), (_fold(given)[0] if given else None)


def _given(finding: Finding) -> set[str]:
    written = parse_name(finding.detection.text)
    return {_fold(g) for g in written.given if len(g) > 1} if written is not None else set()


def _fold(word: str) -> str:
    """A word compared without case or accents ("Zoë" is "zoe")."""
    plain = unicodedata.normalize("NFKD", word.casefold())
    return "".join(c for c in plain if not unicodedata.combining(c))


def _order(finding: Finding) -> tuple[int, float, float]:
    box = finding.detection.boxes[0]
    return finding.detection.page, box.y0, box.x0


def _person(person_id: str, findings: list[Finding]) -> CasePerson:
    ordered = sorted(findings, key=_order)
    return CasePerson(
        id=person_id,
        role=role_of(findings),
        names=tuple(dict.fromkeys(" ".join(f.detection.text.split()) for f in ordered)),
        evidence=tuple(dict.fromkeys(f.reason for f in ordered)),
        findings=tuple(f.id for f in ordered),
        redacted=sum(f.action is Action.REDACT for f in findings),
        kept=sum(f.action is Action.KEEP for f in findings),
        review=sum(f.action is Action.REVIEW for f in findings),
    )
