"""The redaction log: one row per finding and page action, without the personal data.

Every scan can append to a log kept by a team (SQLite by default, or CSV), so
that redaction is recorded consistently and figures can be drawn from it:
what was found, in which kind of document, what was done and under which rule.
A row never holds a value, a name or any text from the bundle: only the case
reference (URN), the offences as charged and closed vocabularies.

Each row is also a record of a hash chain (:mod:`idpc_guard.log.chain`): it says which
event it belongs to (scan, apply, rescan, sample-check), the tool version, the rules'
fingerprint, who ran the command, and carries its number, the hash of the record
before it and its own. Appends from several processes take turns (SQLite's
``BEGIN IMMEDIATE``; for CSV an exclusive lock on ``LOG.lock`` beside the log), so the
chain never forks. A log written before the chain is migrated on its next append: its
columns are added, empty, to the old rows, which the first new record then seals.
"""

from __future__ import annotations

import contextlib
import csv
import dataclasses
import fcntl
import getpass
import io
import os
import sqlite3
import uuid
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import astuple, dataclass, fields
from datetime import UTC, datetime
from enum import StrEnum
from pathlib import Path

from idpc_guard._atomic import write_atomic
from idpc_guard._version import __version__
from idpc_guard.errors import OutputError, UsageError
from idpc_guard.log.chain import CHAIN_COLUMNS, GENESIS, ChainCheck, check_chain, record_hash
from idpc_guard.model import Decisions, DocumentKind, Report
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
    # The trail: which event, made by which version under which rules, by whom, and why.
    event: str = "scan"  # scan, apply, rescan, sample-check
    tool_version: str = ""
    rules: str = ""  # fingerprint of the rules in force (the report's tool.rules)
    reason: str = ""  # the rule's reason, or a page action's
    run_by: str = ""  # who ran the command (see run_by())
    #: The CPS casework system's redaction type, or for a page its deletion reason.
    cps_type: str = ""


#: The columns of a log written before the trail: a log must have at least these.
LEGACY_COLUMNS = (
    "scan_id", "scanned_at", "urn", "offences", "offence_family", "document_kind",
    "police_material", "item", "entity", "action", "rule", "severity", "reviewer",
)  # fmt: skip
#: A log's columns: the row's, then the chain's (number, previous hash, own hash).
COLUMNS = tuple(f.name for f in fields(LogRow)) + CHAIN_COLUMNS

#: Who ran a command, when the environment says (else the account's login name).
USER_VARIABLE = "IDPC_GUARD_USER"


def run_by() -> str:
    """Who is running this command: ``$IDPC_GUARD_USER``, else the login name, else the uid."""
    named = os.environ.get(USER_VARIABLE, "").strip()
    if named:
        return named
    try:
        return getpass.getuser()
    except (OSError, KeyError):
        return f"uid {os.getuid()}"


def offence_family(offences: Sequence[str]) -> str:
    """The family of the first offence that matches a keyword, else ``other``."""
    for offence in offences:
        text = offence.lower()
        for family, words in _FAMILIES:
            if any(word in text for word in words):
                return family
    return "other" if offences else "unknown"


@dataclass(frozen=True, slots=True, kw_only=True)
class Event:
    """What every record of one event shares: which event, on which case, by whom."""

    kind: str = "scan"  # scan, apply, rescan, sample-check
    urn: str = ""
    offences: tuple[str, ...] = ()
    rules: str = ""
    reviewer: str = ""
    #: Who ran the command (default: :func:`run_by`).
    user: str | None = None
    when: datetime | None = None


def log_rows(
    report: Report,
    *,
    reviewer: str = "",
    when: datetime | None = None,
    event: str = "scan",
    user: str | None = None,
) -> list[LogRow]:
    """The log rows of one event on a report: a row per finding and one per page action.

    An event with neither (a clear scan) still leaves one row, ``item`` ``event``, whose
    action is the verdict: the trail shows every scan.
    """
    about = Event(
        kind=event,
        urn=report.case.urn or "",
        offences=report.case.offences,
        rules=report.rules_fingerprint,
        reviewer=reviewer,
        user=user,
        when=when,
    )
    return decision_rows(
        report.decisions,
        about,
        {d.index: d.kind for d in report.documents},
        {p: d.kind for d in report.documents for p in d.pages},
    )


