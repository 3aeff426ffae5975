"""The README's library example runs as written."""

from __future__ import annotations

import doctest
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def test_readme_examples(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    result = doctest.testfile(
        str(ROOT / "README.md"),
        module_relative=False,
        optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE,
    )
    assert result.attempted > 0
    assert result.failed == 0


def test_readme_starts_with_the_two_commands() -> None:
    lines = (ROOT / "README.md").read_text().splitlines()
    commands = [line.strip() for line in lines[:12] if line.startswith("    ")]
    assert len(commands) == 2
    assert "idpc-guard scan fixtures/sample_bundle.pdf" in commands[0]
    assert "pytest" in commands[1]
    assert (ROOT / "fixtures" / "sample_bundle.pdf").exists()
