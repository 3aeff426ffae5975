"""What a scan says when the case file given is not the bundle's case."""

from __future__ import annotations

from typing import Any

from idpc_guard import ScanOptions
from idpc_guard.model import Case
from idpc_guard.report.json import report_dict
from idpc_guard.report.text import render_text
from tests.conftest import FIXTURES


def test_a_case_file_for_another_case_is_reported(scanner: Any) -> None:
    result = scanner.scan(
        FIXTURES / "sample_bundle.pdf", ScanOptions(case=Case(urn="99ZZ9999999"), redact=False)
    )
    assert result.report.case_disagreements == (
        "the case file's URN is not the URN the bundle carries",
    )
    assert "case file and bundle disagree" in render_text(result.report)
    assert report_dict(result.report)["case"]["disagreements"]
