"""The `rules` sub-commands, in process."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from idpc_guard.cli import admin
from idpc_guard.cli.app import app
from idpc_guard.policy.builtin import BUILTIN_RULES


def test_rules_list_shows_the_built_in_rules_marked_with_their_reasons() -> None:
    result = CliRunner().invoke(app, ["rules", "list"])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    for builtin in BUILTIN_RULES:
        (row,) = [i for i, line in enumerate(lines) if line.startswith(f"{builtin.id} [built in] ")]
        assert builtin.action.value in lines[row].split()
        assert lines[row + 1].strip() == f"reason: {builtin.reason}"
    # The rule files' rules are listed as before, above them.
    assert any(line.startswith("redact-phone ") for line in lines)


def test_rules_check_passes_with_the_built_in_rules_in_force() -> None:
    result = CliRunner().invoke(app, ["rules", "check"])
    assert result.exit_code == 0, result.output
    assert "no conflicts" in result.output


def test_rules_list_fits_a_narrow_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(admin, "_terminal_width", lambda: 80)
    result = CliRunner().invoke(app, ["rules", "list"])
    assert result.exit_code == 0, result.output
    assert max(len(line) for line in result.output.splitlines()) <= 80
    lines = result.output.splitlines()
    row = lines.index(next(line for line in lines if line.startswith("redact-phone ")))
    assert lines[row + 1].strip().startswith("offences: ")


def test_rules_list_is_one_table_when_piped() -> None:
    result = CliRunner().invoke(app, ["rules", "list"])
    assert result.output.splitlines()[0].split()[:3] == ["ID", "ACTION", "SEVERITY"]
