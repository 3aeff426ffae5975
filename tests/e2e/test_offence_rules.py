"""Offence exceptions end to end: `rules check` / `rules list`, and bundles scanned under
their charge and as an assault."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pymupdf
import pytest

from tests.conftest import FIXTURES, ROOT
from tests.e2e.test_cli import run


def _load_script() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "make_offence_fixtures", FIXTURES / "make_offence_fixtures.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


MOF = _load_script()
PHONE_RULE = """\
schema: idpc-guard/rules/v1
rules:
  - id: redact-phone
    description: phones
    entities: [PHONE_NUMBER]
    action: redact
    severity: high
    reason: A phone number lets anyone call the person.
"""


def test_rules_check_passes_on_the_shipped_rules() -> None:
    for args in (("rules", "check"), ("rules", "check", ROOT / "rules")):
        result = run(*args)
        assert result.returncode == 0, result.stderr
        assert "no conflicts" in result.stdout and result.stderr == ""
        assert "proven through the case model" in result.stdout


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (
            PHONE_RULE.replace("[PHONE_NUMBER]", "[PHONE_NUMBR]"),
            "bad/r.yaml:5: rules[0].entities[0]: 'PHONE_NUMBR' is not a known entity "
            "(did you mean PHONE_NUMBER?)",
        ),
        (
            PHONE_RULE.replace("    reason: A phone number lets anyone call the person.\n", ""),
            "bad/r.yaml:3: rules[0]: missing required field 'reason'",
        ),
        (
            PHONE_RULE
            + PHONE_RULE.split("rules:\n")[1]
            .replace("redact-phone", "keep-phone")
            .replace("action: redact", "action: keep"),
            "bad/r.yaml:9: rule 'keep-phone' (keep) conflicts with rule 'redact-phone' (redact) "
            "at bad/r.yaml:3",
        ),
        (
            PHONE_RULE
            + "    examples:\n      - {text: '07700 900123', entity: PHONE_NUMBER, expect: keep}\n",
            "bad/r.yaml:10: rule 'redact-phone' example 0: expected keep, got redact from rule "
            "'redact-phone'",
        ),
    ],
    ids=["typo", "missing-reason", "conflict", "failing-example"],
)
def test_rules_check_fails_with_a_precise_message(tmp_path: Path, body: str, message: str) -> None:
    folder = tmp_path / "bad"
    folder.mkdir()
    (folder / "r.yaml").write_text(body)
    result = run("rules", "check", folder)
    assert result.returncode == 2, result.stdout
    lines = result.stderr.splitlines()
    assert message in lines[0], result.stderr
    assert lines[-1].startswith("idpc-guard: error: ") and "problem(s)" in lines[-1]
    assert "Traceback" not in result.stderr


def test_rules_list_is_a_table_and_local_rules_override_by_id(tmp_path: Path) -> None:
    local = tmp_path / "local"
    local.mkdir()
    (local / "ours.yaml").write_text(PHONE_RULE.replace("severity: high", "severity: critical"))
    result = run("rules", "list", "--rules", local)
    assert result.returncode == 0, result.stderr
    # The rule files' table, then the built-in rules after a blank line.
    table, _, builtin = result.stdout.partition("\n\n")
    assert builtin.startswith("Built in: ") and "no-rule [built in]" in builtin
    header, *rows = table.splitlines()
    assert header.split() == [
        "ID",
        "ACTION",
        "SEVERITY",
        "OFFENCES",
        "DOCUMENTS",
        "ROLES",
        "ENTITIES",
        "FILE",
    ]
    by_id = {row.split()[0]: row.split() for row in rows}
    assert (
        by_id["redact-phone"][2] == "critical" and by_id["redact-phone"][-1] == "local/ours.yaml:3"
    )
    assert by_id["burglary-scene-address"][3] == "burglary"
    # Most specific first: offence-specific rules come before the defaults.
    ids = [row.split()[0] for row in rows]
    assert ids.index("burglary-scene-address") < ids.index("redact-address")


# ------------------------------------------------------------------------- the bundles
@pytest.fixture(scope="module")
def bundles(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    paths: dict[str, Path] = MOF.write_bundles(tmp_path_factory.mktemp("offences"))
    return paths


def _scan(bundles: dict[str, Path], name: str, case: str, *extra: str) -> tuple[str, Any]:
    out = bundles[name].parent / f"{name}-{case}"
    out.mkdir(exist_ok=True)
    result = run(
        "scan", bundles[name], "--case", bundles[f"{name}.{case}"], "--out-dir", out, *extra
    )
    assert result.returncode == 1, result.stderr
    copy = pymupdf.open(out / f"{name}.redacted.pdf")
    text = "".join("".join(page.get_text().split()) for page in copy)
    report = json.loads((out / f"{name}.report.json").read_text())
    return text, report


def _flat(value: str) -> str:
    return "".join(value.split())


def _truth(bundles: dict[str, Path], name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(bundles[name].with_suffix(".truth.json").read_text())
    return data


def test_burglary_keeps_the_premises_but_not_the_victims_phone_or_dob(
    bundles: dict[str, Path],
) -> None:
    text, report = _scan(bundles, "burglary_bundle", "case")
    truth = _truth(bundles, "burglary_bundle")
    assert truth["scene"]
    for item in truth["scene"]:
        assert _flat(item["text"]) in text, item
    assert _flat("01632 960417") not in text  # the victim's home phone
    for born in MOF.victim_dobs():
        assert _flat(born) not in text, born
    rules = {f["rule"] for f in report["findings"] if f["entity"] == "UK_ADDRESS"}
    assert "burglary-scene-address" in rules


def test_burglary_scanned_as_an_assault_redacts_the_premises_too(
    bundles: dict[str, Path],
) -> None:
    text, report = _scan(bundles, "burglary_bundle", "assault_case", "--offence", "assault")
    assert report["case"]["offences"][-1] == "assault"
    truth = _truth(bundles, "burglary_bundle")
    for item in truth["scene"]:
        assert _flat(item["text"]) not in text, item
    assert _flat("01632 960417") not in text
    for born in MOF.victim_dobs():
        assert _flat(born) not in text, born


def test_child_sexual_offence_keeps_the_childs_dob_but_not_the_address(
    bundles: dict[str, Path],
) -> None:
    text, report = _scan(bundles, "child_sexual_offence_bundle", "case")
    truth = _truth(bundles, "child_sexual_offence_bundle")
    assert len(truth["age_element"]) == 2
    for item in truth["age_element"]:
        assert _flat(item["text"]) in text, item
    leaks = {i["entity"] for i in truth["must_redact"]}
    assert {"UK_ADDRESS", "PHONE_NUMBER", "DATE_OF_BIRTH"} <= leaks
    # The family's address, the mother's phone and her own date of birth all go.
    for item in truth["must_redact"]:
        assert _flat(item["text"]) not in text, item
    critical = {f["rule"] for f in report["findings"] if f["severity"] == "critical"}
    assert "vulnerable-victim-contact-details" in critical


def test_child_bundle_scanned_as_an_assault_redacts_the_dob_too(
    bundles: dict[str, Path],
) -> None:
    text, _ = _scan(bundles, "child_sexual_offence_bundle", "assault_case", "--offence", "assault")
    truth = _truth(bundles, "child_sexual_offence_bundle")
    for item in truth["age_element"] + truth["must_redact"]:
        assert _flat(item["text"]) not in text, item
