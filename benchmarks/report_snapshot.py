"""Scan a fixed set of bundles and write what each scan produced, to diff two versions.

A speed change must not change results. Run this with the old code and with the
new, then compare the folders (``diff -r OLD NEW``): each bundle's JSON holds its
report (without the ``tool`` block), the verification counts and a digest of
every page of the redacted copy (the copy's own bytes differ from run to run: a
fresh document ID). Bundles: ``fixtures/*.pdf``, generated bundles of 10, 60, 100
and 500 pages, one bundle per breach kind, and the offence bundles with and
without their case files (all made by code into ``--bundles``); with ``--dev DIR``,
also every ``*.pdf`` of DIR with its ``*.case.yaml`` (the dev set), and with
``--dev-only`` nothing else.

    PYTHONPATH=src .venv/bin/python benchmarks/report_snapshot.py OUT [--bundles DIR]
        [--dev ../shared/eval/dev-v1 [--dev-only]]
"""

from __future__ import annotations

import argparse
import hashlib
import importlib.util
import json
import sys
import tempfile
from pathlib import Path
from typing import Any

import pymupdf

from idpc_guard import IdpcGuardError, Scanner, ScanOptions, load_case_file, report_dict

ROOT = Path(__file__).resolve().parents[1]


def _load(name: str) -> Any:
    spec = importlib.util.spec_from_file_location(name, ROOT / "fixtures" / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def make_bundles(folder: Path) -> list[tuple[Path, Path | None]]:
    """Write the generated bundles (once) and list ``(bundle, case file or None)``."""
    if not (folder / "done").exists():
        make = _load("make_fixtures")
        breach = _load("make_breach_fixtures")
        offence = _load("make_offence_fixtures")
        for pages, seed in ((10, 1), (100, 1), (500, 1), (60, 7)):
            (folder / f"gen_{pages}_{seed}.pdf").write_bytes(make.make_bundle(pages, seed=seed))
        for i, kind in enumerate(breach.BREACHES):
            data, _ = breach.build_breach_bundle(kind, 10 + i, bookmarks=bool(i % 2), padding=3)
            (folder / f"breach_{kind}.pdf").write_bytes(data)
        offence.write_bundles(folder / "offence")
        (folder / "child_case.json").write_text(json.dumps(offence.child_case_file()))
        (folder / "burglary_case.json").write_text(json.dumps(offence.burglary_case_file()))
        (folder / "done").write_text("")
    jobs: list[tuple[Path, Path | None]] = [(p, None) for p in sorted(ROOT.glob("fixtures/*.pdf"))]
    jobs += [(p, None) for p in sorted(folder.glob("*.pdf"))]
    for path in sorted((folder / "offence").glob("*.pdf")):
        case = "child_case.json" if "child" in path.name else "burglary_case.json"
        jobs += [(path, None), (path, folder / case)]
    return jobs


def _case_beside(bundle: Path) -> Path | None:
    case = bundle.with_suffix(".case.yaml")
    return case if case.exists() else None


def snapshot(scanner: Scanner, path: Path, case_file: Path | None) -> dict[str, Any]:
    """What one scan produced, without what changes from run to run."""
    result = scanner.scan(path, ScanOptions(case=load_case_file(case_file) if case_file else None))
    out = report_dict(result.report)
    out.pop("tool", None)
    out["bundle"]["path"] = path.name
    assert result.redacted_pdf is not None and result.verification is not None
    doc = pymupdf.open(stream=result.redacted_pdf, filetype="pdf")
    out["redacted_pages"] = [
        hashlib.sha256(repr(page.get_text("rawdict")).encode()).hexdigest()[:16] for page in doc
    ]
    v = result.verification
    out["verification"] = [v.boxes_checked, v.values_checked, v.pages, v.images_read]
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path, help="folder for one JSON file per bundle")
    parser.add_argument("--bundles", type=Path, help="where generated bundles are kept")
    parser.add_argument("--dev", type=Path, help="a folder of bundles with *.case.yaml files")
    parser.add_argument("--dev-only", action="store_true", help="only the --dev bundles")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        folder = args.bundles or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        scanner = Scanner()
        jobs = [] if args.dev_only else make_bundles(folder)
        if args.dev is not None:
            jobs += [(p, _case_beside(p)) for p in sorted(args.dev.glob("*.pdf"))]
        for path, case_file in jobs:
            name = path.stem + (f"__{case_file.stem}" if case_file else "")
            try:
                data = snapshot(scanner, path, case_file)
            except IdpcGuardError as exc:  # a refusal is a result too: it must not change
                data = {"refused": type(exc).__name__, "exit": int(exc.exit_status)}
                print(f"{name:<45} refused: {type(exc).__name__}")
            else:
                print(f"{name:<45} {len(data['findings']):>5} findings  {data['verdict']}")
            (args.out / f"{name}.json").write_text(json.dumps(data, indent=1, sort_keys=True))


if __name__ == "__main__":
    main()
