"""``idpc-guard scan``: one bundle scanned, its report and verified copy written.

Several bundles, a folder or a glob go to :mod:`idpc_guard.cli.batch`.
"""

from __future__ import annotations

import functools
import json
import sys
import traceback
from pathlib import Path
from typing import Annotated, NoReturn

import typer
from rich.console import Console

from idpc_guard.cli.batch import BatchArgs, is_batch, scan_batch
from idpc_guard.cli.display import print_summary, progress_bar
from idpc_guard.cli.options import (
    BATCH,
    CASE,
    DEFAULT_JOBS,
    DEFAULT_LIMITS,
    EVERYDAY,
    LIMITS,
    MASK,
    OCR,
    OUTPUTS,
    REVIEW,
    Dask,
    Debug,
    Force,
    Jobs,
    LocalRules,
    MaxBytes,
    MaxPages,
    OutputFormat,
    fail,
    handle,
    in_panel,
    interrupted,
    ocr_options,
)
from idpc_guard.cli.trail import append_or_undo
from idpc_guard.documents.case import load_case_file
from idpc_guard.errors import ExitStatus, InputError, RedactionNotVerifiedError
from idpc_guard.log.store import LogFormat, append_log, log_rows
from idpc_guard.model import LabelStyle, OcrEngineName
from idpc_guard.policy.cps import BoxWidth
from idpc_guard.read.extract import Limits
from idpc_guard.report.json import report_dict
from idpc_guard.report.sarif import render_sarif
from idpc_guard.report.text import render_text
from idpc_guard.scanner import (
    OutputPaths,
    Scanner,
    ScanOptions,
    output_paths,
    write_outputs,
    write_refused,
)
from idpc_guard.signing import load_private_key, sign, signature_path


