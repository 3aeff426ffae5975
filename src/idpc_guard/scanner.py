"""The scanner: builds the heavy resources once and runs the stages in order.

This is the only module that knows the order of the stages::

    extract -> segment -> case -> detect -> checks -> decide -> report
                                                          +-> redact -> verify
"""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from idpc_guard._atomic import write_atomic_group
from idpc_guard._version import __version__
from idpc_guard.bounded import run_bounded
from idpc_guard.case import infer_case, merge_case
from idpc_guard.checks import check_documents
from idpc_guard.errors import OutputError, UsageError
from idpc_guard.extract import Limits, extract
from idpc_guard.layout import page_text
from idpc_guard.model import Action, Case, Decisions, Report
from idpc_guard.policy.decide import decide
from idpc_guard.policy.loader import Rule, load_rules
from idpc_guard.recognizers.engine import DetectionEngine
from idpc_guard.redact import redact
from idpc_guard.report.json import render_json
from idpc_guard.segment import segment
from idpc_guard.unscanned import unscanned_issues, unscanned_page_actions
from idpc_guard.verify import Verification, verify


@dataclass(frozen=True, slots=True, kw_only=True)
class ScanOptions:
    """How one bundle is scanned. Never mutated; build a new one to change it."""

    case: Case | None = None
    offences: tuple[str, ...] = ()
    redact: bool = True
    limits: Limits = field(default_factory=Limits)
    #: The bundle's user password, for an encrypted bundle (never printed or reported).
    password: str | None = field(default=None, repr=False)


@dataclass(frozen=True, slots=True)
class ScanResult:
    """A scan's report and, unless redaction was turned off, the verified redacted copy."""

    report: Report
    redacted_pdf: bytes | None = field(default=None, repr=False)
    verification: Verification | None = None


@dataclass(frozen=True, slots=True)
class OutputPaths:
    """Where a scan's files are written."""

    report: Path
    redacted: Path | None


class Scanner:
    """Scans bundles. Build one and reuse it: it loads the language model once."""

    def __init__(
        self,
        *,
        model: str | None = None,
        rules_dir: Path | None = None,
        rules: Sequence[Rule] | None = None,
    ) -> None:
        """Load the rules and the detection engine.

        Args:
            model: spaCy model package name (default: ``IDPC_GUARD_SPACY_MODEL`` or the
                bundled small English model).
            rules_dir: folder of YAML rule files (default: the rules shipped with the package).
            rules: rules already loaded; overrides ``rules_dir``.
        """
        self.rules: tuple[Rule, ...] = tuple(rules) if rules is not None else load_rules(rules_dir)
        self.engine = DetectionEngine(model)

    def scan(self, path: Path, options: ScanOptions | None = None) -> ScanResult:
        """Scan the bundle at ``path``: report and (unless turned off) verified redacted copy."""
        options = options or ScanOptions()
        started = time.monotonic()
        bundle, data = extract(Path(path), options.limits, options.password)
        read_seconds = time.monotonic() - started
        texts = tuple(page_text(page) for page in bundle.pages)
        documents = segment(bundle, texts)
        case = merge_case(options.case, infer_case(documents, texts), options.offences)
        detections = self.engine.detect(documents, texts)
        issues = check_documents(documents, case) + unscanned_issues(bundle, documents)
        decisions = decide(detections, documents, texts, case, self.rules, issues)
        decisions = dataclasses.replace(
            decisions, page_actions=unscanned_page_actions(bundle, decisions.page_actions)
        )
        report = Report(
            tool_version=__version__,
            bundle=bundle,
            case=case,
            documents=documents,
            decisions=decisions,
        )
        if not options.redact:
            return ScanResult(report)
        copy, verification = make_copy(data, bundle.page_count, decisions, options, read_seconds)
        return ScanResult(report, copy, verification)


def make_copy(
    data: bytes, pages: int, decisions: Decisions, options: ScanOptions, read_seconds: float
) -> tuple[bytes, Verification]:
    """The verified redacted copy, made in a child process within a time budget.

    Redaction parses the PDF again, so a hostile page could keep it busy for ever:
    it is given three times as long as reading the bundle took, plus one page
    allowance (``--page-timeout``) per page it changes, plus two.
    """
    touched = {f.detection.page for f in decisions.findings if f.action is Action.REDACT}
    touched |= {a.page for a in decisions.page_actions}
    budget = 3 * read_seconds + options.limits.page_seconds * (2 + len(touched))
    return run_bounded(
        _redact_and_verify, (data, pages, decisions), budget, "making the redacted copy"
    )


def _redact_and_verify(data: bytes, pages: int, decisions: Decisions) -> tuple[bytes, Verification]:
    copy = redact(data, decisions)
    return copy, verify(pages, copy, decisions)


def output_paths(bundle: Path, out_dir: Path | None, *, redacted: bool) -> OutputPaths:
    """``DIR/<stem>.report.json`` and ``DIR/<stem>.redacted.pdf`` (DIR: the bundle's folder)."""
    folder = out_dir if out_dir is not None else bundle.parent
    if folder.exists() and not folder.is_dir():
        raise UsageError(f"--out-dir {folder} is a file, not a folder")
    if not folder.exists():
        raise OutputError(f"output folder {folder} does not exist: create it or choose another")
    stem = bundle.stem
    return OutputPaths(
        report=folder / f"{stem}.report.json",
        redacted=folder / f"{stem}.redacted.pdf" if redacted else None,
    )


def write_outputs(result: ScanResult, paths: OutputPaths) -> None:
    """Write the report (and redacted copy) atomically, owner-readable only.

    Both files appear together or not at all, and files of an earlier run are
    replaced together or left as they were (see :func:`write_atomic_group`).
    """
    files: list[tuple[Path, bytes]] = []
    if paths.redacted is not None and result.redacted_pdf is not None:
        files.append((paths.redacted, result.redacted_pdf))
    files.append((paths.report, render_json(result.report).encode("utf-8")))
    write_atomic_group(files)
