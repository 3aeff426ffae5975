"""The ``rules`` and ``log`` sub-commands."""

from __future__ import annotations

import re
import shutil
import sys
import textwrap
from collections.abc import Sequence
from enum import StrEnum
from pathlib import Path
from typing import Annotated, NoReturn

import typer
from rich.console import Console

from idpc_guard.cli.display import LOG_GROUPINGS, print_log_summary
from idpc_guard.cli.options import Debug, fail, handle
from idpc_guard.cli.trail import LogFormatOption, log_format, read_report
from idpc_guard.errors import ExitStatus, RuleFileError, UsageError
from idpc_guard.log.store import append_log, event_row, export_csv, verify_log
from idpc_guard.log.summary import summarise_log
from idpc_guard.policy.builtin import BUILTIN_RULES
from idpc_guard.policy.check import check_rules
from idpc_guard.policy.decide import precedence
from idpc_guard.policy.loader import load_rule_set

rules_app = typer.Typer(help="Validate and list rule files.", no_args_is_help=True)
log_app = typer.Typer(
    help="The redaction log: summaries, export, verification and sample checks.",
    no_args_is_help=True,
)


LocalRules = Annotated[
    Path | None,
    typer.Option("--rules", help="Folder of local rule files added to DIR; same id replaces."),
]
RulesDir = Annotated[
    Path | None, typer.Argument(help="Rules folder (default: the built-in rules).")
]


@log_app.command("summary")
def log_summary(
    path: Annotated[Path, typer.Argument(help="The log (SQLite or CSV).")],
    chart: Annotated[
        Path | None, typer.Option("--chart", help="Also draw a one-page PNG chart here.")
    ] = None,
    by: Annotated[
        list[str] | None,
        typer.Option(
            "--by",
            metavar="NAME",
            help="Show only these groupings (repeatable): month, offence-family, "
            "document-kind, entity, cps-type. Default: all.",
        ),
    ] = None,
    debug: Debug = False,
) -> None:
    """Counts and trends by month, offence family, document kind, entity and CPS type."""
    try:
        unknown = [b for b in by or () if b not in LOG_GROUPINGS]
        if unknown:
            raise UsageError(f"--by {unknown[0]}: choose from {', '.join(LOG_GROUPINGS)}")
        summary = summarise_log(path)
        if chart is not None:
            from idpc_guard.log.chart import write_chart  # matplotlib: only when asked

            write_chart(summary, chart)
    except Exception as exc:
        handle(exc, debug)
    print_log_summary(Console(), summary, by or LOG_GROUPINGS)
    if chart is not None:
        typer.echo(f"Chart: {chart}")


@log_app.command("export")
def log_export(
    path: Annotated[Path, typer.Argument(help="The log (SQLite or CSV).")],
    out: Annotated[Path, typer.Argument(help="The CSV file to write.")],
    debug: Debug = False,
) -> None:
    """Write the log as CSV (one row per finding and page action; no personal data)."""
    try:
        count = export_csv(path, out)
    except Exception as exc:
        handle(exc, debug)
    typer.echo(f"{count} row(s) written to {out}")


_HASH = re.compile(r"^[0-9a-f]{64}$")


@log_app.command("verify")
def log_verify(
    path: Annotated[Path, typer.Argument(help="The log (SQLite or CSV).")],
    anchor: Annotated[
        str | None,
        typer.Option(
            "--anchor",
            metavar="HASH",
            help="A head hash printed by an earlier verify: it must still be in the log "
            "(finds records removed from the end).",
        ),
    ] = None,
    debug: Debug = False,
) -> None:
    """Check the log's hash chain; exit 0 intact, 1 not (one line names the first bad record).

    Finds any record edited, deleted, moved or inserted. Records removed from the end
    leave a valid chain: keep the head hash printed here elsewhere, and pass it back
    with --anchor. Exit 1 also for a log with no chained record yet ("unchained").
    """
    if anchor is not None and not _HASH.match(anchor.strip().lower()):
        fail("--anchor must be a head hash (64 hexadecimal digits)", ExitStatus.USAGE)
    wanted = anchor.strip().lower() if anchor is not None else None
    try:
        check = verify_log(path, wanted)
    except Exception as exc:
        handle(exc, debug)
    if check.problem:
        good = f"; records 1-{check.records} are intact" if check.records else ""
        _not_intact(path, f"record {check.bad_record}: {check.problem}{good}")
    if check.records and check.unchained == check.records:
        _not_intact(
            path,
            f"unchained: its {check.records} record(s) were written before the log was "
            "hash-chained, so nothing proves them; the next append seals them",
        )
    if wanted is not None and not check.anchor_found:
        _not_intact(
            path,
            f"the anchor {wanted[:16]}... is not in the log: records were removed from its "
            "end, or it was rewritten",
        )
    events = ", ".join(f"{kind} {count}" for kind, count in check.events)
    sealed = (
        f"; the first {check.unchained} were written before the chain (sealed since, "
        "not provable before)"
        if check.unchained
        else ""
    )
    typer.echo(f"intact: {check.records} record(s){f' ({events})' if events else ''}{sealed}")
    typer.echo(f"head: {check.head}")


def _not_intact(path: Path, why: str) -> NoReturn:
    typer.echo(f"idpc-guard: {path} is NOT intact: {why}", err=True)
    raise typer.Exit(int(ExitStatus.FINDINGS))


class SampleResult(StrEnum):
    """What a second reviewer's sample check found."""

    AGREE = "agree"
    DISAGREE = "disagree"


