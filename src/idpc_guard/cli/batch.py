"""Many bundles from the command line: batch scans and archive audits."""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, NoReturn

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table
from rich.text import Text

from idpc_guard._atomic import write_atomic
from idpc_guard.batch.audit import aggregate, chart_png
from idpc_guard.batch.cluster import scan_on_dask
from idpc_guard.batch.pool import BatchItem, BatchSettings, combined_status, find_bundles, scan_many
from idpc_guard.cli.options import (
    DEFAULT_JOBS,
    Dask,
    Debug,
    Force,
    Jobs,
    LocalRules,
    OutputFormat,
    handle,
    interrupted,
)
from idpc_guard.documents.case import load_case_file
from idpc_guard.errors import ExitStatus, UsageError
from idpc_guard.model import LabelStyle
from idpc_guard.ocr.driver import OcrOptions
from idpc_guard.policy.cps import BoxWidth
from idpc_guard.read.extract import Limits
from idpc_guard.scanner import ScanOptions


def is_batch(bundles: list[Path]) -> bool:
    """Whether ``scan`` was given several bundles, a folder or a glob pattern."""
    if len(bundles) != 1:
        return True
    only = bundles[0]
    return only.is_dir() or (not only.exists() and any(c in str(only) for c in "*?["))


@dataclass(frozen=True, slots=True)
class BatchArgs:
    """The scan options that apply to every bundle of a batch."""

    case: Path | None
    offences: tuple[str, ...]
    out_dir: Path | None
    rules: Path | None
    output_format: OutputFormat
    redact: bool
    limits: Limits
    jobs: int
    force: bool
    debug: bool
    dask: str | None
    password: str | None
    labels: LabelStyle
    ocr: OcrOptions
    single_only: tuple[str, ...]  # options given that only work on one bundle
    allow_unknown_offences: bool = False
    quiet: bool = False  # nothing on stdout; failed bundles' lines on stderr
    plain: bool = False  # plain lines (the default when stdout is not a terminal)
    box_width: BoxWidth | None = None  # None: as the rule files say


def scan_batch(bundles: list[Path], args: BatchArgs) -> NoReturn:
    """Scan many bundles; print one line each and a total; exit with the highest status."""
    try:
        if args.output_format is OutputFormat.SARIF:
            raise UsageError("--format sarif takes one bundle; scan bundles one at a time")
        if args.single_only:
            raise UsageError(
                f"{', '.join(args.single_only)} take(s) one bundle; scan bundles one at a time"
            )
        settings = BatchSettings(
            options=ScanOptions(
                case=load_case_file(args.case) if args.case is not None else None,
                offences=args.offences,
                redact=args.redact,
                limits=args.limits,
                password=args.password,
                labels=args.labels,
                allow_unknown_offences=args.allow_unknown_offences,
                case_source=str(args.case),
                box_width=args.box_width,
            ),
            out_dir=args.out_dir,
            local_rules=args.rules,
            jobs=args.jobs,
            force=args.force,
            ocr=args.ocr,
        )
        items = run_batch(bundles, settings, args.dask, show_progress=not args.quiet)
    except (KeyboardInterrupt, typer.Abort):
        interrupted()
    except Exception as exc:
        handle(exc, args.debug)
    status = combined_status(items)
    out = Console()
    if args.quiet:
        for number, item in enumerate(items, start=1):
            if item.status >= ExitStatus.USAGE:
                typer.echo(_plain_row(number, item), err=True)
    elif args.output_format is OutputFormat.JSON:
        typer.echo(json.dumps([_item_dict(item) for item in items], indent=2))
    elif args.plain or not out.is_terminal:
        typer.echo(PLAIN_HEADER)
        for number, item in enumerate(items, start=1):
            typer.echo(_plain_row(number, item))
        typer.echo(_total(items))
    else:
        out.print(_table(items))
        out.print(_total(items), highlight=False)
    raise typer.Exit(int(status))


#: The header of the plain batch lines (documents and bundles are numbered from 1).
PLAIN_HEADER = "  #  exit  redact  review  issues  seconds  bundle: verdict (note)"


def _state(item: BatchItem) -> str:
    state = item.verdict or f"error: {item.error}"
    return state + (f" ({item.note})" if item.note else "")


def _plain_row(number: int, item: BatchItem) -> str:
    return (
        f"{number:>3}  {int(item.status):>4}  {item.redact:>6}  {item.review:>6}  "
        f"{item.issues:>6}  {item.seconds:>6.1f}s  {item.bundle}: {_state(item)}"
    )


