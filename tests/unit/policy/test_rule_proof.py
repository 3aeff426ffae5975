"""`rules check` proves each worked example by scanning it as a page, with its case facts."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from idpc_guard.errors import RuleFileError
from idpc_guard.model import Action, DocumentKind, Role
from idpc_guard.policy.check import check_rules
from idpc_guard.policy.loader import default_rules_dir, load_rule_set
from idpc_guard.policy.proof import ExampleScanner, lay_out
from idpc_guard.policy.schema import Proof
from idpc_guard.recognizers.engine import DetectionEngine

# A local exception: the address of the place a vehicle was broken into, kept as the scene.
SCENE_RULE = """\
schema: idpc-guard/rules/v1
rules:
  - id: car-park-scene-address
    description: The address of the car park where the vehicle was broken into
    entities: [UK_ADDRESS]
    offences: [TH68007]
    roles: [scene]
    action: keep
    severity: low
    reason: The place of the theft is named in the charge.
    examples:
"""
EXAMPLE = """\
      - text: "The car was parked at 3 Wharf Street, Ashbury."
        entity: UK_ADDRESS
        role: scene
        document: witness_statement
        offences: ["theft from a motor vehicle"]
        expect: keep
"""
PREMISES = """\
        case:
          premises:
            - address: "3 Wharf Street, Ashbury AB1 2CD"
"""


@pytest.fixture
def engine(scanner: Any) -> DetectionEngine:
    """The session's detection engine."""
    found: DetectionEngine = scanner.engine
    return found


def _write(tmp_path: Path, body: str) -> Path:
    folder = tmp_path / "ours"
    folder.mkdir(exist_ok=True)
    (folder / "scene.yaml").write_text(body)
    return folder


def _problems(folder: Path, engine: DetectionEngine) -> list[str]:
    try:
        return list(check_rules(load_rule_set(None, folder), engine).problems)
    except RuleFileError as exc:
        return list(exc.problems)


def test_an_example_whose_words_and_case_cannot_make_it_the_scene_fails(
    tmp_path: Path, engine: DetectionEngine
) -> None:
    # The rule lookup alone would pass: a scene address in this offence is kept. But
    # nothing in the words or the case makes this address the scene, so a scan never
    # would keep it: the exception would pass CI and never fire.
    [problem] = _problems(_write(tmp_path, SCENE_RULE + EXAMPLE), engine)
    assert problem == (
        "ours/scene.yaml:12: rule 'car-park-scene-address' example 0: role: a scan makes "
        "this UK_ADDRESS unknown, not scene (got redact from rule 'redact-address'); add the "
        "words (before:, after:) or the case facts (case:) that make it scene, or mark the "
        "example `proof: rule-only` with a `why:`"
    )


def test_an_example_whose_case_names_the_premises_proves_the_scene(
    tmp_path: Path, engine: DetectionEngine
) -> None:
    folder = _write(tmp_path, SCENE_RULE + EXAMPLE + PREMISES)
    result = check_rules(load_rule_set(None, folder), engine)
    assert result.problems == ()
    assert result.scanned == result.examples and result.rule_only == 0


def test_the_charge_particulars_before_the_item_prove_the_scene(
    tmp_path: Path, engine: DetectionEngine
) -> None:
    example = EXAMPLE.replace("witness_statement", "charge_sheet") + (
        '        before: "Particulars: On 1 May 2026 stole a bag from a car parked at premises,'
        ' namely 3 Wharf Street, Ashbury."\n'
    )
    assert _problems(_write(tmp_path, SCENE_RULE + example), engine) == []


def test_an_item_not_detected_in_the_text_is_an_error(
    tmp_path: Path, engine: DetectionEngine
) -> None:
    example = EXAMPLE.replace("3 Wharf Street, Ashbury", "the car park by the river") + PREMISES
    [problem] = _problems(_write(tmp_path, SCENE_RULE + example), engine)
    assert problem.endswith(
        "example 0: no UK_ADDRESS is detected in the text: write the item as a bundle writes "
        "it (the witness_statement the example is in is scanned as a page)"
    )


def test_a_wrong_expected_action_is_an_error(tmp_path: Path, engine: DetectionEngine) -> None:
    example = (EXAMPLE + PREMISES).replace("expect: keep", "expect: redact")
    [problem] = _problems(_write(tmp_path, SCENE_RULE + example), engine)
    assert problem.endswith(
        "example 0: expected redact, got keep from rule 'car-park-scene-address'"
    )


def test_role_unknown_means_the_scan_gives_no_particular_role(
    tmp_path: Path, engine: DetectionEngine
) -> None:
    # The case names the premises: the example that calls them "unknown" is wrong.
    example = (EXAMPLE + PREMISES).replace("role: scene", "role: unknown")
    [problem] = _problems(_write(tmp_path, SCENE_RULE + example), engine)
    assert "role: a scan makes this UK_ADDRESS scene, not unknown" in problem
    # An example stating no role is not checked for one.
    example = (EXAMPLE + PREMISES).replace("        role: scene\n", "")
    assert _problems(_write(tmp_path, SCENE_RULE + example), engine) == []


def test_a_rule_only_example_checks_the_lookup_and_is_counted(
    tmp_path: Path, engine: DetectionEngine
) -> None:
    example = EXAMPLE + (
        "        proof: rule-only\n"
        "        why: The premises are named only in the paper charge, never in the bundle.\n"
    )
    result = check_rules(load_rule_set(None, _write(tmp_path, SCENE_RULE + example)), engine)
    assert result.problems == ()
    assert (result.scanned, result.rule_only) == (result.examples - 1, 1)
    assert result.summary().endswith(
        f"{result.examples} worked example(s): {result.examples - 1} proven through the case "
        "model, 1 rule-only"
    )
    wrong = example.replace("expect: keep", "expect: review")
    [problem] = _problems(_write(tmp_path, SCENE_RULE + wrong), engine)
    assert problem.endswith(
        "example 0: expected review, got keep from rule 'car-park-scene-address'"
    )


