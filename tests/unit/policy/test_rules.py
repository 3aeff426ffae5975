from __future__ import annotations

import itertools
from pathlib import Path

import pytest
import yaml

from idpc_guard.errors import RuleFileError
from idpc_guard.model import Action, DocumentKind, Role
from idpc_guard.policy.decide import Subject, choose_rule
from idpc_guard.policy.loader import default_rules_dir, load_rules, parse_rule_file

RULE = {
    "id": "redact-phone",
    "description": "phones",
    "entities": ["PHONE_NUMBER"],
    "action": "redact",
    "severity": "high",
    "reason": "A phone number lets anyone call the person.",
}


def _file(*rules: dict[str, object]) -> dict[str, object]:
    return {"schema": "idpc-guard/rules/v1", "rules": list(rules)}


def test_shipped_rules_load_and_their_examples_pass() -> None:
    rules = load_rules(default_rules_dir())
    assert rules
    for rule in rules:
        assert rule.examples, f"{rule.id} has no worked example"
        for example in rule.examples:
            subject = Subject(example.entity, example.role, example.document, example.offences)
            chosen = choose_rule(rules, subject)
            assert chosen is not None and chosen.action is example.expect, rule.id


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            {"entities": ["UK_ADRESS"]},
            "rules[0].entities[0]: 'UK_ADRESS' is not a known entity (did you mean UK_ADDRESS?)",
        ),
        ({"entity": ["PHONE_NUMBER"]}, "rules[0].entity: unknown field"),
        ({"action": "delete"}, "rules[0].action"),
        ({"id": "Has Spaces"}, "rules[0].id"),
        ({"roles": ["neighbour"]}, "rules[0].roles[0]: 'neighbour' is not a known role"),
    ],
)
def test_bad_rules_are_reported_with_file_and_location(
    change: dict[str, object], message: str
) -> None:
    with pytest.raises(RuleFileError) as info:
        parse_rule_file(_file({**RULE, **change}), "rules/x.yaml")
    assert str(info.value).startswith("rules/x.yaml: ")
    assert message in str(info.value)


def test_wrong_schema_and_duplicate_ids(tmp_path: Path) -> None:
    with pytest.raises(RuleFileError, match="schema"):
        parse_rule_file({"schema": "v0", "rules": [RULE]}, "x.yaml")
    (tmp_path / "a.yaml").write_text(yaml.safe_dump(_file(RULE)))
    (tmp_path / "b.yaml").write_text(yaml.safe_dump(_file(RULE)))
    with pytest.raises(RuleFileError, match="already used in a.yaml"):
        load_rules(tmp_path)
    (tmp_path / "b.yaml").write_text("rules: [unclosed")
    with pytest.raises(RuleFileError, match="b.yaml: not valid YAML"):
        load_rules(tmp_path)


def test_empty_or_missing_rules_folder(tmp_path: Path) -> None:
    with pytest.raises(RuleFileError, match="no .yaml"):
        load_rules(tmp_path)
    with pytest.raises(RuleFileError, match="does not exist"):
        load_rules(tmp_path / "nope")


def test_narrowest_rule_wins_whatever_the_file_order() -> None:
    general = {**RULE, "id": "general"}
    by_document = {**RULE, "id": "by-document", "documents": ["case_summary"], "action": "review"}
    by_role = {**RULE, "id": "by-role", "roles": ["defendant"], "action": "keep"}
    by_offence = {**RULE, "id": "by-offence", "offences": ["harassment"], "action": "keep"}
    all_rules = [general, by_document, by_role, by_offence]
    subject = Subject("PHONE_NUMBER", Role.DEFENDANT, DocumentKind.CASE_SUMMARY, ("Harassment",))
    for order in itertools.permutations(all_rules):
        rules = parse_rule_file(_file(*order), "x.yaml")
        assert choose_rule(rules, subject).id == "by-offence"  # type: ignore[union-attr]
        no_offence = Subject("PHONE_NUMBER", Role.DEFENDANT, DocumentKind.CASE_SUMMARY, ())
        assert choose_rule(rules, no_offence).id == "by-role"  # type: ignore[union-attr]


def test_equal_specificity_goes_to_the_safer_action() -> None:
    keep = {**RULE, "id": "a-keep", "action": "keep"}
    redact = {**RULE, "id": "b-redact", "action": "redact"}
    for order in ([keep, redact], [redact, keep]):
        rules = parse_rule_file(_file(*order), "x.yaml")
        chosen = choose_rule(rules, Subject("PHONE_NUMBER", Role.UNKNOWN, DocumentKind.OTHER, ()))
        assert chosen is not None and chosen.action is Action.REDACT
