"""The one path to a copy of the bundle: made in a time-bounded child, then proven.

``scan`` (the redacted copy, or with ``--mark-only`` the reviewer's copy) and
``apply`` (the copy an edited report asks for) all make their copies here, so the
limits, the time budget and the checks of a copy cannot drift apart between them.
What a copy removes is worked out once (:func:`~idpc_guard.redact.plan.redaction_plan`)
and that plan is what is limited, carried out and verified:
a page with more separate boxes than ``--max-page-redactions`` is refused first;
the copy is made in a forked child given
:func:`~idpc_guard.redact.redaction.copy_seconds` (redaction parses the PDF again,
and a hostile page could keep it busy for ever); and a redacted copy is verified,
pictures and scanned pages included (read again with OCR wherever a value was
redacted from them), before it leaves the child. Where text under a box survived
redaction (a font PyMuPDF cannot take apart), those pages are served as pictures with
the boxes painted in (:mod:`idpc_guard.redact.as_image`) and the copy is verified
again; only what survives that too refuses the copy.
"""

from __future__ import annotations

import dataclasses
import functools
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from idpc_guard._bounded import run_bounded
from idpc_guard.errors import RedactionNotVerifiedError
from idpc_guard.model import Decisions, LabelStyle, Page
from idpc_guard.ocr.engines import OcrEngine
from idpc_guard.policy.cps import EXACT_BOXES, BoxPolicy
from idpc_guard.read.extract import Limits
from idpc_guard.redact.as_image import pages_as_images
from idpc_guard.redact.plan import RedactionPlan, redaction_plan
from idpc_guard.redact.rectangles import check_page_redactions
from idpc_guard.redact.redaction import CharBox, copy_seconds, redact, word_boxes
from idpc_guard.redact.review_copy import mark
from idpc_guard.timing import Stopwatch, Timings
from idpc_guard.verify.pictures import PictureWords, picture_words
from idpc_guard.verify.verification import Verification, verify

#: Builds (or returns the already built) OCR engine; called only when a copy needs it.
OcrEngineSource = Callable[[], OcrEngine]


@dataclass(frozen=True, slots=True)
class VerifiedCopy:
    """A redacted copy, the proof that nothing marked for removal survives, and its timings."""

    pdf: bytes = field(repr=False)
    verification: Verification
    #: Seconds redaction and verification took (stage names only).
    timings: Timings = ()


@dataclass(frozen=True, slots=True)
class CopyInput:
    """What every copy is made from: the bundle's bytes, the decisions and the limits."""

    data: bytes = field(repr=False)
    page_count: int
    decisions: Decisions
    labels: LabelStyle = LabelStyle.ENTITY
    limits: Limits = field(default_factory=Limits)
    #: How long reading the bundle took: the copy's time budget grows with it.
    read_seconds: float = 0.0
    #: How wide the boxes over values are drawn (default: as wide as the value).
    box_width: BoxPolicy = EXACT_BOXES


def make_verified_copy(
    source: CopyInput,
    *,
    pages: Iterable[Page] = (),
    ocr_engine: OcrEngineSource | None = None,
    workers: int = 0,
) -> VerifiedCopy:
    """The redacted copy of ``source``, verified, made in a child within its time budget.

    Args:
        source: the bundle, the decisions to carry out and the limits.
        pages: the pages as read, if at hand: their words spare redaction reading the
            characters of the touched pages again (the copy is the same without them),
            and the words OCR read from their pictures spare verification reading those
            pictures again.
        ocr_engine: the OCR engine; when given and a value was redacted from a picture
            or a scanned page, verification checks those pictures in the copy (reading
            crops round the boxes, or whole pictures whose OCR words ``pages`` lacks).
            Without one, such values are checked in the copy's text and bytes only.
        workers: processes verifying a long copy (0: one per core).

    Raises:
        LimitExceededError: a page has more separate boxes than
            ``limits.max_page_redactions``, or the copy ran over its time budget.
        RedactionNotVerifiedError: something marked for removal survives in the copy.
    """
    plan = redaction_plan(source.decisions, source.labels, source.box_width)
    check_page_redactions(plan, source.limits.max_page_redactions)
    pages = tuple(pages)
    boxes = word_boxes(page for page in pages if page.index in plan.redactions)
    # Verification reads pictures again only where a value was removed from one, and
    # then only round the boxes: the scan's OCR words say where every value stands.
    reader = ocr_engine if ocr_engine is not None and plan.from_pictures else None
    words = picture_words(pages) if reader is not None else {}
    pdf, verification, timings = run_bounded(
        _redact_and_verify,
        (source, plan, boxes, reader, workers, words),
        _budget(source, plan),
        "making the redacted copy",
    )
    return VerifiedCopy(pdf, verification, timings)


