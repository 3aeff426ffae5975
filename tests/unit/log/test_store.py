"""The redaction log: rows without personal data, SQLite and CSV, summaries and the chart."""

from __future__ import annotations

import dataclasses
import sqlite3
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from idpc_guard.errors import UsageError
from idpc_guard.log.store import (
    COLUMNS,
    LogFormat,
    LogRow,
    append_log,
    export_csv,
    log_rows,
    offence_family,
)
from idpc_guard.log.summary import summarise_log
from tests.conftest import FIXTURES


@pytest.fixture(scope="module")
def reports(scanner: Any) -> dict[str, Any]:
    from idpc_guard.scanner import ScanOptions

    options = ScanOptions(redact=False)
    return {
        name: scanner.scan(FIXTURES / f"{name}.pdf", options).report
        for name in ("sample_bundle", "canary_bundle")
    }


def test_one_row_per_finding_and_page_action(reports: dict[str, Any]) -> None:
    report = reports["sample_bundle"]
    when = datetime(2026, 3, 4, 10, 0, tzinfo=UTC)
    rows = log_rows(report, reviewer="reviewer-a", when=when)
    decisions = report.decisions
    assert len(rows) == len(decisions.findings) + len(decisions.page_actions)
    assert [r.item for r in rows].count("page") == len(decisions.page_actions)
    assert {r.scan_id for r in rows} == {rows[0].scan_id}
    assert {r.scanned_at for r in rows} == {"2026-03-04T10:00:00+00:00"}
    assert {r.urn for r in rows} == {report.case.urn}
    assert {r.offence_family for r in rows} == {"burglary"}
    assert all(r.reviewer == "reviewer-a" for r in rows)
    findings = [r for r in rows if r.item == "finding"]
    assert [(r.entity, r.action, r.rule) for r in findings] == [
        (f.detection.entity, f.action.value, f.rule) for f in decisions.findings
    ]
    kinds = {r.document_kind: r.police_material for r in rows}
    assert kinds["witness_statement"] == 1


@pytest.mark.parametrize("name", ["sample_bundle", "canary_bundle"])
def test_rows_hold_no_personal_data(reports: dict[str, Any], name: str) -> None:
    report = reports[name]
    values = {f.detection.text for f in report.decisions.findings}
    values |= {p.name for p in report.case.defendants + report.case.complainants}
    values |= {"CANARY-PII-7731", "canary.pii.7731@example.com"}
    for row in log_rows(report):
        for field in dataclasses.astuple(row):
            for value in values:
                assert str(value) not in str(field), f"{row.item} field holds a value"


@pytest.mark.parametrize(
    ("offences", "family"),
    [
        (["Burglary (dwelling)"], "burglary"),
        (["Sexual assault on a child under 13"], "sexual"),
        (["Assault occasioning actual bodily harm"], "violence"),
        (["Robbery"], "robbery"),
        (["Theft from a shop"], "theft and fraud"),
        (["Possession of cannabis"], "drugs"),
        (["Dangerous driving"], "motoring"),
        (["Perverting the course of justice"], "other"),
        ([], "unknown"),
    ],
)
def test_offence_family(offences: list[str], family: str) -> None:
    assert offence_family(offences) == family


def _row(
    scan: int, month: int, entity: str, action: str, kind: str = "witness_statement"
) -> LogRow:
    return LogRow(
        scan_id=f"scan{scan}",
        scanned_at=f"2026-{month:02d}-10T09:00:00+00:00",
        urn="01XX0000000",
        offences="burglary",
        offence_family="burglary" if scan % 2 else "violence",
        document_kind=kind,
        police_material=int(kind != "medical_record"),
        item="finding" if entity else "page",
        entity=entity,
        action=action,
        rule="r",
        severity="high",
        reviewer=f"reviewer{scan % 3}",
    )


