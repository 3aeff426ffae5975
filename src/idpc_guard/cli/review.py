"""``idpc-guard review REPORT``: decide a report's proposals without editing its JSON.

Sub-commands make one decision each (``accept``, ``reject``, ``change``, ``accept-all``,
``add-box``, ``page``); ``--import FILE`` applies the decisions file the HTML review
page saved; with neither, on a terminal, the reviewer is walked through the findings
and pages (``--interactive`` forces it). All three go through the same
:class:`~idpc_guard.report.review.Review`: the report is rewritten atomically,
owner-readable only, with each change recorded (who, when, why), and with ``--log``
each change is appended to the redaction log as a ``review`` record (no values).

Exit statuses: 0 the changes are recorded and no finding is left for review; 1 they
are recorded and review items are left; 2 a bad report, decisions file, finding id or
option, or "accept all" without the attestation (one line names the problem).
"""

from __future__ import annotations

import dataclasses
import json
import sys
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Annotated, Any, NoReturn

import typer
from rich.console import Console
from rich.prompt import Prompt
from typer.core import TyperGroup, TyperOption

from idpc_guard._atomic import write_atomic
from idpc_guard.cli.options import MASK, Debug, fail, handle, interrupted
from idpc_guard.cli.trail import LogFormatOption, LogOption, log_format, read_report
from idpc_guard.errors import DecisionsFileError, ExitStatus, UsageError
from idpc_guard.log.store import Event, LogFormat, LogRow, append_log, event_row, run_by
from idpc_guard.model import Action, DocumentKind
from idpc_guard.report.review import (
    ATTESTATION,
    Change,
    Decision,
    Outcome,
    Review,
    Scope,
    Source,
    apply_decisions,
    attested,
    summary,
    term_key,
)
from idpc_guard.signing import signature_path


class _ReviewGroup(TyperGroup):
    """``review``'s options may follow REPORT (``review REPORT --import FILE``).

    A group's options otherwise come before its arguments. From the sub-command's name
    on, every argument is the sub-command's (``review REPORT accept F0003 --help``).
    """

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:  # typer's own click Context
        """Move REPORT after the group's options, before the sub-command's name."""
        takes_value = {
            name
            for p in self.params
            if isinstance(p, TyperOption) and not p.is_flag
            for name in p.opts
        }
        head: list[str] = []
        positional: list[str] = []
        index = 0
        while index < len(args):
            token = args[index]
            if token in takes_value and index + 1 < len(args):
                head += args[index : index + 2]
                index += 2
                continue
            if not token.startswith("-") and positional and token in self.commands:
                break
            (positional if not token.startswith("-") else head).append(token)
            index += 1
        return super().parse_args(ctx, head + positional + args[index:])


review_app = typer.Typer(
    cls=_ReviewGroup,
    help="Decide a report's proposals without editing its JSON (see the sub-commands).",
    rich_markup_mode="markdown",
    pretty_exceptions_enable=False,
)

Reviewer = Annotated[
    str | None,
    typer.Option(
        "--reviewer",
        metavar="NAME",
        help="Who decides (default: $IDPC_GUARD_USER, else the login name).",
    ),
]
Reason = Annotated[str, typer.Option("--reason", metavar="TEXT", help="Why (recorded).")]
Decide = Annotated[
    Action | None,
    typer.Option(
        "--decide",
        metavar="redact|keep",
        help="What review items among them become (without it they are left for a decision).",
    ),
]
Term = Annotated[
    bool,
    typer.Option("--term", help="Every occurrence of each finding's value (the same term)."),
]
Person = Annotated[
    str | None,
    typer.Option("--person", metavar="ID", help="Every finding on a person's names (P1, P2...)."),
]
Findings = Annotated[
    list[str] | None, typer.Argument(metavar="[FINDING]...", help="Finding ids (F0003...).")
]


@dataclass(frozen=True, slots=True)
class _Settings:
    """What every decision of one command shares."""

    report: Path
    reviewer: str
    log: Path | None
    log_format: LogFormat | None
    debug: bool


def _settings(
    ctx: typer.Context, reviewer: str | None, debug: bool, log: Path | None = None
) -> _Settings:
    """The group's settings, with what the sub-command was given after its name."""
    given: _Settings = ctx.obj
    who = (reviewer if reviewer is not None else given.reviewer).strip()
    return _Settings(given.report, who, log or given.log, given.log_format, debug or given.debug)


