"""Case files and rule files that are not YAML or not the schema: exit 2, one line, no output,
and no value from the file (a canary) on stderr."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.conftest import FIXTURES
from tests.hostile.runner import assert_no_leak, assert_one_line_error, run_cli

CLEAN = FIXTURES / "clean_bundle.pdf"
CANARY = "canary.pii.7731@example.com"

BAD_CASE_FILES: dict[str, tuple[bytes, str]] = {
    "not-yaml": (b"urn: [05AB1234524\ndefendants: {", "not valid YAML"),
    "binary": (b"\x89PNG\r\n\x1a\n\xff\xfe\x00", "cannot be read"),
    "utf16": ("urn: 05AB1234524\n".encode("utf-16"), "cannot be read"),
    "a-list": (b"- 05AB1234524\n- " + CANARY.encode(), "expected a mapping"),
    "a-scalar": (CANARY.encode(), "expected a mapping"),
    "unknown-key-holding-a-name": (
        b"defendants:\n  - name: Ann Example\n    " + CANARY.encode() + b": 1\n",
        "(unknown field)",
    ),
    "typo-in-a-field": (b"urn: 05AB1234524\ndefendant: x\n", "defendant"),
    "defendants-not-a-list": (b"defendants: " + CANARY.encode(), "defendants"),
    "name-is-a-mapping": (b"defendants:\n  - name: {first: " + CANARY.encode() + b"}\n", "name"),
    "empty-name": (b"defendants:\n  - name: ''\n", "name"),
    "deeply-nested": (b"offences: " + b"[" * 50_000 + b"]" * 50_000, "nested too deeply"),
    "billion-laughs": (
        b"a: &a ['"
        + CANARY.encode()
        + b"', '"
        + CANARY.encode()
        + b"']\n"
        + b"".join(
            b"%s: &%s [*%s, *%s, *%s, *%s, *%s, *%s, *%s, *%s]\n"
            % ((chr(98 + i).encode(),) * 2 + (chr(97 + i).encode(),) * 8)
            for i in range(9)
        )
        + b"offences: *j\n",
        "offences",
    ),
    "python-tag": (b"urn: !!python/object/apply:os.system ['true']\n", "not valid YAML"),
    "role-unknown": (b"complainants:\n  - name: A B\n    role: " + CANARY.encode(), "role"),
}

BAD_RULE_FILES: dict[str, tuple[bytes, str]] = {
    "not-yaml": (b"schema: idpc-guard/rules/v1\nrules: [\n", "not valid YAML"),
    "binary": (b"\xff\xfe\x00\x01", "cannot be read"),
    "a-list": (b"- a\n- b\n", "schema must be"),
    "no-rules": (b"schema: idpc-guard/rules/v1\nrules: []\n", ""),
    "wrong-schema": (b"schema: something/else\nrules: []\n", "schema"),
    "deeply-nested": (b"rules: " + b"[" * 50_000 + b"]" * 50_000, "nested too deeply"),
}


def _run(args: list[Any], scanner: Any, monkeypatch: Any, capfd: Any) -> Any:
    return run_cli(args, scanner=scanner, monkeypatch=monkeypatch, capfd=capfd)


@pytest.mark.parametrize("name", sorted(BAD_CASE_FILES))
def test_bad_case_file(
    name: str,
    tmp_path: Path,
    scanner: Any,
    monkeypatch: pytest.MonkeyPatch,
    capfd: pytest.CaptureFixture[str],
) -> None:
    content, fragment = BAD_CASE_FILES[name]
    case = tmp_path / "case.yaml"
    case.write_bytes(content)
    out = tmp_path / "out"
    out.mkdir()
    run = _run(["scan", CLEAN, "--case", case, "--out-dir", out], scanner, monkeypatch, capfd)
    assert run.status == 2, run.stderr
    assert_one_line_error(run, fragment)
    assert_no_leak(run)
    assert list(out.iterdir()) == []
    assert run.seconds < 30


@pytest.mark.parametrize("name", sorted(BAD_RULE_FILES))
def test_bad_rule_file(
    name: str,
    tmp_path: Path,
    scanner: Any,
    monkeypatch: pytest.MonkeyPatch,
    capfd: pytest.CaptureFixture[str],
) -> None:
    content, fragment = BAD_RULE_FILES[name]
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "bad.yaml").write_bytes(content)
    out = tmp_path / "out"
    out.mkdir()
    run = _run(["scan", CLEAN, "--rules", rules, "--out-dir", out], scanner, monkeypatch, capfd)
    assert run.status == 2, run.stderr
    assert_one_line_error(run, fragment)
    assert_no_leak(run)
    assert list(out.iterdir()) == []
    check = _run(["rules", "check", rules], scanner, monkeypatch, capfd)
    assert check.status == 2
    assert_no_leak(check)