ROWS = [
    _row(1, 1, "PERSON", "redact"),
    _row(1, 1, "PHONE_NUMBER", "redact"),
    _row(1, 1, "", "remove", "witness_contact_details"),
    _row(2, 1, "PERSON", "keep"),
    _row(3, 2, "UK_NHS", "review", "medical_record"),
    _row(3, 2, "PERSON", "redact", "medical_record"),
    _row(4, 3, "PHONE_NUMBER", "redact"),
]


@pytest.mark.parametrize("log_format", list(LogFormat))
def test_append_and_summarise(tmp_path: Path, log_format: LogFormat) -> None:
    log = tmp_path / f"log.{log_format.value}"
    append_log(log, ROWS[:3], log_format)
    append_log(log, ROWS[3:], log_format)
    assert log.stat().st_mode & 0o777 == 0o600
    summary = summarise_log(log)
    assert (summary.scans, summary.rows, summary.reviewers) == (4, 7, 3)
    assert summary.first.startswith("2026-01-10") and summary.last.startswith("2026-03-10")
    months = {
        b.key: (b.scans, b.redact, b.review, b.keep, b.pages_removed) for b in summary.by_month
    }
    assert months == {
        "2026-01": (2, 2, 0, 1, 1),
        "2026-02": (1, 1, 1, 0, 0),
        "2026-03": (1, 1, 0, 0, 0),
    }
    families = {b.key: (b.scans, b.redact) for b in summary.by_offence_family}
    assert families == {"burglary": (2, 3), "violence": (2, 1)}
    entities = {b.key: (b.redact, b.review, b.keep) for b in summary.by_entity}
    assert entities == {"PERSON": (2, 0, 1), "PHONE_NUMBER": (2, 0, 0), "UK_NHS": (0, 1, 0)}
    kinds = {b.key: (b.redact, b.police_material) for b in summary.by_document_kind}
    assert kinds["medical_record"] == (1, 0)
    assert kinds["witness_contact_details"] == (0, 1)


def test_export_csv_round_trips(tmp_path: Path) -> None:
    log = tmp_path / "log.db"
    append_log(log, ROWS, LogFormat.SQLITE)
    out = tmp_path / "log.csv"
    assert export_csv(log, out) == len(ROWS)
    assert out.read_text().splitlines()[0] == ",".join(COLUMNS)
    assert out.stat().st_mode & 0o777 == 0o600
    assert summarise_log(out) == summarise_log(log)


def test_not_a_log_is_a_usage_error(tmp_path: Path) -> None:
    text = tmp_path / "notes.csv"
    text.write_text("a,b\n1,2\n")
    with pytest.raises(UsageError, match="not an idpc-guard CSV log"):
        summarise_log(text)
    with pytest.raises(UsageError, match="no log"):
        summarise_log(tmp_path / "missing.db")
    other = tmp_path / "other.db"
    with sqlite3.connect(other) as db:
        db.execute("CREATE TABLE t (x)")
    with pytest.raises(UsageError):
        summarise_log(other)


def test_chart_is_a_one_page_png(tmp_path: Path) -> None:
    pytest.importorskip("matplotlib")
    from idpc_guard.log.chart import write_chart

    log = tmp_path / "log.db"
    append_log(log, ROWS, LogFormat.SQLITE)
    chart = tmp_path / "chart.png"
    write_chart(summarise_log(log), chart)
    data = chart.read_bytes()
    assert data.startswith(b"\x89PNG\r\n\x1a\n")
    width, height = int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
    assert width > height > 600  # A4 landscape
    assert chart.stat().st_mode & 0o777 == 0o600


