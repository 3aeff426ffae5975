"""The README's library example runs as written."""

from __future__ import annotations

import doctest
import re
from pathlib import Path
from typing import Any

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


def test_readme_case_file_matches_the_sample_bundle(scanner: Any) -> None:
    import yaml

    from idpc_guard.documents.case import parse_case
    from idpc_guard.scanner import ScanOptions
    from idpc_guard.text.dates import parse_date

    text = (ROOT / "README.md").read_text()
    section = text[text.index("## Case file") :]
    block = re.search(r"```yaml\n(.*?)```", section, re.S)
    assert block is not None
    case = parse_case(yaml.safe_load(block[1]))
    bundle = ROOT / "fixtures" / "sample_bundle.pdf"

    def scan(options: ScanOptions) -> Any:
        return scanner.scan(bundle, options).report

    given = scan(ScanOptions(case=case, redact=False))
    inferred = scan(ScanOptions(redact=False))
    assert given.case.urn == inferred.case.urn
    assert [p.name for p in given.case.defendants] == [p.name for p in inferred.case.defendants]
    born = [parse_date(d.dob or "") for d in (*given.case.defendants, *inferred.case.defendants)]
    assert born[0] is not None and born == [born[0]] * 2  # the DOB on the case summary
    assert given.decisions.verdict == inferred.decisions.verdict
    assert [(f.action, f.detection.page) for f in given.decisions.findings] == [
        (f.action, f.detection.page) for f in inferred.decisions.findings
    ]
