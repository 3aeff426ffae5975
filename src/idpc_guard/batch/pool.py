"""Scan many bundles: one worker process per core, each holding one :class:`Scanner`.

A bundle whose report is already up to date (same bundle sha256, tool version, rules,
case, offences and options, and the files wanted already made with it) is skipped
unless forced. Results come back as each bundle finishes, so
a caller can show progress; nothing here prints.
"""

from __future__ import annotations

import glob
import hashlib
import json
import multiprocessing
import time
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from idpc_guard._version import __version__
from idpc_guard.errors import ExitStatus, IdpcGuardError, RedactionNotVerifiedError, UsageError
from idpc_guard.model import Action, Verdict
from idpc_guard.ocr.driver import OcrOptions
from idpc_guard.report.json import report_dict
from idpc_guard.scanner import (
    OutputPaths,
    Scanner,
    ScanOptions,
    output_paths,
    wanted_outputs,
    write_outputs,
    write_refused,
)

#: Files the tool writes itself: never scanned as bundles.
_OWN_OUTPUTS = (".redacted.pdf", ".marked.pdf")


@dataclass(frozen=True, slots=True, kw_only=True)
class BatchSettings:
    """How a batch runs."""

    options: ScanOptions = field(default_factory=ScanOptions)
    out_dir: Path | None = None
    local_rules: Path | None = None  # --rules: added to the built-in rules
    model: str | None = None
    jobs: int = 1
    force: bool = False
    ocr: OcrOptions | None = None


@dataclass(frozen=True, slots=True)
class BatchItem:
    """The outcome for one bundle. No personal data: counts and statuses only."""

    bundle: Path
    status: ExitStatus
    verdict: str | None = None
    redact: int = 0
    review: int = 0
    issues: int = 0
    seconds: float = 0.0
    skipped: bool = False
    error: str | None = None
    #: Why the bundle was skipped or scanned again (no personal data).
    note: str | None = None
    #: Entities with a redact or review finding, and document issue kinds (for audits).
    entities: tuple[str, ...] = ()
    issue_kinds: tuple[str, ...] = ()
    offences: tuple[str, ...] = ()

    @classmethod
    def from_report(
        cls,
        bundle: Path,
        report: dict[str, Any],
        *,
        seconds: float = 0.0,
        skipped: bool = False,
        note: str | None = None,
    ) -> BatchItem:
        """The item for a bundle whose report (the contract JSON) is ``report``."""
        findings = report["findings"]
        verdict = Verdict(report["verdict"])
        return cls(
            bundle,
            ExitStatus.for_verdict(verdict),
            verdict=verdict.value,
            redact=sum(f["action"] == Action.REDACT.value for f in findings),
            review=sum(f["action"] == Action.REVIEW.value for f in findings),
            issues=len(report["document_issues"]),
            seconds=seconds,
            skipped=skipped,
            note=note,
            entities=tuple(
                sorted({f["entity"] for f in findings if f["action"] != Action.KEEP.value})
            ),
            issue_kinds=tuple(sorted({i["kind"] for i in report["document_issues"]})),
            offences=tuple(report["case"]["offences"]),
        )


def find_bundles(inputs: Iterable[str | Path]) -> tuple[Path, ...]:
    """PDF files named by files, folders (searched recursively) or glob patterns, sorted."""
    found: dict[Path, None] = {}
    for item in inputs:
        path = Path(item)
        if path.is_dir():
            candidates = sorted(p for p in path.rglob("*") if p.suffix.lower() == ".pdf")
        elif path.exists() or not any(c in str(item) for c in "*?["):
            candidates = [path]  # a missing file is reported by its scan (status 3)
        else:
            candidates = sorted(Path(p) for p in glob.glob(str(item), recursive=True))  # noqa: PTH207 - absolute or relative patterns alike
            if not candidates:
                raise UsageError(f"{item} matches no file")
        for candidate in candidates:
            if not candidate.is_dir() and not candidate.name.endswith(_OWN_OUTPUTS):
                found.setdefault(candidate, None)
    return tuple(found)


def combined_status(items: Sequence[BatchItem]) -> ExitStatus:
    """The batch's exit status: the highest of its bundles' (0 when there are none)."""
    return max((item.status for item in items), default=ExitStatus.CLEAR)


#: What a skipped bundle's line says.
UP_TO_DATE = (
    "report up to date (same bundle, case, offences, options, rules and version): "
    "not rescanned; --force rescans"
)


