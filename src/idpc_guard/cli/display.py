"""What the command line shows people: the rich scan summary, progress, log summaries.

Part of the CLI layer (it prints through a rich ``Console`` given by ``cli.py``).
Colour is decoration only: the verdict is spelled out in words, so the output
reads the same under ``NO_COLOR`` (which rich honours) or in a log file.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from idpc_guard.log.summary import Breakdown, LogSummary
from idpc_guard.model import Action, Report, Severity
from idpc_guard.report.text import warnings
from idpc_guard.scanner import ProgressCallback

_VERDICT = {
    "clear": ("CLEAR", "bold white on green", "nothing to redact or review"),
    "review": ("REVIEW", "bold black on yellow", "redactions proposed or items need a decision"),
    "block": ("BLOCK", "bold white on red", "do not serve this bundle as it is"),
}
_SEVERITIES = (Severity.CRITICAL, Severity.HIGH, Severity.MEDIUM, Severity.LOW)
#: Show a progress bar only once a scan has run this long (seconds).
PROGRESS_DELAY = 1.0


def print_summary(
    console: Console, report: Report, files: Sequence[Path], *, show_values: bool = False
) -> None:
    """Verdict first, then a table per document, then the files written."""
    decisions = report.decisions
    word, style, meaning = _VERDICT[decisions.verdict.value]
    console.print(f"[{style}] {word} [/] {meaning}", highlight=False)
    actions = Counter(f.action for f in decisions.findings)
    console.print(
        f"{report.bundle.page_count} page(s), {len(report.documents)} document(s); "
        f"{actions[Action.REDACT]} to redact, {actions[Action.REVIEW]} to review, "
        f"{actions[Action.KEEP]} kept; {len(decisions.page_actions)} page(s) to remove",
        highlight=False,
    )
    if report.case.inferred:
        console.print("Case facts inferred from the bundle (no case file, or it left them out)")
    for warning in warnings(report):
        console.print(f"! {warning}", highlight=False, markup=False)
    for issue in decisions.document_issues:
        pages = ", ".join(str(p + 1) for p in issue.pages)
        console.print(
            f"[bold red]![/] {issue.kind.value.replace('_', ' ')} (page {pages})", highlight=False
        )
    table = Table(title="Documents", title_justify="left", show_edge=False, pad_edge=False)
    for name in ("#", "kind", "pages"):
        table.add_column(name)
    for severity in _SEVERITIES:
        table.add_column(severity.value, justify="right")
    table.add_column("to redact", justify="right")
    table.add_column("to review", justify="right")
    for doc in report.documents:
        found = [
            f
            for f in decisions.findings
            if f.detection.document == doc.index and f.action is not Action.KEEP
        ]
        by_severity = Counter(f.severity for f in found)
        by_action = Counter(f.action for f in found)
        first, last = doc.pages[0] + 1, doc.pages[-1] + 1
        table.add_row(
            str(doc.index + 1),
            doc.kind.value,
            f"{first}" if first == last else f"{first}-{last}",
            *(_count(by_severity[s], s is Severity.CRITICAL) for s in _SEVERITIES),
            str(by_action[Action.REDACT]),
            str(by_action[Action.REVIEW]),
        )
    console.print(table)
    if show_values and decisions.findings:
        values = Table(title="Findings (values shown on request)", title_justify="left")
        for name in ("id", "page", "action", "severity", "entity", "value", "rule"):
            values.add_column(name)
        for f in decisions.findings:
            d = f.detection
            values.add_row(
                f.id, str(d.page + 1), f.action.value, f.severity.value, d.entity, d.text, f.rule
            )
        console.print(values)
    console.print("Files written:")
    for path in files:
        console.print(f"  {path}", highlight=False, markup=False)


def _count(value: int, critical: bool) -> str:
    if value == 0:
        return "[dim]0[/]"
    return f"[bold red]{value}[/]" if critical else str(value)


@contextmanager
def progress_bar(console: Console, *, enabled: bool) -> Iterator[ProgressCallback | None]:
    """A progress callback that draws a bar on ``console`` once a scan passes a second.

    Short scans never show a bar; with ``enabled`` false (quiet, or not a
    terminal) the callback is ``None``.
    """
    if not enabled:
        yield None
        return
    started = time.monotonic()
    progress = Progress(
        TextColumn("Scanning"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=console,
        transient=True,
    )
    task = progress.add_task("scan", total=None)
    shown = False

    def update(done: int, total: int) -> None:
        nonlocal shown
        if not shown and time.monotonic() - started >= PROGRESS_DELAY:
            progress.start()
            shown = True
        progress.update(task, completed=done, total=total)

    try:
        yield update
    finally:
        if shown:
            progress.stop()


#: The groupings of a log summary, by the name ``log summary --by`` gives them.
LOG_GROUPINGS = ("month", "offence-family", "document-kind", "entity", "cps-type")


def print_log_summary(
    console: Console, summary: LogSummary, by: Sequence[str] = LOG_GROUPINGS
) -> None:
    """Totals, then one table per grouping asked for (:data:`LOG_GROUPINGS`, all by default)."""
    console.print(
        f"{summary.scans:,} scan(s), {summary.rows:,} row(s) from {summary.first[:10] or '-'} "
        f"to {summary.last[:10] or '-'}; {summary.reviewers} reviewer(s)",
        highlight=False,
    )
    console.print("(police: items found in material the police prepared or gathered)")
    for name, title, rows in (
        ("month", "By month", summary.by_month),
        ("offence-family", "By offence family", summary.by_offence_family),
        ("document-kind", "By document kind", summary.by_document_kind),
        ("entity", "By entity", summary.by_entity),
        ("cps-type", "By CPS type (pages: CPS deletion reason)", summary.by_cps_type),
    ):
        if name in by:
            console.print(_breakdown_table(title, rows))


def _breakdown_table(title: str, rows: Sequence[Breakdown]) -> Table:
    table = Table(title=title, title_justify="left", show_edge=False, pad_edge=False)
    table.add_column("", no_wrap=True)
    # "police": rows (findings and page actions) in police material.
    for name in ("scans", "redact", "review", "keep", "pages out", "police"):
        table.add_column(name, justify="right")
    for row in rows:
        table.add_row(
            row.key,
            f"{row.scans:,}",
            f"{row.redact:,}",
            f"{row.review:,}",
            f"{row.keep:,}",
            f"{row.pages_removed:,}",
            f"{row.police_material:,}",
        )
    return table
