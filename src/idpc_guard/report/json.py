"""The report JSON of the contract (schema ``idpc-guard/report/v1``), built field by field."""

from __future__ import annotations

import json
from importlib import resources
from typing import Any

from idpc_guard.model import Report

SCHEMA_ID = "idpc-guard/report/v1"


def report_dict(report: Report) -> dict[str, Any]:
    """The report as the contract's JSON object. Pages become 1-based here."""
    bundle = report.bundle
    case = report.case
    decisions = report.decisions
    return {
        "schema": SCHEMA_ID,
        "tool": {
            "name": "idpc-guard",
            "version": report.tool_version,
            "rules": report.rules_fingerprint,
            **({"options": report.options_fingerprint} if report.options_fingerprint else {}),
            "outputs": list(report.outputs),
        },
        "bundle": {"path": bundle.path, "sha256": bundle.sha256, "pages": bundle.page_count},
        "case": {
            "urn": case.urn,
            "defendants": [p.name for p in case.defendants],
            "offences": list(case.offences),
            "inferred": case.inferred,
            **(
                {"unrecognised_offences": list(report.unrecognised_offences)}
                if report.unrecognised_offences
                else {}
            ),
            **(
                {"disagreements": list(report.case_disagreements)}
                if report.case_disagreements
                else {}
            ),
        },
        **({"copy": copy} if (copy := _copy(report)) else {}),
        "verdict": decisions.verdict.value,
        "documents": [
            {
                "index": d.index,
                "kind": d.kind.value,
                "title": d.title,
                "pages": [p + 1 for p in d.pages],
            }
            for d in report.documents
        ],
        "findings": [
            {
                "id": f.id,
                "page": f.detection.page + 1,
                "bbox": _bbox(f.detection.boxes),
                "boxes": [[round(v, 2) for v in b.as_tuple()] for b in f.detection.boxes],
                "source": f.detection.source.value,
                "entity": f.detection.entity,
                "text": f.detection.text,
                "score": f.detection.score,
                "action": f.action.value,
                "rule": f.rule,
                "reason": f.reason,
                "severity": f.severity.value,
                "document": f.detection.document,
                "recognizer": f.detection.recognizer,
                **({"role": f.role.value} if f.role is not None else {}),
                **({"person": f.person} if f.person is not None else {}),
                **({"cps_type": f.cps_type} if f.cps_type else {}),
            }
            for f in decisions.findings
        ],
        "people": [
            {
                "id": p.id,
                "role": p.role.value,
                "names": list(p.names),
                "evidence": list(p.evidence),
                "findings": list(p.findings),
                "redacted": p.redacted,
                "kept": p.kept,
                "review": p.review,
            }
            for p in decisions.people
        ],
        **(
            {
                "exposure": [
                    {
                        "person": e.person,
                        "role": e.role.value,
                        "documents": list(e.documents),
                        "withheld": list(e.withheld),
                        "home_inferable": e.home,
                        "items": [
                            {
                                "finding": i.finding,
                                "page": i.page + 1,
                                "kind": i.kind,
                                "suggest": i.suggest.value,
                            }
                            for i in e.items
                        ],
                    }
                    for e in decisions.exposure
                ]
            }
            if decisions.exposure
            else {}
        ),
        "page_actions": [
            {
                "page": a.page + 1,
                "action": a.action.value,
                "reason": a.reason,
                **({"cps_reason": a.cps_reason} if a.cps_reason else {}),
            }
            for a in decisions.page_actions
        ],
        "document_issues": [
            {
                "kind": i.kind.value,
                "document": i.document,
                "pages": [p + 1 for p in i.pages],
                "detail": i.detail,
            }
            for i in decisions.document_issues
        ],
    }


def _bbox(boxes: tuple[Any, ...]) -> list[float]:
    x0 = min(b.x0 for b in boxes)
    y0 = min(b.y0 for b in boxes)
    x1 = max(b.x1 for b in boxes)
    y1 = max(b.y1 for b in boxes)
    return [round(x0, 2), round(y0, 2), round(x1, 2), round(y1, 2)]


def render_json(report: Report) -> str:
    """The report JSON as text (UTF-8, indented, stable key order)."""
    return json.dumps(report_dict(report), indent=2, ensure_ascii=False) + "\n"


def report_schema() -> dict[str, Any]:
    """The JSON Schema of the report, as shipped in the package."""
    text = resources.files("idpc_guard.schemas").joinpath("report-v1.schema.json").read_text()
    schema: dict[str, Any] = json.loads(text)
    return schema


def _copy(report: Report) -> dict[str, Any]:
    """What the report says of its copy: its hash, pages as pictures, or why none was made."""
    copy: dict[str, Any] = {}
    if report.copy_sha256:
        copy["sha256"] = report.copy_sha256
    if report.pages_as_images:
        copy["pages_as_images"] = [p + 1 for p in report.pages_as_images]
    failure = report.copy_failure
    if failure is not None:
        copy["written"] = False
        copy["reason"] = failure.reason
        copy["not_removed"] = [
            {"finding": i, "page": f.detection.page + 1, "entity": f.detection.entity}
            if f is not None
            else {"finding": i}
            for i, f in failure.not_removed(report.decisions.findings)
        ]
    return copy
