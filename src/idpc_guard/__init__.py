"""idpc-guard: check a prosecution bundle for personal data before it is served.

Build one :class:`Scanner` (it loads a language model) and reuse it::

    from pathlib import Path
    from idpc_guard import Scanner, ScanOptions

    scanner = Scanner()
    result = scanner.scan(Path("bundle.pdf"), ScanOptions(offences=("burglary",)))
    result.report.decisions.verdict        # Verdict.REVIEW
    result.redacted_pdf                    # verified redacted copy (bytes)
"""

from __future__ import annotations

from pathlib import Path

from idpc_guard._version import __version__
from idpc_guard.apply import ApplyResult, apply_report
from idpc_guard.documents.case import load_case_file, parse_case
from idpc_guard.errors import (
    CaseFileError,
    ConfigError,
    DamagedPdfError,
    EncryptedPdfError,
    ExitStatus,
    IdpcGuardError,
    InputError,
    LimitExceededError,
    MissingModelError,
    NotAPdfError,
    OutputError,
    ProcessingError,
    RedactionNotVerifiedError,
    ReportFileError,
    RuleFileError,
    UsageError,
)
from idpc_guard.model import Action, Case, LabelStyle, Report, Severity, Verdict
from idpc_guard.policy.loader import load_rules
from idpc_guard.read.extract import Limits
from idpc_guard.report.json import report_dict, report_schema
from idpc_guard.scanner import Scanner, ScanOptions, ScanResult


def scan(path: Path | str, options: ScanOptions | None = None) -> ScanResult:
    """Scan one bundle with a new :class:`Scanner`.

    Convenient for a single file; a program that scans many bundles should build
    one :class:`Scanner` and call :meth:`Scanner.scan`, as loading the model is
    the slow part.
    """
    return Scanner().scan(Path(path), options)


__all__ = [
    "Action",
    "ApplyResult",
    "Case",
    "CaseFileError",
    "ConfigError",
    "DamagedPdfError",
    "EncryptedPdfError",
    "ExitStatus",
    "IdpcGuardError",
    "InputError",
    "LabelStyle",
    "LimitExceededError",
    "Limits",
    "MissingModelError",
    "NotAPdfError",
    "OutputError",
    "ProcessingError",
    "RedactionNotVerifiedError",
    "Report",
    "ReportFileError",
    "RuleFileError",
    "ScanOptions",
    "ScanResult",
    "Scanner",
    "Severity",
    "UsageError",
    "Verdict",
    "__version__",
    "apply_report",
    "load_case_file",
    "load_rules",
    "parse_case",
    "report_dict",
    "report_schema",
    "scan",
]
