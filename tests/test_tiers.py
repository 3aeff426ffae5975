"""The fast test tier leaves out the end-to-end runs, the hostile corpus and the fuzzer."""

from __future__ import annotations

import subprocess
import sys

from tests.conftest import ROOT, SLOW_FILES


def test_the_slow_files_are_left_out_of_the_fast_tier() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "--collect-only", "-q", "-m", "not slow"]
        + [str(ROOT / "tests" / path) for path in SLOW_FILES],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
        cwd=ROOT,
    )
    assert result.returncode == 5, result.stdout[-2000:]  # 5: no test selected
    assert " deselected" in result.stdout


def test_the_readme_says_how_long_each_tier_takes() -> None:
    text = (ROOT / "README.md").read_text()
    head = text[: text.index("---")]
    assert 'pytest -m "not slow"' in head and "minutes" in head
    assert "| fast (everyday) |" in text and "| full (CI) |" in text
