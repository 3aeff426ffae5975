"""The review workflow: apply a report that a person has edited.

``scan --mark-only`` gives a reviewer a copy with the proposed redactions as
annotations; the reviewer changes the report (actions, findings removed or
added with page and box). :func:`apply_report` then makes the redacted copy
from the bundle and the edited report alone, and verifies it. The report is
the single source of truth: nothing is detected again.
"""

from __future__ import annotations

import hashlib
import time
from dataclasses import dataclass, field
from pathlib import Path

from idpc_guard.bounded import run_bounded
from idpc_guard.errors import InputError, ReportFileError
from idpc_guard.extract import Limits, extract_bytes, read_bytes
from idpc_guard.model import Decisions, LabelStyle
from idpc_guard.redact import copy_seconds, redact
from idpc_guard.redact_rects import check_page_redactions
from idpc_guard.report.load import load_report
from idpc_guard.verify import Verification, verify


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
) -> ApplyResult:
    """Redact ``bundle`` as the (edited) ``report`` says, and verify the copy.

    Raises:
        ReportFileError: the report cannot be read, does not follow the schema,
            or was written for another bundle (its sha256 differs).
        InputError: the bundle cannot be processed, a page has more boxes than
            ``limits.max_page_redactions``, or making the copy ran over its time
            (:func:`~idpc_guard.redact.copy_seconds`; ``LimitExceededError``).
        RedactionNotVerifiedError: the copy still holds something marked for removal.
    """
    limits = limits or Limits()
    try:
        text = report.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ReportFileError(f"cannot read the report {report}: {exc}") from exc
    loaded = load_report(text, report.name)
    data = read_bytes(Path(bundle), limits)
    digest = hashlib.sha256(data).hexdigest()
    if digest != loaded.sha256:
        raise ReportFileError(
            f"{report.name} was written for another bundle (its sha256 differs from "
            f"{Path(bundle).name}): scan this bundle again, or give its own report"
        )
    started = time.monotonic()
    pages = extract_bytes(data, str(bundle), limits).page_count
    read_seconds = time.monotonic() - started
    if pages != loaded.pages:  # pragma: no cover - same sha256, same file
        raise InputError(f"{Path(bundle).name} has {pages} pages, the report says {loaded.pages}")
    check_page_redactions(loaded.decisions, limits.max_page_redactions)
    # In a child given a time budget, as in a scan: a hostile page could keep it busy.
    copy, verification = run_bounded(
        _redact_and_verify,
        (data, pages, loaded.decisions, labels),
        copy_seconds(loaded.decisions, read_seconds, limits.page_seconds),
        "making the redacted copy",
    )
    return ApplyResult(loaded.decisions, copy, verification)


def _redact_and_verify(
    data: bytes, pages: int, decisions: Decisions, labels: LabelStyle
) -> tuple[bytes, Verification]:
    copy = redact(data, decisions, labels)
    return copy, verify(pages, copy, decisions, labels)
