"""SARIF 2.1.0 output, so code-scanning views can show findings on bundles in repositories.

Each redact or review finding is a result; its rule is the idpc-guard rule id.
PDF pages have no lines, so the location names the bundle file and the page
and box go into the result's properties. Values are masked unless asked for.
"""

from __future__ import annotations

import json
from typing import Any

from idpc_guard.model import Action, Report, Severity

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
_LEVEL = {
    Severity.CRITICAL: "error",
    Severity.HIGH: "error",
    Severity.MEDIUM: "warning",
    Severity.LOW: "note",
}


def sarif_dict(report: Report, *, show_values: bool = False) -> dict[str, Any]:
    """The report as a SARIF 2.1.0 log with one run."""
    findings = [f for f in report.decisions.findings if f.action is not Action.KEEP]
    rules: dict[str, dict[str, Any]] = {}
    for f in findings:
        rules.setdefault(
            f.rule,
            {
                "id": f.rule,
                "shortDescription": {"text": f.reason},
                "defaultConfiguration": {"level": _LEVEL[f.severity]},
            },
        )
    uri = report.bundle.path
    results: list[dict[str, Any]] = []
    for f in findings:
        what = f"{f.detection.entity} ({f.action.value})"
        if show_values:
            what += f": {f.detection.text}"
        box = f.detection.boxes[0]
        results.append(
            {
                "ruleId": f.rule,
                "level": _LEVEL[f.severity],
                "message": {"text": f"{what}. {f.reason}"},
                "locations": [{"physicalLocation": {"artifactLocation": {"uri": uri}}}],
                "properties": {
                    "findingId": f.id,
                    "page": f.detection.page + 1,
                    "bbox": [round(v, 2) for v in box.as_tuple()],
                    "entity": f.detection.entity,
                    "action": f.action.value,
                    "severity": f.severity.value,
                    **({"cpsType": f.cps_type} if f.cps_type else {}),
                },
            }
        )
    for issue in report.decisions.document_issues:
        rules.setdefault(
            issue.kind.value,
            {
                "id": issue.kind.value,
                "shortDescription": {"text": issue.kind.value.replace("_", " ")},
                "defaultConfiguration": {"level": "error"},
            },
        )
        results.append(
            {
                "ruleId": issue.kind.value,
                "level": "error",
                "message": {"text": issue.detail},
                "locations": [{"physicalLocation": {"artifactLocation": {"uri": uri}}}],
                "properties": {"pages": [p + 1 for p in issue.pages], "document": issue.document},
            }
        )
    return {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "idpc-guard",
                        "version": report.tool_version,
                        "informationUri": "https://pypi.org/project/idpc-guard/",
                        "rules": list(rules.values()),
                    }
                },
                "artifacts": [
                    {"location": {"uri": uri}, "hashes": {"sha-256": report.bundle.sha256}}
                ],
                "results": results,
                "properties": {"verdict": report.decisions.verdict.value},
            }
        ],
    }


def render_sarif(report: Report, *, show_values: bool = False) -> str:
    """The SARIF log as text."""
    return json.dumps(sarif_dict(report, show_values=show_values), indent=2, ensure_ascii=False)
