"""Read a report JSON back into decisions: the input of ``idpc-guard apply``.

The report is the single source of truth for what is removed. A reviewer may
have changed actions, deleted findings, or added findings (with ``page`` and
``bbox`` or ``boxes``); the file must still follow the shipped schema.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import jsonschema

from idpc_guard.errors import ReportFileError
from idpc_guard.model import (
    Action,
    Box,
    Decisions,
    Detection,
    DocumentIssue,
    DocumentKind,
    Finding,
    IssueKind,
    PageAction,
    PageActionKind,
    Role,
    Severity,
    Source,
)
from idpc_guard.policy.finalise import reviewed
from idpc_guard.policy.people import role_of
from idpc_guard.report.json import report_schema

#: Recorded as the recogniser of findings a reviewer added by hand.
REVIEWER = "reviewer"


@dataclass(frozen=True, slots=True)
class LoadedReport:
    """What ``apply`` needs from a report: the bundle it is for and the decisions."""

    sha256: str
    pages: int
    decisions: Decisions
    #: Findings on the name of a person whose role the reviewer changed in ``people``:
    #: finding id -> the role given (``apply`` decides them again).
    new_roles: dict[str, Role] = field(default_factory=dict)
    #: What the findings are decided against: the case's offences, each document's kind
    #: (by index) and the rules' fingerprint the report was made with.
    offences: tuple[str, ...] = ()
    document_kinds: dict[int, DocumentKind] = field(default_factory=dict)
    rules: str | None = None


def load_report(text: str, name: str = "report") -> LoadedReport:
    """Parse and validate report JSON; raise :class:`ReportFileError` on any problem.

    Messages name the JSON path of a problem, never the values in the report.
    """
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ReportFileError(
            f"{name} is not valid JSON (line {exc.lineno}): give the report.json written by scan"
        ) from exc
    errors = sorted(
        jsonschema.Draft202012Validator(report_schema()).iter_errors(data),
        key=lambda e: list(map(str, e.absolute_path)),
    )
    if errors:
        raise ReportFileError(
            f"{name} does not follow the report schema at {_describe(errors[0], data)} "
            f"({len(errors)} problem(s) in all)"
        )
    pages = int(data["bundle"]["pages"])
    findings = tuple(_finding(item, i, pages, name) for i, item in enumerate(data["findings"]))
    _unique_ids(findings, name)
    page_actions = tuple(
        PageAction(
            page=_page(a["page"], pages, f"page_actions/{i}", name),
            action=PageActionKind(a["action"]),
            reason=a["reason"],
            cps_reason=a.get("cps_reason", ""),
        )
        for i, a in enumerate(data["page_actions"])
    )
    issues = tuple(
        DocumentIssue(
            kind=IssueKind(i["kind"]),
            document=i["document"],
            pages=tuple(p - 1 for p in i["pages"]),
            detail=i["detail"],
        )
        for i in data["document_issues"]
    )
    # The reviewer's ids and order are kept; the verdict is given as a scan's is.
    decisions = reviewed(findings, page_actions, issues)
    return LoadedReport(
        sha256=data["bundle"]["sha256"],
        pages=pages,
        decisions=decisions,
        new_roles=_new_roles(data.get("people", []), findings, name),
        offences=tuple(data["case"]["offences"]),
        document_kinds={d["index"]: DocumentKind(d["kind"]) for d in data["documents"]},
        rules=data["tool"].get("rules"),
    )


def _new_roles(
    people: Sequence[dict[str, Any]], findings: Sequence[Finding], name: str
) -> dict[str, Role]:
    """Finding id -> role, for each person whose role differs from their findings' role."""
    by_id = {f.id: f for f in findings}
    roles: dict[str, Role] = {}
    for i, person in enumerate(people):
        theirs = [by_id[f] for f in person["findings"] if f in by_id]
        missing = [f for f in person["findings"] if f not in by_id]
        if missing:
            raise ReportFileError(
                f"{name}: people/{i} lists finding {missing[0]}, which the report does not have"
            )
        role = Role(person["role"])
        if theirs and role is not role_of(theirs):
            roles.update(dict.fromkeys((f.id for f in theirs), role))
    return roles


_FINDING_ID = re.compile(r"^[A-Za-z0-9_.-]{1,32}$")


def _describe(error: jsonschema.ValidationError, data: Any) -> str:
    """Where a schema error is and how to fix it, naming the finding by its id.

    ``findings/7/action: 'redact', 'keep' or 'review' expected`` becomes
    ``finding F0008 (findings/7), field action: allowed values are redact, keep, review``.
    The value found is never quoted: it may be personal data.
    """
    path = list(error.absolute_path)
    where = "/".join(map(str, path)) or "(top level)"
    if len(path) >= 2 and path[0] == "findings" and isinstance(path[1], int):
        found = data["findings"][path[1]]
        raw_id = found.get("id") if isinstance(found, dict) else None
        if isinstance(raw_id, str) and _FINDING_ID.match(raw_id):
            where = f"finding {raw_id} ({where})"
    field = next((str(p) for p in reversed(path) if isinstance(p, str)), "")
    expected: Any = error.validator_value
    schema: Any = error.schema
    instance: Any = error.instance
    if error.validator == "enum":
        return f"{where}: {field or 'value'} must be one of {', '.join(map(str, expected))}"
    if error.validator == "required":
        held = instance if isinstance(instance, dict) else {}
        return f"{where}: missing field(s) {', '.join(f for f in expected if f not in held)}"
    if error.validator == "additionalProperties" and isinstance(schema, dict):
        allowed = ", ".join(schema.get("properties", {}))
        return f"{where}: unknown field; the fields allowed here are {allowed}"
    if error.validator == "type":
        return f"{where}: {field or 'value'} must be of type {expected}"
    return f"{where} ({error.validator} check failed)"


def _finding(item: dict[str, Any], index: int, pages: int, name: str) -> Finding:
    where = f"findings/{index}"
    raw_boxes: Sequence[Sequence[float]] = item.get("boxes") or [item["bbox"]]
    try:
        boxes = tuple(Box(*map(float, b)) for b in raw_boxes)
    except ValueError as exc:
        raise ReportFileError(
            f"{name}: {where} has a box with x1 < x0 or y1 < y0: boxes are [x0, y0, x1, y1]"
        ) from exc
    detection = Detection(
        entity=item["entity"],
        text=item["text"],
        page=_page(item["page"], pages, where, name),
        boxes=boxes,
        score=float(item["score"]),
        source=Source(item["source"]),
        recognizer=item.get("recognizer", REVIEWER),
        document=item["document"],
    )
    return Finding(
        id=item["id"],
        detection=detection,
        action=Action(item["action"]),
        rule=item["rule"],
        reason=item["reason"],
        severity=Severity(item["severity"]),
        role=Role(item["role"]) if "role" in item else None,
        cps_type=item.get("cps_type", ""),
    )


def _page(page: int, pages: int, where: str, name: str) -> int:
    if not 1 <= page <= pages:
        raise ReportFileError(f"{name}: {where} names page {page}; the bundle has {pages} pages")
    return page - 1


def _unique_ids(findings: Sequence[Finding], name: str) -> None:
    seen: set[str] = set()
    for finding in findings:
        if finding.id in seen:
            raise ReportFileError(f"{name}: finding id {finding.id} is used twice; ids must differ")
        seen.add(finding.id)
