"""The redaction log: one row per finding and page action, without the personal data.

Every scan can append to a log kept by a team (SQLite by default, or CSV), so
that redaction is recorded consistently and figures can be drawn from it:
what was found, in which kind of document, what was done and under which rule.
A row never holds a value, a name or any text from the bundle: only the case
reference (URN), the offences as charged and closed vocabularies.
"""

from __future__ import annotations

import contextlib
import csv
import io
import os
import sqlite3
import uuid
from collections.abc import Iterator, Sequence
from dataclasses import astuple, dataclass, fields
from datetime import UTC, datetime
from enum import StrEnum
from pathlib import Path

from idpc_guard._atomic import write_atomic
from idpc_guard.errors import OutputError, UsageError
from idpc_guard.model import DocumentKind, Report
from idpc_guard.policy.builtin import PAGE_ACTION

#: Documents the police prepare or gather (MG forms, PNC print, exhibits). Medical
#: records, claims and fee notes come from others; ``other`` is not known to be police.
POLICE_MATERIAL = frozenset(
    {
        DocumentKind.CASE_SUMMARY,
        DocumentKind.CHARGE_SHEET,
        DocumentKind.WITNESS_STATEMENT,
        DocumentKind.WITNESS_CONTACT_DETAILS,
        DocumentKind.WITNESS_LIST,
        DocumentKind.UNUSED_MATERIAL_SCHEDULE,
        DocumentKind.PREVIOUS_CONVICTIONS,
        DocumentKind.INTERVIEW_RECORD,
        DocumentKind.EXHIBIT_IMAGE,
        DocumentKind.NOT_DISCLOSABLE,
    }
)

#: Offence families by keyword, until the rules carry an offence taxonomy. First match wins.
_FAMILIES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("sexual", ("sexual", "rape", "indecent", "grooming")),
    ("domestic abuse", ("controlling", "coercive", "domestic")),
    ("robbery", ("robbery",)),
    ("burglary", ("burglary",)),
    ("violence", ("assault", "wounding", "grievous", "abh", "gbh", "murder", "manslaughter")),
    ("theft and fraud", ("theft", "shoplifting", "fraud", "handling stolen")),
    ("drugs", ("drug", "cannabis", "cocaine", "heroin", "controlled substance")),
    ("weapons", ("knife", "bladed", "firearm", "offensive weapon")),
    ("criminal damage", ("criminal damage", "arson")),
    ("public order", ("public order", "affray", "harassment", "stalking")),
    ("motoring", ("driving", "drink drive", "motor", "vehicle")),
)


class LogFormat(StrEnum):
    """How the log is stored."""

    SQLITE = "sqlite"
    CSV = "csv"


@dataclass(frozen=True, slots=True)
class LogRow:
    """One finding or page action of one scan. No personal data by construction."""

    scan_id: str
    scanned_at: str  # UTC, ISO 8601
    urn: str
    offences: str  # as charged, "; "-joined
    offence_family: str
    document_kind: str
    police_material: int  # 1 or 0 (SQLite and CSV have no booleans)
    item: str  # "finding" or "page"
    entity: str
    action: str
    rule: str
    severity: str
    reviewer: str
    #: The CPS casework system's redaction type, or for a page its deletion reason.
    cps_type: str = ""


COLUMNS = tuple(f.name for f in fields(LogRow))
#: Columns added after the first logs were written, each with the value an older
#: row reads as: a log written before them is still read, and appended to as it is.
ADDED_COLUMNS: dict[str, str] = {"cps_type": ""}
#: The columns of a log written before :data:`ADDED_COLUMNS`.
FIRST_COLUMNS = tuple(c for c in COLUMNS if c not in ADDED_COLUMNS)


def offence_family(offences: Sequence[str]) -> str:
    """The family of the first offence that matches a keyword, else ``other``."""
    for offence in offences:
        text = offence.lower()
        for family, words in _FAMILIES:
            if any(word in text for word in words):
                return family
    return "other" if offences else "unknown"


def log_rows(report: Report, *, reviewer: str = "", when: datetime | None = None) -> list[LogRow]:
    """The log rows of one scan: a row per finding and one per page action."""
    moment = (when or datetime.now(UTC)).astimezone(UTC).isoformat(timespec="seconds")
    scan_id = uuid.uuid4().hex
    case = report.case
    offences = "; ".join(case.offences)
    family = offence_family(case.offences)
    kinds = {d.index: d.kind for d in report.documents}
    page_kind = {p: d.kind for d in report.documents for p in d.pages}

    def row(
        kind: DocumentKind | None, entity: str, action: str, rule: str, sev: str, cps: str
    ) -> LogRow:
        return LogRow(
            scan_id=scan_id,
            scanned_at=moment,
            urn=case.urn or "",
            offences=offences,
            offence_family=family,
            document_kind=kind.value if kind else "",
            police_material=int(kind in POLICE_MATERIAL),
            item="finding" if entity else "page",
            entity=entity,
            action=action,
            rule=rule,
            severity=sev,
            reviewer=reviewer,
            cps_type=cps,
        )

    rows = []
    for f in report.decisions.findings:
        kind = kinds.get(f.detection.document)
        rows.append(
            row(kind, f.detection.entity, f.action.value, f.rule, f.severity.value, f.cps_type)
        )
    rows.extend(
        row(page_kind.get(a.page), "", a.action.value, PAGE_ACTION, "", a.cps_reason)
        for a in report.decisions.page_actions
    )
    return rows