def make_review_copy(source: CopyInput) -> bytes:
    """The reviewer's copy: each proposed box as a redaction annotation, nothing removed.

    Made under the same limits and time budget as the redacted copy (marking parses
    the PDF again too); every box of a page counts against ``max_page_redactions``.
    """
    plan = redaction_plan(source.decisions, source.labels, source.box_width)
    check_page_redactions(plan, source.limits.max_page_redactions, marking=True)
    return run_bounded(
        mark,
        (source.data, plan),
        _budget(source, plan),
        "making the reviewer's copy",
    )


def recheck_copy(
    copy: bytes,
    original_pages: int,
    decisions: Decisions,
    *,
    ocr_engine: OcrEngineSource | None = None,
    limits: Limits | None = None,
) -> Verification:
    """Run a copy's verification again on a copy made earlier (a served copy).

    The checks are those every copy passes before it is written (the same
    :func:`~idpc_guard.verify.verification.verify`, in a time-bounded child), against
    the plan of ``decisions``, the decisions the copy was made from; boxes may hold any
    label style's label (the style a copy was made with is not recorded). Without the
    bundle, the original pixels of redacted pictures are not looked for elsewhere.

    Raises:
        RedactionNotVerifiedError: something marked for removal is in the copy, or the
            copy cannot be read back.
        LimitExceededError: the checks ran over their time (a page-timeout a page).
    """
    limits = limits or Limits()
    plan = redaction_plan(decisions, LabelStyle.ENTITY)
    plan = dataclasses.replace(
        plan, labels=plan.labels | redaction_plan(decisions, LabelStyle.ID).labels
    )
    reader = ocr_engine if ocr_engine is not None and plan.from_pictures else None
    check = functools.partial(verify, original_pages, plan=plan, ocr_engine=reader)
    return run_bounded(
        check,
        (copy,),
        limits.page_seconds * (2 + original_pages),
        "checking the copy",
    )


def _budget(source: CopyInput, plan: RedactionPlan) -> float:
    return copy_seconds(plan, source.read_seconds, source.limits.page_seconds)


def _redact_and_verify(
    source: CopyInput,
    plan: RedactionPlan,
    boxes: dict[int, list[CharBox]],
    ocr_engine: OcrEngineSource | None,
    workers: int,
    words: PictureWords,
) -> tuple[bytes, Verification, Timings]:
    clock = Stopwatch()
    copy = redact(source.data, plan, boxes)
    clock.lap("redact")
    check = functools.partial(
        verify,
        source.page_count,
        plan=plan,
        ocr_engine=ocr_engine,
        workers=workers,
        picture_words=words,
    )
    try:
        verification = check(copy, original=source.data)
    except RedactionNotVerifiedError as refused:
        pages = _pages_of(plan, refused.failed)
        if not pages:
            raise
        # Text that resisted removal: those pages are served as pictures, boxes painted in.
        copy = pages_as_images(copy, plan, pages)
        clock.lap("pages as images")
        verification = check(copy, original=source.data)
        verification = dataclasses.replace(verification, pages_as_images=pages)
    clock.lap("verify")
    return copy, verification, clock.laps


def _pages_of(plan: RedactionPlan, finding_ids: Iterable[str]) -> tuple[int, ...]:
    """The kept pages where the copy removes a box of one of these findings."""
    wanted = set(finding_ids)
    return tuple(
        page
        for page, marks in plan.redactions.items()
        if any(mark.finding.id in wanted for mark in marks)
    )
