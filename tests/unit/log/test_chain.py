"""The hash-chained log: verify passes an untouched log and finds edits, deletions, swaps."""

from __future__ import annotations

import csv
import json
import multiprocessing
import sqlite3
from pathlib import Path

import pytest

from idpc_guard.log.chain import GENESIS, canonical
from idpc_guard.log.store import (
    COLUMNS,
    LEGACY_COLUMNS,
    Event,
    LogFormat,
    LogRow,
    append_log,
    event_row,
    export_csv,
    verify_log,
)
from idpc_guard.log.summary import summarise_log


def _rows(scan: int, count: int = 3) -> list[LogRow]:
    event = Event(urn=f"01XX{scan:07d}", offences=("Burglary (dwelling)",), rules="0" * 16,
                  reviewer="reviewer-a", user="tester")  # fmt: skip
    return [
        event_row(
            event,
            item="finding",
            entity="PHONE_NUMBER",
            action="redact",
            rule=f"rule-{scan}-{i}",
            severity="high",
            reason="A reason",
        )
        for i in range(count)
    ]


def _log(tmp_path: Path, log_format: LogFormat, scans: int = 4) -> Path:
    log = tmp_path / f"log.{log_format.value}"
    for scan in range(scans):
        append_log(log, _rows(scan), log_format)
    return log


def _csv_lines(log: Path) -> list[list[str]]:
    with log.open(newline="") as handle:
        return list(csv.reader(handle))


def _write_csv(log: Path, lines: list[list[str]]) -> None:
    with log.open("w", newline="") as handle:
        csv.writer(handle).writerows(lines)


@pytest.mark.parametrize("log_format", list(LogFormat))
def test_an_untouched_log_is_intact(tmp_path: Path, log_format: LogFormat) -> None:
    log = _log(tmp_path, log_format)
    check = verify_log(log)
    assert (check.problem, check.records, check.unchained) == ("", 12, 0)
    assert check.head != GENESIS and len(check.head) == 64
    assert dict(check.events) == {"scan": 12}
    assert verify_log(log, anchor=check.head).anchor_found


def test_canonical_is_sorted_json_without_the_hash_or_empty_values() -> None:
    names = ["b", "hash", "a", "c", "d"]
    values: list[object] = ['x\u00e9"\n', "h" * 64, 1, "", None]
    expected = json.dumps([["a", "1"], ["b", "x\u00e9\"\n"]], ensure_ascii=False,
                          separators=(",", ":"))  # fmt: skip
    assert canonical(names, values) == expected.encode("utf-8")


def _edit_sqlite(log: Path, sql: str, *args: object) -> None:
    with sqlite3.connect(log) as db:
        db.execute(sql, args)


def _swap_sqlite(log: Path, first: int, second: int) -> None:
    with sqlite3.connect(log) as db:
        a = db.execute("SELECT * FROM redactions WHERE rowid = ?", (first,)).fetchone()
        b = db.execute("SELECT * FROM redactions WHERE rowid = ?", (second,)).fetchone()
        marks = ", ".join(f"{c} = ?" for c in COLUMNS)
        db.execute(f"UPDATE redactions SET {marks} WHERE rowid = ?", (*b, first))
        db.execute(f"UPDATE redactions SET {marks} WHERE rowid = ?", (*a, second))


def test_sqlite_edit_delete_and_swap_are_each_found(tmp_path: Path) -> None:
    for case in ("edit", "delete", "swap"):
        folder = tmp_path / case
        folder.mkdir()
        log = _log(folder, LogFormat.SQLITE)
        if case == "edit":
            _edit_sqlite(log, "UPDATE redactions SET action = 'keep' WHERE rowid = 5")
        elif case == "delete":
            _edit_sqlite(log, "DELETE FROM redactions WHERE rowid = 5")
        else:
            _swap_sqlite(log, 5, 6)
        check = verify_log(log)
        assert check.bad_record == 5, case
        assert check.records == 4, case
        words = {"edit": "edited", "delete": "deleted", "swap": "moved"}[case]
        assert words in check.problem, (case, check.problem)


def test_csv_edit_delete_and_swap_are_each_found(tmp_path: Path) -> None:
    at_action = COLUMNS.index("action")
    for case in ("edit", "delete", "swap"):
        folder = tmp_path / case
        folder.mkdir()
        log = _log(folder, LogFormat.CSV)
        lines = _csv_lines(log)  # lines[0] is the header; record n is lines[n]
        if case == "edit":
            lines[7][at_action] = "keep"
        elif case == "delete":
            del lines[7]
        else:
            lines[7], lines[8] = lines[8], lines[7]
        _write_csv(log, lines)
        check = verify_log(log)
        assert check.bad_record == 7, case
        assert check.problem, case


