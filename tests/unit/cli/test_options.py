"""Options shared by the commands: the OCR engine choice."""

from __future__ import annotations

import pytest
import typer

from idpc_guard.cli.options import ocr_options
from idpc_guard.model import OcrEngineName


def test_ocr_engine_names_become_options() -> None:
    assert ocr_options("tesseract", 2).engine is OcrEngineName.TESSERACT
    assert ocr_options("auto", 0).enabled
    off = ocr_options("none", 0)
    assert not off.enabled and off.engine is None


def test_an_unknown_ocr_engine_is_one_line_and_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(typer.Exit) as exc:
        ocr_options("rapid", 0)
    assert exc.value.exit_code == 2
    assert capsys.readouterr().err == (
        "idpc-guard: error: unknown OCR engine 'rapid': choose one of auto, rapidocr, "
        "tesseract, none\n"
    )
