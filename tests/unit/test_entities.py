"""The entity table: every entity has a spec, and the spec agrees with the rule files."""

from __future__ import annotations

import pytest

from idpc_guard.entities import (
    DEFAULT_LABEL,
    ENTITY_SPECS,
    HIDDEN_TEXT,
    IDENTIFIERS,
    entity_label,
)
from idpc_guard.model import (
    Action,
    Box,
    Detection,
    DocumentKind,
    Entity,
    Finding,
    LabelStyle,
    Role,
    Severity,
    Source,
)
from idpc_guard.policy.decide import Subject, rule_for
from idpc_guard.policy.loader import RuleSet, load_rule_set
from idpc_guard.redact.plan import box_label


@pytest.fixture(scope="module")
def shipped() -> RuleSet:
    return load_rule_set()


def test_every_entity_has_a_spec_in_the_order_of_the_enum() -> None:
    missing = [e.value for e in Entity if e not in ENTITY_SPECS]
    assert not missing, f"add these to ENTITY_SPECS in src/idpc_guard/entities.py: {missing}"
    assert list(ENTITY_SPECS) == list(Entity)


@pytest.mark.parametrize("entity", list(Entity), ids=str)
def test_each_entity_has_its_default_rule_in_defaults_yaml(
    entity: Entity, shipped: RuleSet
) -> None:
    spec = ENTITY_SPECS.get(entity)
    assert spec is not None, f"{entity} has no spec in ENTITY_SPECS"
    rules = {r.id: r for r in shipped.rules}
    rule = rules.get(spec.rule)
    assert rule is not None, f"{entity}: rule '{spec.rule}' is in no rule file"
    assert rule.source.endswith("defaults.yaml"), f"{spec.rule} is not a national default"
    assert entity in rule.entities
    # A default: no scope but the entity, and it is what decides the entity when
    # nothing more is known (anyone's, in any document, in any offence).
    assert not (rule.offences or rule.documents or rule.roles)
    ruling = rule_for(shipped.rules, Subject(entity, Role.UNKNOWN, DocumentKind.OTHER))
    assert ruling.rule == spec.rule
    assert ruling.severity is spec.severity is rule.severity
    assert rule.examples, f"{spec.rule} has no worked example"


def test_labels_are_short_distinct_words_and_unknown_entities_get_the_default() -> None:
    labels = [spec.label for spec in ENTITY_SPECS.values()]
    assert len(set(labels)) == len(labels)
    assert all(0 < len(label) <= 12 and label.isprintable() for label in labels)
    assert DEFAULT_LABEL not in labels
    assert entity_label(HIDDEN_TEXT) == entity_label("SOMETHING_A_REVIEWER_ADDED") == DEFAULT_LABEL
    assert HIDDEN_TEXT not in set(Entity)  # no rule file names it: a built-in rule decides it


@pytest.mark.parametrize("entity", list(Entity), ids=str)
def test_the_redacted_copy_labels_each_entity_from_the_table(entity: Entity) -> None:
    detection = Detection(entity.value, "x", 0, (Box(0, 0, 1, 1),), 1.0, Source.TEXT, "test", 0)
    finding = Finding("F0001", detection, Action.REDACT, "r", "why", Severity.HIGH)
    assert box_label(finding, LabelStyle.ENTITY) == ENTITY_SPECS[entity].label


def test_identifiers_are_the_values_that_name_one_person() -> None:
    assert {
        Entity.UK_PASSPORT,
        Entity.UK_DRIVING_LICENCE,
        Entity.PNC_ID,
        Entity.PHONE_NUMBER,
        Entity.UK_NHS,
    } <= IDENTIFIERS
    # Shared by many people, or matched as people write them (names).
    shared = {Entity.DATE_OF_BIRTH, Entity.AGE, Entity.UK_ADDRESS, Entity.UK_POSTCODE}
    assert not (shared | {Entity.PERSON}) & IDENTIFIERS
