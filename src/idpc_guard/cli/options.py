"""Helpers shared by the command-line modules: output formats and one-line errors."""

from __future__ import annotations

import copy
import sys
import traceback
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any, NoReturn, get_args

import typer

from idpc_guard._bounded import available_cores
from idpc_guard.errors import ExitStatus, IdpcGuardError
from idpc_guard.model import OcrEngineName
from idpc_guard.ocr.driver import OcrOptions
from idpc_guard.read.extract import Limits

MASK = "[masked: add --show-values to print]"

# The panels of ``scan --help``, everyday options first.
EVERYDAY = "Everyday"
CASE = "Case"
OUTPUTS = "Outputs"
REVIEW = "Review"
OCR = "OCR"
LIMITS = "Limits (hostile or broken bundles)"
BATCH = "Batch and cluster"


def in_panel(option: Any, panel: str) -> Any:
    """The typer option of a shared ``Annotated`` alias, shown in ``panel`` of the help."""
    info = copy.copy(get_args(option)[1])
    info.rich_help_panel = panel
    return info


# Options shared by several commands, spelt and explained once.
Debug = Annotated[bool, typer.Option("--debug", metavar="", help="Print tracebacks on errors.")]
MaxPages = Annotated[
    int, typer.Option("--max-pages", min=1, metavar="N", help="Refuse bundles with more pages.")
]
MaxBytes = Annotated[
    int,
    typer.Option("--max-bytes", min=1, metavar="N", help="Refuse bundle files larger than this."),
]
LocalRules = Annotated[
    Path | None,
    typer.Option(
        "--rules", metavar="DIR", help="Folder of local rule files added to the built-in ones."
    ),
]
Jobs = Annotated[
    int,
    typer.Option(
        "--jobs",
        "-j",
        min=1,
        metavar="N",
        help="Worker processes: bundles in parallel, or one bundle's pages for detection.",
    ),
]
Force = Annotated[
    bool,
    typer.Option("--force", metavar="", help="Rescan bundles whose report is up to date."),
]
Dask = Annotated[
    str | None,
    typer.Option(
        "--dask", metavar="ADDRESS", help="Scan on a Dask cluster: tcp://HOST:PORT, or 'local'."
    ),
]


class OutputFormat(StrEnum):
    """What ``scan`` prints to stdout."""

    TEXT = "text"
    JSON = "json"
    SARIF = "sarif"


def fail(message: str, status: ExitStatus) -> NoReturn:
    """Print one error line on stderr and exit with ``status``."""
    typer.echo(f"idpc-guard: error: {message}", err=True)
    raise typer.Exit(int(status))


def ocr_options(engine: OcrEngineName, workers: int) -> OcrOptions:
    """OCR options from ``--ocr-engine`` (``none`` turns OCR off) and ``--ocr-workers``."""
    if engine is OcrEngineName.NONE:
        return OcrOptions(engine=None, workers=workers, enabled=False)
    return OcrOptions(engine=engine, workers=workers)


def interrupted() -> NoReturn:
    """Exit 130 after Ctrl-C or SIGTERM (outputs are atomic: nothing half-written)."""
    typer.echo("idpc-guard: interrupted; no output written", err=True)
    raise typer.Exit(int(ExitStatus.INTERRUPTED))


def handle(exc: BaseException, debug: bool) -> NoReturn:
    """Turn an exception into one line on stderr and an exit status."""
    if debug:
        traceback.print_exception(exc, file=sys.stderr)
    if isinstance(exc, IdpcGuardError):
        fail(str(exc), exc.exit_status)
    fail(
        f"internal error (bug): {type(exc).__name__}; rerun with --debug and report it",
        ExitStatus.INTERNAL,
    )


#: Defaults of --max-pages/--max-bytes and --jobs, computed once.
DEFAULT_LIMITS = Limits()
DEFAULT_JOBS = available_cores()