@log_app.command("sample-check")
def log_sample_check(  # noqa: PLR0913 - one parameter per option
    path: Annotated[Path, typer.Argument(help="The log to append to (SQLite or CSV).")],
    report: Annotated[Path, typer.Option("--report", help="The report that was sampled.")],
    reviewer: Annotated[
        str, typer.Option("--reviewer", metavar="NAME", help="The second reviewer (required).")
    ],
    result: Annotated[
        SampleResult,
        typer.Option("--result", help="agree: the sample holds; disagree: it does not."),
    ],
    sampled: Annotated[
        int,
        typer.Option("--sampled", min=0, metavar="N", help="How many findings were sampled."),
    ] = 0,
    log_format_given: LogFormatOption = None,
    debug: Debug = False,
) -> None:
    """Record a second reviewer's sample check of REPORT as one chained record of the log.

    The record holds the case URN, the rules' fingerprint, the reviewer, the result and
    how many findings were sampled; no value from the report.
    """
    if not reviewer.strip():
        fail("--reviewer must name the second reviewer", ExitStatus.USAGE)
    try:
        read = read_report(report)
        reason = f"{sampled} finding(s) sampled" if sampled else ""
        row = event_row(
            read.event("sample-check", reviewer.strip()),
            item="event",
            action=result.value,
            reason=reason,
        )
        append_log(path, [row], log_format(path, log_format_given))
    except Exception as exc:
        handle(exc, debug)
    typer.echo(f"Sample check ({result.value}) recorded in {path}")


@rules_app.command("check")
def rules_check(directory: RulesDir = None, local: LocalRules = None, debug: Debug = False) -> None:
    """Validate every rule file, find conflicts, prove every worked example; non-zero on any.

    Each example is scanned as a page, with its case facts, through the same detection,
    case model and decisions as a scan (it loads the language model, once). Problems
    are printed one a line as ``file:line: message``.
    """
    try:
        rule_set = load_rule_set(directory, local)
        result = check_rules(rule_set)
        problems = list(result.problems)
    except RuleFileError as exc:
        problems = list(exc.problems)
    except Exception as exc:
        handle(exc, debug)
    if problems:
        for problem in problems:
            typer.echo(problem, err=True)
        fail(f"{len(problems)} problem(s) in the rule files", ExitStatus.USAGE)
    typer.echo(f"{result.summary()}; no conflicts; {len(rule_set.taxonomy.terms)} taxonomy name(s)")


@rules_app.command("list")
def rules_list(directory: RulesDir = None, local: LocalRules = None) -> None:
    """Show the rules in force as a table, most specific first (the order they win in).

    The rules the tool applies itself (built in, not from a rule file) follow, each
    with its reason.
    """
    try:
        rule_set = load_rule_set(directory, local)
    except RuleFileError as exc:
        fail(str(exc), exc.exit_status)
    header = ("ID", "ACTION", "SEVERITY", "OFFENCES", "DOCUMENTS", "ROLES", "ENTITIES", "FILE")
    rows = [
        (
            rule.id,
            rule.action.value,
            rule.severity.value,
            ",".join(sorted(rule.offences)) or "any",
            ",".join(sorted(d.value for d in rule.documents)) or "any",
            ",".join(sorted(r.value for r in rule.roles)) or "any",
            ",".join(sorted(rule.entities)),
            rule.where,
        )
        for rule in sorted(rule_set.rules, key=lambda r: (tuple(-p for p in precedence(r)), r.id))
    ]
    _print_table(header, rows)
    typer.echo("")
    typer.echo("Built in: applied by the tool itself; no rule file may use these ids.")
    _print_table(
        ("ID", "ACTION", "SEVERITY", "WHEN"),
        [
            (
                f"{b.id} [built in]",
                b.action.value,
                b.severity.value if b.severity is not None else "-",
                b.when,
            )
            for b in BUILTIN_RULES
        ],
        notes=[f"reason: {b.reason}" for b in BUILTIN_RULES],
    )


def _terminal_width() -> int | None:
    """The terminal's width in columns, or None when the output is not a terminal."""
    if not sys.stdout.isatty():
        return None
    return shutil.get_terminal_size().columns


def _print_table(
    header: tuple[str, ...], rows: Sequence[tuple[str, ...]], notes: Sequence[str] | None = None
) -> None:
    """Columns padded to their widest cell; each ``notes`` line indented under its row.

    On a terminal too narrow for the table, each row is printed as a block instead: its
    first cells on one line, then one indented ``label: value`` line per other cell.
    (A pipe or a file always gets the table, for tools that read it.)
    """
    widths = [max(len(row[i]) for row in (header, *rows)) for i in range(len(header))]
    terminal = _terminal_width()
    if terminal is not None and sum(widths) + 2 * (len(widths) - 1) > terminal:
        _print_blocks(header, rows, notes, terminal)
        return
    for number, row in enumerate((header, *rows)):
        typer.echo(
            "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip()
        )
        if notes is not None and number > 0:
            typer.echo(f"    {notes[number - 1]}")


#: Cells of a row that stay on its first line when a table is printed as blocks.
_HEAD_CELLS = 3


def _print_blocks(
    header: tuple[str, ...],
    rows: Sequence[tuple[str, ...]],
    notes: Sequence[str] | None,
    width: int,
) -> None:
    """Each row as a block that fits a narrow terminal (see :func:`_print_table`)."""

    def wrapped(text: str) -> str:
        return textwrap.fill(
            text, width=max(width, 40), initial_indent="    ", subsequent_indent="      "
        )

    for number, row in enumerate(rows):
        typer.echo("  ".join(row[:_HEAD_CELLS]))
        for label, cell in zip(header[_HEAD_CELLS:], row[_HEAD_CELLS:], strict=True):
            typer.echo(wrapped(f"{label.lower()}: {cell.replace(',', ', ')}"))
        if notes is not None:
            typer.echo(wrapped(notes[number]))