@pytest.mark.parametrize("name", ["sample_bundle", "canary_bundle"])
def test_every_finding_and_page_action_has_its_cps_type(
    reports: dict[str, Any], name: str, report_schema: dict[str, Any]
) -> None:
    from typing import get_args

    import jsonschema

    from idpc_guard.policy.cps import CpsReason, CpsType
    from idpc_guard.report.json import report_dict
    from idpc_guard.report.sarif import sarif_dict

    report = reports[name]
    decisions = report.decisions
    assert decisions.findings
    assert all(f.cps_type in get_args(CpsType) for f in decisions.findings)
    assert all(a.cps_reason in get_args(CpsReason) for a in decisions.page_actions)
    names = [f for f in decisions.findings if f.detection.entity == "PERSON"]
    assert names and {f.cps_type for f in names} <= {"Named individual", "Previous convictions"}
    data = report_dict(report)
    jsonschema.validate(data, report_schema)
    assert [f["cps_type"] for f in data["findings"]] == [f.cps_type for f in decisions.findings]
    sarif = sarif_dict(report)
    results = [r for r in sarif["runs"][0]["results"] if "findingId" in r["properties"]]
    assert results and all("cpsType" in r["properties"] for r in results)
    rows = log_rows(report)
    assert [r.cps_type for r in rows if r.item == "finding"] == [
        f.cps_type for f in decisions.findings
    ]


def test_a_witness_back_page_is_logged_as_an_mg11_backsheet(reports: dict[str, Any]) -> None:
    report = reports["sample_bundle"]
    assert report.decisions.page_actions
    pages = [r for r in log_rows(report) if r.item == "page"]
    assert {r.cps_type for r in pages} == {"MG11 Backsheet"}


@pytest.mark.parametrize("log_format", list(LogFormat))
def test_summary_groups_by_cps_type(tmp_path: Path, log_format: LogFormat) -> None:
    cps = {"PERSON": "Named individual", "PHONE_NUMBER": "Phone number", "UK_NHS": "NHS number"}
    rows = [dataclasses.replace(r, cps_type=cps.get(r.entity, "MG11 Backsheet")) for r in ROWS]
    log = tmp_path / f"log.{log_format.value}"
    append_log(log, rows, log_format)
    summary = summarise_log(log)
    by_type = {b.key: (b.redact, b.review, b.keep, b.pages_removed) for b in summary.by_cps_type}
    assert by_type == {
        "Named individual": (2, 0, 1, 0),
        "Phone number": (2, 0, 0, 0),
        "NHS number": (0, 1, 0, 0),
        "MG11 Backsheet": (0, 0, 0, 1),
    }


def test_a_log_written_before_the_cps_type_is_read_and_appended_to(tmp_path: Path) -> None:
    # The oldest logs: the first columns only (no trail, no chain, no CPS type).
    from idpc_guard.log.store import LEGACY_COLUMNS as FIRST_COLUMNS

    old_rows = [dataclasses.astuple(r)[: len(FIRST_COLUMNS)] for r in ROWS[:3]]
    columns = ", ".join(
        f"{c} {'INTEGER' if c == 'police_material' else 'TEXT'} NOT NULL" for c in FIRST_COLUMNS
    )
    old_db = tmp_path / "old.db"
    with sqlite3.connect(old_db) as db:
        db.execute(f"CREATE TABLE redactions ({columns})")
        db.executemany(
            f"INSERT INTO redactions VALUES ({', '.join('?' * len(FIRST_COLUMNS))})", old_rows
        )
    old_csv = tmp_path / "old.csv"
    old_csv.write_text("\n".join(",".join(map(str, r)) for r in [FIRST_COLUMNS, *old_rows]) + "\n")
    for log, log_format in ((old_db, LogFormat.SQLITE), (old_csv, LogFormat.CSV)):
        summary = summarise_log(log)
        assert summary.rows == 3
        assert [(b.key, b.redact) for b in summary.by_cps_type] == [("-", 2)]
        assert export_csv(log, tmp_path / "out.csv") == 3
        new = dataclasses.replace(ROWS[3], cps_type="Named individual")
        append_log(log, [new], log_format)
        summary = summarise_log(log)
        assert summary.rows == 4
        # The next append adds the new columns to the log (see test_chain.py).
        assert {b.key for b in summary.by_cps_type} == {"-", "Named individual"}