def append_log(path: Path, rows: Sequence[LogRow], log_format: LogFormat) -> None:
    """Append ``rows`` to the log at ``path``, creating it owner-readable only.

    With no rows this only creates or checks the log, so a caller can find a
    bad log path before a long scan rather than after it.

    Raises:
        OutputError: the log cannot be created or written.
        UsageError: the file exists but is not a log of that format.
    """
    try:
        if not path.exists():
            os.close(os.open(path, os.O_CREAT | os.O_WRONLY, 0o600))
        if log_format is LogFormat.SQLITE:
            _append_sqlite(path, rows)
        else:
            _append_csv(path, rows)
    except sqlite3.DatabaseError as exc:
        raise UsageError(f"{path} is not an idpc-guard SQLite log: {exc}") from exc
    except OSError as exc:
        raise OutputError(f"cannot write the log {path}: {exc.strerror or exc}") from exc


def _column(name: str) -> str:
    kind = "INTEGER" if name == "police_material" else "TEXT"
    default = f" DEFAULT '{ADDED_COLUMNS[name]}'" if name in ADDED_COLUMNS else ""
    return f"{name} {kind} NOT NULL{default}"


_CREATE = "CREATE TABLE IF NOT EXISTS redactions (" + ", ".join(map(_column, COLUMNS)) + ")"


def _missing_columns(db: sqlite3.Connection, table: str = "main.redactions") -> list[str]:
    schema, name = table.split(".")
    have = {row[1] for row in db.execute(f"PRAGMA {schema}.table_info({name})")}
    return [c for c in ADDED_COLUMNS if c not in have]


def _append_sqlite(path: Path, rows: Sequence[LogRow]) -> None:
    with contextlib.closing(sqlite3.connect(path)) as db, db:
        db.execute(_CREATE)
        for column in _missing_columns(db):  # a log written before the column was added
            db.execute(f"ALTER TABLE redactions ADD COLUMN {_column(column)}")
        marks = ", ".join("?" for _ in COLUMNS)
        db.executemany(
            f"INSERT INTO redactions ({', '.join(COLUMNS)}) VALUES ({marks})",
            [astuple(r) for r in rows],
        )


def _append_csv(path: Path, rows: Sequence[LogRow]) -> None:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    header = COLUMNS
    if path.stat().st_size == 0:
        writer.writerow(COLUMNS)
    else:
        with path.open(encoding="utf-8", errors="replace", newline="") as handle:
            header = tuple(next(csv.reader(handle), ()))
            if header not in (COLUMNS, FIRST_COLUMNS):
                raise UsageError(f"{path} is not an idpc-guard CSV log (wrong header)")
    # A log written before the added columns is appended to as it is, without them.
    writer.writerows(astuple(r)[: len(header)] for r in rows)
    # One write call: concurrent appenders interleave whole scans, not half rows.
    with path.open("a", encoding="utf-8", newline="") as handle:
        handle.write(buffer.getvalue())


@contextlib.contextmanager
def open_log(path: Path) -> Iterator[sqlite3.Connection]:
    """The log at ``path`` as a read-only SQLite connection (a CSV log is loaded in memory).

    Raises:
        UsageError: the file is missing or is not a log.
    """
    if not path.is_file():
        raise UsageError(f"no log at {path}")
    with path.open("rb") as handle:
        is_sqlite = handle.read(16) == b"SQLite format 3\x00"
    try:
        if is_sqlite:
            db = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
            missing = _missing_columns(db)
            if missing:
                # A log written before the added columns: read through a view that
                # gives them their default (a TEMP view leaves the file untouched).
                added = ", ".join(f"'{ADDED_COLUMNS[c]}' AS {c}" for c in missing)
                db.execute(f"CREATE TEMP VIEW redactions AS SELECT *, {added} FROM main.redactions")
        else:
            db = sqlite3.connect(":memory:")
            db.execute(_CREATE)
            with path.open(encoding="utf-8", newline="") as handle:
                reader = csv.reader(handle)
                header = tuple(next(reader, ()))
                if header not in (COLUMNS, FIRST_COLUMNS):
                    raise UsageError(f"{path} is not an idpc-guard CSV log (wrong header)")
                db.executemany(
                    f"INSERT INTO redactions ({', '.join(header)}) "
                    f"VALUES ({', '.join('?' for _ in header)})",
                    reader,
                )
        db.execute("SELECT count(*) FROM redactions").fetchone()
    except sqlite3.DatabaseError as exc:
        raise UsageError(f"{path} is not an idpc-guard log: {exc}") from exc
    except (UnicodeDecodeError, csv.Error):
        raise UsageError(
            f"{path} is not an idpc-guard log (neither SQLite nor the CSV that --log writes): "
            "give the file that scan --log wrote"
        ) from None
    try:
        yield db
    finally:
        db.close()


def export_csv(path: Path, out: Path) -> int:
    """Write the log at ``path`` as CSV to ``out`` (atomically, owner-only); the row count."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(COLUMNS)
    with open_log(path) as db:
        rows = db.execute(f"SELECT {', '.join(COLUMNS)} FROM redactions ORDER BY rowid").fetchall()
    writer.writerows(rows)
    write_atomic(out, buffer.getvalue().encode("utf-8"))
    return len(rows)
