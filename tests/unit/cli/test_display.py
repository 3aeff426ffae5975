"""The rich terminal summary, progress reporting and NO_COLOR."""

from __future__ import annotations

import io
import re
from pathlib import Path
from typing import Any

import pytest
from rich.console import Console

from idpc_guard.cli.display import print_log_summary, print_summary, progress_bar
from idpc_guard.log.summary import Breakdown, LogSummary
from tests.conftest import FIXTURES

# An SGR sequence that sets a foreground or background colour.
COLOUR = re.compile(r"\x1b\[(?:[0-9;]*;)?(?:3[0-9]|4[0-9]|9[0-7]|10[0-7])(?:;[0-9;]*)?m")


@pytest.fixture(scope="module")
def report(scanner: Any) -> Any:
    from idpc_guard.scanner import ScanOptions

    return scanner.scan(FIXTURES / "sample_bundle.pdf", ScanOptions(redact=False)).report


def _render(report: Any, *, show_values: bool = False, **console: Any) -> str:
    out = io.StringIO()
    print_summary(
        Console(file=out, width=120, **console),
        report,
        [Path("out/sample.report.json")],
        show_values=show_values,
    )
    return out.getvalue()


def test_verdict_first_then_documents_then_files(report: Any) -> None:
    text = _render(report)
    lines = text.splitlines()
    assert lines[0].split()[0] == report.decisions.verdict.value.upper()
    for doc in report.documents:
        assert doc.kind.value in text
    assert text.index("Documents") < text.index("Files written:")
    assert lines[-1].strip() == "out/sample.report.json"
    assert "critical" in text and "to redact" in text


def test_values_are_masked_unless_asked(report: Any) -> None:
    values = {f.detection.text for f in report.decisions.findings if len(f.detection.text) > 4}
    text = _render(report)
    assert not [v for v in values if v in text]
    shown = _render(report, show_values=True)
    assert any(v in shown for v in values)


def test_colour_on_a_terminal_and_none_with_no_color(
    report: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("NO_COLOR", raising=False)
    assert COLOUR.search(_render(report, force_terminal=True))
    monkeypatch.setenv("NO_COLOR", "1")
    plain = _render(report, force_terminal=True)
    assert not COLOUR.search(plain)
    first = re.sub(r"\x1b\[[0-9;]*m", "", plain.splitlines()[0]).lstrip()
    assert first.startswith(report.decisions.verdict.value.upper())


def test_scanner_reports_progress_without_printing(
    scanner: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    from idpc_guard.scanner import ScanOptions

    seen: list[tuple[int, int]] = []
    scanner.scan(
        FIXTURES / "sample_bundle.pdf", ScanOptions(), progress=lambda d, t: seen.append((d, t))
    )
    assert seen, "no progress reported"
    done = [d for d, _ in seen]
    assert done == sorted(done) and len({t for _, t in seen}) == 1
    assert seen[-1][0] == seen[-1][1]
    seen.clear()
    options = ScanOptions(redact=False, page_images=True)
    scanner.scan(FIXTURES / "clean_bundle.pdf", options, progress=lambda d, t: seen.append((d, t)))
    assert seen[-1][0] == seen[-1][1]
    assert capsys.readouterr() == ("", "")


def test_progress_bar_is_silent_for_short_scans_and_when_off() -> None:
    out = io.StringIO()
    console = Console(file=out, force_terminal=True)
    with progress_bar(console, enabled=False) as callback:
        assert callback is None
    with progress_bar(console, enabled=True) as callback:
        assert callback is not None
        callback(1, 10)  # well under a second: no bar
    assert out.getvalue() == ""


def test_progress_bar_appears_on_long_scans(monkeypatch: pytest.MonkeyPatch) -> None:
    import idpc_guard.cli.display as cli_render

    monkeypatch.setattr(cli_render, "PROGRESS_DELAY", 0.0)
    out = io.StringIO()
    console = Console(file=out, force_terminal=True, width=80)
    with progress_bar(console, enabled=True) as callback:
        assert callback is not None
        callback(3, 10)
        callback(10, 10)
    assert "Scanning" in out.getvalue()


def test_log_summary_tables() -> None:
    row = Breakdown("2026-01", 5, 10, 2, 30, 1, 40)
    summary = LogSummary(5, 43, "2026-01-01T00:00:00+00:00", "2026-01-31T00:00:00+00:00", 2,
                         (row,), (dataclasses_replace(row, "burglary"),), (), ())  # fmt: skip
    out = io.StringIO()
    print_log_summary(Console(file=out, width=120), summary)
    text = out.getvalue()
    assert text.startswith("5 scan(s), 43 row(s) from 2026-01-01 to 2026-01-31; 2 reviewer(s)")
    for title in ("By month", "By offence family", "By document kind", "By entity"):
        assert title in text
    assert "burglary" in text


def dataclasses_replace(row: Breakdown, key: str) -> Breakdown:
    import dataclasses

    return dataclasses.replace(row, key=key)


def test_documents_are_numbered_from_one_for_people(report: Any) -> None:
    from idpc_guard.report.json import report_dict
    from idpc_guard.report.text import render_text

    count = len(report.documents)
    rows = [line.split()[0] for line in render_text(report).splitlines() if line[2:3] == "["]
    assert rows == [f"[{n}]" for n in range(1, count + 1)]
    table = [line.split()[0] for line in _render(report).splitlines()]
    assert str(count) in table and "0" not in table
    # The JSON report's numbering is the contract's: from 0.
    assert [d["index"] for d in report_dict(report)["documents"]] == list(range(count))