def decision_rows(
    decisions: Decisions,
    event: Event,
    document_kinds: Mapping[int, DocumentKind],
    page_kinds: Mapping[int, DocumentKind],
) -> list[LogRow]:
    """The log rows of ``decisions``: one per finding and page action, else one event row.

    ``document_kinds`` gives each document's kind by index, ``page_kinds`` each page's
    (0-based) by the document it is in.
    """
    # One moment and one user for every record of the event.
    event = dataclasses.replace(
        event,
        when=event.when or datetime.now(UTC),
        user=event.user if event.user is not None else run_by(),
    )
    rows = [
        event_row(
            event,
            item="finding",
            kind=document_kinds.get(f.detection.document),
            entity=f.detection.entity,
            action=f.action.value,
            rule=f.rule,
            severity=f.severity.value,
            reason=f.reason,
            cps_type=f.cps_type,
        )
        for f in decisions.findings
    ]
    rows.extend(
        event_row(
            event,
            item="page",
            kind=page_kinds.get(a.page),
            action=a.action.value,
            rule=PAGE_ACTION,
            reason=a.reason,
            cps_type=a.cps_reason,
        )
        for a in decisions.page_actions
    )
    scan_id = uuid.uuid4().hex
    rows = [dataclasses.replace(r, scan_id=scan_id) for r in rows]
    return rows or [event_row(event, item="event", action=decisions.verdict.value)]


def event_row(  # noqa: PLR0913 - one keyword per column that varies
    event: Event,
    *,
    item: str,
    kind: DocumentKind | None = None,
    entity: str = "",
    action: str = "",
    rule: str = "",
    severity: str = "",
    reason: str = "",
    cps_type: str = "",
) -> LogRow:
    """One record of ``event``: a finding, a page action, or the event itself (``event``)."""
    moment = (event.when or datetime.now(UTC)).astimezone(UTC).isoformat(timespec="seconds")
    return LogRow(
        scan_id=uuid.uuid4().hex,
        scanned_at=moment,
        urn=event.urn,
        offences="; ".join(event.offences),
        offence_family=offence_family(event.offences),
        document_kind=kind.value if kind else "",
        police_material=int(kind in POLICE_MATERIAL),
        item=item,
        entity=entity,
        action=action,
        rule=rule,
        severity=severity,
        reviewer=event.reviewer,
        event=event.kind,
        tool_version=__version__,
        rules=event.rules,
        reason=" ".join(reason.split()),  # one line: a CSV record is one line
        run_by=event.user if event.user is not None else run_by(),
        cps_type=cps_type,
    )