@review_app.callback(invoke_without_command=True)
def review(  # noqa: PLR0913 - one parameter per option
    ctx: typer.Context,
    report: Annotated[Path, typer.Argument(help="The report JSON written by scan.")],
    reviewer: Reviewer = None,
    log: LogOption = None,
    log_format_given: LogFormatOption = None,
    import_: Annotated[
        Path | None,
        typer.Option(
            "--import",
            metavar="FILE",
            help="Apply the decisions file saved by the HTML review page.",
        ),
    ] = None,
    interactive: Annotated[
        bool, typer.Option("--interactive", help="Go through the findings one by one.")
    ] = False,
    show_values: Annotated[
        bool, typer.Option("--show-values", help="Show the values in the interactive review.")
    ] = False,
    debug: Debug = False,
) -> None:
    """Review REPORT: accept, reject or change its findings, add boxes, mark pages.

    Give a sub-command (one decision), `--import FILE` (the decisions the HTML review
    page saved), or nothing on a terminal to be walked through the findings. REPORT is
    rewritten with every change recorded (who, when, why); `apply` then uses it.
    Exit 0: recorded, nothing left for review; 1: recorded, review items left;
    2: a bad report, decisions file or finding, or accept-all without the attestation.
    """
    who = reviewer if reviewer is not None else run_by()
    ctx.obj = _Settings(report, who, log, log_format_given, debug)
    if ctx.invoked_subcommand is not None:
        if import_ is not None or interactive:
            fail("--import and --interactive are not used with a sub-command", ExitStatus.USAGE)
        return
    settings = _settings(ctx, None, debug)
    if import_ is not None:
        _import(settings, import_, reviewer)
    if interactive or (sys.stdin.isatty() and sys.stdout.isatty()):
        _interactive(settings, show_values)
    fail(
        "give a sub-command (accept, reject, change, accept-all, add-box, page), "
        "--import FILE, or --interactive",
        ExitStatus.USAGE,
    )


@review_app.command("accept")
def accept(  # noqa: PLR0913 - one parameter per option
    ctx: typer.Context,
    findings: Findings = None,
    term: Term = False,
    person: Person = None,
    decide: Decide = None,
    reason: Reason = "",
    reviewer: Reviewer = None,
    log: LogOption = None,
    debug: Debug = False,
) -> None:
    """Accept the proposals of FINDINGs (or of their terms, or of a person) as they are."""
    _decide(
        ctx, Decision.ACCEPT, findings or [], term, person, decide, reason, reviewer, debug, log
    )


@review_app.command("reject")
def reject(  # noqa: PLR0913 - one parameter per option
    ctx: typer.Context,
    findings: Findings = None,
    term: Term = False,
    person: Person = None,
    decide: Decide = None,
    reason: Reason = "",
    reviewer: Reviewer = None,
    log: LogOption = None,
    debug: Debug = False,
) -> None:
    """Reject the proposals of FINDINGs: a redaction is kept, a kept value is redacted."""
    _decide(
        ctx, Decision.REJECT, findings or [], term, person, decide, reason, reviewer, debug, log
    )


def _decide(  # noqa: PLR0913 - the sub-commands' options, passed on
    ctx: typer.Context,
    decision: Decision,
    ids: Sequence[str],
    term: bool,
    person: str | None,
    resolve: Action | None,
    reason: str,
    reviewer: str | None,
    debug: bool,
    log: Path | None,
) -> None:
    settings = _settings(ctx, reviewer, debug, log)
    if not ids and person is None:
        fail(f"name the finding(s) to {decision.value}, or --person ID", ExitStatus.USAGE)
    if decision is Decision.REJECT and not reason.strip():
        fail("say why the proposal is rejected: --reason TEXT", ExitStatus.USAGE)

    def step(review: Review) -> Outcome:
        outcomes: list[Outcome] = []
        if person is not None:
            outcomes.append(
                review.decide(decision, review.person(person), reason, Scope.PERSON, resolve)
            )
        scope = Scope.TERM if term else Scope.FINDING
        for finding_id in ids:
            chosen = review.select(finding_id, scope)
            outcomes.append(review.decide(decision, chosen, reason, scope, resolve))
        return Outcome(
            tuple(c for o in outcomes for c in o.changes),
            tuple(i for o in outcomes for i in o.undecided),
        )

    _run(settings, Source.CLI, step)


