"""Scanning many bundles: folders and globs, skipping up-to-date reports, combined status."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

from idpc_guard.batch import pool as batch
from idpc_guard.batch.pool import BatchItem, BatchSettings, combined_status, find_bundles
from idpc_guard.errors import ExitStatus
from tests.conftest import FIXTURES


def _run(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "idpc_guard", *map(str, args)],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )


def _folder(tmp_path: Path) -> Path:
    folder = tmp_path / "bundles"
    (folder / "sub").mkdir(parents=True)
    shutil.copy(FIXTURES / "sample_bundle.pdf", folder / "sample_bundle.pdf")
    shutil.copy(FIXTURES / "clean_bundle.pdf", folder / "sub" / "clean_bundle.pdf")
    return folder


def test_find_bundles_searches_folders_and_skips_own_outputs(tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    (folder / "sample_bundle.redacted.pdf").write_bytes(b"%PDF-")
    (folder / "notes.txt").write_text("x")
    found = find_bundles([folder])
    assert [p.name for p in found] == ["sample_bundle.pdf", "clean_bundle.pdf"]
    assert find_bundles([str(folder / "*.pdf")]) == (folder / "sample_bundle.pdf",)


def test_combined_status_is_the_highest() -> None:
    items = [
        BatchItem(Path("a"), ExitStatus.CLEAR),
        BatchItem(Path("b"), ExitStatus.FINDINGS),
        BatchItem(Path("c"), ExitStatus.INPUT),
    ]
    assert combined_status(items) is ExitStatus.INPUT
    assert combined_status([]) is ExitStatus.CLEAR


def test_batch_scan_in_parallel_then_skips_up_to_date_reports(tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    first = _run("scan", folder, "--jobs", "2")
    assert first.returncode == 1, first.stderr
    assert (folder / "sample_bundle.report.json").exists()
    assert (folder / "sub" / "clean_bundle.report.json").exists()
    assert "2 bundle(s): 0 skipped, 0 failed" in first.stdout

    second = _run("scan", folder, "--jobs", "1", "--format", "json")
    rows = json.loads(second.stdout)
    assert second.returncode == 1  # the skipped sample bundle still needs redactions
    assert all(row["skipped"] for row in rows)
    assert {row["verdict"] for row in rows} == {"block", "clear"}

    forced = _run("scan", folder, "--force", "--jobs", "1", "--format", "json")
    assert not any(row["skipped"] for row in json.loads(forced.stdout))


def test_a_bad_bundle_does_not_stop_the_batch(tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    (folder / "broken.pdf").write_text("not a pdf")
    result = _run("scan", folder, "--jobs", "1", "--no-redact")
    assert result.returncode == 3
    assert "broken.pdf: error: broken.pdf is not a PDF file" in result.stdout
    assert (folder / "sample_bundle.report.json").exists()
    assert not (folder / "broken.report.json").exists()


def test_same_stem_into_one_out_dir_is_refused(tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    shutil.copy(FIXTURES / "clean_bundle.pdf", folder / "sub" / "sample_bundle.pdf")
    out = tmp_path / "out"
    out.mkdir()
    result = _run("scan", folder, "--out-dir", out)
    assert result.returncode == 2
    assert "would write the same report" in result.stderr


def test_options_for_one_bundle_are_refused_in_a_batch(tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    result = _run("scan", folder, "--html", "--mark-only")
    assert result.returncode == 2
    assert "--html, --mark-only take(s) one bundle" in result.stderr
    assert not list(folder.rglob("*.report.json"))


def test_pool_workers_keep_the_scanner_built_before_the_pool(scanner: Any) -> None:
    """Forked workers use the parent's scanner (model loaded once), not a new one each."""
    batch._WORKER["inherited"] = scanner
    try:
        batch._init_worker(BatchSettings(jobs=2))
        assert batch._WORKER["scanner"] is scanner
        assert "inherited" not in batch._WORKER
    finally:
        batch._WORKER.clear()