def _total(items: list[BatchItem]) -> str:
    failed = sum(1 for item in items if item.status >= ExitStatus.USAGE)
    skipped = sum(1 for item in items if item.skipped)
    return (
        f"{len(items)} bundle(s): {skipped} skipped, {failed} failed; "
        f"exit status {int(combined_status(items))}"
    )


def _table(items: list[BatchItem]) -> Table:
    table = Table(show_edge=False, pad_edge=False)
    for name in ("#", "exit", "redact", "review", "issues", "seconds"):
        table.add_column(name, justify="right", no_wrap=True)
    table.add_column("bundle", overflow="fold")
    table.add_column("verdict", overflow="fold")
    for number, item in enumerate(items, start=1):
        table.add_row(
            str(number),
            str(int(item.status)),
            str(item.redact),
            str(item.review),
            str(item.issues),
            f"{item.seconds:.1f}",
            Text(str(item.bundle)),
            Text(_state(item)),
        )
    return table


def run_batch(
    bundles: list[Path], settings: BatchSettings, dask: str | None, *, show_progress: bool = True
) -> list[BatchItem]:
    """Find and scan the bundles (locally or on Dask) with a progress bar on a terminal."""
    out_dir = settings.out_dir
    if out_dir is not None and out_dir.exists() and not out_dir.is_dir():
        raise UsageError(f"--out-dir {out_dir} is a file, not a folder")
    found = find_bundles(bundles)
    results = scan_on_dask(found, settings, dask) if dask else scan_many(found, settings)
    items: list[BatchItem] = []
    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=Console(stderr=True),
        disable=not (show_progress and sys.stderr.isatty()),
        transient=True,
    ) as progress:
        task = progress.add_task("scanning", total=len(found))
        for item in results:
            items.append(item)
            progress.advance(task)
    items.sort(key=lambda item: str(item.bundle))
    return items


def _item_dict(item: BatchItem) -> dict[str, object]:
    return {
        "bundle": str(item.bundle),
        "status": int(item.status),
        "verdict": item.verdict,
        "redact": item.redact,
        "review": item.review,
        "issues": item.issues,
        "seconds": round(item.seconds, 3),
        "skipped": item.skipped,
        "note": item.note,
        "error": item.error,
    }


def audit(  # noqa: PLR0913 - one parameter per option
    archive: Annotated[
        list[Path], typer.Argument(help="Bundles, folders or globs to audit.", metavar="ARCHIVE...")
    ],
    out: Annotated[
        Path, typer.Option("--out", help="Where to write the aggregate figures (JSON).")
    ] = Path("audit.json"),
    chart: Annotated[
        Path | None, typer.Option("--chart", help="Also write a one-page PNG chart here.")
    ] = None,
    out_dir: Annotated[
        Path | None,
        typer.Option("--out-dir", help="Where to write the reports (default: beside each)."),
    ] = None,
    rules: LocalRules = None,
    jobs: Jobs = DEFAULT_JOBS,
    dask: Dask = None,
    force: Force = False,
    debug: Debug = False,
) -> None:
    """Scan an archive (reports only, no redacted copies) and write aggregate figures.

    The figures hold no personal data: counts of bundles with breaches by document issue,
    kind of personal data and offence. Exits 0 unless a bundle could not be scanned
    (then the highest error status).
    """
    try:
        settings = BatchSettings(
            options=ScanOptions(redact=False),
            out_dir=out_dir,
            local_rules=rules,
            jobs=jobs,
            force=force,
        )
        items = run_batch(archive, settings, dask)
        figures = aggregate(items)
        write_atomic(out, (json.dumps(figures, indent=2) + "\n").encode("utf-8"))
        if chart is not None:
            write_atomic(chart, chart_png(figures))
    except (KeyboardInterrupt, typer.Abort):
        interrupted()
    except Exception as exc:
        handle(exc, debug)
    typer.echo(
        f"{figures['scanned']} of {figures['bundles']} bundle(s) scanned, "
        f"{figures['with_breaches']} with breaches, {figures['failed']} failed"
    )
    for kind, count in figures["by_issue"].items():
        typer.echo(f"  {kind}: {count}")
    typer.echo(f"Figures: {out}" + (f"; chart: {chart}" if chart else ""))
    errors = [i.status for i in items if i.status >= ExitStatus.USAGE]
    raise typer.Exit(int(max(errors, default=ExitStatus.CLEAR)))
