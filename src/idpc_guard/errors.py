"""Errors raised by idpc-guard, each carrying the exit status the CLI uses.

The tree::

    IdpcGuardError                      base class
    ├── UsageError                   2  an option that cannot work (e.g. --out-dir is a file)
    ├── ConfigError                  2  user-supplied configuration is wrong
    │   ├── CaseFileError            2    the case file
    │   ├── RuleFileError            2    a rule file
    │   ├── ReportFileError          2    a report given to `apply` (invalid, or for another bundle)
    │   └── DecisionsFileError       2    a review decisions file (invalid, or for another report)
    ├── InputError                   3  the bundle cannot be processed
    │   ├── NotAPdfError             3
    │   ├── EncryptedPdfError        3
    │   ├── DamagedPdfError          3
    │   └── LimitExceededError       3
    └── ProcessingError              4  environment or internal failure
        ├── MissingModelError        4    a language model is not installed
        ├── OutputError              4    an output cannot be written
        └── RedactionNotVerifiedError 4   the redacted copy failed its verification

Messages say what to do and never contain text extracted from a bundle.
Only ``cli.py`` turns these into exit statuses.
"""

from __future__ import annotations

from collections.abc import Sequence
from enum import IntEnum
from typing import ClassVar

from idpc_guard.model import Report, Verdict

__all__ = [
    "CaseFileError",
    "ConfigError",
    "DamagedPdfError",
    "DecisionsFileError",
    "EncryptedPdfError",
    "ExitStatus",
    "IdpcGuardError",
    "InputError",
    "LimitExceededError",
    "MissingModelError",
    "NotAPdfError",
    "OutputError",
    "ProcessingError",
    "RedactionNotVerifiedError",
    "ReportFileError",
    "RuleFileError",
    "UsageError",
]


class ExitStatus(IntEnum):
    """Exit statuses of the command line: a stable interface."""

    CLEAR = 0
    FINDINGS = 1
    USAGE = 2
    INPUT = 3
    INTERNAL = 4
    INTERRUPTED = 130

    @classmethod
    def for_verdict(cls, verdict: Verdict) -> ExitStatus:
        """The status for a completed scan: 0 when clear, 1 otherwise."""
        return cls.CLEAR if verdict is Verdict.CLEAR else cls.FINDINGS


class IdpcGuardError(Exception):
    """Base class of every error idpc-guard raises on purpose."""

    exit_status: ClassVar[ExitStatus] = ExitStatus.INTERNAL


class UsageError(IdpcGuardError):
    """An option or argument that cannot work."""

    exit_status = ExitStatus.USAGE


class ConfigError(IdpcGuardError):
    """User-supplied configuration (case file, rule files) is wrong."""

    exit_status = ExitStatus.USAGE


class CaseFileError(ConfigError):
    """The case file cannot be read or does not follow the contract."""


class RuleFileError(ConfigError):
    """A rule file cannot be read or does not follow the rule schema.

    ``problems`` lists every error found, each as ``file:line: message``; the
    exception's message is the first, with a count of the others.
    """

    def __init__(self, message: str, problems: Sequence[str] = ()) -> None:
        self.problems: tuple[str, ...] = tuple(problems) or (message,)
        more = len(self.problems) - 1
        suffix = f" (and {more} more: run 'idpc-guard rules check')" if more > 0 else ""
        super().__init__(message + suffix)


class ReportFileError(ConfigError):
    """A report given to ``apply`` is not valid, or belongs to another bundle."""


class DecisionsFileError(ConfigError):
    """A review decisions file is not valid, or was saved for another report."""


class InputError(IdpcGuardError):
    """The input bundle cannot be processed; nothing is written."""

    exit_status = ExitStatus.INPUT


class NotAPdfError(InputError):
    """The input is not a PDF file."""


class EncryptedPdfError(InputError):
    """The input PDF is encrypted."""


class DamagedPdfError(InputError):
    """The input PDF is damaged beyond reading."""


class LimitExceededError(InputError):
    """The input exceeds a configured limit (pages, bytes, time)."""


class ProcessingError(IdpcGuardError):
    """Our side failed (environment or bug); nothing is written."""

    exit_status = ExitStatus.INTERNAL


class MissingModelError(ProcessingError):
    """A language model the scanner needs is not installed."""


class OutputError(ProcessingError):
    """An output file cannot be written."""


class RedactionNotVerifiedError(ProcessingError):
    """The redacted copy still holds something that was marked for removal."""

    def __init__(self, message: str, failed: tuple[str, ...] = ()) -> None:
        super().__init__(message)
        #: The ids of the findings whose value survived (no values: ids only).
        self.failed = failed
        #: The scan's report, saying which findings could not be removed, when a scan
        #: got as far as deciding: the CLI writes it although no copy is written.
        self.report: Report | None = None
