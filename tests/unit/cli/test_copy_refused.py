"""A copy that cannot be verified even as pictures: exit 4, the report written, no copy."""

from __future__ import annotations

import json
import shutil
import stat
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from typer.testing import CliRunner

from idpc_guard import verified_copy
from idpc_guard.cli.app import app
from idpc_guard.errors import RedactionNotVerifiedError
from idpc_guard.report.json import report_schema

SAMPLE = Path(__file__).resolve().parents[3] / "fixtures" / "sample_bundle.pdf"


@pytest.fixture
def refusing(monkeypatch: pytest.MonkeyPatch) -> None:
    """Verification that finds the first redacted value still there, every time.

    The copy is made in a forked child, which inherits the patched function.
    """

    def verify(*args: Any, plan: Any, **kwargs: Any) -> Any:
        first = min(m.finding.id for marks in plan.redactions.values() for m in marks)
        raise RedactionNotVerifiedError(
            f"redacted copy failed verification (still present: {first}); the copy was not written",
            (first,),
        )

    monkeypatch.setattr(verified_copy, "verify", verify)


def test_the_report_names_what_could_not_be_removed_and_no_copy_is_left(
    refusing: None, tmp_path: Path
) -> None:
    bundle = tmp_path / "bundle.pdf"
    shutil.copy(SAMPLE, bundle)
    # A copy from an earlier run would not match the new report: it must not stay.
    (tmp_path / "bundle.redacted.pdf").write_bytes(b"%PDF-1.7 an earlier copy")

    result = CliRunner().invoke(app, ["scan", str(bundle), "--format", "json"])

    assert result.exit_code == 4
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "names what could not be removed" in lines[0]
    assert "Traceback" not in result.output
    assert not (tmp_path / "bundle.redacted.pdf").exists()
    path = tmp_path / "bundle.report.json"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    report = json.loads(path.read_text())
    jsonschema.validate(report, report_schema())
    copy = report["copy"]
    assert copy["written"] is False
    (left,) = copy["not_removed"]
    redacted = sorted(f["id"] for f in report["findings"] if f["action"] == "redact")
    assert left["finding"] == redacted[0]
    finding = next(f for f in report["findings"] if f["id"] == left["finding"])
    assert left == {"finding": finding["id"], "page": finding["page"], "entity": finding["entity"]}
    assert "verification" in copy["reason"]


def test_a_copy_that_verifies_has_no_failure_in_its_report(tmp_path: Path) -> None:
    bundle = tmp_path / "bundle.pdf"
    shutil.copy(SAMPLE, bundle)
    result = CliRunner().invoke(app, ["scan", str(bundle), "--format", "json"])
    assert result.exit_code == 1
    report = json.loads((tmp_path / "bundle.report.json").read_text())
    assert "written" not in report.get("copy", {})
    assert (tmp_path / "bundle.redacted.pdf").exists()
