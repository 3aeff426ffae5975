"""The scan's report options end to end: --quiet, --html, --log, SARIF, `log summary/export`."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import jsonschema

from tests.e2e.test_cli import SAMPLE, assert_one_line_error, run

SARIF_SCHEMA = Path(__file__).resolve().parents[1] / "data" / "sarif-schema-2.1.0.json"


def test_default_writes_no_review_page_and_quiet_prints_nothing(tmp_path: Path) -> None:
    result = run("scan", SAMPLE, "--out-dir", tmp_path, "--quiet")
    assert result.returncode == 1, result.stderr
    assert (result.stdout, result.stderr) == ("", "")
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "sample_bundle.redacted.pdf",
        "sample_bundle.report.json",
    ]


def test_sarif_on_stdout_validates(tmp_path: Path) -> None:
    result = run("scan", SAMPLE, "--out-dir", tmp_path, "--format", "sarif", "--no-redact")
    assert result.returncode == 1, result.stderr
    schema = json.loads(SARIF_SCHEMA.read_text())
    jsonschema.Draft4Validator(schema).validate(json.loads(result.stdout))


def test_log_summary_chart_and_export(tmp_path: Path) -> None:
    log = tmp_path / "redactions.db"
    for reviewer in ("reviewer-one", "reviewer-two"):
        result = run(
            "scan", SAMPLE, "--out-dir", tmp_path, "--no-redact", "--html",
            "--log", log, "--reviewer", reviewer,
        )  # fmt: skip
        assert result.returncode == 1, result.stderr
        assert f"Log: {log}" in result.stdout
        assert "Review page: " in result.stdout
    assert (tmp_path / "sample_bundle.report.html").stat().st_mode & 0o777 == 0o600
    report = json.loads((tmp_path / "sample_bundle.report.json").read_text())
    per_scan = len(report["findings"]) + len(report["page_actions"])
    with sqlite3.connect(log) as db:
        assert db.execute("SELECT count(*) FROM redactions").fetchone() == (2 * per_scan,)
    chart = tmp_path / "chart.png"
    result = run("log", "summary", log, "--chart", chart)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(f"2 scan(s), {2 * per_scan} row(s)")
    assert "2 reviewer(s)" in result.stdout and "burglary" in result.stdout
    assert chart.read_bytes().startswith(b"\x89PNG")
    # Grouped by the CPS's own redaction types only.
    result = run("log", "summary", log, "--by", "cps-type")
    assert result.returncode == 0, result.stderr
    assert "By CPS type" in result.stdout and "By month" not in result.stdout
    assert "Named individual" in result.stdout and "MG11 Backsheet" in result.stdout
    assert_one_line_error(run("log", "summary", log, "--by", "colour"), 2)
    exported = tmp_path / "export.csv"
    result = run("log", "export", log, exported)
    assert result.returncode == 0, result.stderr
    assert len(exported.read_text().splitlines()) == 1 + 2 * per_scan
    # The log holds no finding's value.
    dump = "\n".join(sqlite3.connect(log).iterdump())
    for finding in report["findings"]:
        if len(finding["text"]) > 3:
            assert finding["text"] not in dump


def test_csv_log_and_bad_log_paths(tmp_path: Path) -> None:
    log = tmp_path / "redactions.csv"
    result = run("scan", SAMPLE, "--out-dir", tmp_path, "--no-redact", "--quiet",
                 "--log", log, "--log-format", "csv")  # fmt: skip
    assert result.returncode == 1, result.stderr
    assert log.read_text().startswith("scan_id,scanned_at,urn,")
    assert log.stat().st_mode & 0o777 == 0o600
    # A file that is not a log is refused before scanning, leaving no output behind.
    out = tmp_path / "out"
    out.mkdir()
    notes = tmp_path / "notes.csv"
    notes.write_text("something else\n")
    result = run("scan", SAMPLE, "--out-dir", out, "--log", notes, "--log-format", "csv")
    assert_one_line_error(result, 2)
    assert list(out.iterdir()) == []
    assert_one_line_error(run("log", "summary", tmp_path / "missing.db"), 2)
    # A scan that fails leaves no new log behind either.
    not_pdf = tmp_path / "not.pdf"
    not_pdf.write_text("not a PDF")
    new_log = tmp_path / "new.db"
    assert_one_line_error(run("scan", not_pdf, "--out-dir", out, "--log", new_log), 3)
    assert not new_log.exists()
    assert list(out.iterdir()) == []
