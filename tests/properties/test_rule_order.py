"""Decisions do not depend on the order of rules or of rule files."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from idpc_guard.model import Action, DocumentKind, Role, Severity
from idpc_guard.policy.decide import Subject, rule_for
from idpc_guard.policy.loader import Rule, default_rules_dir, load_rule_set

SHIPPED = load_rule_set()
ENTITIES = ("UK_ADDRESS", "PHONE_NUMBER", "DATE_OF_BIRTH")
OFFENCES = ("burglary", "burglary-dwelling", "assaults", "age-element", "domestic-abuse")
DOCUMENTS = (DocumentKind.CASE_SUMMARY, DocumentKind.WITNESS_STATEMENT)
ROLES = (Role.VICTIM, Role.SCENE, Role.UNKNOWN)


def _subset(values: tuple[object, ...]) -> st.SearchStrategy[frozenset[object]]:
    return st.frozensets(st.sampled_from(values), max_size=2)


@st.composite
def rule_lists(draw: st.DrawFn) -> list[Rule]:
    count = draw(st.integers(min_value=1, max_value=8))
    rules = []
    for number in range(count):
        offences = draw(_subset(OFFENCES))
        rules.append(
            Rule(
                id=f"rule-{number}",
                description="generated",
                entities=draw(st.frozensets(st.sampled_from(ENTITIES), min_size=1)),
                offences=offences,  # type: ignore[arg-type]
                documents=draw(_subset(DOCUMENTS)),  # type: ignore[arg-type]
                roles=draw(_subset(ROLES)),  # type: ignore[arg-type]
                action=draw(st.sampled_from(list(Action))),
                severity=draw(st.sampled_from(list(Severity))),
                reason="generated",
                source="generated.yaml",
                offence_level=(1 if offences & {"burglary", "assaults", "age-element"} else 2)
                if offences
                else 0,
            )
        )
    return rules


subjects = st.builds(
    Subject,
    entity=st.sampled_from(ENTITIES),
    role=st.sampled_from(ROLES),
    document=st.sampled_from(DOCUMENTS),
    offences=st.frozensets(st.sampled_from(OFFENCES)),
)


@settings(max_examples=150, deadline=None)
@given(rules=rule_lists(), subject=subjects, data=st.data())
def test_the_ruling_does_not_depend_on_rule_order(
    rules: list[Rule], subject: Subject, data: st.DataObject
) -> None:
    shuffled = data.draw(st.permutations(rules))
    assert rule_for(shuffled, subject) == rule_for(rules, subject)


@settings(max_examples=25, deadline=None)
@given(data=st.data())
def test_shipped_rules_give_the_same_rulings_in_any_order(data: st.DataObject) -> None:
    shuffled = data.draw(st.permutations(SHIPPED.rules))
    for rule in SHIPPED.rules:
        for example in rule.examples:
            offences = SHIPPED.taxonomy.match(example.offences)
            subject = Subject(example.entity, example.role, example.document, offences)
            assert rule_for(shuffled, subject) == rule_for(SHIPPED.rules, subject)


def test_renaming_rule_files_changes_no_ruling(tmp_path: Path) -> None:
    # The same rules spread over files whose names sort the other way round.
    forward, backward = tmp_path / "forward", tmp_path / "backward"
    files = sorted(default_rules_dir().rglob("*.yaml"))
    for index, path in enumerate(files):
        for folder, prefix in ((forward, index), (backward, len(files) - index)):
            folder.mkdir(exist_ok=True)
            (folder / f"{prefix:02d}-{path.name}").write_text(path.read_text())
    one, two = load_rule_set(forward), load_rule_set(backward)
    assert [r.id for r in one.rules] != [r.id for r in two.rules]
    for rule in one.rules:
        for example in rule.examples:
            subject = Subject(
                example.entity, example.role, example.document, one.taxonomy.match(example.offences)
            )
            assert rule_for(one.rules, subject) == rule_for(two.rules, subject)
