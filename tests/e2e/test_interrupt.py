"""Ctrl-C is exit status 130 (not 1, which means "redactions proposed")."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from idpc_guard import cli
from idpc_guard.scanner import Scanner
from tests.conftest import FIXTURES


def test_keyboard_interrupt_exits_130(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    def interrupted(self: Scanner, path: Path, options: Any = None, **_: Any) -> Any:
        raise KeyboardInterrupt

    monkeypatch.setattr(Scanner, "scan", interrupted)
    monkeypatch.setattr(
        "sys.argv",
        ["idpc-guard", "scan", str(FIXTURES / "sample_bundle.pdf"), "--out-dir", str(tmp_path)],
    )
    with pytest.raises(SystemExit) as info:
        cli.main()
    assert info.value.code == 130
    assert "interrupted" in capfd.readouterr().err
    assert list(tmp_path.iterdir()) == []


def test_an_unexpected_bug_is_exit_4_without_traceback(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    def broken(self: Scanner, path: Path, options: Any = None, **_: Any) -> Any:
        raise ZeroDivisionError("CANARY-PII-7731")

    monkeypatch.setattr(Scanner, "scan", broken)
    monkeypatch.setattr(
        "sys.argv",
        ["idpc-guard", "scan", str(FIXTURES / "sample_bundle.pdf"), "--out-dir", str(tmp_path)],
    )
    with pytest.raises(SystemExit) as info:
        cli.main()
    assert info.value.code == 4
    err = capfd.readouterr().err
    assert "internal error (bug): ZeroDivisionError" in err
    assert "CANARY" not in err and "Traceback" not in err
