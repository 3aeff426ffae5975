"""Scanned pages: the whole scan against ``tesseract`` alone on the same page, same run.

For each generated scanned page (typed statements, forms, handwriting-like pages,
statements scanned askew, till receipts photographed on a table, wristband photos on
an exhibit page; all synthetic, :mod:`fixtures.ocr_fixtures`), one after the other:

* ``tesseract`` alone: the page drawn at 300 dpi to a PNG (not timed), then the
  ``tesseract`` program run on it (``tesseract page.png stdout``), as a user would;
* the whole scan: ``Scanner().scan(path)`` of the one-page bundle with its redacted,
  verified copy (the scanner built and warmed up once, not timed), and its stages
  from ``ScanResult.timings``.

Ratios are scan over tesseract on the same page in the same run (the machine is
shared and noisy; absolute seconds are for reference only). Then blank pages: empty
PDFs of each size given, and pages scanned blank (grey paper, noise), in pages/s.

    PYTHONPATH=src .venv/bin/python benchmarks/bench_scans.py [--per-kind 5] [--seed 1]
        [--blank 50 3000] [--src DIR]

``--src`` imports ``idpc_guard`` from another source tree (an older commit's ``src``,
``git archive COMMIT src | tar -x -C DIR``) to compare code, fixtures staying the same.
"""

from __future__ import annotations

import argparse
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _pages(per_kind: int, seed: int) -> list[tuple[str, str, bytes]]:
    """``(name, kind, pdf)`` for each scanned page, ``per_kind`` of each kind."""
    from faker import Faker
    from fixtures import ocr_fixtures as fx

    rng = random.Random(seed)
    fake = Faker("en_GB")
    fake.seed_instance(seed)
    pages: list[tuple[str, str, bytes]] = []
    for picture in fx.generate(photos=0, scans=per_kind, blanks=0, seed=seed):
        pages.append((picture.name, "typed statement", picture.pdf))
    sample = (ROOT / "fixtures" / "sample_bundle.pdf").read_bytes()
    makers: list[tuple[str, Callable[[int], bytes]]] = [
        ("form", lambda i: fx.scanned_form(rng, sample, i % 8)),
        ("handwriting-like", lambda i: fx.handwritten(rng, fake)),
        ("skewed", lambda i: fx._scan(rng, fake, tilt=rng.uniform(4, 7))[0]),
        ("receipt photo", lambda i: fx.receipt(rng, fake)),
    ]
    for kind, make in makers:
        for i in range(per_kind):
            pages.append((f"{kind.split()[0][:5]}_{i:02d}", kind, make(i)))
    for picture in fx.generate(photos=max(1, per_kind // 2), scans=0, blanks=0, seed=seed):
        pages.append((picture.name, "wristband photo", picture.pdf))
    return pages


def _tesseract(path: Path) -> float:
    """Seconds for the ``tesseract`` program to read the page at 300 dpi (drawing not timed)."""
    import pymupdf

    png = path.with_suffix(".png")
    with pymupdf.open(path) as doc:
        doc[0].get_pixmap(dpi=300).save(png)
    started = time.perf_counter()
    subprocess.run(["tesseract", str(png), "stdout"], capture_output=True, check=True)
    return time.perf_counter() - started


def _blank_pdf(path: Path, pages: int, scanned: bool, seed: int) -> None:
    """A bundle of ``pages`` blank pages: empty ones, or grey paper scanned with noise."""
    import io

    import numpy as np
    import pymupdf
    from PIL import Image

    doc = pymupdf.open()
    rng = np.random.default_rng(seed)
    sheets: list[bytes] = []
    if scanned:
        for _ in range(5):
            paper = rng.normal(rng.uniform(215, 240), rng.uniform(3, 9), (1754, 1240))
            buffer = io.BytesIO()
            Image.fromarray(np.clip(paper, 0, 255).astype(np.uint8)).save(buffer, "JPEG")
            sheets.append(buffer.getvalue())
    for i in range(pages):
        page = doc.new_page(width=595, height=842)
        if sheets:
            page.insert_image(page.rect, stream=sheets[i % len(sheets)])
    doc.save(path, garbage=3, deflate=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--per-kind", type=int, default=5, help="pages of each kind")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--blank", type=int, nargs="*", default=[50, 3000])
    parser.add_argument("--src", type=Path, default=ROOT / "src")
    args = parser.parse_args(argv)
    sys.path[:0] = [str(args.src), str(ROOT)]
    from idpc_guard.errors import LimitExceededError
    from idpc_guard.scanner import Scanner

    scanner = Scanner()
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        pages = _pages(args.per_kind, args.seed)
        warm = folder / "warm.pdf"
        warm.write_bytes(pages[0][2])
        scanner.scan(warm)  # the OCR engines and the language model, loaded once
        print(
            f"{'page':<10} {'kind':<16} {'tess s':>7} {'scan s':>7} {'x tess':>6} "
            f"{'ocr':>6} {'redact':>6} {'verify':>6} {'ver %':>5} {'found':>5}"
        )
        for n, (name, kind, pdf) in enumerate(pages):
            path = folder / f"{name}.pdf"
            path.write_bytes(pdf)
            # Alternate which goes first, so neither always meets the machine warmer.
            tess = _tesseract(path) if n % 2 == 0 else 0.0
            started = time.perf_counter()
            try:
                result = scanner.scan(path)
            except LimitExceededError:  # the copy ran over its time budget (older code)
                result = None
            scan = time.perf_counter() - started
            if n % 2 == 1:
                tess = _tesseract(path)
            stages = dict(result.timings) if result is not None else {"verify": float("nan")}
            verify = stages.get("verify", 0.0)
            found = len(result.report.decisions.findings) if result is not None else -1
            rows.append((name, kind, tess, scan, stages, verify))
            print(
                f"{name:<10} {kind:<16} {tess:>7.2f} {scan:>7.2f} {scan / tess:>6.2f} "
                f"{stages.get('ocr', 0.0):>6.2f} {stages.get('redact', 0.0):>6.2f} "
                f"{verify:>6.2f} {100 * verify / scan:>5.1f} {found:>5}",
                flush=True,
            )
        print()
        print(
            f"{'kind':<16} {'pages':>5} {'x tess (sum)':>12} {'x tess (median)':>15} {'ver %':>6}"
        )
        for kind in dict.fromkeys(r[1] for r in rows):
            mine = [r for r in rows if r[1] == kind]
            _summary(kind, mine)
        _summary("all", rows)
        print()
        for pages_n in args.blank:
            for scanned in (False, True):
                if scanned and pages_n > 200:
                    continue  # scanned blanks: the smaller size says enough
                path = folder / f"blank_{pages_n}_{int(scanned)}.pdf"
                _blank_pdf(path, pages_n, scanned, args.seed)
                started = time.perf_counter()
                scanner.scan(path)
                seconds = time.perf_counter() - started
                what = "scanned blank sheets" if scanned else "empty pages"
                print(
                    f"blank: {pages_n} {what}: {seconds:.2f} s, {pages_n / seconds:.0f} pages/s",
                    flush=True,
                )
    return 0


def _summary(kind: str, rows: list[tuple[str, str, float, float, dict[str, float], float]]) -> None:
    tess = sum(r[2] for r in rows)
    scan = sum(r[3] for r in rows)
    median = statistics.median(r[3] / r[2] for r in rows)
    share = 100 * sum(r[5] for r in rows) / scan
    print(f"{kind:<16} {len(rows):>5} {scan / tess:>12.2f} {median:>15.2f} {share:>6.1f}")


if __name__ == "__main__":
    sys.exit(main())
