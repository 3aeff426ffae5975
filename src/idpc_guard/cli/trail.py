"""What the trail commands share: a report read for its case facts, and the log options."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any

import typer

from idpc_guard.errors import ReportFileError
from idpc_guard.log.store import Event, LogFormat, LogRow, append_log, log_format_of
from idpc_guard.model import DocumentKind
from idpc_guard.report.load import LoadedReport, load_report

LogOption = Annotated[
    Path | None,
    typer.Option(
        "--log", metavar="FILE", help="Append this event to the redaction log (hash-chained)."
    ),
]
LogFormatOption = Annotated[
    LogFormat | None,
    typer.Option(
        "--log-format", help="Format of a new --log file (default: csv for *.csv, else sqlite)."
    ),
]
ReviewerOption = Annotated[
    str,
    typer.Option(
        "--reviewer",
        metavar="NAME",
        help="Who reviewed (recorded in --log; who ran the command is recorded too).",
    ),
]


@dataclass(frozen=True, slots=True)
class ReadReport:
    """A report read and validated: its decisions and the facts the trail records."""

    loaded: LoadedReport
    data: dict[str, Any] = field(repr=False)

    @property
    def urn(self) -> str:
        """The case's URN, or empty."""
        return str(self.data["case"].get("urn") or "")

    @property
    def rules(self) -> str:
        """The fingerprint of the rules the report was made under, or empty."""
        return str(self.data["tool"].get("rules") or "")

    @property
    def copy_sha256(self) -> str | None:
        """The SHA-256 of the redacted copy made with the report, if it records one."""
        value = self.data.get("copy", {}).get("sha256")
        return str(value) if value else None

    def page_kinds(self) -> dict[int, DocumentKind]:
        """Each page's (0-based) document kind."""
        return {
            page - 1: DocumentKind(d["kind"]) for d in self.data["documents"] for page in d["pages"]
        }

    def event(self, kind: str, reviewer: str = "") -> Event:
        """An event of ``kind`` on this report's case."""
        return Event(
            kind=kind,
            urn=self.urn,
            offences=self.loaded.offences,
            rules=self.rules,
            reviewer=reviewer,
        )


def read_report(path: Path) -> ReadReport:
    """The report at ``path``, validated against the schema.

    Raises:
        ReportFileError: it cannot be read or does not follow the schema.
    """
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ReportFileError(f"cannot read the report {path}: {exc}") from exc
    loaded = load_report(text, path.name)
    return ReadReport(loaded, json.loads(text))


def log_format(log: Path, given: LogFormat | None) -> LogFormat:
    """The format to append to ``log`` in: as given, else the file's, else by its name."""
    return given if given is not None else log_format_of(log)


def append_or_undo(
    log: Path, rows: Sequence[LogRow], fmt: LogFormat, written: Iterable[Path]
) -> None:
    """Append ``rows`` to the log; if that fails, remove the files just ``written``.

    The outputs and the trail agree: a command whose log record cannot be written
    leaves no output behind (no partial output), then the error goes on.
    """
    try:
        append_log(log, rows, fmt)
    except BaseException:
        for path in written:
            path.unlink(missing_ok=True)
        raise
