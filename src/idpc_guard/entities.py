"""The entity table: what the tool knows about each kind of personal data, in one place.

Each :class:`~idpc_guard.model.Entity` has one :class:`EntitySpec`: the label written
in its redaction boxes, whether its value names one person wherever it appears (so a
value withheld in one document is withheld in all, see
:mod:`idpc_guard.policy.consistency`), and the rule of ``rules/defaults.yaml`` that
decides it when nothing more specific is known, with that rule's severity.
``tests/unit/test_entities.py`` fails when an entity lacks a spec, or the spec's rule
is not the default the rule files give.

Adding an entity: a member of ``Entity``, a row here, a default rule (with worked
examples) in ``rules/defaults.yaml``, and the recogniser that finds it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

from idpc_guard.model import Entity, Severity


@dataclass(frozen=True, slots=True, kw_only=True)
class EntitySpec:
    """What the tool knows about one entity."""

    #: Written in each redaction box of the copy (``--label-style entity``): a fixed
    #: word or two, never the value.
    label: str
    #: The severity of the default rule: how serious a leak is when nothing more is known.
    severity: Severity
    #: The id of the rule in ``rules/defaults.yaml`` that decides the entity for anyone,
    #: in any document, in any offence (more specific rules may win over it).
    rule: str
    #: The value names one person wherever it is written (a phone number, an NHS
    #: number), so it is looked for as written across the bundle. Dates, ages and
    #: addresses are not: many people share them. Names are matched separately, as
    #: people write them.
    identifier: bool = False
    #: The value describes a person rather than names a value of theirs (a job, a
    #: relation): its words are common to many, so it is neither looked for elsewhere
    #: in the bundle nor allowed to take the place of an identifier it overlaps.
    description: bool = False


#: Every entity's spec, in the order of :class:`~idpc_guard.model.Entity`.
ENTITY_SPECS: Mapping[Entity, EntitySpec] = MappingProxyType(
    {
        Entity.UK_ADDRESS: EntitySpec(
            label="Address", severity=Severity.HIGH, rule="redact-address"
        ),
        Entity.UK_POSTCODE: EntitySpec(
            label="Postcode", severity=Severity.HIGH, rule="redact-postcode"
        ),
        Entity.PHONE_NUMBER: EntitySpec(
            label="Phone", severity=Severity.HIGH, rule="redact-phone", identifier=True
        ),
        Entity.EMAIL_ADDRESS: EntitySpec(
            label="Email", severity=Severity.MEDIUM, rule="redact-email", identifier=True
        ),
        Entity.DATE_OF_BIRTH: EntitySpec(
            label="DOB", severity=Severity.HIGH, rule="redact-date-of-birth"
        ),
        Entity.AGE: EntitySpec(label="Age", severity=Severity.LOW, rule="keep-age"),
        Entity.UK_NHS: EntitySpec(
            label="NHS no.", severity=Severity.CRITICAL, rule="redact-nhs-number", identifier=True
        ),
        Entity.UK_NINO: EntitySpec(
            label="NI no.", severity=Severity.HIGH, rule="redact-ni-number", identifier=True
        ),
        Entity.PERSON: EntitySpec(
            label="Name", severity=Severity.MEDIUM, rule="review-unplaced-name"
        ),
        Entity.BANK_DETAILS: EntitySpec(
            label="Bank", severity=Severity.HIGH, rule="redact-bank-details", identifier=True
        ),
        Entity.VEHICLE_REGISTRATION: EntitySpec(
            label="Vehicle",
            severity=Severity.MEDIUM,
            rule="redact-vehicle-registration",
            identifier=True,
        ),
        Entity.HOSPITAL_NUMBER: EntitySpec(
            label="Hosp. no.",
            severity=Severity.CRITICAL,
            rule="redact-hospital-number",
            identifier=True,
        ),
        Entity.UK_PASSPORT: EntitySpec(
            label="Passport no.",
            severity=Severity.HIGH,
            rule="redact-passport-number",
            identifier=True,
        ),
        Entity.UK_DRIVING_LICENCE: EntitySpec(
            label="Licence no.",
            severity=Severity.HIGH,
            rule="redact-driving-licence-number",
            identifier=True,
        ),
        Entity.PNC_ID: EntitySpec(
            label="PNC ID", severity=Severity.MEDIUM, rule="review-pnc-id", identifier=True
        ),
        Entity.LOCATION: EntitySpec(
            label="Location", severity=Severity.MEDIUM, rule="review-location"
        ),
        Entity.OCCUPATION: EntitySpec(
            label="Occupation",
            severity=Severity.MEDIUM,
            rule="review-occupation",
            description=True,
        ),
        Entity.RELATIONSHIP: EntitySpec(
            label="Relationship",
            severity=Severity.LOW,
            rule="review-relationship",
            description=True,
        ),
    }
)

#: Text left readable under a failed redaction in the input. Not an :class:`Entity`:
#: no recogniser reports it and no rule file decides it; input inspection finds it and
#: the built-in rule ``bad-redaction-in-input`` removes it
#: (:mod:`idpc_guard.policy.defects`). Its boxes carry :data:`DEFAULT_LABEL`.
HIDDEN_TEXT = "HIDDEN_TEXT"

#: The label of a box whose entity has no spec (hidden text, a finding a reviewer added).
DEFAULT_LABEL = "Redacted"

#: Entities whose values name one person wherever they are written.
IDENTIFIERS: frozenset[str] = frozenset(
    entity.value for entity, spec in ENTITY_SPECS.items() if spec.identifier
)

#: Entities whose values describe a person (a job, a relation): see ``EntitySpec.description``.
DESCRIPTIONS: frozenset[str] = frozenset(
    entity.value for entity, spec in ENTITY_SPECS.items() if spec.description
)

#: The label of each entity, by name (a detection's entity is a plain string: a
#: report a reviewer edited may hold any).
_LABELS: Mapping[str, str] = {entity.value: spec.label for entity, spec in ENTITY_SPECS.items()}


def entity_label(entity: str) -> str:
    """The label written in the redaction boxes of an entity (a fixed vocabulary)."""
    return _LABELS.get(entity, DEFAULT_LABEL)
