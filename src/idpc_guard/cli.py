"""The command line: parse options, call the library, print, exit.

This is the only module that prints or exits. Exit statuses (a stable interface):
0 clear; 1 redactions proposed or review needed; 2 usage or configuration error;
3 the bundle could not be processed; 4 environment or internal failure;
130 interrupted. Any status of 2 or more prints one line to stderr (a traceback
only with ``--debug``) and leaves no partial output file.
"""

from __future__ import annotations

import json
import sys
import traceback
from enum import StrEnum
from pathlib import Path
from typing import Annotated, NoReturn

import typer

from idpc_guard._version import __version__
from idpc_guard.case import load_case_file
from idpc_guard.errors import ExitStatus, IdpcGuardError, RuleFileError
from idpc_guard.extract import Limits
from idpc_guard.policy.check import check_rule_set
from idpc_guard.policy.decide import precedence
from idpc_guard.policy.loader import load_rule_set
from idpc_guard.report.json import report_dict
from idpc_guard.report.sarif import render_sarif
from idpc_guard.report.text import render_text
from idpc_guard.scanner import Scanner, ScanOptions, output_paths, write_outputs

MASK = "[masked: add --show-values to print]"

app = typer.Typer(
    name="idpc-guard",
    help="Check a prosecution (IDPC) bundle for personal data before it is served.",
    add_completion=False,
    no_args_is_help=True,
    # Pretty tracebacks print local variables: personal data. Never.
    pretty_exceptions_enable=False,
)
rules_app = typer.Typer(help="Validate and list rule files.", no_args_is_help=True)
app.add_typer(rules_app, name="rules")


class OutputFormat(StrEnum):
    """What ``scan`` prints to stdout."""

    TEXT = "text"
    JSON = "json"
    SARIF = "sarif"


def _fail(message: str, status: ExitStatus) -> NoReturn:
    typer.echo(f"idpc-guard: error: {message}", err=True)
    raise typer.Exit(int(status))


def _interrupted() -> NoReturn:
    typer.echo("idpc-guard: interrupted; no output written", err=True)
    raise typer.Exit(int(ExitStatus.INTERRUPTED))


def _handle(exc: BaseException, debug: bool) -> NoReturn:
    """Turn an exception into one line on stderr and an exit status."""
    if debug:
        traceback.print_exception(exc, file=sys.stderr)
    if isinstance(exc, IdpcGuardError):
        _fail(str(exc), exc.exit_status)
    _fail(
        f"internal error (bug): {type(exc).__name__}; rerun with --debug and report it",
        ExitStatus.INTERNAL,
    )


@app.callback(invoke_without_command=True)
def _root(
    version: Annotated[bool, typer.Option("--version", help="Show the version and exit.")] = False,
) -> None:
    if version:
        typer.echo(f"idpc-guard {__version__}")
        raise typer.Exit(0)


