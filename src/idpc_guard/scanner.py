"""The scanner: builds the heavy resources once and runs the stages in order.

This is the only module that knows the order of the stages::

    extract -> ocr -> layout -> segment -> case -> detect -> checks -> covered text
        -> decide -> inspect input -> unscanned pages -> finalise -> report
        -> copy: redact -> verify   (or mark: the reviewer's copy)

The stages from decide to unscanned pages each add to a draft of the decisions
(:class:`~idpc_guard.policy.finalise.Draft`); finalise numbers its findings and
gives the verdict, once.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path

from idpc_guard._atomic import write_atomic_group
from idpc_guard._bounded import collector_paused
from idpc_guard._version import __version__
from idpc_guard.documents.case import disagreements, infer_case, merge_case
from idpc_guard.documents.covered_text import covered_text
from idpc_guard.documents.segment import segment
from idpc_guard.errors import OutputError, RedactionNotVerifiedError, UsageError
from idpc_guard.model import Carrier, Case, CopyFailure, Document, LabelStyle, Page, Report
from idpc_guard.ocr.driver import OcrOptions, ocr
from idpc_guard.ocr.engines import EngineOnDemand, OcrEngine, engine_name
from idpc_guard.policy.bundle_checks import check_documents
from idpc_guard.policy.carriers import carrier_text, with_carriers
from idpc_guard.policy.cps import BoxPolicy, BoxWidth, page_causes, with_cps
from idpc_guard.policy.decide import decide
from idpc_guard.policy.defects import with_input_defects
from idpc_guard.policy.exposure import with_exposure
from idpc_guard.policy.finalise import Draft, finalise
from idpc_guard.policy.loader import Rule, RuleSet, load_rule_set, rules_fingerprint
from idpc_guard.policy.offences import check_offences
from idpc_guard.policy.unscanned import unscanned_issues, with_unscanned_pages
from idpc_guard.read.extract import Limits, extract
from idpc_guard.read.input_defects import inspect_input
from idpc_guard.read.layout import page_text
from idpc_guard.read.pictures import PageImage, render_pages
from idpc_guard.recognizers.engine import DetectionEngine
from idpc_guard.report.html import render_html
from idpc_guard.report.json import render_json
from idpc_guard.signing import signature_path
from idpc_guard.timing import Stopwatch, Timings
from idpc_guard.verified_copy import CopyInput, make_review_copy, make_verified_copy
from idpc_guard.verify.verification import Verification


@dataclass(frozen=True, slots=True, kw_only=True)
class ScanOptions:
    """How one bundle is scanned. Never mutated; build a new one to change it."""

    case: Case | None = None
    offences: tuple[str, ...] = ()
    redact: bool = True
    limits: Limits = field(default_factory=Limits)
    page_images: bool = False
    """Also draw every page as a picture (for the HTML review page)."""
    #: What each redaction box says (a reason code, the finding id, or nothing).
    labels: LabelStyle = LabelStyle.ENTITY
    #: Make a reviewer's copy (redaction annotations, not applied) instead of the redacted copy.
    mark_only: bool = False
    #: The bundle's user password, for an encrypted bundle (never printed or reported).
    password: str | None = field(default=None, repr=False)
    #: Scan even if an offence given is not in the offence taxonomy (the report lists it).
    allow_unknown_offences: bool = False
    #: Where ``case`` was read from, for messages (the case file's path).
    case_source: str = "case file"
    #: How wide the boxes over names are drawn (None: as the rule files say,
    #: ``rules/redaction.yaml``; see :mod:`idpc_guard.redact.widths`).
    box_width: BoxWidth | None = None


#: Called as ``progress(done, total)`` while a bundle is scanned, in units of work
#: (about a page's worth each); ``done`` reaches ``total`` when the scan ends.
ProgressCallback = Callable[[int, int], None]


@dataclass(frozen=True, slots=True)
class ScanResult:
    """A scan's report and, unless redaction was turned off, the verified redacted copy."""

    report: Report
    redacted_pdf: bytes | None = field(default=None, repr=False)
    verification: Verification | None = None
    page_images: tuple[PageImage, ...] = field(default=(), repr=False)
    marked_pdf: bytes | None = field(default=None, repr=False)
    #: Seconds each stage took, in the order they ran (stage names only, no data).
    timings: Timings = ()