def append_log(path: Path, rows: Sequence[LogRow], log_format: LogFormat) -> None:
    """Append ``rows`` to the log at ``path`` as chained records, creating it owner-only.

    With no rows this only creates or checks the log (and migrates a log written before
    the chain), so a caller can find a bad log path before a long scan rather than after.

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
    except sqlite3.OperationalError as exc:
        if "locked" in str(exc) or "busy" in str(exc):
            raise OutputError(f"the log {path} stayed locked by another process: {exc}") from exc
        raise UsageError(f"{path} is not an idpc-guard SQLite log: {exc}") from exc
    except sqlite3.DatabaseError as exc:
        raise UsageError(f"{path} is not an idpc-guard SQLite log: {exc}") from exc
    except OSError as exc:
        raise OutputError(f"cannot write the log {path}: {exc.strerror or exc}") from exc


def log_format_of(path: Path, default: LogFormat = LogFormat.SQLITE) -> LogFormat:
    """The format of the log at ``path`` (SQLite or CSV).

    A new (or empty) log is CSV if its name ends in ``.csv``, else ``default``.
    """
    try:
        with path.open("rb") as handle:
            head = handle.read(16)
    except OSError:
        head = b""
    if not head:
        return LogFormat.CSV if path.suffix.lower() == ".csv" else default
    return LogFormat.SQLITE if head == _SQLITE_MAGIC else LogFormat.CSV


_SQLITE_MAGIC = b"SQLite format 3\x00"
#: Seconds an append waits for another process's append to finish.
_LOCK_SECONDS = 60.0


def _sql_type(column: str) -> str:
    return (
        "INTEGER NOT NULL DEFAULT 0" if column == "police_material" else "TEXT NOT NULL DEFAULT ''"
    )


_CREATE = (
    "CREATE TABLE IF NOT EXISTS redactions ("
    + ", ".join(f"{c} {_sql_type(c)}" for c in COLUMNS)
    + ")"
)
_INSERT = (
    f"INSERT INTO redactions ({', '.join(COLUMNS)}) VALUES ({', '.join('?' for _ in COLUMNS)})"
)


def _check_columns(path: Path, present: Sequence[str], kind: str) -> None:
    if not set(LEGACY_COLUMNS) <= set(present):
        raise UsageError(f"{path} is not an idpc-guard {kind} log (wrong columns)")


def _chained(rows: Sequence[LogRow], prev: str, count: int) -> list[tuple[object, ...]]:
    """``rows`` as records of the chain after ``count`` records ending in ``prev``."""
    records = []
    for number, row in enumerate(rows, count + 1):
        values: list[object] = [*astuple(row), str(number), prev, ""]
        prev = values[-1] = record_hash(COLUMNS, values)
        records.append(tuple(values))
    return records


def _append_sqlite(path: Path, rows: Sequence[LogRow]) -> None:
    # Autocommit mode, so that BEGIN IMMEDIATE is ours: it takes the write lock before
    # the head is read, and another process's append waits for it (the chain never forks).
    db = sqlite3.connect(path, timeout=_LOCK_SECONDS, isolation_level=None)
    try:
        db.execute("BEGIN IMMEDIATE")
        try:
            db.execute(_CREATE)
            present = [r[1] for r in db.execute("PRAGMA table_info(redactions)")]
            _check_columns(path, present, "SQLite")
            for column in COLUMNS:
                if column not in present:  # a log from before the chain: migrated
                    db.execute(f"ALTER TABLE redactions ADD COLUMN {column} {_sql_type(column)}")
            if rows:
                prev, count = _sqlite_head(db)
                db.executemany(_INSERT, _chained(rows, prev, count))
            db.execute("COMMIT")
        except BaseException:
            if db.in_transaction:
                db.execute("ROLLBACK")
            raise
    finally:
        db.close()


def _sqlite_head(db: sqlite3.Connection) -> tuple[str, int]:
    """The hash of the last record and the number of records."""
    (count,) = db.execute("SELECT count(*) FROM redactions").fetchone()
    last = db.execute("SELECT hash FROM redactions ORDER BY rowid DESC LIMIT 1").fetchone()
    if last is None:
        return GENESIS, 0
    if last[0]:
        return str(last[0]), int(count)
    cursor = db.execute("SELECT * FROM redactions ORDER BY rowid")
    names = [d[0] for d in cursor.description]
    return check_chain(names, cursor).head, int(count)


@contextlib.contextmanager
def _locked(path: Path) -> Iterator[None]:
    """An exclusive lock on ``LOG.lock`` beside the log (left there: removing it would race)."""
    lock = path.with_name(f"{path.name}.lock")
    fd = os.open(lock, os.O_CREAT | os.O_RDWR, 0o600)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # closing releases the lock


def _append_csv(path: Path, rows: Sequence[LogRow]) -> None:
    with _locked(path):
        if path.stat().st_size == 0:
            header: tuple[str, ...] = ()
            buffer = io.StringIO()
            csv.writer(buffer).writerow(COLUMNS)
            _write_csv_tail(path, buffer.getvalue())
        else:
            with path.open(encoding="utf-8", errors="replace", newline="") as handle:
                header = tuple(next(csv.reader(handle), ()))
            _check_columns(path, header, "CSV")
            if header != COLUMNS:
                _migrate_csv(path, header)
        if not rows:
            return
        prev, count = _csv_head(path)
        buffer = io.StringIO()
        csv.writer(buffer).writerows(_chained(rows, prev, count))
        _write_csv_tail(path, buffer.getvalue())


def _write_csv_tail(path: Path, text: str) -> None:
    # One write call under the lock: whole records, never half rows.
    with path.open("a", encoding="utf-8", newline="") as handle:
        handle.write(text)
        handle.flush()
        os.fsync(handle.fileno())


def _migrate_csv(path: Path, header: Sequence[str]) -> None:
    """Rewrite a CSV log of other columns with the current ones (new columns empty)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(COLUMNS)
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.reader(handle)
        next(reader)
        for values in reader:
            record = dict(zip(header, values, strict=False))
            writer.writerow(record.get(c, "") for c in COLUMNS)
    write_atomic(path, buffer.getvalue().encode("utf-8"))