@app.command()
def scan(  # noqa: PLR0913 - one parameter per contract option
    bundle: Annotated[Path, typer.Argument(help="The bundle PDF to check.")],
    case: Annotated[
        Path | None, typer.Option("--case", help="Case file (YAML): URN, defendants, offences.")
    ] = None,
    offence: Annotated[
        list[str] | None,
        typer.Option("--offence", help="An offence (free text or CJS code); repeatable."),
    ] = None,
    out_dir: Annotated[
        Path | None,
        typer.Option("--out-dir", help="Where to write outputs (default: the bundle's folder)."),
    ] = None,
    rules: Annotated[
        Path | None,
        typer.Option("--rules", help="Folder of local rule files added to the built-in ones."),
    ] = None,
    output_format: Annotated[
        OutputFormat, typer.Option("--format", help="What to print on stdout.")
    ] = OutputFormat.TEXT,
    no_redact: Annotated[
        bool, typer.Option("--no-redact", help="Write the report only, no redacted copy.")
    ] = False,
    show_values: Annotated[
        bool, typer.Option("--show-values", help="Print personal data values on stdout.")
    ] = False,
    max_pages: Annotated[
        int, typer.Option("--max-pages", min=1, help="Refuse bundles with more pages.")
    ] = Limits().max_pages,
    max_bytes: Annotated[
        int, typer.Option("--max-bytes", min=1, help="Refuse bundle files larger than this.")
    ] = Limits().max_bytes,
    debug: Annotated[bool, typer.Option("--debug", help="Print tracebacks on errors.")] = False,
) -> None:
    """Scan BUNDLE; write BUNDLE.report.json and BUNDLE.redacted.pdf; exit 0 clear, 1 not."""
    try:
        paths = output_paths(bundle, out_dir, redacted=not no_redact)
        options = ScanOptions(
            case=load_case_file(case) if case is not None else None,
            offences=tuple(offence or ()),
            redact=not no_redact,
            limits=Limits(max_pages=max_pages, max_bytes=max_bytes),
        )
        scanner = Scanner(local_rules=rules)
        result = scanner.scan(bundle, options)
        write_outputs(result, paths)
    except (KeyboardInterrupt, typer.Abort):
        _interrupted()
    except Exception as exc:
        _handle(exc, debug)
    report = result.report
    if output_format is OutputFormat.TEXT:
        typer.echo(render_text(report, show_values=show_values), nl=False)
        typer.echo(f"Report: {paths.report}")
        if paths.redacted is not None:
            typer.echo(f"Redacted copy: {paths.redacted}")
    elif output_format is OutputFormat.JSON:
        data = report_dict(report)
        if not show_values:
            for finding in data["findings"]:
                finding["text"] = MASK
        typer.echo(json.dumps(data, indent=2, ensure_ascii=False))
    else:
        typer.echo(render_sarif(report, show_values=show_values))
    raise typer.Exit(int(ExitStatus.for_verdict(report.decisions.verdict)))


LocalRules = Annotated[
    Path | None,
    typer.Option("--rules", help="Folder of local rule files added to DIR; same id replaces."),
]
RulesDir = Annotated[
    Path | None, typer.Argument(help="Rules folder (default: the built-in rules).")
]


@rules_app.command("check")
def rules_check(directory: RulesDir = None, local: LocalRules = None) -> None:
    """Validate every rule file, find conflicts, run every worked example; non-zero on any.

    Problems are printed one a line as ``file:line: message``.
    """
    try:
        rule_set = load_rule_set(directory, local)
        problems = check_rule_set(rule_set)
    except RuleFileError as exc:
        problems = list(exc.problems)
    if problems:
        for problem in problems:
            typer.echo(problem, err=True)
        _fail(f"{len(problems)} problem(s) in the rule files", ExitStatus.USAGE)
    rules = rule_set.rules
    examples = sum(len(r.examples) for r in rules)
    typer.echo(
        f"{len(rules)} rule(s) valid, no conflicts; {examples} worked example(s) pass; "
        f"{len(rule_set.taxonomy.terms)} taxonomy name(s)"
    )


@rules_app.command("list")
def rules_list(directory: RulesDir = None, local: LocalRules = None) -> None:
    """Show the rules in force as a table, most specific first (the order they win in)."""
    try:
        rule_set = load_rule_set(directory, local)
    except RuleFileError as exc:
        _fail(str(exc), exc.exit_status)
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
    widths = [max(len(row[i]) for row in (header, *rows)) for i in range(len(header))]
    for row in (header, *rows):
        typer.echo(
            "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip()
        )


def main() -> NoReturn:
    """Entry point of the ``idpc-guard`` command."""
    try:
        status = app(standalone_mode=False)
    except (KeyboardInterrupt, typer.Abort):
        # Outside a command (typer turns an interrupt inside one into exit 130 itself).
        typer.echo("idpc-guard: interrupted", err=True)
        sys.exit(int(ExitStatus.INTERRUPTED))
    except typer.Exit as exc:
        sys.exit(exc.exit_code)
    except typer.TyperException as exc:
        # Bad options and arguments (typer's own usage errors).
        message = exc.format_message() if hasattr(exc, "format_message") else str(exc)
        typer.echo(f"idpc-guard: error: {message}", err=True)
        sys.exit(int(ExitStatus.USAGE))
    sys.exit(status if isinstance(status, int) else 0)
