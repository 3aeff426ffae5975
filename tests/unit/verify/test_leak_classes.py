"""Verification refuses a copy that still carries a redacted value in a form removal missed.

Each "copy" here is a crafted statement of :mod:`tests.adversarial.corpus` whose
visible values were redacted on the page and nothing else: the planted carrier
(a link target in another form, text off the page or clipped away, a string in
UTF-16 or hex or split over operators, a JPEG's EXIF, an associated file, a
picture's other use) is left as it was. Verification must name the findings or
the carrier, and so refuse the copy.
"""

from __future__ import annotations

from collections.abc import Callable

import pymupdf
import pytest

from idpc_guard.errors import RedactionNotVerifiedError
from idpc_guard.model import Action, Box, Decisions, Detection, Finding, Severity, Source, Verdict
from idpc_guard.redact.plan import RedactionPlan, redaction_plan
from idpc_guard.redact.redaction import redact
from idpc_guard.verify.verification import verify
from tests.adversarial import corpus
from tests.adversarial.corpus import VALUES

ENTITIES = ("PHONE_NUMBER", "UK_ADDRESS", "DATE_OF_BIRTH", "UK_NHS", "UK_NINO", "EMAIL_ADDRESS")


def _plan(pdf: bytes) -> RedactionPlan:
    """Findings for the planted values where page 1 shows them."""
    page = pymupdf.open(stream=pdf, filetype="pdf")[0]
    findings = []
    for number, (entity, value) in enumerate(zip(ENTITIES, VALUES, strict=True), 1):
        rect = page.search_for(value)[0]
        detection = Detection(
            entity, value, 0, (Box(*rect),), 0.9, Source.TEXT, "test", 0, 0, len(value)
        )
        findings.append(
            Finding(f"F{number:04d}", detection, Action.REDACT, "r", "r", Severity.HIGH)
        )
    return redaction_plan(Decisions(tuple(findings), (), (), Verdict.BLOCK))


def _boxes_only(pdf: bytes, plan: RedactionPlan) -> bytes:
    """The statement with its visible values redacted and nothing else done."""
    doc = pymupdf.open(stream=pdf, filetype="pdf")
    page = doc[0]
    for mark in plan.redactions[0]:
        for box in mark.boxes:
            page.add_redact_annot(pymupdf.Rect(box.as_tuple()))
    page.apply_redactions(images=pymupdf.PDF_REDACT_IMAGE_NONE)
    data: bytes = doc.tobytes(garbage=4, deflate=True)
    return data


LEAKY: dict[str, Callable[[], bytes]] = {
    "tel link, international": corpus.with_link("tel:+447700900461"),
    "tel link, percent-encoded spaces": corpus.with_link("tel:+44%207700%20900461"),
    "mailto link, %40": corpus.with_link("mailto:marnie.quellbright%40example.com"),
    "map link, %20": corpus.with_link(
        "https://maps.example.com/?q=14%20Elm%20Grove%2C%20Barnsley%20S70%204QJ"
    ),
    "tel link, hex with dashes": corpus.with_raw_link(
        b"<" + b"tel:+44-7700-900-461".hex().encode() + b">"
    ),
    "bookmark target": corpus.with_outline_link("tel:0044%207700%20900%20461"),
    "below the CropBox": corpus.below_cropbox,
    "off the page": corpus.off_the_page,
    "clipped away": corpus.clipped_away,
    "off the page, split and hex": corpus.split_and_hex_off_page,
    "JPEG EXIF": corpus.jpeg_with_exif,
    "associated file": corpus.associated_file,
    "PieceInfo": corpus.piece_info,
    "named destinations": corpus.named_destinations,
}


@pytest.mark.parametrize("name", sorted(LEAKY))
def test_a_copy_that_still_carries_a_value_is_refused(name: str) -> None:
    original = LEAKY[name]()
    plan = _plan(original)
    with pytest.raises(RedactionNotVerifiedError):
        verify(1, _boxes_only(original, plan), plan, workers=1)


@pytest.mark.parametrize("name", sorted(LEAKY))
def test_the_real_copy_passes(name: str) -> None:
    original = LEAKY[name]()
    plan = _plan(original)
    verify(1, redact(original, plan), plan, workers=1)


def _picture_plan(pdf: bytes) -> RedactionPlan:
    """One picture finding: the phone number in the contact card on page 1."""
    box = Box(60.0, 330.0, 330.0, 362.0)
    detection = Detection("PHONE_NUMBER", "07700 900461", 0, (box,), 0.9, Source.IMAGE, "t", 0)
    finding = Finding("F0001", detection, Action.REDACT, "r", "r", Severity.HIGH)
    return redaction_plan(Decisions((finding,), (), (), Verdict.BLOCK))


def _picture_twice() -> bytes:
    """A contact card picture on page 1, the same image object drawn tiny on page 2."""
    doc = pymupdf.open()
    doc.new_page()
    doc.new_page()
    first, second = doc[0], doc[1]
    card = corpus.png(corpus.picture(("Contact card", f"Tel {corpus.PHONE}")))
    xref = first.insert_image(pymupdf.Rect(56, 280, 506, 400), stream=card)
    corpus.draw_reused(b"q 30 0 0 10 500 700 cm /ImR Do Q\n")(second, xref)
    data: bytes = doc.tobytes()
    return data


def test_a_picture_s_other_use_keeping_its_original_pixels_is_refused() -> None:
    original = _picture_twice()
    plan = _picture_plan(original)
    doc = pymupdf.open(stream=original, filetype="pdf")
    doc[0].add_redact_annot(pymupdf.Rect(60, 330, 330, 362))
    doc[0].apply_redactions(images=pymupdf.PDF_REDACT_IMAGE_PIXELS)
    leaky = doc.tobytes(garbage=4, deflate=True)
    with pytest.raises(RedactionNotVerifiedError, match="F0001"):
        verify(2, leaky, plan, workers=1, original=original)
    copy = redact(original, plan)
    verify(2, copy, plan, workers=1, original=original)
    redacted = pymupdf.open(stream=copy, filetype="pdf")
    pixels = {pymupdf.Pixmap(redacted, i[0]).digest for page in redacted for i in page.get_images()}
    assert len(pixels) == 1  # both uses show the same, redacted, pixels