@pytest.mark.parametrize(
    ("change", "line", "message"),
    [
        (
            ("        expect: keep\n", "        expect: keep\n        proof: rule-only\n"),
            12,
            "rules[0].examples[0]: proof: rule-only needs a why: saying why no text or case "
            "fact can prove the role",
        ),
        (
            ("        expect: keep\n", "        expect: keep\n        why: Because.\n"),
            12,
            "rules[0].examples[0]: why: is for proof: rule-only examples only",
        ),
        (
            ("        expect: keep\n", "        expect: keep\n        proof: maybe\n"),
            18,
            "rules[0].examples[0].proof: 'maybe' is not a known proof",
        ),
        (
            ("        expect: keep\n", "        expect: keep\n        value: 9 Wharf Street\n"),
            12,
            "rules[0].examples[0]: value: must be written in text",
        ),
        (
            ("        expect: keep\n", "        expect: keep\n        befor: a line\n"),
            18,
            "rules[0].examples[0].befor: unknown field 'befor' (did you mean before?)",
        ),
        (
            ("            - address:", "            - adress:"),
            20,
            "rules[0].examples[0].case.premises[0].adress: unknown field 'adress' (did you "
            "mean address?)",
        ),
        (
            ("            - address:", "            - kind: shop\n              address:"),
            20,
            "rules[0].examples[0].case.premises[0].kind: Input should be",
        ),
        (
            (
                "          premises:",
                "          defendants: [{name: A B, dob: 1990-14-02}]\n          premises:",
            ),
            19,
            "rules[0].examples[0].case.defendants[0].dob: not a real date",
        ),
    ],
    ids=[
        "rule-only-without-why",
        "why-without-rule-only",
        "proof-typo",
        "value-not-in-text",
        "unknown-key",
        "case-unknown-key",
        "case-bad-kind",
        "case-bad-date",
    ],
)
def test_the_new_example_keys_are_validated_with_file_and_line(
    tmp_path: Path, change: tuple[str, str], line: int, message: str
) -> None:
    body = (SCENE_RULE + EXAMPLE + PREMISES).replace(*change)
    with pytest.raises(RuleFileError) as caught:
        load_rule_set(None, _write(tmp_path, body))
    assert any(
        p.startswith(f"ours/scene.yaml:{line}: ") and message in p for p in caught.value.problems
    ), caught.value.problems


def test_a_rule_file_without_the_new_keys_still_loads(tmp_path: Path) -> None:
    old = SCENE_RULE + (
        '      - {text: "3 Wharf Street", entity: UK_ADDRESS, role: scene, expect: keep}\n'
    )
    [rule] = [r for r in load_rule_set(None, _write(tmp_path, old)).rules if r.id.startswith("car")]
    [example] = rule.examples
    assert example.proof is Proof.SCAN and example.case is None
    assert example.role is Role.SCENE and example.document is DocumentKind.OTHER


def test_an_example_is_laid_out_as_one_page_with_its_lines_around_it(tmp_path: Path) -> None:
    body = (
        SCENE_RULE
        + EXAMPLE
        + PREMISES
        + (
            '        before: "Statement of: Alys Ferrand\\nPage 1 of 1"\n'
            '        after: "I locked it."\n'
            "        value: 3 Wharf Street\n"
        )
    )
    [rule] = [
        r for r in load_rule_set(None, _write(tmp_path, body)).rules if r.id.startswith("car")
    ]
    [example] = rule.examples
    page = lay_out(example)
    assert page.text.text.splitlines() == [
        "Statement of: Alys Ferrand",
        "Page 1 of 1",
        "The car was parked at 3 Wharf Street, Ashbury.",
        "I locked it.",
    ]
    assert page.text.text[page.start : page.end] == example.text
    start, end = page.item_span(example.value)
    assert page.text.text[start:end] == "3 Wharf Street"
    # The document's fields are read from its page, as segmentation reads them.
    assert page.document.kind is DocumentKind.WITNESS_STATEMENT
    assert page.document.fields.witness == "Alys Ferrand"
    assert example.case is not None and example.case.premises[0].address.startswith("3 Wharf")


def test_the_scanner_finds_the_item_and_its_role(tmp_path: Path, engine: DetectionEngine) -> None:
    rule_set = load_rule_set(None, _write(tmp_path, SCENE_RULE + EXAMPLE + PREMISES))
    [rule] = [r for r in rule_set.rules if r.id.startswith("car")]
    finding = ExampleScanner(rule_set, engine).finding(rule.examples[0])
    assert finding is not None
    assert finding.detection.text == "3 Wharf Street, Ashbury"
    assert (finding.role, finding.action, finding.rule) == (
        Role.SCENE,
        Action.KEEP,
        "car-park-scene-address",
    )


def test_the_shipped_rules_are_proven_through_the_case_model(engine: DetectionEngine) -> None:
    result = check_rules(load_rule_set(default_rules_dir()), engine)
    assert result.problems == ()
    # Every example of the shipped rules is scanned, or says why it cannot be.
    rule_set = load_rule_set(default_rules_dir())
    for rule in rule_set.rules:
        for example in rule.examples:
            assert example.proof is Proof.SCAN or example.why, (rule.id, example.line)
    assert result.scanned >= 0.9 * result.examples
