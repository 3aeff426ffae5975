"""The command line: parse options, call the library, print, exit.

This is the only module that prints or exits. Exit statuses (a stable interface):
0 clear; 1 redactions proposed or review needed; 2 usage or configuration error;
3 the bundle could not be processed; 4 environment or internal failure;
130 interrupted. Any status of 2 or more prints one line to stderr (a traceback
only with ``--debug``) and leaves no partial output file.
"""

from __future__ import annotations

import contextlib
import json
import sys
import traceback
from collections.abc import Callable, Iterator
from dataclasses import replace
from enum import StrEnum
from pathlib import Path
from typing import Annotated, NoReturn

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

from idpc_guard._version import __version__
from idpc_guard.case import load_case_file
from idpc_guard.errors import ExitStatus, IdpcGuardError, RuleFileError
from idpc_guard.extract import Limits
from idpc_guard.ocr import OcrOptions
from idpc_guard.policy.decide import Subject, choose_rule
from idpc_guard.policy.loader import Rule, default_rules_dir, load_rules
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
        Path | None, typer.Option("--rules", help="Folder of rule files (default: built-in).")
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
    ocr_engine: Annotated[
        str,
        typer.Option(
            "--ocr-engine", help="OCR for pictures and scans: auto, rapidocr, tesseract or none."
        ),
    ] = "auto",
    ocr_workers: Annotated[
        int, typer.Option("--ocr-workers", min=0, help="OCR processes (0: one per core).")
    ] = 0,
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
        ocr = OcrOptions(
            engine=None if ocr_engine == "none" else ocr_engine,
            workers=ocr_workers,
            enabled=ocr_engine != "none",
        )
        scanner = Scanner(rules_dir=rules, ocr=ocr)
        with _ocr_progress() as progress:
            result = scanner.scan(bundle, replace(options, progress=progress))
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


@contextlib.contextmanager
def _ocr_progress() -> Iterator[Callable[[int, int], None] | None]:
    """A progress bar on stderr for OCR of long bundles (only on a terminal)."""
    if not sys.stderr.isatty():
        yield None
        return
    with Progress(
        TextColumn("OCR"),
        BarColumn(),
        MofNCompleteColumn(),
        console=Console(stderr=True),
        transient=True,
    ) as bar:
        task = bar.add_task("ocr", total=None)

        def update(done: int, total: int) -> None:
            bar.update(task, completed=done, total=total)

        yield update


@rules_app.command("check")
def rules_check(
    directory: Annotated[
        Path | None, typer.Argument(help="Rules folder (default: the built-in rules).")
    ] = None,
) -> None:
    """Validate every rule file and run its worked examples; non-zero on any error."""
    try:
        loaded = load_rules(directory)
    except RuleFileError as exc:
        _fail(str(exc), exc.exit_status)
    failures = list(_run_examples(loaded))
    for failure in failures:
        typer.echo(f"idpc-guard: error: {failure}", err=True)
    if failures:
        raise typer.Exit(int(ExitStatus.USAGE))
    examples = sum(len(r.examples) for r in loaded)
    typer.echo(f"{len(loaded)} rule(s) valid; {examples} worked example(s) pass")


def _run_examples(rules: tuple[Rule, ...]) -> list[str]:
    failures = []
    for rule in rules:
        for number, example in enumerate(rule.examples):
            subject = Subject(example.entity, example.role, example.document, example.offences)
            chosen = choose_rule(rules, subject)
            action = chosen.action.value if chosen else "review (no rule)"
            if chosen is None or chosen.action is not example.expect:
                by = f" by rule {chosen.id}" if chosen else ""
                failures.append(
                    f"{rule.source}: rule {rule.id} example {number}: expected "
                    f"{example.expect.value}, got {action}{by}"
                )
    return failures


@rules_app.command("list")
def rules_list(
    directory: Annotated[
        Path | None, typer.Argument(help="Rules folder (default: the built-in rules).")
    ] = None,
) -> None:
    """Show the rules in force, narrowest scope first."""
    try:
        loaded = load_rules(directory)
    except RuleFileError as exc:
        _fail(str(exc), exc.exit_status)
    typer.echo(f"Rules from {directory or default_rules_dir()}:")
    for rule in sorted(loaded, key=lambda r: (-r.specificity, r.id)):
        scope = "; ".join(
            part
            for part in (
                "entities " + ",".join(sorted(rule.entities)),
                "offences " + ",".join(rule.offences) if rule.offences else "",
                "roles " + ",".join(sorted(r.value for r in rule.roles)) if rule.roles else "",
                "documents " + ",".join(sorted(d.value for d in rule.documents))
                if rule.documents
                else "",
            )
            if part
        )
        typer.echo(
            f"  {rule.id:<34} {rule.action.value:<6} {rule.severity.value:<8} {scope} "
            f"[{rule.source}]"
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
