"""How fast ``log verify`` checks the hash chain of a log of 1,000 scans, against a baseline.

Builds a synthetic log of ``--scans`` scans (default 1,000; 20-80 invented rows each,
as ``bench_log_summary.py`` makes them), one append per scan as in use, in SQLite and
CSV. The baseline, measured in the same run, is reading every record of the log in
its order without verifying it (what any check of the chain must at least do). Figures
are medians of ``--repeat`` runs, wall-clock and CPU seconds of this process (on a
shared machine the CPU figure is the steadier); the acceptance bound is under 1 s for
1,000 scans. It also checks that the untouched logs verify and that an edited one does not.

    .venv/bin/python benchmarks/bench_log_verify.py [--scans 1000] [--repeat 5]
"""

from __future__ import annotations

import argparse
import csv
import random
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "src"))

from benchmarks import bench_log_summary  # noqa: E402
from benchmarks.bench_log_summary import scan_rows  # noqa: E402
from idpc_guard.log.store import LogFormat, append_log, open_log, verify_log  # noqa: E402


def read_in_order(path: Path) -> int:
    """The baseline: every record of the log, in order, as verify reads them."""
    if path.suffix == ".csv":
        with path.open(encoding="utf-8", newline="") as handle:
            return len(list(csv.reader(handle)))
    with open_log(path) as db:
        return len(db.execute("SELECT * FROM redactions ORDER BY rowid").fetchall())


def median_times(fn: Callable[[], object], repeat: int) -> tuple[float, float]:
    """Median wall-clock and CPU seconds of ``repeat`` calls."""
    wall, cpu = [], []
    for _ in range(repeat):
        w0, c0 = time.perf_counter(), time.process_time()
        fn()
        wall.append(time.perf_counter() - w0)
        cpu.append(time.process_time() - c0)
    return statistics.median(wall), statistics.median(cpu)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--scans", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    bench_log_summary.SCANS = args.scans
    rng = random.Random(24)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        logs = {"sqlite": folder / "log.db", "csv": folder / "log.csv"}
        t0 = time.perf_counter()
        rows = 0
        appends: list[float] = []
        for scan in range(args.scans):
            batch = scan_rows(rng, scan)
            rows += len(batch)
            t1 = time.perf_counter()
            append_log(logs["sqlite"], batch, LogFormat.SQLITE)
            appends.append(time.perf_counter() - t1)
            append_log(logs["csv"], batch, LogFormat.CSV)
        build = time.perf_counter() - t0
        cases: list[tuple[str, tuple[float, float]]] = []
        for name, path in logs.items():
            check = verify_log(path)
            assert not check.problem and check.records == rows, check
            baseline = median_times(lambda p=path: read_in_order(p), args.repeat)  # type: ignore[misc]
            cases.append((f"baseline: read in order ({name})", baseline))
            cases.append(
                (f"log verify ({name})", median_times(lambda p=path: verify_log(p), args.repeat))  # type: ignore[misc]
            )
        with sqlite3.connect(logs["sqlite"]) as db:
            db.execute("UPDATE redactions SET entity = 'UK_NHS' WHERE rowid = ?", (rows // 2,))
        edited = verify_log(logs["sqlite"])
        assert edited.bad_record == rows // 2, edited
    appends.sort()
    print(
        f"{args.scans} scans, {rows} records; building both logs took {build:.1f} s "
        f"(one SQLite append: median {appends[len(appends) // 2] * 1000:.1f} ms)"
    )
    print(f"{'case':<32} {'wall s':>8} {'cpu s':>8} {'x baseline':>11} {'under 1 s':>10}")
    base: dict[str, float] = {}
    for name, (wall, cpu) in cases:
        kind = name.rsplit("(", 1)[1]
        base.setdefault(kind, wall)
        ok = "yes" if wall < 1.0 else "NO"
        print(f"{name:<32} {wall:>8.3f} {cpu:>8.3f} {wall / base[kind]:>11.1f} {ok:>10}")
    print(f"an edited record is found: record {edited.bad_record} ({edited.problem})")


if __name__ == "__main__":
    main()
