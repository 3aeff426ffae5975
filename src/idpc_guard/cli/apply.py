"""``idpc-guard apply``: the verified copy an edited report asks for."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from idpc_guard._atomic import write_atomic_group
from idpc_guard.apply import apply_report
from idpc_guard.cli.options import (
    DEFAULT_LIMITS,
    Debug,
    MaxBytes,
    MaxPages,
    fail,
    handle,
    interrupted,
)
from idpc_guard.cli.trail import (
    LogFormatOption,
    LogOption,
    ReviewerOption,
    append_or_undo,
    log_format,
    read_report,
)
from idpc_guard.errors import ExitStatus
from idpc_guard.log.store import append_log, decision_rows
from idpc_guard.model import Action, Decisions, LabelStyle, PageActionKind
from idpc_guard.read.extract import Limits
from idpc_guard.report.text import pages_as_images_line
from idpc_guard.signing import load_private_key, sign, signature_path


def apply(  # noqa: PLR0913 - one parameter per option
    bundle: Annotated[Path, typer.Argument(help="The bundle PDF the report was written for.")],
    report: Annotated[
        Path, typer.Option("--report", help="The report JSON, as edited by a reviewer.")
    ],
    out: Annotated[
        Path | None,
        typer.Option("--out", help="Where to write the copy (default: BUNDLE.redacted.pdf)."),
    ] = None,
    label_style: Annotated[
        LabelStyle,
        typer.Option(
            "--label-style", help="Text in each box: entity code (Address, DOB...), id, or none."
        ),
    ] = LabelStyle.ENTITY,
    max_pages: MaxPages = DEFAULT_LIMITS.max_pages,
    max_bytes: MaxBytes = DEFAULT_LIMITS.max_bytes,
    log: LogOption = None,
    log_format_given: LogFormatOption = None,
    reviewer: ReviewerOption = "",
    sign_key: Annotated[
        Path | None,
        typer.Option(
            "--sign-key",
            metavar="KEY",
            help="Ed25519 private key (PEM): also write the copy's detached signature, COPY.sig.",
        ),
    ] = None,
    debug: Debug = False,
) -> None:
    """Apply an edited REPORT to BUNDLE: write the verified redacted copy; exit 0 clear, 1 not."""
    new_log = log is not None and not log.exists()
    try:
        target = out if out is not None else bundle.with_name(f"{bundle.stem}.redacted.pdf")
        if target.is_dir():
            fail(f"--out {target} is a folder: give a file name", ExitStatus.USAGE)
        key = load_private_key(sign_key) if sign_key is not None else None
        facts = read_report(report) if log is not None else None
        if log is not None:
            append_log(log, [], log_format(log, log_format_given))  # a bad log fails now
        limits = Limits(max_pages=max_pages, max_bytes=max_bytes)
        result = apply_report(bundle, report, label_style, limits)
        files = [(target, result.redacted_pdf)]
        if key is not None:
            files.append((signature_path(target), sign(key, result.redacted_pdf)))
        write_atomic_group(files)
        if log is not None and facts is not None:
            rows = decision_rows(
                result.decisions,
                facts.event("apply", reviewer),
                facts.loaded.document_kinds,
                facts.page_kinds(),
            )
            append_or_undo(log, rows, log_format(log, log_format_given), (w for w, _ in files))
    except (KeyboardInterrupt, typer.Abort):
        _forget(log, new_log)
        interrupted()
    except typer.Exit:
        raise
    except Exception as exc:
        _forget(log, new_log)
        handle(exc, debug)
    typer.echo(applied_line(result.decisions, result.verification.boxes_checked))
    if result.verification.pages_as_images:
        typer.echo(pages_as_images_line(result.verification.pages_as_images))
    typer.echo(f"Redacted copy: {target}")
    if key is not None:
        typer.echo(f"Signature: {signature_path(target)}")
    if log is not None:
        typer.echo(f"Log: {log}")
    raise typer.Exit(int(ExitStatus.for_verdict(result.decisions.verdict)))


def _forget(log: Path | None, created: bool) -> None:
    """Remove a log this run created if the run failed: no partial output."""
    if log is not None and created:
        log.unlink(missing_ok=True)


def applied_line(decisions: Decisions, boxes_checked: int) -> str:
    """What was applied and what verification proved, in words a reviewer can check.

    A redaction on a removed page goes with its page (nothing is left to check there),
    and one that runs over several lines has a box per line: so the boxes verified
    are rarely the redactions applied, and the line says why.
    """
    removed = {a.page for a in decisions.page_actions if a.action is PageActionKind.REMOVE}
    redactions = [f for f in decisions.findings if f.action is Action.REDACT]
    on_removed = sum(1 for f in redactions if f.detection.page in removed)
    gone = f" ({on_removed} of them on removed pages)" if on_removed else ""
    return (
        f"Applied {len(redactions)} redaction(s){gone} and {len(removed)} page removal(s). "
        f"Verified: no text left under the {boxes_checked} box(es) of the "
        f"{len(redactions) - on_removed} redaction(s) on the pages kept "
        "(one box per line a redaction covers)."
    )
