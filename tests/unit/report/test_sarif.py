"""SARIF output validates against the official SARIF 2.1.0 schema (vendored, no network)."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from idpc_guard.report.sarif import render_sarif, sarif_dict

SCHEMA_PATH = Path(__file__).resolve().parents[2] / "data" / "sarif-schema-2.1.0.json"


@pytest.fixture(scope="module")
def validator() -> jsonschema.Draft4Validator:
    schema = json.loads(SCHEMA_PATH.read_text())
    assert schema["$schema"].startswith("http://json-schema.org/draft-04/")
    jsonschema.Draft4Validator.check_schema(schema)
    return jsonschema.Draft4Validator(schema)


@pytest.mark.parametrize("name", ["sample_bundle", "clean_bundle", "canary_bundle"])
@pytest.mark.parametrize("show_values", [False, True])
def test_sarif_validates_against_the_official_schema(
    scanned: dict[str, Any], validator: jsonschema.Draft4Validator, name: str, show_values: bool
) -> None:
    log = json.loads(render_sarif(scanned[name].report, show_values=show_values))
    errors = [e.message for e in validator.iter_errors(log)]
    assert errors == []


def test_validator_rejects_a_broken_log(
    scanned: dict[str, Any], validator: jsonschema.Draft4Validator
) -> None:
    # The schema really is enforced: a bad level and a missing message both fail.
    log = sarif_dict(scanned["sample_bundle"].report)
    assert log["runs"][0]["results"]
    bad_level = copy.deepcopy(log)
    bad_level["runs"][0]["results"][0]["level"] = "fatal"
    assert not validator.is_valid(bad_level)
    no_message = copy.deepcopy(log)
    del no_message["runs"][0]["results"][0]["message"]
    assert not validator.is_valid(no_message)


def test_sarif_has_one_result_per_action_item_and_masks_values(scanned: dict[str, Any]) -> None:
    report = scanned["sample_bundle"].report
    log = sarif_dict(report)
    results = log["runs"][0]["results"]
    acted = [f for f in report.decisions.findings if f.action.value != "keep"]
    assert len(results) == len(acted) + len(report.decisions.document_issues)
    rule_ids = {r["id"] for r in log["runs"][0]["tool"]["driver"]["rules"]}
    assert {r["ruleId"] for r in results} <= rule_ids
    text = json.dumps(log)
    for finding in acted:
        assert finding.detection.text not in text
    shown = " ".join(
        r["message"]["text"]
        for r in json.loads(render_sarif(report, show_values=True))["runs"][0]["results"]
    )
    assert all(f.detection.text in shown for f in acted)
