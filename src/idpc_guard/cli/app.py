"""The command line: the ``idpc-guard`` app, its commands, and the entry point.

The commands live beside this module (``scan``, ``apply``, ``batch``, ``admin``); the
``cli`` package is the only one that prints or exits. Exit statuses (a stable interface):
0 clear; 1 redactions proposed or review needed; 2 usage or configuration error;
3 the bundle could not be processed; 4 environment or internal failure;
130 interrupted. Any status of 2 or more prints one line to stderr (a traceback
only with ``--debug``) and leaves no partial output file.
"""

from __future__ import annotations

import signal
import sys
from typing import Annotated, NoReturn

import typer

from idpc_guard._version import __version__
from idpc_guard.cli.admin import log_app, rules_app
from idpc_guard.cli.apply import apply
from idpc_guard.cli.batch import audit
from idpc_guard.cli.review import review_app
from idpc_guard.cli.scan import scan
from idpc_guard.cli.served import rescan_command, verify_copy
from idpc_guard.errors import ExitStatus

app = typer.Typer(
    name="idpc-guard",
    help="Check a prosecution (IDPC) bundle for personal data before it is served.",
    add_completion=False,
    no_args_is_help=True,
    # Help paragraphs are reflowed to the terminal's width, not broken where the source is.
    rich_markup_mode="markdown",
    # Pretty tracebacks print local variables: personal data. Never.
    pretty_exceptions_enable=False,
)
app.add_typer(rules_app, name="rules")
app.add_typer(log_app, name="log")
app.add_typer(review_app, name="review")


@app.callback(invoke_without_command=True)
def _root(
    version: Annotated[bool, typer.Option("--version", help="Show the version and exit.")] = False,
) -> None:
    if version:
        typer.echo(f"idpc-guard {__version__}")
        raise typer.Exit(0)


app.command()(scan)
app.command()(apply)
app.command()(audit)
app.command("verify-copy")(verify_copy)
app.command("rescan")(rescan_command)


def _terminated(signum: int, frame: object) -> None:
    # A job scheduler's SIGTERM is an interruption like Ctrl-C: unwind, so that
    # temporary files are removed and earlier outputs are left as they were.
    raise KeyboardInterrupt


def main() -> NoReturn:
    """Entry point of the ``idpc-guard`` command."""
    signal.signal(signal.SIGTERM, _terminated)
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
