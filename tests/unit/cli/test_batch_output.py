"""A batch's lines on stdout: a header, rows numbered from 1, --quiet and --plain honoured."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from idpc_guard.cli.app import app
from idpc_guard.cli.batch import PLAIN_HEADER
from tests.conftest import FIXTURES


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    for name in ("first", "second"):
        shutil.copy(FIXTURES / "clean_bundle.pdf", tmp_path / f"{name}.pdf")
    return tmp_path


def _batch(folder: Path, *args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, ["scan", str(folder), "--jobs", "1", "--no-redact", *args])
    return result.exit_code, result.stdout, result.stderr


def test_plain_lines_have_a_header_and_rows_numbered_from_one(folder: Path) -> None:
    status, out, _ = _batch(folder, "--plain")
    assert status == 0
    lines = out.splitlines()
    assert lines[0] == PLAIN_HEADER
    assert [line.split()[0] for line in lines[1:3]] == ["1", "2"]
    assert lines[1].endswith("first.pdf: clear")
    assert lines[3] == "2 bundle(s): 0 skipped, 0 failed; exit status 0"
    # the rerun says why each bundle was skipped
    _, again, _ = _batch(folder, "--plain")
    assert "second.pdf: clear (report up to date" in again


def test_quiet_prints_nothing_but_failed_bundles(folder: Path) -> None:
    status, out, err = _batch(folder, "--quiet")
    assert (status, out, err) == (0, "", "")
    (folder / "broken.pdf").write_text("not a pdf")
    status, out, err = _batch(folder, "--quiet")
    assert status == 3 and out == ""
    assert "broken.pdf: error: broken.pdf is not a PDF file" in err
    assert len(err.splitlines()) == 1
