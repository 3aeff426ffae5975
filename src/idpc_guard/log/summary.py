"""Counts and trends from a redaction log: by month, offence family, entity, CPS type..."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from idpc_guard.log.store import log_columns, open_log

_COUNTS = (
    "count(DISTINCT scan_id), "
    "sum(item = 'finding' AND action = 'redact'), "
    "sum(item = 'finding' AND action = 'review'), "
    "sum(item = 'finding' AND action = 'keep'), "
    "sum(item = 'page'), "
    "sum(police_material)"
)
_GROUPS = {
    "month": "substr(scanned_at, 1, 7)",
    "offence_family": "offence_family",
    "document_kind": "document_kind",
    "entity": "entity",
    # Findings by CPS redaction type, pages by CPS deletion reason: one vocabulary.
    "cps_type": "cps_type",
}


@dataclass(frozen=True, slots=True)
class Breakdown:
    """Counts for one value of a grouping (a month, an offence family...)."""

    key: str
    scans: int
    redact: int
    review: int
    keep: int
    pages_removed: int
    police_material: int


@dataclass(frozen=True, slots=True)
class LogSummary:
    """What a log says in total and broken down. No personal data: keys are vocabularies."""

    scans: int
    rows: int
    first: str
    last: str
    reviewers: int
    by_month: tuple[Breakdown, ...]
    by_offence_family: tuple[Breakdown, ...]
    by_document_kind: tuple[Breakdown, ...]
    by_entity: tuple[Breakdown, ...]
    #: By the CPS casework system's redaction type (and, for pages, deletion reason);
    #: rows logged before the CPS types were recorded count under ``-``.
    by_cps_type: tuple[Breakdown, ...] = ()


def summarise_log(path: Path) -> LogSummary:
    """Summarise the log at ``path`` (SQLite or CSV).

    Raises:
        UsageError: the file is missing or is not a log.
    """
    with open_log(path) as db:
        # Scans only: an apply, a rescan or a sample check is a later event on a scan.
        scans_only = "event IN ('', 'scan')" if "event" in log_columns(db) else "1"
        scans, rows, first, last, reviewers = db.execute(
            "SELECT count(DISTINCT scan_id), count(*), min(scanned_at), max(scanned_at), "
            f"count(DISTINCT nullif(reviewer, '')) FROM redactions WHERE {scans_only}"
        ).fetchone()
        groups: dict[str, tuple[Breakdown, ...]] = {}
        columns = log_columns(db)
        for name, expression in _GROUPS.items():
            if name == "cps_type" and name not in columns:
                expression = "''"  # a log written before the CPS types: every row under "-"
            where = f"WHERE {scans_only}"
            if name == "entity":
                where += " AND item = 'finding'"
            elif name == "document_kind":
                where += " AND item != 'event'"  # a clear scan's one row has no document
            order = "key" if name == "month" else "2 DESC, key"
            found = db.execute(
                f"SELECT {expression} AS key, {_COUNTS} FROM redactions {where} "
                f"GROUP BY key ORDER BY {order}"
            ).fetchall()
            groups[name] = tuple(Breakdown(str(k or "-"), *map(int, rest)) for k, *rest in found)
    return LogSummary(
        scans=int(scans),
        rows=int(rows),
        first=first or "",
        last=last or "",
        reviewers=int(reviewers),
        by_month=groups["month"],
        by_offence_family=groups["offence_family"],
        by_document_kind=groups["document_kind"],
        by_entity=groups["entity"],
        by_cps_type=groups["cps_type"],
    )