@dataclass(frozen=True, slots=True)
class OutputPaths:
    """Where a scan's files are written."""

    report: Path
    redacted: Path | None
    html: Path | None = None
    marked: Path | None = None


class Scanner:
    """Scans bundles. Build one and reuse it: it loads the language model once."""

    def __init__(
        self,
        *,
        model: str | None = None,
        rules_dir: Path | None = None,
        rules: Sequence[Rule] | None = None,
        local_rules: Path | None = None,
        ocr: OcrOptions | None = None,
        workers: int = 0,
    ) -> None:
        """Load the rules and the detection engine.

        Args:
            model: spaCy model package name (default: ``IDPC_GUARD_SPACY_MODEL`` or the
                bundled small English model).
            rules_dir: folder of YAML rule files (default: the rules shipped with the package).
            rules: rules already loaded; overrides ``rules_dir`` (the built-in taxonomy reads
                the offences).
            local_rules: folder of local rule files added to ``rules_dir``; a local rule
                replaces the rule of the same id.
            ocr: OCR engine and worker processes for scanned pages and pictures
                (default: ``IDPC_GUARD_OCR_ENGINE`` or RapidOCR, one worker per core).
                The engine is loaded the first time a bundle needs it.
            workers: processes that share a bundle's pages for reading, detection and
                verification (0: one per core; 1: one, as each worker of a batch does).
        """
        rule_set = load_rule_set(rules_dir, local_rules)
        if rules is not None:
            rule_set = RuleSet(tuple(rules), rule_set.taxonomy)
        self.rule_set = rule_set
        self.rules: tuple[Rule, ...] = rule_set.rules
        self.rules_fingerprint = rules_fingerprint(self.rules)
        self.engine = DetectionEngine(model, workers=workers)
        self.workers = workers
        self.ocr_options = ocr or OcrOptions()
        self._ocr_engine = EngineOnDemand(self.ocr_options.engine)

    def options_fingerprint(self, options: ScanOptions) -> str:
        """A short hash of what, besides the bundle, rules and version, shapes the outputs.

        It covers the case (as read from its file), the offences, the limits, the
        redaction labels, the OCR engine and the offence taxonomy; not the password,
        the number of processes, nor which files are wanted (see :func:`wanted_outputs`).
        """
        canonical = json.dumps(
            {
                "case": asdict(options.case) if options.case is not None else None,
                "offences": list(options.offences),
                "limits": asdict(options.limits),
                "labels": options.labels.value,
                "ocr": [
                    self.ocr_options.enabled,
                    engine_name(self.ocr_options.engine).value
                    if self.ocr_options.enabled
                    else None,
                ],
                "taxonomy": self.rule_set.taxonomy.fingerprint(),
                # Only when boxes are widened, so earlier reports' fingerprints still hold.
                **(
                    {"boxes": [boxes.width.value, sorted(boxes.entities), boxes.step, boxes.fixed]}
                    if (boxes := self.box_width(options)).width is not BoxWidth.EXACT
                    else {}
                ),
            },
            sort_keys=True,
            default=str,
        )
        return hashlib.sha256(canonical.encode("utf-8")).hexdigest()[:16]

    def box_width(self, options: ScanOptions) -> BoxPolicy:
        """How wide the copy's boxes are drawn: the rule files' policy, ``options`` overriding."""
        boxes = self.rule_set.cps.boxes
        if options.box_width is None:
            return boxes
        return dataclasses.replace(boxes, width=options.box_width)

    def check_offences(self, options: ScanOptions) -> tuple[str, ...]:
        """The offences given (case and ``offences``) that the taxonomy does not recognise.

        Raises:
            UsageError: one is not recognised and ``options.allow_unknown_offences`` is
                false (the message names where it was given and the nearest offence known).
        """
        case_offences = options.case.offences if options.case is not None else ()
        given = [(f"{options.case_source}: offences[{i}]", o) for i, o in enumerate(case_offences)]
        given += [("--offence", o) for o in options.offences]
        return check_offences(
            self.rule_set.taxonomy, given, allow_unknown=options.allow_unknown_offences
        )

    def ocr_engine(self) -> OcrEngine:
        """The OCR engine, built on first use and kept."""
        return self._ocr_engine()

    def scan(
        self,
        path: Path,
        options: ScanOptions | None = None,
        *,
        progress: ProgressCallback | None = None,
    ) -> ScanResult:
        """Scan the bundle at ``path``: report and (unless turned off) verified redacted copy.

        ``progress``, if given, is told how far the scan has gone; the scanner
        itself never prints.
        """
        # A scan makes millions of short-lived objects and almost no cycles (about a
        # thousand objects in cycles per 500 pages): the collector, left running, walks
        # the bundle's words again and again as they age, a full pass costing 0.15 s at
        # 500 pages. It runs once the scan is done instead.
        with collector_paused():
            return self._scan(Path(path), options or ScanOptions(), progress)

    def _scan(
        self, path: Path, options: ScanOptions, progress: ProgressCallback | None
    ) -> ScanResult:
        clock = Stopwatch()
        unrecognised = self.check_offences(options)
        bundle, data = extract(path, options.limits, options.password, workers=self.workers)
        read_seconds = clock.lap("read")
        bar = _Progress(bundle.page_count, options, progress)
        # Pictures and scanned pages are read first; the bar then counts the scan itself.
        bundle = ocr(bundle, data, self.ocr_engine, self.ocr_options, progress)
        clock.lap("ocr")
        texts = tuple(page_text(page) for page in bundle.pages)
        clock.lap("layout")
        documents = segment(bundle, texts)
        clock.lap("segment")
        inferred = infer_case(documents, texts)
        case = merge_case(options.case, inferred, options.offences)
        clock.lap("case")
        detections = self.engine.detect(documents, texts, on_page=lambda: bar.advance(1))
        clock.lap("detect")
        issues = check_documents(documents, case, texts) + unscanned_issues(
            bundle, documents, options.limits.page_seconds
        )
        clock.lap("checks")
        covered = covered_text(bundle, texts, documents)
        clock.lap("covered text")
        draft = decide(
            detections,
            documents,
            texts,
            case,
            self.rules,
            issues,
            covered,
            taxonomy=self.rule_set.taxonomy,
        )
        bar.advance(bar.lump)
        clock.lap("decide")
        draft = with_input_defects(draft, inspect_input(data), documents)
        clock.lap("inspect input")
        draft = self._with_carriers(draft, bundle.carriers, documents)
        clock.lap("outside the pages")
        draft = with_unscanned_pages(draft, bundle)
        clock.lap("unscanned pages")
        decisions = with_cps(
            finalise(draft),
            self.rule_set.cps,
            {d.index: d.kind for d in documents},
            page_causes(documents, bundle.pages),
        )
        decisions = with_exposure(decisions, documents)
        clock.lap("finalise")
        report = Report(
            __version__,
            self.rules_fingerprint,
            bundle,
            case,
            documents,
            decisions,
            options_fingerprint=self.options_fingerprint(options),
            outputs=wanted_outputs(options),
            unrecognised_offences=unrecognised,
            case_disagreements=disagreements(options.case, inferred),
        )
        clock.lap("report")
        images: tuple[PageImage, ...] = ()
        if options.page_images:
            images = render_pages(data)
            bar.advance(bar.lump)
            clock.lap("page images")
        source = CopyInput(
            data,
            bundle.page_count,
            decisions,
            options.labels,
            options.limits,
            read_seconds,
            self.box_width(options),
        )
        try:
            redacted, verification, marked = self._copy(source, options, bundle.pages, clock)
        except RedactionNotVerifiedError as refused:
            # The report says what could not be removed; the caller decides to write it.
            refused.report = dataclasses.replace(
                report, copy_failure=CopyFailure(refused.failed, str(refused))
            )
            raise
        if redacted is not None:
            bar.advance(bundle.page_count)
        if verification is not None and verification.pages_as_images:
            report = dataclasses.replace(report, pages_as_images=verification.pages_as_images)
        if redacted is not None:
            report = dataclasses.replace(report, copy_sha256=hashlib.sha256(redacted).hexdigest())
        return ScanResult(report, redacted, verification, images, marked, timings=clock.laps)

    def _with_carriers(
        self, draft: Draft, carriers: Sequence[Carrier], documents: Sequence[Document]
    ) -> Draft:
        """Findings for values in bookmarks, labels, annotations and links."""
        if not carriers:
            return draft
        hits = self.engine.analyze_texts([carrier_text(c) for c in carriers])
        return with_carriers(draft, carriers, hits, documents)

    def _copy(
        self, source: CopyInput, options: ScanOptions, pages: Sequence[Page], clock: Stopwatch
    ) -> tuple[bytes | None, Verification | None, bytes | None]:
        """The copy the options ask for: ``(redacted copy, its verification, reviewer's copy)``."""
        if options.mark_only:
            marked = make_review_copy(source)
            clock.lap("mark")
            return None, None, marked
        if not options.redact:
            return None, None, None
        copy = make_verified_copy(
            source,
            pages=pages,
            ocr_engine=self.ocr_engine if self.ocr_options.enabled else None,
            workers=self.workers,
        )
        clock.add(copy.timings, rest="copy process")
        return copy.pdf, copy.verification, None