@review_app.command("change")
def change(  # noqa: PLR0913 - one parameter per option
    ctx: typer.Context,
    finding: Annotated[str, typer.Argument(help="The finding id (F0003...).")],
    action: Annotated[Action, typer.Option("--action", help="What is done with the value.")],
    reason: Reason = "",
    entity: Annotated[
        str | None,
        typer.Option("--entity", metavar="ENTITY", help="Correct the kind of data too."),
    ] = None,
    reviewer: Reviewer = None,
    log: LogOption = None,
    debug: Debug = False,
) -> None:
    """Set FINDING's action (redact, keep or review), and its entity if given."""
    settings = _settings(ctx, reviewer, debug, log)
    _run(settings, Source.CLI, lambda r: r.change(finding, action, reason, entity))


@review_app.command("accept-all")
def accept_all(  # noqa: PLR0913 - one parameter per option
    ctx: typer.Context,
    attest: Annotated[
        str | None,
        typer.Option(
            "--attest",
            metavar="STATEMENT",
            help=f'The attestation, typed in full: "{ATTESTATION}".',
        ),
    ] = None,
    decide: Decide = None,
    reason: Reason = "",
    reviewer: Reviewer = None,
    log: LogOption = None,
    debug: Debug = False,
) -> None:
    """Accept every proposal no reviewer has decided yet; needs --attest.

    Refused (exit 2) without the attestation that the whole bundle was reviewed.
    """
    settings = _settings(ctx, reviewer, debug, log)
    _run(settings, Source.CLI, lambda r: r.accept_all(attest, reason, decide))


@review_app.command("add-box")
def add_box(  # noqa: PLR0913 - one parameter per option
    ctx: typer.Context,
    page: Annotated[int, typer.Option("--page", min=1, help="The page (1-based).")],
    bbox: Annotated[
        str,
        typer.Option(
            "--bbox", metavar="X0,Y0,X1,Y1", help="PDF points, origin at the top-left of the page."
        ),
    ],
    entity: Annotated[str, typer.Option("--entity", help="The kind of data (UK_ADDRESS...).")],
    reason: Reason = "",
    text: Annotated[
        str, typer.Option("--text", help="The value under the box, if known (verified gone).")
    ] = "",
    reviewer: Reviewer = None,
    log: LogOption = None,
    debug: Debug = False,
) -> None:
    """Add a box to redact that the scan did not propose."""
    settings = _settings(ctx, reviewer, debug, log)
    try:
        numbers = [float(v) for v in bbox.split(",")]
    except ValueError:
        fail("--bbox is four numbers: X0,Y0,X1,Y1", ExitStatus.USAGE)
    _run(settings, Source.CLI, lambda r: r.add_box(page, numbers, entity, reason, text))


@review_app.command("page")
def page_command(  # noqa: PLR0913 - one parameter per option
    ctx: typer.Context,
    page: Annotated[int, typer.Argument(help="The page (1-based).")],
    action: Annotated[str, typer.Argument(metavar="remove|keep", help="Remove it or keep it.")],
    reason: Reason = "",
    reviewer: Reviewer = None,
    log: LogOption = None,
    debug: Debug = False,
) -> None:
    """Remove PAGE from the copy, or keep a page the scan would remove."""
    settings = _settings(ctx, reviewer, debug, log)
    if action not in ("remove", "keep"):
        fail("a page is marked remove or keep", ExitStatus.USAGE)
    _run(settings, Source.CLI, lambda r: r.mark_page(page, action == "remove", reason))


# -- the one path every decision takes ---------------------------------------------------


def _run(settings: _Settings, source: Source, step: Callable[[Review], Outcome]) -> NoReturn:
    """Read the report, make the decision, write the report and the log; exit."""
    try:
        outcome, data = _commit(settings, source, step)
    except (KeyboardInterrupt, typer.Abort):
        interrupted()
    except typer.Exit:
        raise
    except Exception as exc:
        handle(exc, settings.debug)
    typer.echo(summary(outcome.changes, outcome.undecided))
    _exit(data, settings.report)


def _commit(
    settings: _Settings, source: Source, step: Callable[[Review], Outcome]
) -> tuple[Outcome, dict[str, Any]]:
    """One decision, made and recorded: the report rewritten, then the log appended."""
    read = read_report(settings.report)
    if settings.log is not None:
        append_log(settings.log, [], _format(settings))  # a bad log fails before any change
    review = Review(read.data, settings.reviewer, source)
    outcome = step(review)
    data = review.result()
    before = settings.report.read_bytes()
    write_atomic(settings.report, _json(data))
    if settings.log is not None and outcome.changes:
        rows = _log_rows(read.event("review", review.by), outcome.changes, data)
        try:
            append_log(settings.log, rows, _format(settings))
        except BaseException:
            write_atomic(settings.report, before)  # the report and the trail agree
            raise
    return outcome, data


