from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from idpc_guard.errors import RuleFileError
from idpc_guard.model import Action, DocumentKind, Role, Severity
from idpc_guard.policy.builtin import RULE_CONFLICT
from idpc_guard.policy.check import check_rule_set
from idpc_guard.policy.decide import Subject, precedence, rule_for
from idpc_guard.policy.loader import default_rules_dir, load_rule_set
from idpc_guard.recognizers.engine import DetectionEngine

HEADER = "schema: idpc-guard/rules/v1\nrules:\n"
PHONE_RULE = """\
  - id: redact-phone
    description: phones
    entities: [PHONE_NUMBER]
    action: redact
    severity: high
    reason: A phone number lets anyone call the person.
"""


def _write(folder: Path, name: str, body: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text(HEADER + body)
    return folder


@pytest.fixture
def engine(scanner: Any) -> DetectionEngine:
    """The session's detection engine: examples are scanned as pages."""
    found: DetectionEngine = scanner.engine
    return found


def _problems(
    folder: Path, local: Path | None = None, engine: DetectionEngine | None = None
) -> list[str]:
    try:
        return check_rule_set(load_rule_set(folder, local), engine)
    except RuleFileError as exc:
        return list(exc.problems)


def test_shipped_rules_pass_their_own_check(engine: DetectionEngine) -> None:
    rule_set = load_rule_set(default_rules_dir())
    assert check_rule_set(rule_set, engine) == []
    exceptions = [r for r in rule_set.rules if "exceptions/" in r.source]
    assert len({r.source for r in exceptions}) >= 7
    for rule in exceptions:
        assert len(rule.examples) >= 3, rule.id


@pytest.mark.parametrize(
    ("line", "change", "message"),
    [
        (
            5,
            ("[PHONE_NUMBER]", "[PHONE_NUMBR]"),
            "rules[0].entities[0]: 'PHONE_NUMBR' is not a known entity (did you mean "
            "PHONE_NUMBER?)",
        ),
        (
            6,
            ("action: redact", "action: redcat"),
            "rules[0].action: 'redcat' is not a known action (did you mean redact?)",
        ),
        (
            3,
            ("    reason: A phone number lets anyone call the person.\n", ""),
            "rules[0]: missing required field 'reason'",
        ),
        (
            6,
            ("action:", "actoin:"),
            "rules[0].actoin: unknown field 'actoin' (did you mean action?)",
        ),
        (
            9,
            ("", "    offences: [burglery]\n"),
            "rules[0].offences[0]: 'burglery' names no offence, family, flag, statute or CJS "
            "code in the taxonomy (did you mean burglary?)",
        ),
    ],
)
def test_a_broken_rule_file_is_reported_as_file_line_message(
    tmp_path: Path, line: int, change: tuple[str, str], message: str
) -> None:
    old, new = change
    body = PHONE_RULE.replace(old, new) if old else PHONE_RULE + new
    problems = _problems(_write(tmp_path / "rules", "phones.yaml", body))
    assert any(p.startswith(f"rules/phones.yaml:{line}: ") and message in p for p in problems), (
        problems
    )


def test_a_conflict_is_an_error_naming_both_rules(tmp_path: Path) -> None:
    keep = PHONE_RULE.replace("redact-phone", "keep-phone").replace("redact\n", "keep\n")
    folder = _write(tmp_path / "rules", "phones.yaml", PHONE_RULE + keep)
    [problem] = _problems(folder)
    assert problem.startswith("rules/phones.yaml:9: rule 'keep-phone' (keep) conflicts with ")
    assert "rule 'redact-phone' (redact) at rules/phones.yaml:3" in problem
    # Narrowing one of them (by role) removes the conflict.
    narrowed = keep.replace("    action: keep", "    roles: [defendant]\n    action: keep")
    assert _problems(_write(tmp_path / "rules", "phones.yaml", PHONE_RULE + narrowed)) == []


def test_a_failing_example_is_an_error_with_what_was_expected(
    tmp_path: Path, engine: DetectionEngine
) -> None:
    body = PHONE_RULE + (
        "    examples:\n"
        "      - {text: '07700 900123', entity: PHONE_NUMBER, expect: redact}\n"
        "      - {text: '07700 900123', entity: PHONE_NUMBER, offences: [stalking],\n"
        "         expect: keep}\n"
    )
    [problem] = _problems(_write(tmp_path / "rules", "phones.yaml", body), engine=engine)
    assert problem == (
        "rules/phones.yaml:11: rule 'redact-phone' example 1: expected keep, got redact "
        "from rule 'redact-phone'"
    )


def test_an_example_offence_the_taxonomy_does_not_know_is_an_error(tmp_path: Path) -> None:
    body = PHONE_RULE + (
        "    examples:\n"
        "      - {text: '07700 900123', entity: PHONE_NUMBER, offences: [jaywalking],\n"
        "         expect: redact}\n"
    )
    [problem] = _problems(_write(tmp_path / "rules", "phones.yaml", body))
    assert problem.startswith("rules/phones.yaml:10: rule 'redact-phone' example 0: offence ")
    assert "matches nothing in the taxonomy" in problem


def test_invalid_yaml_wrong_schema_and_duplicate_ids(tmp_path: Path) -> None:
    folder = tmp_path / "rules"
    _write(folder, "a.yaml", PHONE_RULE)
    _write(folder, "b.yaml", PHONE_RULE)
    assert _problems(folder) == [
        "rules/b.yaml:3: rule id 'redact-phone' is already used at rules/a.yaml:3"
    ]
    (folder / "b.yaml").write_text(HEADER + "  - id: [unclosed\n")
    assert _problems(folder) == ["rules/b.yaml:4: not valid YAML"]
    (folder / "b.yaml").write_text("schema: idpc-guard/rules/v0\nrules: []\n")
    [problem] = _problems(folder)
    assert problem.startswith("rules/b.yaml:1: schema must be idpc-guard/rules/v1")


def test_empty_or_missing_rules_folder(tmp_path: Path) -> None:
    assert _problems(tmp_path) == [f"rules folder {tmp_path} holds no .yaml rule files"]
    assert _problems(tmp_path / "nope") == [f"rules folder {tmp_path / 'nope'} does not exist"]
    with pytest.raises(RuleFileError, match="does not exist"):
        load_rule_set(tmp_path / "nope")


def test_local_rules_add_to_and_override_the_defaults_by_id(
    tmp_path: Path, engine: DetectionEngine
) -> None:
    local = tmp_path / "local"
    override = PHONE_RULE.replace("severity: high", "severity: critical")
    extra = PHONE_RULE.replace("redact-phone", "local-phone").replace(
        "    action:", "    offences: [harassment]\n    roles: [victim]\n    action:"
    )
    _write(local, "ours.yaml", override + extra)
    defaults = load_rule_set()
    merged = load_rule_set(None, local)
    by_id = {r.id: r for r in merged.rules}
    assert len(merged.rules) == len(defaults.rules) + 1
    assert by_id["redact-phone"].severity is Severity.CRITICAL
    assert by_id["redact-phone"].source == "local/ours.yaml"
    assert by_id["local-phone"].offences == {"harassment"}
    # A local folder that repeats one of its own ids is still an error.
    _write(local, "more.yaml", extra)
    problems = _problems(default_rules_dir(), local, engine)
    assert any("'local-phone' is already used" in p for p in problems)


def test_precedence_offence_then_document_then_role(tmp_path: Path) -> None:
    rules = [
        PHONE_RULE.replace("redact-phone", "by-role").replace(
            "    action: redact", "    roles: [victim]\n    action: keep"
        ),
        PHONE_RULE.replace("redact-phone", "by-document").replace(
            "    action: redact", "    documents: [case_summary]\n    action: review"
        ),
        PHONE_RULE.replace("redact-phone", "by-family").replace(
            "    action: redact", "    offences: [harassment-stalking]\n    action: keep"
        ),
        PHONE_RULE.replace("redact-phone", "by-offence").replace(
            "    action: redact\n    severity: high",
            "    offences: [stalking]\n    action: redact\n    severity: critical",
        ),
    ]
    rule_set = load_rule_set(_write(tmp_path / "rules", "r.yaml", PHONE_RULE + "".join(rules)))
    by_id = {r.id: r for r in rule_set.rules}
    assert precedence(by_id["by-offence"]) > precedence(by_id["by-family"])
    assert precedence(by_id["by-family"]) > precedence(by_id["by-document"])
    assert precedence(by_id["by-document"]) > precedence(by_id["by-role"])
    assert precedence(by_id["by-role"]) > precedence(by_id["redact-phone"])
    taxonomy = rule_set.taxonomy

    def decided(offence: str, document: DocumentKind) -> str:
        subject = Subject("PHONE_NUMBER", Role.VICTIM, document, taxonomy.match([offence]))
        return rule_for(rule_set.rules, subject).rule

    assert decided("stalking involving fear of violence", DocumentKind.OTHER) == "by-offence"
    assert decided("malicious communications", DocumentKind.CASE_SUMMARY) == "by-family"
    assert decided("theft from a shop", DocumentKind.CASE_SUMMARY) == "by-document"
    assert decided("theft from a shop", DocumentKind.OTHER) == "by-role"


def test_equally_specific_rules_that_disagree_give_review_at_scan_time(tmp_path: Path) -> None:
    address = PHONE_RULE.replace("PHONE_NUMBER", "UK_ADDRESS")
    keep = address.replace("redact-phone", "keep-scene").replace(
        "    action: redact", "    offences: [burglary]\n    roles: [scene]\n    action: keep"
    )
    redact = address.replace("redact-phone", "redact-da").replace(
        "    action: redact\n    severity: high",
        "    offences: [domestic-abuse]\n    roles: [scene]\n    action: redact\n"
        "    severity: critical",
    )
    folder = _write(tmp_path / "rules", "r.yaml", keep + redact)
    # Different offences: no conflict in the files...
    assert _problems(folder) == []
    # ...but a case charged with both is unclear, so a lawyer decides.
    rule_set = load_rule_set(folder)
    offences = rule_set.taxonomy.match(["burglary dwelling", "domestic abuse"])
    subject = Subject("UK_ADDRESS", Role.SCENE, DocumentKind.OTHER, offences)
    ruling = rule_for(rule_set.rules, subject)
    assert ruling.rule == RULE_CONFLICT and ruling.action is Action.REVIEW
    assert "keep-scene, redact-da" in ruling.reason
    assert ruling.severity is Severity.CRITICAL


def test_no_matching_rule_gives_review() -> None:
    rule_set = load_rule_set()
    ruling = rule_for(rule_set.rules, Subject("NOT_AN_ENTITY", Role.UNKNOWN, DocumentKind.OTHER))
    assert ruling.action is Action.REVIEW and ruling.rule == "no-rule"
