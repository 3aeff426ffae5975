"""The fuzz harness in CI (bounded time), and every input it ever found as a regression."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

from tests.fuzz.harness import REGRESSIONS, fuzz
from tests.hostile.runner import assert_no_leak, assert_one_line_error, run_cli

#: Seconds of fuzzing in CI; ``IDPC_GUARD_FUZZ_SECONDS`` changes it.
CI_SECONDS = float(os.environ.get("IDPC_GUARD_FUZZ_SECONDS", "20"))

FOUND = sorted(REGRESSIONS.glob("*.pdf"))


def test_fuzz_for_a_bounded_time(tmp_path: Path) -> None:
    result = fuzz(seconds=CI_SECONDS, seed=20261125, crashes=tmp_path, input_seconds=60)
    assert result.inputs > 0
    assert result.crashes == [], [p.with_suffix(".txt").read_text() for p in result.crashes]
    assert result.outcomes["CRASH"] == 0


@pytest.mark.parametrize("path", FOUND, ids=[p.stem for p in FOUND])
def test_found_input_is_handled(
    path: Path,
    tmp_path: Path,
    scanner: Any,
    monkeypatch: pytest.MonkeyPatch,
    capfd: pytest.CaptureFixture[str],
) -> None:
    run = run_cli(
        ["scan", path, "--out-dir", tmp_path, "--page-timeout", "0.5"],
        scanner=scanner,
        monkeypatch=monkeypatch,
        capfd=capfd,
    )
    assert_no_leak(run)
    assert run.seconds < 60
    if run.status >= 2:
        assert run.status in (3, 4)  # 4: the copy failed its verification (the contract's)
        assert_one_line_error(run, "")
        assert "internal error (bug)" not in run.stderr
        written = [p.name for p in tmp_path.iterdir()]
        if run.status == 4 and "names what could not be removed" in run.stderr:
            # The copy failed its verification: the report alone says what stayed (README).
            assert len(written) == 1 and written[0].endswith(".report.json")
        else:
            assert written == []
    else:
        assert len(list(tmp_path.iterdir())) == 2