def test_an_edit_with_its_hash_recomputed_breaks_the_next_link(tmp_path: Path) -> None:
    log = _log(tmp_path, LogFormat.CSV)
    lines = _csv_lines(log)
    record = lines[3]
    record[COLUMNS.index("entity")] = "UK_NHS"
    record[COLUMNS.index("hash")] = ""
    from idpc_guard.log.chain import record_hash

    record[COLUMNS.index("hash")] = record_hash(COLUMNS, record)
    _write_csv(log, lines)
    check = verify_log(log)
    assert check.bad_record == 4
    assert "record 3" in check.problem


def test_a_truncated_tail_needs_the_anchor(tmp_path: Path) -> None:
    log = _log(tmp_path, LogFormat.SQLITE)
    head = verify_log(log).head
    _edit_sqlite(log, "DELETE FROM redactions WHERE rowid = 12")
    check = verify_log(log, anchor=head)
    assert not check.problem  # what is left is a valid chain...
    assert not check.anchor_found  # ...but the head kept elsewhere is gone from it
    append_log(log, _rows(9), LogFormat.SQLITE)  # the log grows: an older anchor still holds
    older = verify_log(log).head
    append_log(log, _rows(10), LogFormat.SQLITE)
    assert verify_log(log, anchor=older).anchor_found


def _legacy_sqlite(path: Path, rows: int) -> None:
    with sqlite3.connect(path) as db:
        db.execute(f"CREATE TABLE redactions ({', '.join(LEGACY_COLUMNS)})")
        for n in range(rows):
            values = [f"v{n}"] * len(LEGACY_COLUMNS)
            values[LEGACY_COLUMNS.index("police_material")] = "1"
            db.execute(f"INSERT INTO redactions VALUES ({', '.join('?' * len(values))})", values)


def test_an_old_log_is_unchained_then_sealed_by_its_next_append(tmp_path: Path) -> None:
    log = tmp_path / "old.db"
    _legacy_sqlite(log, 5)
    check = verify_log(log)
    assert (check.problem, check.records, check.unchained) == ("", 5, 5)
    assert summarise_log(log).rows == 5  # still readable
    append_log(log, _rows(1), LogFormat.SQLITE)
    check = verify_log(log)
    assert (check.problem, check.records, check.unchained) == ("", 8, 5)
    # From now on an edit of an old row is found: the first new record sealed them.
    _edit_sqlite(log, "UPDATE redactions SET entity = 'x' WHERE rowid = 2")
    assert verify_log(log).bad_record == 6


def test_an_old_csv_log_is_migrated_and_sealed(tmp_path: Path) -> None:
    log = tmp_path / "old.csv"
    _write_csv(log, [list(LEGACY_COLUMNS)] + [[f"v{n}"] * len(LEGACY_COLUMNS) for n in range(3)])
    log.chmod(0o600)
    assert verify_log(log).unchained == 3
    append_log(log, _rows(1), LogFormat.CSV)
    assert _csv_lines(log)[0] == list(COLUMNS)
    assert log.stat().st_mode & 0o777 == 0o600
    check = verify_log(log)
    assert (check.problem, check.records, check.unchained) == ("", 6, 3)


def test_a_column_added_later_leaves_the_chain_intact(tmp_path: Path) -> None:
    # Another version adds a column (empty in the rows written before it).
    log = _log(tmp_path, LogFormat.SQLITE)
    _edit_sqlite(log, "ALTER TABLE redactions ADD COLUMN later_note TEXT NOT NULL DEFAULT ''")
    assert not verify_log(log).problem
    _edit_sqlite(log, "UPDATE redactions SET later_note = 'x' WHERE rowid = 3")
    assert verify_log(log).bad_record == 3


def test_the_export_verifies_as_the_log_does(tmp_path: Path) -> None:
    log = _log(tmp_path, LogFormat.SQLITE)
    out = tmp_path / "export.csv"
    export_csv(log, out)
    assert verify_log(out) == verify_log(log)


def _append_many(path: str, log_format: str, worker: int) -> None:
    for scan in range(8):
        append_log(Path(path), _rows(worker * 100 + scan, 2), LogFormat(log_format))


@pytest.mark.parametrize("log_format", list(LogFormat))
def test_concurrent_appends_do_not_fork_the_chain(tmp_path: Path, log_format: LogFormat) -> None:
    log = tmp_path / f"log.{log_format.value}"
    append_log(log, [], log_format)
    context = multiprocessing.get_context("fork")
    workers = [
        context.Process(target=_append_many, args=(str(log), log_format.value, w)) for w in range(4)
    ]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(60)
        assert worker.exitcode == 0
    check = verify_log(log)
    assert (check.problem, check.records) == ("", 4 * 8 * 2)
