"""A copy once served: check it is the copy a report describes, and correct it after a leak.

:func:`check_copy` (``idpc-guard verify-copy``) checks that a served copy is the one its
report records (SHA-256), that its and its report's detached signatures hold when a
public key is given, and runs the copy's leak checks again on it (the same checks every
copy passes before it is written, :func:`~idpc_guard.verified_copy.recheck_copy`).

:func:`rescan` (``idpc-guard rescan``) scans a served copy as a bundle, under the case
facts of the report it was served with, and makes a corrected copy through the one
verified-copy path, with a change note naming the pages and kinds of data changed,
never the values.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from idpc_guard._version import __version__
from idpc_guard.errors import NotAPdfError, RedactionNotVerifiedError, ReportFileError
from idpc_guard.model import Action, Case, Decisions, PageActionKind, Person, Role
from idpc_guard.ocr.driver import OcrOptions
from idpc_guard.ocr.engines import EngineOnDemand
from idpc_guard.read.extract import Limits, read_bytes
from idpc_guard.report.load import LoadedReport, load_report
from idpc_guard.scanner import Scanner, ScanOptions, ScanResult
from idpc_guard.signing import load_public_key, signature_holds, signature_path
from idpc_guard.verified_copy import recheck_copy
from idpc_guard.verify.verification import Verification


@dataclass(frozen=True, slots=True)
class PreviousReport:
    """A report read back: its decisions and its JSON (for the case and the copy's hash)."""

    path: Path
    loaded: LoadedReport
    data: dict[str, Any] = field(repr=False)

    @property
    def copy_sha256(self) -> str | None:
        """The SHA-256 of the copy the report was written with, if it records one."""
        value = self.data.get("copy", {}).get("sha256")
        return str(value) if value else None

    def case(self) -> Case:
        """The case as the report gives it: URN, defendants and offences."""
        case = self.data["case"]
        return Case(
            urn=case.get("urn") or None,
            defendants=tuple(Person(name, Role.DEFENDANT) for name in case["defendants"]),
            offences=tuple(case["offences"]),
        )


def read_previous(path: Path) -> PreviousReport:
    """The report at ``path``, validated against the schema.

    Raises:
        ReportFileError: it cannot be read or does not follow the schema.
    """
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ReportFileError(f"cannot read the report {path}: {exc}") from exc
    return PreviousReport(path, load_report(text, path.name), json.loads(text))


@dataclass(frozen=True, slots=True)
class CopyCheck:
    """What :func:`check_copy` found; ``problems`` is empty when every check held."""

    sha256: str
    verification: Verification | None
    #: One line per check that failed, without values (finding ids at most).
    problems: tuple[str, ...]
    #: The signature files checked (none without a public key).
    signatures: tuple[Path, ...] = ()


def check_copy(
    copy: Path,
    report: Path,
    public_key: Path | None = None,
    *,
    limits: Limits | None = None,
    ocr: OcrOptions | None = None,
) -> CopyCheck:
    """Check that ``copy`` is the copy ``report`` describes, signed, and that nothing leaks.

    Every check runs, so that all that fails is said at once.

    Raises:
        ReportFileError: the report cannot be read or records no copy.
        UsageError: the public key cannot be read or is not Ed25519.
        InputError: the copy cannot be read, is not a PDF or is over a limit.
    """
    limits = limits or Limits()
    key = load_public_key(public_key) if public_key is not None else None
    previous = read_previous(report)
    recorded = previous.copy_sha256
    if recorded is None:
        raise ReportFileError(
            f"{report.name} records no redacted copy (made with --no-redact or --mark-only, "
            "or by a version before 0.1 that did not record it): give the report written "
            "with the copy"
        )
    data = read_bytes(copy, limits)
    if b"%PDF-" not in data[:1024]:  # where PDF readers look for the header
        raise NotAPdfError(f"{copy} is not a PDF file")
    digest = hashlib.sha256(data).hexdigest()
    problems: list[str] = []
    if digest != recorded:
        problems.append(
            f"{copy.name} is not the copy {report.name} describes (its SHA-256 differs)"
        )
    signatures: list[Path] = []
    if key is not None:
        report_bytes = report.read_bytes()
        for path, content in ((report, report_bytes), (copy, data)):
            signature = signature_path(path)
            signatures.append(signature)
            try:
                held = signature_holds(key, content, signature.read_bytes())
            except OSError:
                problems.append(f"{path.name} has no signature {signature.name}")
                continue
            if not held:
                problems.append(f"the signature {signature.name} does not hold for {path.name}")
    ocr = ocr or OcrOptions()
    verification = None
    try:
        verification = recheck_copy(
            data,
            previous.loaded.pages,
            previous.loaded.decisions,
            ocr_engine=EngineOnDemand(ocr.engine) if ocr.enabled else None,
            limits=limits,
        )
    except RedactionNotVerifiedError as exc:
        if exc.failed:
            problems.append(
                f"leak check: {copy.name} still holds what the report removes "
                f"(finding(s) {', '.join(exc.failed)})"
            )
        else:
            problems.append(f"leak check: {exc}")
    return CopyCheck(digest, verification, tuple(problems), tuple(signatures))


@dataclass(frozen=True, slots=True)
class Change:
    """One page of the served copy and what the corrected copy withholds on it (no values)."""

    page: int  # 1-based, in the served copy
    what: str  # "phone number", "address, name", "page removed (witness contact details)"


@dataclass(frozen=True, slots=True)
class Rescan:
    """A served copy scanned again: the scan, the changes, and whether a copy is needed."""

    result: ScanResult
    changes: tuple[Change, ...]
    #: Findings left for a person to decide (not applied to the corrected copy), by page.
    review_pages: tuple[int, ...]

    @property
    def corrected(self) -> bool:
        """Whether the corrected copy differs from the served one."""
        return bool(self.changes)


#: What each kind of personal data is called in a change note.
_WORDS = {
    "UK_ADDRESS": "address",
    "UK_POSTCODE": "postcode",
    "PHONE_NUMBER": "phone number",
    "EMAIL_ADDRESS": "email address",
    "DATE_OF_BIRTH": "date of birth",
    "AGE": "age",
    "UK_NHS": "NHS number",
    "UK_NINO": "National Insurance number",
    "PERSON": "name",
    "BANK_DETAILS": "bank details",
    "VEHICLE_REGISTRATION": "vehicle registration",
    "HOSPITAL_NUMBER": "hospital number",
    "UK_PASSPORT": "passport number",
    "UK_DRIVING_LICENCE": "driving licence number",
    "PNC_ID": "PNC number",
    "LOCATION": "place",
}


def entity_words(entity: str) -> str:
    """The kind of data ``entity`` is, in words for a reader of a change note."""
    return _WORDS.get(entity, entity.replace("_", " ").lower())


def rescan(
    scanner: Scanner,
    served: Path,
    previous: PreviousReport,
    options: ScanOptions,
) -> Rescan:
    """Scan the served copy under the previous report's case; its redactions are the changes.

    The case (URN, defendants, offences) is the previous report's, unless ``options``
    gives one; what the rules withhold on the served copy is withheld in the corrected
    copy (made and verified as every copy is), and items for review are only reported.
    """
    if options.case is None:
        options = _with_case(options, previous.case())
    result = scanner.scan(served, options)
    decisions = result.report.decisions
    return Rescan(result, changes(decisions), review_pages(decisions))


def _with_case(options: ScanOptions, case: Case) -> ScanOptions:
    return dataclasses.replace(options, case=case, case_source="--previous report")


def changes(decisions: Decisions) -> tuple[Change, ...]:
    """What a copy made from ``decisions`` withholds, page by page: the kinds of data, in words.

    Kinds, not counts: one value is often found twice (in the text layer and by OCR).
    """
    kinds: dict[int, set[str]] = {}
    for f in decisions.findings:
        if f.action is Action.REDACT:
            kinds.setdefault(f.detection.page + 1, set()).add(entity_words(f.detection.entity))
    removed = {
        a.page + 1: a.reason for a in decisions.page_actions if a.action is PageActionKind.REMOVE
    }
    return tuple(
        Change(page, f"page removed ({removed[page]})")
        if page in removed
        else Change(page, ", ".join(sorted(kinds[page])))
        for page in sorted(kinds.keys() | removed.keys())
    )


def change_note(  # noqa: PLR0913 - the note names each file it is about
    scan: Rescan,
    served: Path,
    corrected: Path | None,
    previous: Path,
    *,
    when: datetime | None = None,
    served_sha256: str = "",
    previous_copy: bool | None = None,
) -> str:
    """The change note (Markdown) for the court and the defence: pages and kinds, no values.

    ``previous_copy`` says whether the served copy is the one the previous report
    records (``None``: the report records none).
    """
    report = scan.result.report
    moment = (when or datetime.now(UTC)).astimezone(UTC).isoformat(timespec="minutes")
    lines = [
        f"# Change note: {served.name}",
        "",
        f"- Case: {report.case.urn or 'not recorded'}",
        f"- Served copy: {served.name}" + (f" (SHA-256 {served_sha256})" if served_sha256 else ""),
    ]
    if previous_copy is False:
        lines.append("  (not the copy the previous report records: made by apply, or another one)")
    if corrected is not None and scan.result.redacted_pdf is not None:
        digest = hashlib.sha256(scan.result.redacted_pdf).hexdigest()
        lines.append(f"- Corrected copy: {corrected.name} (SHA-256 {digest})")
    lines += [f"- Previous report: {previous.name}", f"- Made: {moment}, idpc-guard {__version__}"]
    lines.append("")
    if scan.changes:
        lines.append(
            "The served copy still showed personal data that is withheld. "
            "The corrected copy withholds it:"
        )
        lines.append("")
        lines += [f"- page {c.page}: {c.what}" for c in scan.changes]
        lines.append("")
        removed = sum(1 for c in scan.changes if c.what.startswith("page removed"))
        lines.append(
            "Page numbers are those of the served copy."
            + (
                f" The corrected copy has {removed} page(s) fewer: the pages after a removed "
                "page move up."
                if removed
                else " The corrected copy has the same pages."
            )
            + " Nothing else was changed."
        )
    else:
        lines.append("The served copy shows nothing more that is withheld: no correction needed.")
    if scan.review_pages:
        lines.append("")
        lines.append(
            f"Left for review (not changed): items on page(s) "
            f"{', '.join(map(str, scan.review_pages))}."
        )
    lines += ["", "This note gives no values of personal data.", ""]
    return "\n".join(lines)


def review_pages(decisions: Decisions) -> tuple[int, ...]:
    """The 1-based pages with findings left for review."""
    return tuple(
        sorted({f.detection.page + 1 for f in decisions.findings if f.action is Action.REVIEW})
    )
