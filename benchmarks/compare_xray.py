"""Our input x-ray against Free Law Project's ``x-ray``: what each finds, and how fast.

Cases are made in code, one failed (or sound) redaction per PDF, and each tool
says whether it reports a bad redaction. Speed is measured on a generated
bundle, as a ratio to PyMuPDF's open+save of the same bytes in the same run.

``x-ray`` pins an old PyMuPDF, so it is not a dependency; install it aside and
put it on the path (it runs on the PyMuPDF installed here)::

    .venv/bin/pip install --no-deps --target /tmp/xray x-ray==0.3.4
    PYTHONPATH=/tmp/xray:src .venv/bin/python benchmarks/compare_xray.py
"""

from __future__ import annotations

import importlib
import io
import statistics
import sys
import time
from collections.abc import Callable
from contextlib import redirect_stderr
from pathlib import Path
from typing import Any

import pymupdf

from idpc_guard.model import IssueKind
from idpc_guard.read.input_defects import inspect_input

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from benchmarks.bench_redact import _make_bundle

TEXT = "Witness: Ondrel Quistfire of Flat 3"


def _page() -> tuple[pymupdf.Document, pymupdf.Page]:
    doc = pymupdf.open()
    page = doc.new_page()
    page.insert_text((56, 100), TEXT, fontname="helv", fontsize=11)
    return doc, page


def black_rectangle() -> bytes:
    doc, page = _page()
    page.draw_rect(pymupdf.Rect(100, 88, 200, 104), color=None, fill=(0, 0, 0))
    return bytes(doc.tobytes())


def black_rectangle_under_black_text() -> bytes:
    doc, page = _page()
    page.draw_rect(pymupdf.Rect(100, 88, 200, 104), color=None, fill=(0, 0, 0), overlay=False)
    return bytes(doc.tobytes())


def black_picture() -> bytes:
    doc, page = _page()
    black = pymupdf.Pixmap(pymupdf.csRGB, pymupdf.IRect(0, 0, 8, 8), False)
    black.set_rect(black.irect, (0, 0, 0))
    page.insert_image(pymupdf.Rect(100, 88, 200, 104), pixmap=black)
    return bytes(doc.tobytes())


def dark_highlight() -> bytes:
    doc, page = _page()
    annot = page.add_highlight_annot(pymupdf.Rect(100, 90, 200, 104))
    annot.set_colors(stroke=(0, 0, 0))
    annot.update()
    return bytes(doc.tobytes())


def unapplied_redaction() -> bytes:
    doc, page = _page()
    page.add_redact_annot(pymupdf.Rect(100, 88, 200, 104), fill=(0, 0, 0))
    return bytes(doc.tobytes())


def sound_redaction() -> bytes:
    doc, page = _page()
    page.add_redact_annot(pymupdf.Rect(100, 88, 200, 104), fill=(0, 0, 0))
    page.apply_redactions()
    return bytes(doc.tobytes())


def white_heading_on_black() -> bytes:
    doc = pymupdf.open()
    page = doc.new_page()
    page.draw_rect(pymupdf.Rect(50, 88, 300, 104), color=None, fill=(0, 0, 0))
    page.insert_text((56, 100), "SECTION HEADING", fontname="helv", fontsize=11, color=(1, 1, 1))
    return bytes(doc.tobytes())


CASES: dict[str, tuple[Callable[[], bytes], bool]] = {
    "black rectangle over text": (black_rectangle, True),
    "rectangle under black text": (black_rectangle_under_black_text, True),
    "black picture over text": (black_picture, True),
    "dark highlight annotation": (dark_highlight, True),
    "unapplied redaction annot": (unapplied_redaction, True),
    "applied redaction (sound)": (sound_redaction, False),
    "white heading on black": (white_heading_on_black, False),
}


def ours(data: bytes) -> bool:
    return any(d.kind is IssueKind.BAD_REDACTION for d in inspect_input(data))


def _median(fn: Callable[[], Any], repeat: int = 5) -> float:
    runs = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        runs.append(time.perf_counter() - start)
    return statistics.median(runs)


def main() -> None:
    try:
        with redirect_stderr(io.StringIO()):
            xray: Any = importlib.import_module("xray")
    except ImportError:
        xray = None
        print("x-ray not importable: only our results are shown (see the docstring)\n")

    def theirs(data: bytes) -> bool:
        return bool(xray.inspect(data)) if xray is not None else False

    header = f"{'case':<28} {'expected':>8} {'ours':>6} {'x-ray':>6}"
    print(header)
    print("-" * len(header))
    score = {"ours": 0, "x-ray": 0}
    for name, (make, expected) in CASES.items():
        data = make()
        a, b = ours(data), theirs(data)
        score["ours"] += a == expected
        score["x-ray"] += b == expected
        print(f"{name:<28} {expected!s:>8} {a!s:>6} {b!s:>6}")
    print(f"{'correct':<28} {len(CASES):>8} {score['ours']:>6} {score['x-ray']:>6}\n")

    data = _make_bundle(100)

    def open_save() -> None:
        pymupdf.open(stream=data, filetype="pdf").tobytes(garbage=4, deflate=True)

    base = _median(open_save)
    rows = {"open+save (baseline)": base, "ours: inspect_input": _median(lambda: ours(data))}
    if xray is not None:
        rows["x-ray: inspect"] = _median(lambda: theirs(data))
    print(f"{'100-page bundle':<28} {'seconds':>8} {'x base':>8}")
    for name, seconds in rows.items():
        print(f"{name:<28} {seconds:>8.3f} {seconds / base:>8.1f}")


if __name__ == "__main__":
    main()
