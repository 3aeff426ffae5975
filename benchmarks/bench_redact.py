"""Time to redact and verify a generated bundle, against baselines measured in the same run.

The decisions come from one full scan of the bundle (not timed here). Then each
step is timed in this process, median of ``--repeat`` runs:

* baseline ``open+save``: PyMuPDF opens the bundle and writes it fresh
  (``garbage=4, deflate=True``): the least a rewrite of the file costs;
* baseline ``open+text``: PyMuPDF reads every page's text;
* ``inspect``: the input x-ray (failed redactions, earlier revisions);
* ``redact``: the redacted copy (boxes, labels, pages, outside-content cleaning), fitting
  its boxes with the words extraction read, as the scanner does; ``redact, chars reread``:
  the same, reading each page's characters again (a caller without the words);
* ``verify``: re-reading the copy to prove nothing marked survives (a long copy's
  pages are shared with a forked child when the process may use two cores);
* ``verify, 1 process``: the same, with every page read in this process;
* ``mark``: the reviewer's annotated copy.

Figures are quoted as ratios to ``open+save`` because the machine is shared and noisy.

    .venv/bin/python benchmarks/bench_redact.py [--pages 100] [--repeat 5]
"""

from __future__ import annotations

import argparse
import importlib.util
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pymupdf

from idpc_guard import Scanner, ScanOptions
from idpc_guard.read.input_defects import inspect_input
from idpc_guard.redact.plan import redaction_plan
from idpc_guard.redact.redaction import redact, word_boxes
from idpc_guard.redact.review_copy import mark
from idpc_guard.verify.verification import verify

ROOT = Path(__file__).resolve().parents[1]


def _make_bundle(pages: int) -> bytes:
    spec = importlib.util.spec_from_file_location(
        "make_fixtures", ROOT / "fixtures" / "make_fixtures.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["make_fixtures"] = module  # dataclasses look their module up by name
    spec.loader.exec_module(module)
    data: bytes = module.make_bundle(pages, seed=1)
    return data


def _time(fn: Callable[[], Any], repeat: int) -> float:
    runs = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        runs.append(time.perf_counter() - start)
    return statistics.median(runs)


def _open_save(data: bytes) -> bytes:
    doc = pymupdf.open(stream=data, filetype="pdf")
    out: bytes = doc.tobytes(garbage=4, deflate=True)
    doc.close()
    return out


def _open_text(data: bytes) -> int:
    doc = pymupdf.open(stream=data, filetype="pdf")
    chars = sum(len(page.get_text()) for page in doc)
    doc.close()
    return chars


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=100)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    data = _make_bundle(args.pages)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bundle.pdf"
        path.write_bytes(data)
        result = Scanner().scan(path, ScanOptions(redact=False))
    plan = redaction_plan(result.report.decisions)
    pages = result.report.bundle.page_count
    # As the scanner redacts: with the words extraction read (else each page is read again).
    words = word_boxes(p for p in result.report.bundle.pages if p.index in plan.redactions)
    copy = redact(data, plan, text_boxes=words)
    rows = {
        "open+save (baseline)": _time(lambda: _open_save(data), args.repeat),
        "open+text": _time(lambda: _open_text(data), args.repeat),
        "inspect": _time(lambda: inspect_input(data), args.repeat),
        "redact": _time(lambda: redact(data, plan, text_boxes=words), args.repeat),
        "redact, chars reread": _time(lambda: redact(data, plan), args.repeat),
        "verify": _time(lambda: verify(pages, copy, plan), args.repeat),
        "verify, 1 process": _time(lambda: verify(pages, copy, plan, workers=1), args.repeat),
        "mark": _time(lambda: mark(data, plan), args.repeat),
    }
    rows["redact+verify"] = rows["redact"] + rows["verify"]
    base = rows["open+save (baseline)"]
    boxes = sum(len(m.boxes) for marks in plan.redactions.values() for m in marks)
    print(
        f"bundle: {pages} pages, {len(data) / 1e6:.1f} MB, {boxes} boxes, "
        f"{len(plan.removed_pages)} page(s) removed; median of {args.repeat} runs"
    )
    header = f"{'step':<22} {'seconds':>8} {'x base':>8} {'ms/page':>8}"
    print(header)
    print("-" * len(header))
    for name, seconds in rows.items():
        print(f"{name:<22} {seconds:>8.3f} {seconds / base:>8.1f} {1000 * seconds / pages:>8.1f}")


if __name__ == "__main__":
    main()
