"""The review workflow: apply a report that a person has edited.

``scan --mark-only`` gives a reviewer a copy with the proposed redactions as
annotations; the reviewer changes the report (actions, findings removed or
added with page and box). :func:`apply_report` then makes the redacted copy
from the bundle and the edited report alone, and verifies it. The report is
the single source of truth: nothing is detected again.
"""

from __future__ import annotations

import dataclasses
import hashlib
import time
from dataclasses import dataclass, field
from pathlib import Path

from idpc_guard.errors import InputError, ReportFileError
from idpc_guard.model import Decisions, DocumentKind, Finding, LabelStyle, Role
from idpc_guard.ocr.driver import OcrOptions
from idpc_guard.ocr.engines import EngineOnDemand
from idpc_guard.policy.cps import BoxWidth, with_cps
from idpc_guard.policy.decide import Subject, rule_for
from idpc_guard.policy.finalise import reviewed
from idpc_guard.policy.loader import load_rule_set, rules_fingerprint
from idpc_guard.policy.people import with_roles
from idpc_guard.policy.ruling import Ruling
from idpc_guard.read.extract import Limits, extract_bytes, read_bytes
from idpc_guard.report.load import LoadedReport, load_report
from idpc_guard.verified_copy import CopyInput, make_verified_copy
from idpc_guard.verify.verification import Verification


@dataclass(frozen=True, slots=True)
class ApplyResult:
    """The edited report's decisions and the verified redacted copy."""

    decisions: Decisions
    redacted_pdf: bytes = field(repr=False)
    verification: Verification


def apply_report(
    bundle: Path,
    report: Path,
    labels: LabelStyle = LabelStyle.ENTITY,
    limits: Limits | None = None,
    ocr: OcrOptions | None = None,
    box_width: BoxWidth | None = None,
) -> ApplyResult:
    """Redact ``bundle`` as the (edited) ``report`` says, and verify the copy.

    The copy is made and verified as a scan's is
    (:func:`~idpc_guard.verified_copy.make_verified_copy`): values redacted from
    pictures and scanned pages are read again from the copy with the OCR engine of
    ``ocr`` (default: as a scan would choose), unless its engine is ``none``.
    ``box_width`` overrides the built-in rules' width of the boxes over names.

    Raises:
        ReportFileError: the report cannot be read, does not follow the schema,
            or was written for another bundle (its sha256 differs).
        InputError: the bundle cannot be processed, a page has more boxes than
            ``limits.max_page_redactions``, or making the copy ran over its time
            (:func:`~idpc_guard.redact.redaction.copy_seconds`; ``LimitExceededError``).
        RedactionNotVerifiedError: the copy still holds something marked for removal.
    """
    limits = limits or Limits()
    try:
        text = report.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ReportFileError(f"cannot read the report {report}: {exc}") from exc
    loaded = load_report(text, report.name)
    # Findings a reviewer added have no CPS type yet: the built-in mapping gives it.
    cps = load_rule_set().cps
    decisions = with_cps(_with_new_roles(loaded, report.name), cps, loaded.document_kinds, {})
    boxes = cps.boxes if box_width is None else dataclasses.replace(cps.boxes, width=box_width)
    data = read_bytes(Path(bundle), limits)
    digest = hashlib.sha256(data).hexdigest()
    if digest != loaded.sha256:
        raise ReportFileError(
            f"{report.name} was written for another bundle (its sha256 differs from "
            f"{Path(bundle).name}): scan this bundle again, or give its own report"
        )
    started = time.monotonic()
    read = extract_bytes(data, str(bundle), limits)
    read_seconds = time.monotonic() - started
    if read.page_count != loaded.pages:  # pragma: no cover - same sha256, same file
        raise InputError(
            f"{Path(bundle).name} has {read.page_count} pages, the report says {loaded.pages}"
        )
    # The same path as a scan's copy: limits, time budget, and pictures read again with OCR.
    ocr = ocr or OcrOptions()
    copy = make_verified_copy(
        CopyInput(data, read.page_count, decisions, labels, limits, read_seconds, boxes),
        pages=read.pages,
        ocr_engine=EngineOnDemand(ocr.engine) if ocr.enabled else None,
    )
    return ApplyResult(decisions, copy.pdf, copy.verification)


def _with_new_roles(loaded: LoadedReport, name: str) -> Decisions:
    """The report's decisions, with each person whose role the reviewer changed decided again.

    Decided by the rules the report was made with: the built-in rules, checked by their
    fingerprint (a report made under other rules cannot be decided again here).
    """
    if not loaded.new_roles:
        return loaded.decisions
    rule_set = load_rule_set()
    if loaded.rules is not None and loaded.rules != rules_fingerprint(rule_set.rules):
        raise ReportFileError(
            f"{name}: a person's role was changed, but the report was made under other rules "
            "than the built-in ones: scan again with those rules and change the role there"
        )
    offences = rule_set.taxonomy.match(loaded.offences)

    def ruling_for(finding: Finding, role: Role) -> Ruling:
        kind = loaded.document_kinds.get(finding.detection.document, DocumentKind.OTHER)
        return rule_for(rule_set.rules, Subject(finding.detection.entity, role, kind, offences))

    decisions = loaded.decisions
    findings = with_roles(decisions.findings, loaded.new_roles, ruling_for)
    return reviewed(findings, decisions.page_actions, decisions.document_issues)
