"""`log verify` and `log sample-check`: exit statuses and one-line messages."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from typer.testing import CliRunner

from idpc_guard.cli.app import app
from idpc_guard.log.store import LEGACY_COLUMNS, Event, LogFormat, append_log, event_row
from idpc_guard.scanner import output_paths, write_outputs
from tests.pdfs import make_pdf


def _log(tmp_path: Path) -> Path:
    log = tmp_path / "log.db"
    event = Event(urn="01XX0000001", offences=("Theft from a shop",), rules="0" * 16, user="t")
    for n in range(5):
        append_log(log, [event_row(event, item="finding", entity="PERSON", action="redact",
                                   rule=f"r{n}")], LogFormat.SQLITE)  # fmt: skip
    return log


def test_an_intact_log_exits_0_and_prints_its_head(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["log", "verify", str(_log(tmp_path))])
    assert result.exit_code == 0, result.output
    assert "intact: 5 record(s) (scan 5)" in result.output
    head = result.output.split("head: ")[1].strip()
    anchored = CliRunner().invoke(
        app, ["log", "verify", str(tmp_path / "log.db"), "--anchor", head]
    )
    assert anchored.exit_code == 0, anchored.output


def test_an_edited_log_exits_1_naming_the_first_bad_record(tmp_path: Path) -> None:
    log = _log(tmp_path)
    with sqlite3.connect(log) as db:
        db.execute("UPDATE redactions SET rule = 'other' WHERE rowid = 3")
    result = CliRunner().invoke(app, ["log", "verify", str(log)])
    assert result.exit_code == 1
    (line,) = result.output.strip().splitlines()
    assert "NOT intact: record 3: it was edited" in line and "records 1-2 are intact" in line


def test_a_tail_cut_off_exits_1_with_the_anchor(tmp_path: Path) -> None:
    log = _log(tmp_path)
    head = CliRunner().invoke(app, ["log", "verify", str(log)]).output.split("head: ")[1].strip()
    with sqlite3.connect(log) as db:
        db.execute("DELETE FROM redactions WHERE rowid = 5")
    assert CliRunner().invoke(app, ["log", "verify", str(log)]).exit_code == 0
    result = CliRunner().invoke(app, ["log", "verify", str(log), "--anchor", head])
    assert result.exit_code == 1
    assert "is not in the log" in result.output


def test_bad_input_exits_2(tmp_path: Path) -> None:
    missing = CliRunner().invoke(app, ["log", "verify", str(tmp_path / "none.db")])
    assert missing.exit_code == 2 and "no log at" in missing.output
    anchor = CliRunner().invoke(app, ["log", "verify", str(_log(tmp_path)), "--anchor", "abc"])
    assert anchor.exit_code == 2 and "64 hexadecimal" in anchor.output


def test_an_old_log_is_reported_unchained(tmp_path: Path) -> None:
    log = tmp_path / "old.db"
    with sqlite3.connect(log) as db:
        db.execute(f"CREATE TABLE redactions ({', '.join(LEGACY_COLUMNS)})")
        db.execute(f"INSERT INTO redactions VALUES ({', '.join('?' * 13)})", ["x"] * 13)
    result = CliRunner().invoke(app, ["log", "verify", str(log)])
    assert result.exit_code == 1
    assert "unchained" in result.output


def test_a_sample_check_is_one_chained_record_without_values(
    tmp_path: Path, scanner: object
) -> None:
    bundle = tmp_path / "bundle.pdf"
    bundle.write_bytes(make_pdf([["WITNESS STATEMENT", "Rang from 07700 900462 at noon."]]))
    result = scanner.scan(bundle)  # type: ignore[attr-defined]
    paths = output_paths(bundle, tmp_path, redacted=True)
    write_outputs(result, paths)
    log = tmp_path / "log.csv"
    args = ["log", "sample-check", str(log), "--report", str(paths.report)]
    done = CliRunner().invoke(app, [*args, "--reviewer", "Second Reviewer", "--result", "agree",
                                    "--sampled", "3"])  # fmt: skip
    assert done.exit_code == 0, done.output
    text = log.read_text()
    assert "sample-check" in text and "Second Reviewer" in text and "3 finding(s) sampled" in text
    assert "07700" not in text
    assert CliRunner().invoke(app, ["log", "verify", str(log)]).exit_code == 0
    nobody = CliRunner().invoke(app, [*args, "--reviewer", " ", "--result", "agree"])
    assert nobody.exit_code == 2