def _csv_head(path: Path) -> tuple[str, int]:
    """The hash of the last record and the number of records (the tail read only)."""
    at_hash, at_seq = COLUMNS.index("hash"), COLUMNS.index("seq")
    with path.open("rb") as handle:
        handle.seek(max(0, path.stat().st_size - 65536))
        tail = handle.read().rstrip(b"\r\n")
    if b"\n" in tail:
        line = tail.rsplit(b"\n", 1)[-1].decode("utf-8", errors="replace")
        last = next(csv.reader([line]), [])
        if len(last) == len(COLUMNS) and last[at_hash] and last[at_seq].isdigit():
            return last[at_hash], int(last[at_seq])
    # A log with no record yet, or whose last record is unchained: read it all.
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.reader(handle)
        names = next(reader)
        records = list(reader)
    if not records:
        return GENESIS, 0
    return check_chain(names, records).head, len(records)


@contextlib.contextmanager
def open_log(path: Path) -> Iterator[sqlite3.Connection]:
    """The log at ``path`` as a read-only SQLite connection (a CSV log is loaded in memory).

    The table ``redactions`` has the log's own columns: a log written before the chain
    lacks the chain's (see :func:`log_columns`); its rows are in their order of rowid.

    Raises:
        UsageError: the file is missing or is not a log.
    """
    if not path.is_file():
        raise UsageError(f"no log at {path}")
    with path.open("rb") as handle:
        is_sqlite = handle.read(16) == _SQLITE_MAGIC
    try:
        if is_sqlite:
            db = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
            _check_columns(path, log_columns(db), "SQLite")
        else:
            db = sqlite3.connect(":memory:")
            with path.open(encoding="utf-8", newline="") as handle:
                reader = csv.reader(handle)
                header = tuple(next(reader, ()))
                if not set(LEGACY_COLUMNS) <= set(header) or len(set(header)) != len(header):
                    raise UsageError(f"{path} is not an idpc-guard CSV log (wrong header)")
                if not all(name.isidentifier() for name in header):
                    raise UsageError(f"{path} is not an idpc-guard CSV log (wrong header)")
                db.execute(
                    "CREATE TABLE redactions ("
                    + ", ".join(f"{c} {_sql_type(c)}" for c in header)
                    + ")"
                )
                db.executemany(
                    f"INSERT INTO redactions VALUES ({', '.join('?' for _ in header)})", reader
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


def log_columns(db: sqlite3.Connection) -> tuple[str, ...]:
    """The columns of the log open as ``db`` (fewer than :data:`COLUMNS` in an old log)."""
    return tuple(str(r[1]) for r in db.execute("PRAGMA table_info(redactions)"))


def export_csv(path: Path, out: Path) -> int:
    """Write the log at ``path`` as CSV to ``out`` (atomically, owner-only); the row count.

    Every column is written, the chain's included, so the export verifies as the log does.
    """
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    with open_log(path) as db:
        cursor = db.execute("SELECT * FROM redactions ORDER BY rowid")
        columns = [d[0] for d in cursor.description]
        rows = cursor.fetchall()
    writer.writerow(columns)
    writer.writerows(rows)
    write_atomic(out, buffer.getvalue().encode("utf-8"))
    return len(rows)


def verify_log(path: Path, anchor: str | None = None) -> ChainCheck:
    """Check the hash chain of the log at ``path`` (see :mod:`idpc_guard.log.chain`).

    Raises:
        UsageError: the file is missing or is not a log.
    """
    if log_format_of(path) is LogFormat.CSV and path.is_file():
        # Read straight from the file: loading it into SQLite first would double the time.
        try:
            with path.open(encoding="utf-8", newline="") as handle:
                reader = csv.reader(handle)
                header = list(next(reader, ()))
                if not set(LEGACY_COLUMNS) <= set(header):
                    raise UsageError(f"{path} is not an idpc-guard CSV log (wrong header)")
                return _verify_rows(header, reader, anchor)
        except (UnicodeDecodeError, csv.Error):
            raise UsageError(
                f"{path} is not an idpc-guard log (neither SQLite nor the CSV that --log "
                "writes): give the file that scan --log wrote"
            ) from None
    with open_log(path) as db:
        cursor = db.execute("SELECT * FROM redactions ORDER BY rowid")
        return _verify_rows([d[0] for d in cursor.description], cursor, anchor)


def _verify_rows(
    names: list[str], rows: Iterable[Sequence[object]], anchor: str | None
) -> ChainCheck:
    extra = [c for c in CHAIN_COLUMNS if c not in names]
    if extra:  # never appended to since the chain: every record unchained
        pad = ("",) * len(extra)
        return check_chain([*names, *extra], ((*row, *pad) for row in rows), anchor)
    return check_chain(names, rows, anchor)
