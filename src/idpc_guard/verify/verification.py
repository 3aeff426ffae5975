"""Prove the redacted copy holds nothing that was marked for removal.

The copy is re-opened from its bytes and checked: no character is left under
any redaction box (except the box's own reason label); no redacted value
appears in the text of any page, in the decompressed bytes of the file, in
the outline, page labels, annotations or link targets; removed pages are gone;
and nothing outside the page content survives (metadata, XMP, annotations,
form fields, embedded files, JavaScript, hidden layers, thumbnails, earlier
revisions). A copy that fails is never written.

OCR of images is not done here: pass ``read_image_text`` (a callable from a
PNG to its text, e.g. the OCR stage's reader) and the region of every image
finding is rendered and read back to prove its value is gone. With an OCR engine,
values removed from pictures and scanned pages are checked against the words the
scan's OCR read there (:mod:`idpc_guard.verify.pictures`); a page whose words are
not at hand is read again whole.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import NamedTuple

import pymupdf

from idpc_guard.errors import RedactionNotVerifiedError
from idpc_guard.model import Box, Source
from idpc_guard.ocr.driver import plan_regions, read_region, render
from idpc_guard.ocr.engines import OcrEngine
from idpc_guard.read.extract import extract_bytes
from idpc_guard.read.layout import value_pattern
from idpc_guard.redact.plan import RedactionPlan
from idpc_guard.redact.redaction import redaction_rect
from idpc_guard.text.forms import phone_forms
from idpc_guard.verify.bytes import values_in_bytes
from idpc_guard.verify.outside import outside_content_failures
from idpc_guard.verify.pages import PageChecks, Rect, page_failures
from idpc_guard.verify.pictures import PictureWords, picture_failures
from idpc_guard.verify.reused import original_pixels_left
from idpc_guard.verify.strings import decoded_strings

_SPACE = re.compile(r"\s+")

#: Reads the text in an image (PNG bytes); the OCR stage provides one.
ImageTextReader = Callable[[bytes], str]


@dataclass(frozen=True, slots=True)
class Verification:
    """What verification checked (no values, only counts)."""

    boxes_checked: int
    values_checked: int
    pages: int
    images_read: int = 0
    #: The bundle's pages (0-based) served as pictures because text on them resisted
    #: redaction (see :mod:`idpc_guard.redact.as_image`).
    pages_as_images: tuple[int, ...] = ()


class _Readers(NamedTuple):
    """How verification reads the copy: pictures by a reader or OCR engine; processes."""

    read_image_text: ImageTextReader | None
    ocr_engine: Callable[[], OcrEngine] | None
    workers: int
    picture_words: PictureWords | None = None


def verify(  # noqa: PLR0913 - the copy, its plan, how to read pictures, keyword-only options
    original_pages: int,
    redacted: bytes,
    plan: RedactionPlan,
    read_image_text: ImageTextReader | None = None,
    ocr_engine: Callable[[], OcrEngine] | None = None,
    *,
    workers: int = 0,
    original: bytes | None = None,
    picture_words: PictureWords | None = None,
) -> Verification:
    """Check the redacted copy; raise :class:`RedactionNotVerifiedError` if anything survives.

    ``plan`` is what the copy was made from (:func:`~idpc_guard.redact.plan.redaction_plan`).
    A copy that the PDF library cannot read back in full is not verified either. With
    ``ocr_engine``, pictures and scanned pages that had redacted OCR findings are read
    again from the copy, and none of those values may be read there. ``workers``
    caps the processes reading a long copy's pages (0: one per core; 1: this one).
    With ``original``, the bundle the copy was made from, no picture of the copy may
    hold the original pixels of a picture that had boxes (another use of it).
    ``picture_words``, the words the scan's OCR read from each page's pictures
    (:func:`~idpc_guard.verify.pictures.picture_words`), spares reading those pages
    again: each occurrence of a value there must be under a box, the pixels under
    each box must be painted over, and only a crop round each box is read.
    """
    try:
        readers = _Readers(read_image_text, ocr_engine, workers, picture_words)
        return _verify(original_pages, redacted, plan, readers, original)
    except (pymupdf.mupdf.FzErrorBase, RuntimeError, ValueError) as exc:
        raise RedactionNotVerifiedError(
            "the redacted copy could not be read back to verify it (the bundle is damaged); "
            "the copy was not written: ask for the bundle to be re-exported"
        ) from exc


def _verify(
    original_pages: int,
    redacted: bytes,
    plan: RedactionPlan,
    readers: _Readers,
    original: bytes | None,
) -> Verification:
    read_image_text, ocr_engine, workers, words = readers
    doc = pymupdf.open(stream=redacted, filetype="pdf")
    try:
        expected_pages = max(1, original_pages - len(plan.removed_pages))
        if doc.page_count != expected_pages:
            raise RedactionNotVerifiedError(
                f"redacted copy has {doc.page_count} pages, expected {expected_pages}: "
                "removed pages did not go; the copy was not written"
            )
        patterns = {v: value_pattern(v) for v in plan.values}
        checks = PageChecks(boxes=_boxes_by_page(plan), values=plan.values, labels=plan.labels)

        def whole_file() -> set[str]:
            # Short values could match font or image bytes by chance; the text check covers them.
            expanded = doc.tobytes(expand=255, garbage=0)
            searched = with_other_forms(plan.values)
            return (
                values_in_bytes(expanded, searched)
                | values_in_bytes(decoded_strings(doc), searched)
                | outside_content_failures(doc, patterns)
            )

        failed = page_failures(redacted, doc, checks, meanwhile=whole_file, workers=workers)
        if original is not None:
            failed |= original_pixels_left(original, doc, _picture_boxes(plan))
        images_read = 0
        if read_image_text is not None:
            images_read, unread = _values_in_images(doc, plan, read_image_text)
            failed |= unread
        if ocr_engine is not None:
            failed |= _picture_failures(doc, redacted, plan, ocr_engine, words)
        if failed:
            raise RedactionNotVerifiedError(
                "redacted copy failed verification (still present: "
                f"{', '.join(sorted(failed))}); the copy was not written",
                tuple(sorted(failed)),
            )
        return Verification(
            boxes_checked=plan.boxes,
            values_checked=len(plan.values),
            pages=doc.page_count,
            images_read=images_read,
        )
    finally:
        doc.close()


def with_other_forms(values: Mapping[str, str]) -> dict[str, str]:
    """The values to search the bytes for: each value, and a phone number in its other forms."""
    searched = dict(values)
    for value, fid in values.items():
        for form in phone_forms(value):
            searched.setdefault(form, fid)
    return searched


def _picture_boxes(plan: RedactionPlan) -> dict[int, list[tuple[str, Box]]]:
    """Each box removed from a picture or scanned page, by page of the original."""
    boxes: dict[int, list[tuple[str, Box]]] = {}
    for page_no, marks in plan.redactions.items():
        for mark in marks:
            if mark.source is not Source.TEXT:
                boxes.setdefault(page_no, []).extend((mark.finding.id, b) for b in mark.boxes)
    return boxes


def _boxes_by_page(plan: RedactionPlan) -> dict[int, list[tuple[str, Rect]]]:
    """Each box as the rectangle no character may be in, by page of the copy."""
    boxes: dict[int, list[tuple[str, Rect]]] = {}
    for page_no, marks in plan.redactions.items():
        page_boxes = boxes.setdefault(plan.copy_page(page_no), [])
        for mark in marks:
            for box in mark.boxes:
                r = redaction_rect(box, mark.source)
                page_boxes.append((mark.finding.id, (r.x0, r.y0, r.x1, r.y1)))
    return boxes


def _values_in_images(
    doc: pymupdf.Document, plan: RedactionPlan, read: ImageTextReader
) -> tuple[int, set[str]]:
    """Render each image finding's region of the copy and read it back."""
    count = 0
    failed: set[str] = set()
    for page_no, marks in plan.redactions.items():
        page = doc[plan.copy_page(page_no)]
        for mark in marks:
            text = mark.finding.detection.text
            if mark.source is Source.TEXT or len(_norm(text)) < 4:
                continue
            for box in mark.boxes:
                clip = pymupdf.Rect(box.x0 - 4, box.y0 - 4, box.x1 + 4, box.y1 + 4)
                png = page.get_pixmap(clip=clip, dpi=300).tobytes("png")
                count += 1
                if _norm(text) in _norm(read(png)):
                    failed.add(mark.finding.id)
    return count, failed


