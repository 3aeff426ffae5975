"""How fast a large redaction log summarises, against a baseline measured in the same run.

Builds a synthetic log of ``--scans`` scans (default 1,200) spread over 18 months,
each with 20-80 rows of invented findings and page actions, in SQLite and CSV.
The baseline is reading every row of the SQLite log into Python (``SELECT *``):
the least any summary must touch. Figures are medians of ``--repeat`` runs, quoted
as ratios to that baseline; absolute seconds are printed for the acceptance
bound (a log of >= 1,000 scans summarises in under 2 s).

    .venv/bin/python benchmarks/bench_log_summary.py [--scans 1200] [--repeat 5] [--chart out.png]
"""

from __future__ import annotations

import argparse
import contextlib
import random
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from idpc_guard.log.store import (  # noqa: E402
    POLICE_MATERIAL,
    LogFormat,
    LogRow,
    append_log,
    offence_family,
)
from idpc_guard.log.summary import summarise_log  # noqa: E402

OFFENCES = [
    "Burglary (dwelling)",
    "Assault occasioning actual bodily harm",
    "Theft from a shop",
    "Sexual assault",
    "Possession of cannabis with intent to supply",
    "Criminal damage",
    "Dangerous driving",
    "Robbery",
    "Harassment",
    "Perverting the course of justice",
]
KINDS = ["case_summary", "witness_statement", "witness_contact_details", "witness_list",
         "unused_material_schedule", "previous_convictions", "medical_record", "fee_note",
         "exhibit_image", "interview_record"]  # fmt: skip
ENTITIES = ["PERSON", "UK_ADDRESS", "UK_POSTCODE", "PHONE_NUMBER", "EMAIL_ADDRESS", "DATE_OF_BIRTH",
            "UK_NHS", "UK_NINO", "VEHICLE_REGISTRATION", "BANK_DETAILS"]  # fmt: skip
ACTIONS = ["redact"] * 5 + ["keep"] * 4 + ["review"]
SEVERITIES = ["critical", "high", "medium", "low"]


def scan_rows(rng: random.Random, scan: int) -> list[LogRow]:
    month = 1 + scan * 18 // SCANS
    year, month = 2025 + (month - 1) // 12, (month - 1) % 12 + 1
    when = f"{year}-{month:02d}-{rng.randint(1, 28):02d}T{rng.randint(8, 18):02d}:00:00+00:00"
    offences = [rng.choice(OFFENCES)]
    rows = []
    for _ in range(rng.randint(20, 80)):
        kind = rng.choice(KINDS)
        page = rng.random() < 0.03
        rows.append(
            LogRow(
                scan_id=f"{scan:08x}",
                scanned_at=when,
                urn=f"{rng.randint(1, 99):02d}XX{rng.randint(0, 9999999):07d}",
                offences="; ".join(offences),
                offence_family=offence_family(offences),
                document_kind=kind,
                police_material=int(kind in {k.value for k in POLICE_MATERIAL}),
                item="page" if page else "finding",
                entity="" if page else rng.choice(ENTITIES),
                action="remove" if page else rng.choice(ACTIONS),
                rule="page-action" if page else f"rule-{rng.randint(1, 30)}",
                severity="" if page else rng.choice(SEVERITIES),
                reviewer=f"reviewer-{rng.randint(1, 12)}",
            )
        )
    return rows


def median_time(fn: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def read_all(path: Path) -> None:
    with contextlib.closing(sqlite3.connect(path)) as db:
        db.execute("SELECT * FROM redactions").fetchall()


SCANS = 1200


def main() -> None:
    global SCANS
    parser = argparse.ArgumentParser()
    parser.add_argument("--scans", type=int, default=SCANS)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--chart", type=Path, help="also draw the chart here")
    args = parser.parse_args()
    SCANS = args.scans
    rng = random.Random(8)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        sqlite_log, csv_log = folder / "log.db", folder / "log.csv"
        t0 = time.perf_counter()
        total_rows = 0
        for scan in range(SCANS):
            rows = scan_rows(rng, scan)
            total_rows += len(rows)
            append_log(sqlite_log, rows, LogFormat.SQLITE)  # one append per scan, as in use
            append_log(csv_log, rows, LogFormat.CSV)
        build = time.perf_counter() - t0
        summary = summarise_log(sqlite_log)
        assert summary.scans == SCANS, summary.scans
        assert summarise_log(csv_log) == summary
        baseline = median_time(lambda: read_all(sqlite_log), args.repeat)
        cases: list[tuple[str, float]] = [
            ("baseline: SELECT * (sqlite)", baseline),
            ("log summary (sqlite)", median_time(lambda: summarise_log(sqlite_log), args.repeat)),
            ("log summary (csv)", median_time(lambda: summarise_log(csv_log), args.repeat)),
        ]
        if args.chart is not None:
            from idpc_guard.log.chart import write_chart

            cases.append(
                ("summary + chart (sqlite)",
                 median_time(lambda: write_chart(summarise_log(sqlite_log), args.chart), 1))
            )  # fmt: skip
    print(f"{SCANS} scans, {total_rows} rows; building both logs took {build:.1f} s")
    print(f"{'case':<28} {'seconds':>9} {'x baseline':>11} {'under 2 s':>10}")
    for name, seconds in cases:
        ok = "yes" if seconds < 2.0 else "NO"
        print(f"{name:<28} {seconds:>9.3f} {seconds / baseline:>11.1f} {ok:>10}")


if __name__ == "__main__":
    main()
