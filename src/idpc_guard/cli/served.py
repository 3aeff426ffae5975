"""``idpc-guard verify-copy`` and ``idpc-guard rescan``: a copy once served."""

from __future__ import annotations

import dataclasses
import hashlib
from pathlib import Path
from typing import Annotated

import typer

from idpc_guard._atomic import write_atomic_group
from idpc_guard.cli.options import (
    DEFAULT_LIMITS,
    Debug,
    LocalRules,
    MaxBytes,
    MaxPages,
    handle,
    interrupted,
    ocr_options,
)
from idpc_guard.cli.trail import (
    LogFormatOption,
    LogOption,
    ReviewerOption,
    append_or_undo,
    log_format,
)
from idpc_guard.documents.case import load_case_file
from idpc_guard.errors import ExitStatus, InputError, OutputError, UsageError
from idpc_guard.log.store import append_log, log_rows
from idpc_guard.model import LabelStyle, OcrEngineName
from idpc_guard.read.extract import Limits
from idpc_guard.report.json import render_json
from idpc_guard.scanner import Scanner, ScanOptions
from idpc_guard.served import change_note, check_copy, read_previous, rescan
from idpc_guard.signing import load_private_key, sign, signature_path

OcrEngineOption = Annotated[
    OcrEngineName,
    typer.Option(
        "--ocr-engine",
        metavar="ENGINE",
        help="OCR for pictures and scans: auto, rapidocr, tesseract, or none.",
    ),
]


def verify_copy(  # noqa: PLR0913 - one parameter per option
    copy: Annotated[Path, typer.Argument(help="The copy that was served (PDF).")],
    report: Annotated[
        Path, typer.Option("--report", help="The report written with the copy (JSON).")
    ],
    pubkey: Annotated[
        Path | None,
        typer.Option(
            "--pubkey",
            metavar="KEY",
            help="Ed25519 public key (PEM): COPY.sig and REPORT.sig must hold.",
        ),
    ] = None,
    ocr_engine: OcrEngineOption = OcrEngineName.AUTO,
    max_pages: MaxPages = DEFAULT_LIMITS.max_pages,
    max_bytes: MaxBytes = DEFAULT_LIMITS.max_bytes,
    debug: Debug = False,
) -> None:
    """Check COPY is the copy REPORT describes, its signatures, and that nothing leaks.

    Exit 0 when every check holds; 1 when one fails (one line each on stderr: another
    copy, a signature missing or not holding, a value the report removes still in the
    copy); 2 a bad report or key; 3 the copy cannot be read; 4 internal failure.
    """
    try:
        if not copy.is_file():
            raise InputError(f"copy {copy} does not exist: check the path")
        check = check_copy(
            copy,
            report,
            pubkey,
            limits=Limits(max_pages=max_pages, max_bytes=max_bytes),
            ocr=ocr_options(ocr_engine, 0),
        )
    except (KeyboardInterrupt, typer.Abort):
        interrupted()
    except Exception as exc:
        handle(exc, debug)
    if check.problems:
        for problem in check.problems:
            typer.echo(f"idpc-guard: NOT verified: {problem}", err=True)
        raise typer.Exit(int(ExitStatus.FINDINGS))
    typer.echo(f"verified: {copy.name} is the copy {report.name} describes (SHA-256 matches)")
    if check.signatures:
        typer.echo(f"signatures hold: {', '.join(s.name for s in check.signatures)}")
    if check.verification is not None:
        v = check.verification
        typer.echo(
            f"leak checks pass: {v.values_checked} value(s) and {v.boxes_checked} box(es) "
            f"checked on {v.pages} page(s)"
        )
    raise typer.Exit(int(ExitStatus.CLEAR))


