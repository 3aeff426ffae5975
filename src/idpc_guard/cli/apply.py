"""``idpc-guard apply``: the verified copy an edited report asks for."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from idpc_guard._atomic import write_atomic
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
from idpc_guard.errors import ExitStatus
from idpc_guard.model import Action, Decisions, LabelStyle, PageActionKind
from idpc_guard.read.extract import Limits
from idpc_guard.report.text import pages_as_images_line


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
    debug: Debug = False,
) -> None:
    """Apply an edited REPORT to BUNDLE: write the verified redacted copy; exit 0 clear, 1 not."""
    try:
        target = out if out is not None else bundle.with_name(f"{bundle.stem}.redacted.pdf")
        if target.is_dir():
            fail(f"--out {target} is a folder: give a file name", ExitStatus.USAGE)
        limits = Limits(max_pages=max_pages, max_bytes=max_bytes)
        result = apply_report(bundle, report, label_style, limits)
        write_atomic(target, result.redacted_pdf)
    except (KeyboardInterrupt, typer.Abort):
        interrupted()
    except typer.Exit:
        raise
    except Exception as exc:
        handle(exc, debug)
    typer.echo(applied_line(result.decisions, result.verification.boxes_checked))
    if result.verification.pages_as_images:
        typer.echo(pages_as_images_line(result.verification.pages_as_images))
    typer.echo(f"Redacted copy: {target}")
    raise typer.Exit(int(ExitStatus.for_verdict(result.decisions.verdict)))


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
