"""The scanner: builds the heavy resources once and runs the stages in order.

This is the only module that knows the order of the stages::

    extract -> ocr -> segment -> case -> detect -> checks -> decide -> report
                                                          +-> redact -> verify
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from idpc_guard._atomic import write_atomic
from idpc_guard._version import __version__
from idpc_guard.case import infer_case, merge_case
from idpc_guard.checks import check_documents
from idpc_guard.errors import OutputError, UsageError
from idpc_guard.extract import Limits, extract
from idpc_guard.layout import page_text
from idpc_guard.model import Case, Report
from idpc_guard.ocr import OcrOptions, Progress, ocr
from idpc_guard.ocr_engines import OcrEngine, build_engine
from idpc_guard.policy.decide import decide
from idpc_guard.policy.loader import Rule, load_rules
from idpc_guard.recognizers.engine import DetectionEngine
from idpc_guard.redact import redact
from idpc_guard.report.json import render_json
from idpc_guard.segment import segment
from idpc_guard.verify import Verification, verify


@dataclass(frozen=True, slots=True, kw_only=True)
class ScanOptions:
    """How one bundle is scanned. Never mutated; build a new one to change it."""

    case: Case | None = None
    offences: tuple[str, ...] = ()
    redact: bool = True
    limits: Limits = field(default_factory=Limits)
    #: Called with ``(done, total)`` as pictures and scanned pages are read.
    progress: Progress | None = None


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
        ocr: OcrOptions | None = None,
    ) -> None:
        """Load the rules and the detection engine.

        Args:
            model: spaCy model package name (default: ``IDPC_GUARD_SPACY_MODEL`` or the
                bundled small English model).
            rules_dir: folder of YAML rule files (default: the rules shipped with the package).
            rules: rules already loaded; overrides ``rules_dir``.
            ocr: OCR engine and worker processes for scanned pages and pictures
                (default: ``IDPC_GUARD_OCR_ENGINE`` or RapidOCR, one worker per core).
                The engine is loaded the first time a bundle needs it.
        """
        self.rules: tuple[Rule, ...] = tuple(rules) if rules is not None else load_rules(rules_dir)
        self.engine = DetectionEngine(model)
        self.ocr_options = ocr or OcrOptions()
        self._ocr_engine: OcrEngine | None = None

    def ocr_engine(self) -> OcrEngine:
        """The OCR engine, built on first use and kept."""
        if self._ocr_engine is None:
            self._ocr_engine = build_engine(self.ocr_options.engine)
        return self._ocr_engine

    def scan(self, path: Path, options: ScanOptions | None = None) -> ScanResult:
        """Scan the bundle at ``path``: report and (unless turned off) verified redacted copy."""
        options = options or ScanOptions()
        bundle, data = extract(Path(path), options.limits)
        bundle = ocr(bundle, data, self.ocr_engine, self.ocr_options, options.progress)
        texts = tuple(page_text(page) for page in bundle.pages)
        documents = segment(bundle, texts)
        case = merge_case(options.case, infer_case(documents, texts), options.offences)
        detections = self.engine.detect(documents, texts)
        issues = check_documents(documents, case)
        decisions = decide(detections, documents, texts, case, self.rules, issues)
        report = Report(
            tool_version=__version__,
            bundle=bundle,
            case=case,
            documents=documents,
            decisions=decisions,
        )
        if not options.redact:
            return ScanResult(report)
        copy = redact(data, decisions)
        reader = self.ocr_engine if self.ocr_options.enabled else None
        verification = verify(bundle.page_count, copy, decisions, reader)
        return ScanResult(report, copy, verification)


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

    The redacted copy is written first: a report never points at a copy that
    failed to be written. If the report cannot be written, the copy just
    written is removed again, so a run leaves both files or neither.
    """
    if paths.redacted is not None and result.redacted_pdf is not None:
        write_atomic(paths.redacted, result.redacted_pdf)
    try:
        write_atomic(paths.report, render_json(result.report).encode("utf-8"))
    except BaseException:
        if paths.redacted is not None and result.redacted_pdf is not None:
            paths.redacted.unlink(missing_ok=True)
        raise