def _import(settings: _Settings, path: Path, reviewer: str | None) -> NoReturn:
    """Apply the decisions file the HTML review page saved."""
    try:
        try:
            decisions = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError) as exc:
            raise DecisionsFileError(f"cannot read the decisions file {path}: {exc}") from exc
        except json.JSONDecodeError as exc:
            raise DecisionsFileError(
                f"{path.name} is not valid JSON (line {exc.lineno}): give the file the review "
                "page saved"
            ) from exc
    except Exception as exc:
        handle(exc, settings.debug)
    named = decisions.get("reviewer") if isinstance(decisions, dict) else None
    if reviewer is None and isinstance(named, str) and named.strip():
        settings = dataclasses.replace(settings, reviewer=named.strip())
    _run(settings, Source.HTML, lambda r: apply_decisions(r, decisions, path.name))


def _format(settings: _Settings) -> LogFormat:
    assert settings.log is not None
    return log_format(settings.log, settings.log_format)


def _json(data: dict[str, Any]) -> bytes:
    return (json.dumps(data, indent=2, ensure_ascii=False) + "\n").encode("utf-8")


def _log_rows(event: Event, changes: Sequence[Change], data: dict[str, Any]) -> list[LogRow]:
    """A ``review`` record per change: finding id, entity, action before and after, reason."""
    kinds = {int(d["index"]): DocumentKind(d["kind"]) for d in data["documents"]}
    # One moment, one user and one id for every record of the step, as for a scan's.
    event = dataclasses.replace(event, when=datetime.now(UTC), user=run_by())
    step = uuid.uuid4().hex
    rows = []
    for change in changes:
        what = change.finding if change.finding is not None else f"page {change.page}"
        rows.append(
            event_row(
                event,
                item="page" if change.scope is Scope.PAGE else "finding",
                kind=kinds.get(change.document) if change.document is not None else None,
                entity=change.entity,
                action=change.after,
                rule=f"review-{change.kind}",
                reason=f"{what}: {change.before} -> {change.after} ({change.scope.value}); "
                f"{change.reason}",
            )
        )
    return [dataclasses.replace(row, scan_id=step) for row in rows]


def _exit(data: dict[str, Any], report: Path) -> NoReturn:
    left = sum(1 for f in data["findings"] if f["action"] == "review")
    typer.echo(f"Reviewed report: {report} (verdict {data['verdict']})")
    if signature_path(report).exists():
        typer.echo(
            f"Note: {signature_path(report).name} signed the report before this review; "
            "it no longer matches (sign the reviewed report again)"
        )
    if left:
        typer.echo(f"{left} finding(s) still for review")
        raise typer.Exit(int(ExitStatus.FINDINGS))
    raise typer.Exit(int(ExitStatus.CLEAR))


# -- the interactive review: prompts over the same decisions ------------------------------

#: The keys of the interactive review, and what each does.
_KEYS = {
    "a": "accept",
    "r": "reject",
    "x": "redact",
    "k": "keep",
    "ta": "accept the term",
    "tr": "reject the term",
    "pa": "accept the person",
    "pr": "reject the person",
    "A": "accept all",
    "s": "skip",
    "q": "quit",
}


def _interactive(settings: _Settings, show_values: bool) -> NoReturn:
    """Walk the reviewer through the undecided findings, then the pages to remove.

    Each answer is recorded at once (report and log), so quitting or Ctrl-C keeps
    the decisions made so far.
    """
    console = Console(highlight=False)
    try:
        data = read_report(settings.report).data
        console.print(
            f"Reviewing {settings.report.name} as {settings.reviewer}; each answer is saved "
            "at once (q quits)",
            markup=False,
        )
        data = _walk_findings(console, settings, data, show_values)
        data = _walk_pages(console, settings, data)
    except (KeyboardInterrupt, typer.Abort):
        interrupted()
    except typer.Exit:
        raise
    except Exception as exc:
        handle(exc, settings.debug)
    _exit(data, settings.report)


class _Quit(Exception):
    """The reviewer asked to stop."""