def _picture_failures(
    doc: pymupdf.Document,
    redacted: bytes,
    plan: RedactionPlan,
    ocr_engine: Callable[[], OcrEngine],
    words: PictureWords | None,
) -> set[str]:
    """Values left legible on pictures: checked against the scan's words where known."""
    known = words or {}
    pictures = {
        page
        for page, marks in plan.redactions.items()
        if any(mark.source is not Source.TEXT for mark in marks)
    }
    if not pictures and not known:
        return set()
    engine = ocr_engine() if pictures & set(known) else None
    failed = picture_failures(doc, plan, known, engine).failed
    unknown = pictures - set(known)
    if unknown:
        failed |= _values_in_pictures(redacted, plan, ocr_engine, unknown)
    return failed


def _values_in_pictures(
    redacted: bytes,
    plan: RedactionPlan,
    ocr_engine: Callable[[], OcrEngine],
    pages: set[int],
) -> set[str]:
    """Read again the pictures of ``pages`` that held redacted OCR findings; values legible."""
    boxes: dict[int, list[Box]] = {}
    wanted: dict[str, str] = {}
    for page, marks in plan.redactions.items():
        for mark in marks:
            if mark.source is Source.TEXT or page not in pages:
                continue
            boxes.setdefault(plan.copy_page(page), []).extend(mark.boxes)
            value = mark.finding.detection.text.strip()
            if value in plan.values:
                wanted[value] = plan.values[value]
    if not boxes or not wanted:
        return set()
    bundle = extract_bytes(redacted, "redacted.pdf")
    regions = [
        r
        for r in plan_regions(bundle)
        if r.page in boxes and any(r.clip.intersects(b) for b in boxes[r.page])
    ]
    engine = ocr_engine()
    texts: list[str] = []
    tokens: list[str] = []
    doc = pymupdf.open(stream=redacted, filetype="pdf")
    try:
        for region in regions:
            lines = read_region(engine, render(doc, region), region)
            texts.append("\n".join(line.text for line in lines))
            tokens += [_alnum(word.text) for line in lines for word in line.words]
    finally:
        doc.close()
    text = "\n".join(texts)
    return {
        fid
        for value, fid in wanted.items()
        if value_pattern(value).search(text) or _in_word_runs(_alnum(value), tokens)
    }


def _in_word_runs(value: str, tokens: Sequence[str], most: int = 8) -> bool:
    """Whether ``value`` is what some run of consecutive OCR words reads, spaces aside.

    OCR splits and joins words where the page did not ("943 4765919"), so a value is
    looked for across word breaks; but only whole words count: "Signat", a name read
    from a cut-off label, is not left legible because "Signature" is on the page.
    """
    if len(value) < 4:
        return False
    for start in range(len(tokens)):
        run = ""
        for token in tokens[start : start + most]:
            run += token
            if run == value:
                return True
            if len(run) >= len(value) or not value.startswith(run):
                break
    return False


def _alnum(text: str) -> str:
    return "".join(c for c in text.casefold() if c.isalnum())


def _norm(text: str) -> str:
    return _SPACE.sub("", text)
