"""The rules the tool applies in code: listed once, their ids reserved."""

from __future__ import annotations

import re
from pathlib import Path

from idpc_guard.errors import RuleFileError
from idpc_guard.model import Action, DocumentKind, Role, Severity
from idpc_guard.policy.builtin import (
    BAD_REDACTION_IN_INPUT,
    BUILTIN_IDS,
    BUILTIN_RULES,
    COVERED_NOT_REMOVED,
    NAME_ALSO_NOT_A_NAME,
    NO_RULE,
    OUTSIDE_PAGE_CONTENT,
    PAGE_ACTION,
    RULE_CONFLICT,
    UNREDACTED_ELSEWHERE,
    rule_conflict,
)
from idpc_guard.policy.decide import Subject, rule_for
from idpc_guard.policy.loader import load_rule_set

SRC = Path(__file__).resolve().parents[3] / "src" / "idpc_guard"


def test_every_rule_the_code_assigns_is_listed() -> None:
    assigned = {
        NO_RULE.rule,
        RULE_CONFLICT,
        UNREDACTED_ELSEWHERE.rule,
        COVERED_NOT_REMOVED.rule,
        BAD_REDACTION_IN_INPUT.rule,
        NAME_ALSO_NOT_A_NAME.rule,
        OUTSIDE_PAGE_CONTENT,
        PAGE_ACTION,
    }
    assert assigned == BUILTIN_IDS
    assert len(BUILTIN_RULES) == len(BUILTIN_IDS)
    assert all(re.fullmatch(r"[a-z]+(-[a-z]+)*", rule_id) for rule_id in BUILTIN_IDS)


def test_no_module_spells_a_built_in_rule_id_itself() -> None:
    # The ids live in policy/builtin.py: a string literal elsewhere would drift from it.
    for path in SRC.rglob("*.py"):
        if path.name == "builtin.py":
            continue
        text = path.read_text()
        for rule_id in BUILTIN_IDS:
            assert f'"{rule_id}"' not in text, f"{path.relative_to(SRC)} spells '{rule_id}'"


def test_the_rulings_the_code_gives() -> None:
    shipped = load_rule_set().rules
    assert rule_for(shipped, Subject("NOT_AN_ENTITY", Role.UNKNOWN, DocumentKind.OTHER)) == NO_RULE
    conflict = rule_conflict(["a-rule", "b-rule"], Severity.HIGH)
    assert (conflict.rule, conflict.action, conflict.severity) == (
        RULE_CONFLICT,
        Action.REVIEW,
        Severity.HIGH,
    )
    assert conflict.reason.startswith("Rules a-rule, b-rule apply equally")
    assert BAD_REDACTION_IN_INPUT.severity is Severity.CRITICAL
    assert UNREDACTED_ELSEWHERE.action is COVERED_NOT_REMOVED.action is Action.REDACT


def test_a_rule_file_cannot_take_a_built_in_id(tmp_path: Path) -> None:
    folder = tmp_path / "rules"
    folder.mkdir()
    (folder / "ours.yaml").write_text(
        "schema: idpc-guard/rules/v1\nrules:\n"
        "  - id: unredacted-elsewhere\n"
        "    description: phones\n"
        "    entities: [PHONE_NUMBER]\n"
        "    action: keep\n"
        "    severity: low\n"
        "    reason: Kept.\n"
    )
    try:
        load_rule_set(None, folder)
    except RuleFileError as exc:
        assert list(exc.problems) == [
            "rules/ours.yaml:3: rule id 'unredacted-elsewhere' is a built-in rule's (the tool "
            "applies it itself; see `idpc-guard rules list`): choose another id"
        ]
    else:
        raise AssertionError("a built-in id was accepted")