def _walk_findings(
    console: Console, settings: _Settings, data: dict[str, Any], show_values: bool
) -> dict[str, Any]:
    for finding_id in [f["id"] for f in data["findings"]]:
        current = Review(data, settings.reviewer, Source.INTERACTIVE)
        finding = current.finding(finding_id)
        if current.decided(finding):
            continue
        _show(console, current, finding, show_values)
        for_review = current.proposal(finding) is Action.REVIEW
        keys = [k for k in _KEYS if not (for_review and k in ("a", "r"))]
        if finding.get("person") is None:
            keys = [k for k in keys if k not in ("pa", "pr")]
        console.print("  " + ", ".join(f"{k} {_KEYS[k]}" for k in keys), markup=False)
        while True:  # until this finding is decided, skipped, or the reviewer quits
            try:
                key = Prompt.ask("  decision", choices=keys, default="s", console=console)
            except EOFError:
                return data
            if key == "q":
                return data
            if key == "s":
                break
            step = _step_for(console, key, finding_id, finding.get("person"))
            changed = _commit_or_say(console, settings, step) if step is not None else None
            if changed is not None:
                data = changed
                if key == "A":
                    return data
                break
    return data


def _step_for(
    console: Console, key: str, finding_id: str, person: str | None
) -> Callable[[Review], Outcome] | None:
    """The decision a key asks for, with its reason (and attestation) prompted."""
    if key == "A":
        statement = Prompt.ask(f'  type "{ATTESTATION}" to accept all', console=console)
        if not attested(statement):
            console.print(
                f'  not recorded: accept all needs the attestation "{ATTESTATION}", typed in full',
                markup=False,
            )
            return None
        reason = Prompt.ask("  reason", default="", console=console, show_default=False)
        return lambda r: r.accept_all(statement, reason)
    needed = key not in ("a", "ta", "pa")
    reason = Prompt.ask(
        "  reason" + ("" if needed else " (optional)"),
        default="",
        console=console,
        show_default=False,
    )
    if key in ("x", "k"):
        action = Action.REDACT if key == "x" else Action.KEEP
        return lambda r: r.change(finding_id, action, reason)
    decision = Decision.ACCEPT if key.endswith("a") else Decision.REJECT
    if key.startswith("p") and person is not None:
        return lambda r: r.decide(decision, r.person(person), reason, Scope.PERSON)
    scope = Scope.TERM if key.startswith("t") else Scope.FINDING
    return lambda r: r.decide(decision, r.select(finding_id, scope), reason, scope)


def _commit_or_say(
    console: Console, settings: _Settings, step: Callable[[Review], Outcome]
) -> dict[str, Any] | None:
    """Record one decision; a refused one (usage error) is said and the walk goes on."""
    try:
        outcome, data = _commit(settings, Source.INTERACTIVE, step)
    except UsageError as exc:
        console.print(f"  not recorded: {exc}", markup=False)
        return None
    console.print("  " + summary(outcome.changes, outcome.undecided), markup=False)
    return data


def _show(console: Console, review: Review, finding: dict[str, Any], show_values: bool) -> None:
    value = " ".join(finding["text"].split()) if show_values else MASK
    same = sum(
        1 for f in review.data["findings"] if term_key(f["text"]) == term_key(finding["text"])
    )
    person = f", person {finding['person']}" if finding.get("person") else ""
    console.print(
        f"\n{finding['id']} page {finding['page']} {finding['entity']}{person}: "
        f"proposed {review.proposal(finding).value} ({finding['severity']}); "
        f"{same} occurrence(s) of this term",
        markup=False,
    )
    console.print(f"  value: {value}", markup=False)
    console.print(f"  why: {finding['reason']} [rule {finding['rule']}]", markup=False)


def _page_step(page: int, remove: bool, reason: str) -> Callable[[Review], Outcome]:
    return lambda r: r.mark_page(page, remove, reason)


def _walk_pages(console: Console, settings: _Settings, data: dict[str, Any]) -> dict[str, Any]:
    """Each page the report would remove: accept (remove) or reject (keep the page)."""
    for action in list(data["page_actions"]):
        page = int(action["page"])
        console.print(f"\nPage {page} to be removed: {action['reason']}", markup=False)
        try:
            key = Prompt.ask(
                "  a remove, r keep the page, s skip, q quit",
                choices=["a", "r", "s", "q"],
                default="s",
                console=console,
            )
        except EOFError:
            break
        if key == "q":
            break
        if key == "s":
            continue
        remove = key == "a"
        reason = Prompt.ask(
            "  reason" + (" (optional)" if remove else ""),
            default="" if not remove else "Removal agreed",
            console=console,
            show_default=False,
        )
        changed = _commit_or_say(console, settings, _page_step(page, remove, reason))
        if changed is not None:
            data = changed
    return data
