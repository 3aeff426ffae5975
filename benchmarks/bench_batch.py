"""Batch scanning on 1 worker vs N workers, on the same generated bundles in the same run.

    .venv/bin/python benchmarks/bench_batch.py [--bundles 20] [--pages 10 40] [--jobs 2]

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


_STARTUP = "import idpc_guard.cli.app\nfrom idpc_guard import Scanner\nScanner(workers=1)\n"


def _startup() -> float:
    started = time.perf_counter()
    subprocess.run([sys.executable, "-c", _STARTUP], capture_output=True, check=True)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bundles", type=int, default=20)
    parser.add_argument("--pages", type=int, nargs="+", default=[10])
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--repeat", type=int, default=1)
    args = parser.parse_args()
    make = _fixtures_module()
    start = min(_startup() for _ in range(max(3, args.repeat)))
    print(
        f"{'bundles':>12} {'1 worker s':>11} {f'{args.jobs} workers s':>12} {'speed-up':>9} "
        f"{'after start-up':>15} {'cap':>6}"
    )
    for pages in args.pages:
        with tempfile.TemporaryDirectory() as tmp:
            folder = Path(tmp)
            for i in range(args.bundles):
                (folder / f"bundle_{i:03d}.pdf").write_bytes(make.make_bundle(pages, seed=i))
            one, many = float("inf"), float("inf")
            for _ in range(args.repeat):  # the two configurations take turns
                one = min(one, _run(folder, 1))
                many = min(many, _run(folder, args.jobs))
        after = (one - start) / (many - start)
        # The most N workers could give with the start-up paid once: the rest divided by N.
        cap = one / (start + (one - start) / args.jobs)
        print(
            f"{f'{args.bundles} x {pages} pp':>12} {one:>11.1f} {many:>12.1f} {one / many:>9.2f} "
            f"{after:>15.2f} {cap:>6.2f}"
        )
    print(
        f"best of {args.repeat}; speed-up = 1-worker time / N-worker time in this run; after "
        f"start-up = the same without the start-up ({start:.2f} s here: interpreter, command "
        "line, Scanner()); cap = the speed-up if the start-up were paid once and the rest "
        "shared perfectly between the N workers"
    )


if __name__ == "__main__":
    main()