def stale_reason(
    bundle: Path, paths: OutputPaths, scanner: Scanner, options: ScanOptions
) -> tuple[dict[str, Any] | None, str]:
    """An existing report that is up to date, or ``None`` and why the bundle is scanned again.

    A report is up to date when it was made from this very bundle (sha256), by this
    version of the tool, under these rules, with the same case, offences and options,
    and every file now wanted (the redacted copy) was made with it and is still there.
    """
    try:
        data = json.loads(paths.report.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None, "no report yet"
    except (OSError, ValueError):
        return None, "the report could not be read"
    try:
        tool = data["tool"]
        Verdict(data["verdict"])  # a report we cannot read is not up to date
        checks = (
            (data["bundle"]["sha256"] == _sha256(bundle), "the bundle changed"),
            (tool.get("version") == __version__, "made by another version"),
            (tool.get("rules") == scanner.rules_fingerprint, "the rules changed"),
            (
                tool.get("options") == scanner.options_fingerprint(options),
                "the case, offences or options changed",
            ),
            (
                set(wanted_outputs(options)) <= set(tool.get("outputs", ())),
                "the files now wanted were not made with the report",
            ),
        )
    except OSError:
        return None, "the bundle could not be read"
    except (ValueError, KeyError, TypeError, AttributeError):
        return None, "the report could not be read"
    for current, reason in checks:
        if not current:
            return None, reason
    for name in wanted_outputs(options):
        wanted = getattr(paths, name)
        if wanted is not None and not wanted.exists():
            return None, f"{wanted.name} is missing"
    return (data, UP_TO_DATE) if isinstance(data, dict) else (None, "the report is not a report")


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as file:
        for block in iter(lambda: file.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def scan_one(scanner: Scanner, bundle: Path, settings: BatchSettings) -> BatchItem:
    """Scan one bundle and write its outputs; errors become the item's status."""
    started = time.perf_counter()
    note: str | None = None
    try:
        paths = output_paths(bundle, settings.out_dir, redacted=settings.options.redact)
        if settings.force:
            note = "rescanned: --force"
        else:
            existing, reason = stale_reason(bundle, paths, scanner, settings.options)
            if existing is not None:
                return BatchItem.from_report(bundle, existing, skipped=True, note=reason)
            note = None if reason == "no report yet" else f"rescanned: {reason}"
        try:
            result = scanner.scan(bundle, settings.options)
        except RedactionNotVerifiedError as refused:
            if refused.report is not None:
                write_refused(refused.report, paths)  # the report names what stayed
            raise
        write_outputs(result, paths)
    except IdpcGuardError as exc:
        return BatchItem(
            bundle, exc.exit_status, error=str(exc), seconds=time.perf_counter() - started
        )
    except Exception as exc:  # a bug must not stop the other bundles of the batch
        return BatchItem(
            bundle,
            ExitStatus.INTERNAL,
            error=f"internal error (bug): {type(exc).__name__}; rerun this bundle with --debug",
            seconds=time.perf_counter() - started,
        )
    return BatchItem.from_report(
        bundle, report_dict(result.report), seconds=time.perf_counter() - started, note=note
    )


def scan_many(bundles: Sequence[Path], settings: BatchSettings) -> Iterator[BatchItem]:
    """Scan bundles, yielding each result as it completes (in completion order)."""
    check_distinct_outputs(bundles, settings.out_dir)
    if settings.jobs <= 1 or len(bundles) <= 1:
        scanner = Scanner(
            model=settings.model,
            local_rules=settings.local_rules,
            ocr=settings.ocr,
            workers=settings.jobs,
        )
        scanner.check_offences(settings.options)  # one usage error, not one per bundle
        for bundle in bundles:
            yield scan_one(scanner, bundle, settings)
        return
    # Build one scanner here first: a bad rules folder or a missing model is then one
    # clear error, not a broken pool of workers. Where processes fork, the workers
    # inherit it (model loaded) instead of each loading the model again.
    first = Scanner(
        model=settings.model, local_rules=settings.local_rules, ocr=settings.ocr, workers=1
    )
    first.check_offences(settings.options)
    _WORKER["inherited"] = first
    workers = min(settings.jobs, len(bundles))
    context = (
        multiprocessing.get_context("fork")
        if "fork" in multiprocessing.get_all_start_methods()
        else None
    )
    try:
        with ProcessPoolExecutor(
            max_workers=workers,
            mp_context=context,
            initializer=_init_worker,
            initargs=(settings,),
        ) as pool:
            yield from _completed(pool, bundles)
    finally:
        _WORKER.pop("inherited", None)


def _completed(pool: ProcessPoolExecutor, bundles: Sequence[Path]) -> Iterator[BatchItem]:
    futures: dict[Future[BatchItem], Path] = {
        pool.submit(_work, bundle): bundle for bundle in bundles
    }
    for future in as_completed(futures):
        yield future.result()


def check_distinct_outputs(bundles: Sequence[Path], out_dir: Path | None) -> None:
    """Refuse two bundles that would write the same report into one ``--out-dir``."""
    if out_dir is None:
        return
    seen: dict[str, Path] = {}
    for bundle in bundles:
        if bundle.stem in seen:
            raise UsageError(
                f"{bundle} and {seen[bundle.stem]} would write the same report in {out_dir}; "
                "scan them into different --out-dir folders"
            )
        seen[bundle.stem] = bundle


# One Scanner per worker process, built once by the pool's initializer.
_WORKER: dict[str, object] = {}


def _init_worker(settings: BatchSettings) -> None:
    _WORKER["settings"] = settings
    # The pool already uses the cores: each worker detects in its own process only.
    inherited = _WORKER.pop("inherited", None)
    _WORKER["scanner"] = (
        inherited
        if isinstance(inherited, Scanner)
        else Scanner(
            model=settings.model, local_rules=settings.local_rules, ocr=settings.ocr, workers=1
        )
    )


def _work(bundle: Path) -> BatchItem:
    scanner = _WORKER["scanner"]
    settings = _WORKER["settings"]
    assert isinstance(scanner, Scanner) and isinstance(settings, BatchSettings)
    return scan_one(scanner, bundle, settings)
