"""The batch's "up to date" check covers everything that changes a bundle's outputs."""

from __future__ import annotations

import json
import shutil
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from idpc_guard.batch.pool import UP_TO_DATE, BatchSettings, scan_one
from idpc_guard.documents.case import parse_case
from idpc_guard.scanner import ScanOptions
from tests.conftest import FIXTURES


@pytest.fixture
def bundle(tmp_path: Path) -> Path:
    copy = tmp_path / "clean_bundle.pdf"
    shutil.copy(FIXTURES / "clean_bundle.pdf", copy)
    return copy


def _twice(scanner: Any, bundle: Path, first: ScanOptions, second: ScanOptions) -> Any:
    done = scan_one(scanner, bundle, BatchSettings(options=first))
    assert not done.skipped and done.error is None and done.note is None
    return scan_one(scanner, bundle, BatchSettings(options=second))


def test_same_options_are_skipped_and_say_why(scanner: Any, bundle: Path) -> None:
    again = _twice(scanner, bundle, ScanOptions(), ScanOptions())
    assert again.skipped
    assert again.note == UP_TO_DATE


def test_a_report_only_run_does_not_stand_for_a_redacted_copy(scanner: Any, bundle: Path) -> None:
    # audit FOLDER (or scan --no-redact) then scan FOLDER: the copy must be made.
    again = _twice(scanner, bundle, ScanOptions(redact=False), ScanOptions())
    assert not again.skipped
    assert again.note == "rescanned: the files now wanted were not made with the report"
    assert (bundle.parent / "clean_bundle.redacted.pdf").exists()
    # and a report-only run after a redacted one may rely on it
    assert scan_one(scanner, bundle, BatchSettings(options=ScanOptions(redact=False))).skipped


def test_a_missing_redacted_copy_is_made_again(scanner: Any, bundle: Path) -> None:
    scan_one(scanner, bundle, BatchSettings())
    copy = bundle.parent / "clean_bundle.redacted.pdf"
    copy.unlink()
    again = scan_one(scanner, bundle, BatchSettings())
    assert not again.skipped
    assert again.note == "rescanned: clean_bundle.redacted.pdf is missing"
    assert copy.exists()


@pytest.mark.parametrize(
    "changed",
    [
        ScanOptions(offences=("burglary",)),
        ScanOptions(case=parse_case({"urn": "05XY9999999"})),
        ScanOptions(limits=replace(ScanOptions().limits, max_pages=4000)),
    ],
    ids=["offence", "case", "limits"],
)
def test_changed_case_offences_or_options_rescan(
    scanner: Any, bundle: Path, changed: ScanOptions
) -> None:
    again = _twice(scanner, bundle, ScanOptions(), changed)
    assert not again.skipped
    assert again.note == "rescanned: the case, offences or options changed"
    report = json.loads((bundle.parent / "clean_bundle.report.json").read_text())
    assert report["tool"]["options"] == scanner.options_fingerprint(changed)


def test_a_case_file_edit_rescans(scanner: Any, bundle: Path) -> None:
    first = ScanOptions(case=parse_case({"defendants": [{"name": "Alan FERNDALE"}]}))
    second = ScanOptions(
        case=parse_case({"defendants": [{"name": "Alan FERNDALE", "dob": "1971-05-06"}]})
    )
    assert not _twice(scanner, bundle, first, second).skipped