def scan(  # noqa: PLR0913 - one parameter per contract option
    bundles: Annotated[
        list[Path],
        typer.Argument(
            help="The bundle PDF to check; or several, folders (searched) or glob patterns.",
            metavar="BUNDLE...",
        ),
    ],
    out_dir: Annotated[
        Path | None,
        typer.Option(
            "--out-dir",
            metavar="DIR",
            help="Where to write outputs (default: the bundle's folder; made if missing).",
            rich_help_panel=EVERYDAY,
        ),
    ] = None,
    output_format: Annotated[
        OutputFormat,
        typer.Option("--format", help="What to print on stdout.", rich_help_panel=EVERYDAY),
    ] = OutputFormat.TEXT,
    no_redact: Annotated[
        bool,
        typer.Option(
            "--no-redact",
            metavar="",
            help="Write the report only, no redacted copy.",
            rich_help_panel=EVERYDAY,
        ),
    ] = False,
    quiet: Annotated[
        bool,
        typer.Option(
            "--quiet",
            "-q",
            metavar="",
            help="Print nothing on success; the exit status says.",
            rich_help_panel=EVERYDAY,
        ),
    ] = False,
    plain: Annotated[
        bool,
        typer.Option(
            "--plain",
            metavar="",
            help="Plain text for logs (the default when not a terminal).",
            rich_help_panel=EVERYDAY,
        ),
    ] = False,
    show_values: Annotated[
        bool,
        typer.Option(
            "--show-values",
            metavar="",
            help="Print personal data values on stdout.",
            rich_help_panel=EVERYDAY,
        ),
    ] = False,
    password: Annotated[
        str | None,
        typer.Option(
            "--password",
            envvar="IDPC_GUARD_PASSWORD",
            show_envvar=True,
            metavar="TEXT",
            help="User password of an encrypted bundle (prefer the environment variable).",
            rich_help_panel=EVERYDAY,
        ),
    ] = None,
    debug: Annotated[bool, in_panel(Debug, EVERYDAY)] = False,
    case: Annotated[
        Path | None,
        typer.Option(
            "--case",
            metavar="FILE",
            help="Case file (YAML): URN, defendants, offences.",
            rich_help_panel=CASE,
        ),
    ] = None,
    offence: Annotated[
        list[str] | None,
        typer.Option(
            "--offence",
            metavar="TEXT",
            help="An offence (free text or CJS code); repeatable.",
            rich_help_panel=CASE,
        ),
    ] = None,
    allow_unknown_offence: Annotated[
        bool,
        typer.Option(
            "--allow-unknown-offence",
            metavar="",
            help="Scan even if an offence is not in the taxonomy (no offence exception "
            "applies to it; the report says so).",
            rich_help_panel=CASE,
        ),
    ] = False,
    rules: Annotated[Path | None, in_panel(LocalRules, CASE)] = None,
    label_style: Annotated[
        LabelStyle,
        typer.Option(
            "--label-style",
            help="Text in each box: entity code (Address, DOB...), id, or none.",
            rich_help_panel=OUTPUTS,
        ),
    ] = LabelStyle.ENTITY,
    box_width: Annotated[
        BoxWidth | None,
        typer.Option(
            "--box-width",
            help="Width of the boxes over names: exact, quantised (to a step) or fixed; "
            "widened into blank space only. Default: rules/redaction.yaml (exact).",
            rich_help_panel=OUTPUTS,
        ),
    ] = None,
    log: Annotated[
        Path | None,
        typer.Option(
            "--log",
            metavar="FILE",
            help="Append one row per finding and page action to this log.",
            rich_help_panel=OUTPUTS,
        ),
    ] = None,
    log_format: Annotated[
        LogFormat,
        typer.Option("--log-format", help="Format of a new --log file.", rich_help_panel=OUTPUTS),
    ] = LogFormat.SQLITE,
    reviewer: Annotated[
        str,
        typer.Option(
            "--reviewer",
            metavar="NAME",
            help="Who reviewed this scan (recorded in --log).",
            rich_help_panel=OUTPUTS,
        ),
    ] = "",
    sign_key: Annotated[
        Path | None,
        typer.Option(
            "--sign-key",
            metavar="KEY",
            help="Ed25519 private key (PEM): also write REPORT.json.sig and COPY.pdf.sig, "
            "detached signatures.",
            rich_help_panel=OUTPUTS,
        ),
    ] = None,
    mark_only: Annotated[
        bool,
        typer.Option(
            "--mark-only",
            metavar="",
            help="Write BUNDLE.marked.pdf (proposed redactions as annotations, not applied) "
            "instead of the redacted copy, for review in a PDF editor.",
            rich_help_panel=REVIEW,
        ),
    ] = False,
    html: Annotated[
        bool,
        typer.Option(
            "--html",
            metavar="",
            help="Also write BUNDLE.report.html, a review page with every page as a picture "
            "(off by default: one more file holding the bundle's personal data).",
            rich_help_panel=REVIEW,
        ),
    ] = False,
    ocr_engine: Annotated[
        OcrEngineName,
        typer.Option(
            "--ocr-engine",
            metavar="ENGINE",
            help="OCR for pictures and scans: auto, rapidocr, tesseract, or none (text "
            "layers only).",
            rich_help_panel=OCR,
        ),
    ] = OcrEngineName.AUTO,
    ocr_workers: Annotated[
        int,
        typer.Option(
            "--ocr-workers",
            min=0,
            metavar="N",
            help="OCR processes (0: one per core).",
            rich_help_panel=OCR,
        ),
    ] = 0,
    max_pages: Annotated[int, in_panel(MaxPages, LIMITS)] = DEFAULT_LIMITS.max_pages,
    max_bytes: Annotated[int, in_panel(MaxBytes, LIMITS)] = DEFAULT_LIMITS.max_bytes,
    max_image_pixels: Annotated[
        int,
        typer.Option(
            "--max-image-pixels",
            min=1,
            metavar="N",
            help="Refuse bundles with a larger image.",
            rich_help_panel=LIMITS,
        ),
    ] = DEFAULT_LIMITS.max_image_pixels,
    max_page_redactions: Annotated[
        int,
        typer.Option(
            "--max-page-redactions",
            min=1,
            metavar="N",
            help="Refuse to redact a page with more separate boxes (a damaged page).",
            rich_help_panel=LIMITS,
        ),
    ] = DEFAULT_LIMITS.max_page_redactions,
    page_timeout: Annotated[
        float,
        typer.Option(
            "--page-timeout",
            min=0.1,
            metavar="SECONDS",
            help="Seconds to read one page; a slower page is reported as not scanned.",
            rich_help_panel=LIMITS,
        ),
    ] = DEFAULT_LIMITS.page_seconds,
    jobs: Annotated[int, in_panel(Jobs, BATCH)] = DEFAULT_JOBS,
    force: Annotated[bool, in_panel(Force, BATCH)] = False,
    dask: Annotated[str | None, in_panel(Dask, BATCH)] = None,
) -> None:
    """Scan BUNDLE; write BUNDLE.report.json and BUNDLE.redacted.pdf; exit 0 clear, 1 not.

    Given several bundles, folders or globs, scan them all (--jobs in parallel), skip
    those whose report is up to date unless --force, print a table, and exit with the
    highest status of any bundle.
    """
    if is_batch(bundles) or dask:
        scan_batch(
            bundles,
            BatchArgs(
                case,
                tuple(offence or ()),
                out_dir,
                rules,
                output_format,
                not no_redact,
                Limits(
                    max_pages=max_pages,
                    max_bytes=max_bytes,
                    max_image_pixels=max_image_pixels,
                    page_seconds=page_timeout,
                    max_page_redactions=max_page_redactions,
                ),
                jobs,
                force,
                debug,
                dask,
                password,
                label_style,
                ocr_options(ocr_engine, ocr_workers),
                tuple(
                    flag
                    for flag, given in (
                        ("--html", html),
                        ("--mark-only", mark_only),
                        ("--log", log is not None),
                        ("--sign-key", sign_key is not None),
                    )
                    if given
                ),
                allow_unknown_offence,
                quiet,
                plain,
                box_width=box_width,
            ),
        )
    bundle = bundles[0]
    console = Console(stderr=True)
    new_log = log is not None and not log.exists()
    try:
        if not bundle.exists():
            raise InputError(f"bundle {bundle} does not exist: check the path")
        paths = output_paths(
            bundle,
            out_dir,
            redacted=not (no_redact or mark_only),
            html=html,
            marked=mark_only,
        )
        options = ScanOptions(
            case=load_case_file(case) if case is not None else None,
            offences=tuple(offence or ()),
            redact=not no_redact,
            limits=Limits(
                max_pages=max_pages,
                max_bytes=max_bytes,
                max_image_pixels=max_image_pixels,
                page_seconds=page_timeout,
                max_page_redactions=max_page_redactions,
            ),
            password=password,
            page_images=html,
            labels=label_style,
            mark_only=mark_only,
            allow_unknown_offences=allow_unknown_offence,
            case_source=str(case),
            box_width=box_width,
        )
        # A bad key or log path fails now, not after the scan.
        key = load_private_key(sign_key) if sign_key is not None else None
        if log is not None:
            append_log(log, [], log_format)
        scanner = Scanner(local_rules=rules, ocr=ocr_options(ocr_engine, ocr_workers), workers=jobs)
        with progress_bar(console, enabled=not quiet and console.is_terminal) as progress:
            result = scanner.scan(bundle, options, progress=progress)
        write_outputs(result, paths, functools.partial(sign, key) if key is not None else None)
        if log is not None:
            outputs = [p for p in (paths.redacted, paths.marked, paths.html, paths.report) if p]
            append_or_undo(
                log,
                log_rows(result.report, reviewer=reviewer),
                log_format,
                [*outputs, *map(signature_path, outputs)],
            )
    except (KeyboardInterrupt, typer.Abort):
        _forget_log(log, new_log)
        interrupted()
    except RedactionNotVerifiedError as exc:
        _forget_log(log, new_log)
        _write_refused(exc, paths, debug)
    except Exception as exc:
        _forget_log(log, new_log)
        handle(exc, debug)
    report = result.report
    status = int(ExitStatus.for_verdict(report.decisions.verdict))
    signed = (paths.report, paths.redacted, paths.marked) if key is not None else ()
    signatures = [signature_path(p) for p in signed if p is not None]
    if quiet:
        raise typer.Exit(status)
    out = Console()
    if output_format is OutputFormat.TEXT and not plain and out.is_terminal:
        files = [p for p in (paths.report, paths.redacted, paths.html, log) if p is not None]
        files += signatures
        print_summary(out, report, files, show_values=show_values)
    elif output_format is OutputFormat.TEXT:
        typer.echo(render_text(report, show_values=show_values), nl=False)
        typer.echo(f"Report: {paths.report}")
        if paths.redacted is not None:
            typer.echo(f"Redacted copy: {paths.redacted}")
        for signature in signatures:
            typer.echo(f"Signature: {signature}")
        if paths.marked is not None:
            typer.echo(f"Marked copy for review: {paths.marked}")
        if paths.html is not None:
            typer.echo(f"Review page: {paths.html}")
        if log is not None:
            typer.echo(f"Log: {log}")
    elif output_format is OutputFormat.JSON:
        data = report_dict(report)
        if not show_values:
            for finding in data["findings"]:
                finding["text"] = MASK
            for person in data["people"]:
                person["names"] = [MASK] * len(person["names"])
        typer.echo(json.dumps(data, indent=2, ensure_ascii=False))
    else:
        typer.echo(render_sarif(report, show_values=show_values))
    raise typer.Exit(status)


def _write_refused(exc: RedactionNotVerifiedError, paths: OutputPaths, debug: bool) -> NoReturn:
    """Write the report of a copy that failed verification, then exit 4 saying where it is."""
    if exc.report is None:
        handle(exc, debug)
    try:
        write_refused(exc.report, paths)
    except Exception as failed:
        handle(failed, debug)
    if debug:
        traceback.print_exception(exc, file=sys.stderr)
    fail(f"{exc}; the report names what could not be removed: {paths.report}", exc.exit_status)


def _forget_log(log: Path | None, created: bool) -> None:
    """Remove a log this run created if the run failed: no partial output."""
    if log is not None and created:
        log.unlink(missing_ok=True)