def rescan_command(  # noqa: PLR0913 - one parameter per option
    served: Annotated[Path, typer.Argument(help="The copy that was served (PDF).")],
    previous: Annotated[
        Path, typer.Option("--previous", help="The report the copy was served with (JSON).")
    ],
    out_dir: Annotated[
        Path | None,
        typer.Option(
            "--out-dir", metavar="DIR", help="Where to write outputs (default: SERVED's folder)."
        ),
    ] = None,
    case: Annotated[
        Path | None,
        typer.Option(
            "--case", metavar="FILE", help="Case file (default: the previous report's case)."
        ),
    ] = None,
    rules: LocalRules = None,
    label_style: Annotated[
        LabelStyle,
        typer.Option("--label-style", help="Text in each new box: entity code, id, or none."),
    ] = LabelStyle.ENTITY,
    ocr_engine: OcrEngineOption = OcrEngineName.AUTO,
    log: LogOption = None,
    log_format_given: LogFormatOption = None,
    reviewer: ReviewerOption = "",
    sign_key: Annotated[
        Path | None,
        typer.Option(
            "--sign-key",
            metavar="KEY",
            help="Ed25519 private key (PEM): also sign the corrected copy and its report.",
        ),
    ] = None,
    max_pages: MaxPages = DEFAULT_LIMITS.max_pages,
    max_bytes: MaxBytes = DEFAULT_LIMITS.max_bytes,
    debug: Debug = False,
) -> None:
    """Rescan a SERVED copy after a reported leak: a corrected copy and a change note.

    Scans SERVED under the case of the --previous report, and withholds what the rules
    withhold that it still shows. Writes SERVED.corrected.pdf (verified like every
    copy), SERVED.rescan.report.json and SERVED.changes.md (pages and kinds of data
    changed, no values). Exit 0 when nothing needed correcting (no corrected copy), 1
    when a corrected copy was written; 2, 3, 4 as for scan.
    """
    new_log = log is not None and not log.exists()
    try:
        if not served.is_file():
            raise InputError(f"served copy {served} does not exist: check the path")
        folder = out_dir if out_dir is not None else served.parent
        if folder.exists() and not folder.is_dir():
            raise UsageError(f"--out-dir {folder} is a file, not a folder")
        key = load_private_key(sign_key) if sign_key is not None else None
        earlier = read_previous(previous)
        if log is not None:
            append_log(log, [], log_format(log, log_format_given))
        options = ScanOptions(
            case=load_case_file(case) if case is not None else None,
            limits=Limits(max_pages=max_pages, max_bytes=max_bytes),
            labels=label_style,
            case_source=str(case),
        )
        scanner = Scanner(local_rules=rules, ocr=ocr_options(ocr_engine, 0))
        found = rescan(scanner, served, earlier, options)
        stem = served.stem
        corrected = folder / f"{stem}.corrected.pdf" if found.corrected else None
        report = found.result.report
        if corrected is None:  # nothing to correct: no copy, and the report says so
            report = dataclasses.replace(
                report, copy_sha256="", outputs=tuple(o for o in report.outputs if o != "redacted")
            )
        served_sha = report.bundle.sha256
        note = change_note(
            found,
            served,
            corrected,
            previous,
            served_sha256=served_sha,
            previous_copy=(earlier.copy_sha256 == served_sha) if earlier.copy_sha256 else None,
        )
        paths = {
            "report": folder / f"{stem}.rescan.report.json",
            "note": folder / f"{stem}.changes.md",
        }
        files = [
            (paths["report"], render_json(report).encode("utf-8")),
            (paths["note"], note.encode("utf-8")),
        ]
        if corrected is not None and found.result.redacted_pdf is not None:
            files.insert(0, (corrected, found.result.redacted_pdf))
        if key is not None:
            files += [(signature_path(p), sign(key, d)) for p, d in list(files)]
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise OutputError(f"cannot create the output folder {folder}: {exc.strerror}") from exc
        write_atomic_group(files)
        if log is not None:
            rows = log_rows(report, reviewer=reviewer, event="rescan")
            append_or_undo(log, rows, log_format(log, log_format_given), (w for w, _ in files))
    except (KeyboardInterrupt, typer.Abort):
        _forget(log, new_log)
        interrupted()
    except Exception as exc:
        _forget(log, new_log)
        handle(exc, debug)
    for change in found.changes:
        typer.echo(f"page {change.page}: {change.what}")
    if not found.changes:
        typer.echo("The served copy shows nothing more that is withheld: no corrected copy.")
    if found.review_pages:
        typer.echo(f"Left for review: page(s) {', '.join(map(str, found.review_pages))}")
    for path, data in files:
        label = "Signature" if path.suffix == ".sig" else "Written"
        typer.echo(f"{label}: {path}")
        if path == corrected:
            typer.echo(f"  SHA-256 {hashlib.sha256(data).hexdigest()}")
    raise typer.Exit(int(ExitStatus.FINDINGS if found.corrected else ExitStatus.CLEAR))


def _forget(log: Path | None, created: bool) -> None:
    """Remove a log this run created if the run failed: no partial output."""
    if log is not None and created:
        log.unlink(missing_ok=True)
