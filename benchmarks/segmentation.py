"""Page classification accuracy per document kind, over generated bundles.

Bundles come from ``fixtures/make_breach_fixtures.py`` (every kind of the contract,
forms in three layouts, documents shuffled, half with bookmarks, one breach each)
and ``fixtures/make_fixtures.py`` (burglary and shop theft bundles). Each page's
kind as segmented is compared with the kind it was drawn as.

The baseline, measured in the same run, is the simplest classifier: the MG form code
in the page's first lines, else "the kind of the page before". Time is quoted as a
ratio to PyMuPDF extracting the same pages (the least any segmentation must do).

    .venv/bin/python benchmarks/segmentation.py [--pages 600] [--seed 0]
"""

from __future__ import annotations

import argparse
import importlib.util
import re
import sys
import time
from collections import Counter
from pathlib import Path
from types import ModuleType
from typing import Any

from idpc_guard.documents.segment import segment
from idpc_guard.read.extract import extract_bytes
from idpc_guard.read.layout import page_text

ROOT = Path(__file__).resolve().parents[1]

_CODE = re.compile(r"\bMG\s?(\d{1,2}[A-Z]?)\b")
_BASELINE_KINDS = {
    "5": "case_summary",
    "4": "charge_sheet",
    "11": "witness_statement",
    "9": "witness_list",
    "6C": "unused_material_schedule",
    "15": "interview_record",
    "16": "previous_convictions",
    "19": "compensation_claim",
}


def _load(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, ROOT / "fixtures" / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def bundles(pages: int, seed: int) -> list[tuple[bytes, list[str], bool]]:
    """Generated bundles (PDF bytes, each page's true kind) of at least ``pages`` pages."""
    mf = _load("make_fixtures")
    bf = _load("make_breach_fixtures")
    out: list[tuple[bytes, list[str], bool]] = []
    total = 0
    n = 0
    while total < pages:
        breach = bf.BREACHES[n % len(bf.BREACHES)]
        data, truth = bf.build_breach_bundle(
            breach, seed + n, bookmarks=n % 2 == 0, padding=(seed + n) % 7
        )
        out.append((data, truth["page_kinds"], truth["bookmarks"]))
        total += truth["pages"]
        if n % 4 == 3:  # a burglary / shop theft bundle in the original fixtures' layout
            data, truth = mf.build_bundle(24, seed=seed + n)
            out.append((data, _kinds_of(data, set(truth["back_pages"])), False))
            total += truth["pages"]
        n += 1
    return out


def _kinds_of(data: bytes, back_pages: set[int]) -> list[str]:
    """True kinds of a ``make_fixtures`` bundle: drawn as MG5, MG11, back pages and MG6C."""
    bundle = extract_bytes(data, "truth.pdf")
    kinds: list[str] = []
    for page in bundle.pages:
        head = page_text(page).text[:200]
        if page.index + 1 in back_pages:
            kinds.append("witness_contact_details")
        elif "MG5" in head:
            kinds.append("case_summary")
        elif "MG6C" in head:
            kinds.append("unused_material_schedule")
        else:
            kinds.append("witness_statement")
    return kinds


def baseline(texts: list[Any]) -> list[str]:
    """Form code in the first lines, else the kind of the page before."""
    kinds: list[str] = []
    for text in texts:
        match = _CODE.search("\n".join(text.text.split("\n")[:12]))
        code = match.group(1).upper() if match else None
        if code in _BASELINE_KINDS:
            kinds.append(_BASELINE_KINDS[code])
        else:
            kinds.append(kinds[-1] if kinds else "other")
    return kinds


def _ratio(right: int, seen: int) -> str:
    return f"{right / seen:.3f}" if seen else "-"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--pages", type=int, default=600)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    generated = bundles(args.pages, args.seed)
    right: Counter[str] = Counter()
    marked: dict[bool, Counter[str]] = {True: Counter(), False: Counter()}
    marked_seen: dict[bool, Counter[str]] = {True: Counter(), False: Counter()}
    right_base: Counter[str] = Counter()
    seen: Counter[str] = Counter()
    confusions: Counter[tuple[str, str]] = Counter()
    t_extract = t_segment = 0.0
    for data, truth, bookmarks in generated:
        t0 = time.perf_counter()
        bundle = extract_bytes(data, "bench.pdf")
        t1 = time.perf_counter()
        texts = [page_text(p) for p in bundle.pages]
        documents = segment(bundle, texts)
        t2 = time.perf_counter()
        t_extract += t1 - t0
        t_segment += t2 - t1
        found = {p: d.kind.value for d in documents for p in d.pages}
        base = baseline(texts)
        for index, kind in enumerate(truth):
            seen[kind] += 1
            right[kind] += found[index] == kind
            marked[bookmarks][kind] += found[index] == kind
            marked_seen[bookmarks][kind] += 1
            right_base[kind] += base[index] == kind
            if found[index] != kind:
                confusions[(kind, found[index])] += 1
    total = sum(seen.values())
    sys.stdout.write(f"{len(generated)} bundles, {total} pages (seed {args.seed})\n\n")
    head = f"{'kind':28} {'pages':>6} {'accuracy':>9} {'bookmarks':>9} {'none':>9} {'baseline':>9}"
    sys.stdout.write(head + "\n")
    for kind in sorted(seen):
        sys.stdout.write(
            f"{kind:28} {seen[kind]:6d} {right[kind] / seen[kind]:9.3f} "
            f"{_ratio(marked[True][kind], marked_seen[True][kind]):>9} "
            f"{_ratio(marked[False][kind], marked_seen[False][kind]):>9} "
            f"{right_base[kind] / seen[kind]:9.3f}\n"
        )
    sys.stdout.write(
        f"{'overall':28} {total:6d} {sum(right.values()) / total:9.3f} "
        f"{_ratio(sum(marked[True].values()), sum(marked_seen[True].values())):>9} "
        f"{_ratio(sum(marked[False].values()), sum(marked_seen[False].values())):>9} "
        f"{sum(right_base.values()) / total:9.3f}\n\n"
    )
    sys.stdout.write(
        f"segmentation time / PyMuPDF extraction time: {t_segment / t_extract:.2f} "
        f"({t_segment:.2f} s / {t_extract:.2f} s)\n"
    )
    for (kind, got), count in confusions.most_common(10):
        sys.stdout.write(f"  {kind} taken for {got}: {count}\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
