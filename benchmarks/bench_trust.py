"""What the text-layer trust check (``read/trust.py``) costs on ordinary text pages.

Reads every page of a generated text bundle (the one ``bench_scan.py`` makes) as the
page workers do, with the check and with it switched off, in one process, alternating
runs; prints the median seconds of each, their ratio, and how many pages the check
sent to OCR (on ordinary pages: none, so the OCR stage adds nothing).

    .venv/bin/python benchmarks/bench_trust.py [--pages 100] [--repeat 5] [--scan]

With ``--scan`` it also times whole scans (report and verified copy) of the bundle,
with and without the check, in one process with the language model loaded once.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

import pymupdf

from idpc_guard.read import page as page_module
from idpc_guard.read.page import Limits, read_packed_page

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from benchmarks.bench_scan import _make_bundle as make_bundle


def read_all(path: Path) -> tuple[float, int]:
    """Seconds to read every page, and how many pages have untrusted regions."""
    doc = pymupdf.open(path)
    start = time.perf_counter()
    untrusted = 0
    for index in range(doc.page_count):
        packed = read_packed_page(doc[index], index, Limits())
        untrusted += bool(packed[-1])
    seconds = time.perf_counter() - start
    doc.close()
    return seconds, untrusted


def scan_seconds(path: Path, repeat: int) -> tuple[float, float]:
    """Median seconds of a whole scan without and with the trust check."""
    from idpc_guard import Scanner

    scanner = Scanner()
    real = page_module.untrusted_boxes
    on: list[float] = []
    off: list[float] = []
    for _ in range(repeat):
        page_module.untrusted_boxes = lambda *a, **k: ()  # type: ignore[assignment]
        start = time.perf_counter()
        scanner.scan(path)
        off.append(time.perf_counter() - start)
        page_module.untrusted_boxes = real
        start = time.perf_counter()
        scanner.scan(path)
        on.append(time.perf_counter() - start)
    return statistics.median(off), statistics.median(on)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=100)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--scan", action="store_true", help="also time whole scans")
    args = parser.parse_args()
    real = page_module.untrusted_boxes
    with tempfile.TemporaryDirectory() as tmp:
        path = make_bundle(args.pages, Path(tmp))
        on: list[float] = []
        off: list[float] = []
        flagged = 0
        for _ in range(args.repeat):
            page_module.untrusted_boxes = lambda *a, **k: ()  # type: ignore[assignment]
            off.append(read_all(path)[0])
            page_module.untrusted_boxes = real
            seconds, flagged = read_all(path)
            on.append(seconds)
        with_check, without = statistics.median(on), statistics.median(off)
        print(f"{args.pages} pages, median of {args.repeat}")
        print(f"  reading without the trust check: {without:.3f} s")
        print(f"  reading with the trust check:    {with_check:.3f} s")
        print(f"  ratio: {with_check / without:.3f}; pages sent to OCR by the check: {flagged}")
        if args.scan:
            scan_off, scan_on = scan_seconds(path, args.repeat)
            print(f"  whole scan without the check: {scan_off:.2f} s, with it: {scan_on:.2f} s")
            print(f"  ratio: {scan_on / scan_off:.3f}")


if __name__ == "__main__":
    main()
