"""Batch scanning on 1 worker vs N workers, on the same generated bundles in the same run.

    .venv/bin/python benchmarks/bench_batch.py [--bundles 20] [--pages 10] [--jobs 2]

Each configuration runs the real command line (`idpc-guard scan FOLDER --jobs N
--force`) so start-up and model loading are included. The start-up alone (a process
that imports the command line and builds a `Scanner`, as the batch does before its
pool starts) is timed in the same run too, and a second speed-up is printed without
it: it is paid once whatever the number of workers, so it caps the first one.
"""

from __future__ import annotations

import argparse
import importlib.util
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _fixtures_module():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location(
        "make_fixtures", ROOT / "fixtures" / "make_fixtures.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["make_fixtures"] = module
    spec.loader.exec_module(module)
    return module


def _run(folder: Path, jobs: int) -> float:
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "idpc_guard", "scan", str(folder), "--jobs", str(jobs), "--force"],
        capture_output=True,
        check=False,
    )
    return time.perf_counter() - started


_STARTUP = "import idpc_guard.cli\nfrom idpc_guard import Scanner\nScanner(workers=1)\n"


def _startup() -> float:
    started = time.perf_counter()
    subprocess.run([sys.executable, "-c", _STARTUP], capture_output=True, check=True)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bundles", type=int, default=20)
    parser.add_argument("--pages", type=int, default=10)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--repeat", type=int, default=1)
    args = parser.parse_args()
    make = _fixtures_module()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for i in range(args.bundles):
            (folder / f"bundle_{i:03d}.pdf").write_bytes(make.make_bundle(args.pages, seed=i))
        one = min(_run(folder, 1) for _ in range(args.repeat))
        many = min(_run(folder, args.jobs) for _ in range(args.repeat))
    start = min(_startup() for _ in range(max(3, args.repeat)))
    pages = args.bundles * args.pages
    print(f"{'workers':>8} {'seconds':>8} {'pages/s':>8} {'speed-up':>9} {'after start-up':>15}")
    print(f"{1:>8} {one:>8.1f} {pages / one:>8.1f} {1.0:>9.2f} {1.0:>15.2f}")
    after = (one - start) / (many - start)
    print(f"{args.jobs:>8} {many:>8.1f} {pages / many:>8.1f} {one / many:>9.2f} {after:>15.2f}")
    print(
        f"{args.bundles} bundles x {args.pages} pages; best of {args.repeat}; "
        "speed-up = 1-worker time / N-worker time in this run; after start-up = the same "
        f"without the start-up ({start:.2f} s here: interpreter, command line, Scanner())"
    )


if __name__ == "__main__":
    main()
