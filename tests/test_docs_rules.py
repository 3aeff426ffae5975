"""The worked example in docs/rules.md works as written, errors included."""

from __future__ import annotations

import re
import textwrap
from pathlib import Path

from idpc_guard.errors import RuleFileError
from idpc_guard.policy.check import check_rule_set
from idpc_guard.policy.loader import load_rule_set

DOC = (Path(__file__).resolve().parents[1] / "docs" / "rules.md").read_text()


def _block(after: str, language: str) -> str:
    start = DOC.index(after)
    match = re.search(rf"```{language}\n(.*?)```", DOC[start:], re.S)
    assert match is not None
    return textwrap.dedent(match.group(1))


def _problems(folder: Path) -> list[str]:
    try:
        return check_rule_set(load_rule_set(None, folder))
    except RuleFileError as exc:
        return list(exc.problems)


def test_the_worked_example_passes_and_its_errors_are_as_documented(tmp_path: Path) -> None:
    rule_file = _block("2. Add one file", "yaml")
    errors = _block("printed as `file:line: message`", "").strip().splitlines()
    local = tmp_path / "rules"
    (local / "exceptions").mkdir(parents=True)
    path = local / "exceptions" / "vehicle-crime-scene.yaml"
    path.write_text(rule_file)
    assert _problems(local) == []
    # The documented typo ...
    path.write_text(rule_file.replace("roles: [scene]", "roles: [scen]"))
    assert _problems(local) == [errors[0]]
    # ... and the documented failing example.
    path.write_text(rule_file.replace("role: unknown", "role: scene"))
    assert _problems(local) == [errors[1]]
