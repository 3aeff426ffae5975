"""Ctrl-C is exit status 130 (not 1, which means "redactions proposed")."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from idpc_guard.cli import app as cli
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


def test_interrupt_between_the_copy_and_the_report_leaves_nothing(
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    capfd: pytest.CaptureFixture[str],
    scanner: Scanner,
) -> None:
    from tests.hostile.runner import run_cli

    bundle = FIXTURES / "sample_bundle.pdf"
    first = run_cli(["scan", bundle, "--out-dir", tmp_path], **_kw(scanner, monkeypatch, capfd))
    assert first.status == 1
    before = {p.name: p.read_bytes() for p in tmp_path.iterdir()}
    real = Path.replace
    calls = {"n": 0}

    def replace(self: Path, target: Any) -> Path:
        calls["n"] += 1
        if calls["n"] == 2:  # the copy is in place; the report is not yet
            raise KeyboardInterrupt
        return real(self, target)

    monkeypatch.setattr(Path, "replace", replace)
    run = run_cli(
        ["scan", bundle, "--out-dir", tmp_path, "--offence", "theft"],
        **_kw(scanner, monkeypatch, capfd),
    )
    assert run.status == 130
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir()} == before


def test_sigterm_is_an_interruption(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    import os
    import signal

    def terminated(self: Scanner, path: Path, options: Any = None, **_: Any) -> Any:
        os.kill(os.getpid(), signal.SIGTERM)
        raise AssertionError("SIGTERM did not interrupt")

    previous = signal.getsignal(signal.SIGTERM)
    monkeypatch.setattr(Scanner, "scan", terminated)
    monkeypatch.setattr(
        "sys.argv",
        ["idpc-guard", "scan", str(FIXTURES / "sample_bundle.pdf"), "--out-dir", str(tmp_path)],
    )
    try:
        with pytest.raises(SystemExit) as info:
            cli.main()
    finally:
        signal.signal(signal.SIGTERM, previous)
    assert info.value.code == 130
    assert list(tmp_path.iterdir()) == []


def _kw(scanner: Scanner, monkeypatch: pytest.MonkeyPatch, capfd: Any) -> dict[str, Any]:
    return {"scanner": scanner, "monkeypatch": monkeypatch, "capfd": capfd}
