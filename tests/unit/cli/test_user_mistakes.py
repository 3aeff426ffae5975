"""A new user's mistakes get exit 2 or 3 and one line naming the file, field and fix."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
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


def test_a_missing_bundle_is_named_not_the_output_folder(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["scan", "no/such/bundle.pdf"])
    assert result.exit_code == 3
    assert result.stderr == (
        "idpc-guard: error: bundle no/such/bundle.pdf does not exist: check the path\n"
    )


def test_a_missing_out_dir_is_created(tmp_path: Path) -> None:
    out = tmp_path / "review" / "today"
    status, _, err = _scan(out, "--mark-only")
    assert status == 0, err
    assert sorted(p.name for p in out.iterdir()) == [
        "clean_bundle.marked.pdf",
        "clean_bundle.report.json",
    ]


def test_a_failed_scan_does_not_create_the_out_dir(tmp_path: Path) -> None:
    out = tmp_path / "review"
    status, _, _ = _scan(out, "--offence", "burglery")
    assert status == 2
    assert not out.exists()


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (
            "defendants:\n  - name: Alan FERNDALE\n    dob: 1994-21-09\n",
            "defendants[0].dob: not a real date: write it as YYYY-MM-DD",
        ),
        (
            "defendant:\n  - name: Alan FERNDALE\n",
            "defendant: unknown field (did you mean defendants?)",
        ),
    ],
    ids=["impossible-dob", "misspelt-key"],
)
def test_case_file_mistakes_are_usage_errors(tmp_path: Path, body: str, message: str) -> None:
    case = tmp_path / "case.yaml"
    case.write_text(body)
    status, _, err = _scan(tmp_path, "--case", str(case))
    assert status == 2
    assert err.startswith(f"idpc-guard: error: {case}: {message}")
    assert "FERNDALE" not in err and "1994" not in err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["case.yaml"]


@pytest.mark.parametrize("command", [["summary"], ["export", "out.csv"]])
@pytest.mark.parametrize("content", [b"\xff\xfe\x00binary junk\x80", b"just,some\ncsv,text\n"])
def test_log_commands_on_a_file_that_is_not_a_log(
    tmp_path: Path, command: list[str], content: bytes
) -> None:
    log = tmp_path / "notes.txt"
    log.write_bytes(content)
    result = CliRunner().invoke(app, ["log", command[0], str(log), *command[1:]])
    assert result.exit_code == 2, result.output
    assert result.stderr.startswith(f"idpc-guard: error: {log} is not an idpc-guard")
    assert len(result.stderr.splitlines()) == 1
    assert not (Path.cwd() / "out.csv").exists()
