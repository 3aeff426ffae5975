"""A new user's mistakes get exit 2 or 3 and one line naming the file, field and fix."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from idpc_guard.cli.app import app
from tests.conftest import FIXTURES

CLEAN = FIXTURES / "clean_bundle.pdf"


def _scan(tmp_path: Path, *args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, ["scan", str(CLEAN), "--out-dir", str(tmp_path), *args])
    return result.exit_code, result.stdout, result.stderr


def test_a_misspelt_offence_is_a_usage_error(tmp_path: Path) -> None:
    status, _, err = _scan(tmp_path, "--offence", "burglery", "--no-redact")
    assert status == 2
    assert err.startswith("idpc-guard: error: --offence: 'burglery' is not an offence")
    assert "(did you mean burglary?)" in err
    assert len(err.splitlines()) == 1
    assert list(tmp_path.iterdir()) == []


def test_a_misspelt_offence_in_the_case_file_names_the_file_and_field(tmp_path: Path) -> None:
    case = tmp_path / "case.yaml"
    case.write_text("offences: [burglery dwelling]\n")
    status, _, err = _scan(tmp_path, "--case", str(case), "--no-redact")
    assert status == 2
    assert f"{case}: offences[0]: 'burglery dwelling' is not an offence" in err
    assert "(did you mean burglary dwelling?)" in err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["case.yaml"]


def test_an_allowed_unknown_offence_is_named_in_report_and_summary(tmp_path: Path) -> None:
    status, out, _ = _scan(
        tmp_path, "--offence", "jaywalking", "--allow-unknown-offence", "--no-redact", "--plain"
    )
    assert status == 0
    assert "offence 'jaywalking' not recognised by the offence taxonomy" in out
    report = json.loads((tmp_path / "clean_bundle.report.json").read_text())
    assert report["case"]["unrecognised_offences"] == ["jaywalking"]
