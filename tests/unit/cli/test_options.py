"""Options shared by the commands: the OCR engine choice, and the panels of ``scan --help``."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from idpc_guard.cli.app import app
from idpc_guard.cli.options import ocr_options
from idpc_guard.model import OcrEngineName


def test_ocr_engine_names_become_options() -> None:
    assert ocr_options(OcrEngineName.TESSERACT, 2).engine is OcrEngineName.TESSERACT
    assert ocr_options(OcrEngineName.AUTO, 0).enabled
    off = ocr_options(OcrEngineName.NONE, 0)
    assert not off.enabled and off.engine is None


@pytest.mark.parametrize(
    "bundles", [["fixtures/clean_bundle.pdf"], ["fixtures/clean_bundle.pdf", "fixtures"]]
)
def test_an_unknown_ocr_engine_is_refused_before_anything_runs(bundles: list[str]) -> None:
    result = CliRunner().invoke(app, ["scan", *bundles, "--ocr-engine", "bogus"])
    assert result.exit_code == 2
    assert "'bogus' is not one of" in " ".join(result.output.replace("│", " ").split())


def test_scan_help_groups_its_options_in_panels() -> None:
    result = CliRunner().invoke(app, ["scan", "--help"], env={"COLUMNS": "80"}, color=False)
    assert result.exit_code == 0
    text = result.output
    panels = ["Everyday", "Case", "Outputs", "Review", "OCR", "Limits", "Batch and cluster"]
    positions = [text.index(f"─ {panel}") for panel in panels]
    assert positions == sorted(positions)
    assert text.index("--out-dir") < positions[1] < text.index("--offence") < positions[2]
    assert text.index("--max-pages") > positions[5] and text.index("--dask") > positions[6]
    assert "<bool>" not in text.split("─ Everyday")[1]
    assert max(len(line) for line in text.splitlines()) <= 80