class _Progress:
    """Tells a scan's progress callback how far it has gone, in units of about a page's work.

    The units are roughly in proportion to the time each step takes (measured on
    generated bundles): detection one per page, deciding a quarter per page,
    drawing pictures a quarter, redacting and verifying one.
    """

    def __init__(self, pages: int, options: ScanOptions, progress: ProgressCallback | None) -> None:
        self.lump = max(1, pages // 4)
        self.total = (
            pages
            + self.lump
            + (self.lump if options.page_images else 0)
            + (pages if options.redact else 0)
        )
        self.done = 0
        self._progress = progress

    def advance(self, units: int) -> None:
        """Count ``units`` more done, and say so."""
        self.done += units
        if self._progress is not None:
            self._progress(min(self.done, self.total), self.total)


def wanted_outputs(options: ScanOptions) -> tuple[str, ...]:
    """The files a scan with ``options`` makes beside its report (names of OutputPaths)."""
    wanted = ["marked"] if options.mark_only else ["redacted"] if options.redact else []
    return (*wanted, *(["html"] if options.page_images else []))


def output_paths(
    bundle: Path,
    out_dir: Path | None,
    *,
    redacted: bool,
    html: bool = False,
    marked: bool = False,
) -> OutputPaths:
    """``DIR/<stem>.report.json``, ``.redacted.pdf``/``.marked.pdf``, ``.report.html``.

    DIR is ``out_dir``, or the bundle's own folder; a missing one is made when the
    outputs are written (:func:`write_outputs`), so a failed scan leaves nothing behind.
    """
    folder = out_dir if out_dir is not None else bundle.parent
    if folder.exists() and not folder.is_dir():
        raise UsageError(f"--out-dir {folder} is a file, not a folder")
    stem = bundle.stem
    return OutputPaths(
        report=folder / f"{stem}.report.json",
        redacted=folder / f"{stem}.redacted.pdf" if redacted else None,
        html=folder / f"{stem}.report.html" if html else None,
        marked=folder / f"{stem}.marked.pdf" if marked else None,
    )


def write_outputs(
    result: ScanResult, paths: OutputPaths, sign: Callable[[bytes], bytes] | None = None
) -> None:
    """Write the report (and redacted copy, and review page) atomically, owner-readable only.

    All files appear together or not at all, and files of an earlier run are
    replaced together or left as they were (see :func:`write_atomic_group`). With
    ``sign``, the report and the redacted (or marked) copy each get a detached
    signature beside them, ``FILE.sig`` (:mod:`idpc_guard.signing`), in the same group.
    """
    files: list[tuple[Path, bytes]] = []
    for path, data in ((paths.redacted, result.redacted_pdf), (paths.marked, result.marked_pdf)):
        if path is not None and data is not None:
            files.append((path, data))
    if paths.html is not None:
        files.append((paths.html, render_html(result.report, result.page_images).encode("utf-8")))
    files.append((paths.report, render_json(result.report).encode("utf-8")))
    if sign is not None:
        files += [
            (signature_path(path), sign(data)) for path, data in list(files) if path != paths.html
        ]
    try:
        paths.report.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(
            f"cannot create the output folder {paths.report.parent}: {exc.strerror or exc}"
        ) from exc
    write_atomic_group(files)


def write_refused(report: Report, paths: OutputPaths) -> None:
    """Write the report of a scan whose copy could not be verified, and no copy.

    The report names the findings that could not be removed (``copy.not_removed``).
    A redacted copy of an earlier run would no longer match the report beside it, so
    it is removed: nothing that looks servable is left.
    """
    write_outputs(ScanResult(report), dataclasses.replace(paths, html=None))
    for stale in (paths.redacted, paths.marked, paths.report):
        if stale is not None:
            if stale is not paths.report:
                stale.unlink(missing_ok=True)
            signature_path(stale).unlink(missing_ok=True)  # signed what is no longer there
