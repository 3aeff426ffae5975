"""Run the command line in-process (one language model for the whole session)."""

from __future__ import annotations

import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from idpc_guard.cli import app as cli_app
from idpc_guard.cli import scan as cli_scan

CANARIES = ("canary.pii.7731@example.com", "07700 900731", "07700900731", "user-secret")


@dataclass(frozen=True)
class Run:
    """What one command-line run did."""

    status: int
    stdout: str
    stderr: str
    seconds: float


def run_cli(
    args: Sequence[str | Path],
    *,
    scanner: Any,
    monkeypatch: pytest.MonkeyPatch,
    capfd: pytest.CaptureFixture[str],
) -> Run:
    """``idpc-guard ARGS`` in this process, reusing ``scanner`` for the built-in rules."""
    real = cli_scan.Scanner

    def make(*, local_rules: Path | None = None, **options: Any) -> Any:
        return scanner if local_rules is None else real(local_rules=local_rules, **options)

    with monkeypatch.context() as patch:
        patch.setattr(cli_scan, "Scanner", make)
        patch.setattr(sys, "argv", ["idpc-guard", *map(str, args)])
        capfd.readouterr()
        start = time.monotonic()
        with pytest.raises(SystemExit) as info:
            cli_app.main()
        seconds = time.monotonic() - start
    out, err = capfd.readouterr()
    code = info.value.code
    return Run(int(code) if isinstance(code, int) else 1, out, err, seconds)


def assert_one_line_error(run: Run, fragment: str) -> None:
    """Exactly one line on stderr, in the CLI's format, holding ``fragment``."""
    lines = run.stderr.strip().splitlines()
    assert len(lines) == 1, run.stderr
    assert lines[0].startswith("idpc-guard: error: "), run.stderr
    assert fragment in lines[0], run.stderr


def assert_no_leak(run: Run) -> None:
    """No traceback and no canary value on stderr."""
    assert "Traceback" not in run.stderr, run.stderr
    for canary in CANARIES:
        assert canary not in run.stderr
