"""Prove the redacted copy holds nothing that was marked for removal.

The copy is re-opened from its bytes and checked four ways: no character is
left under any redaction box; no redacted value appears in the text of any
page; none appears in the decompressed bytes of the file (content streams,
metadata, outline, form fields); and removed pages are gone. A copy that fails
is never written.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import pymupdf

from idpc_guard.errors import RedactionNotVerifiedError
from idpc_guard.extract import extract_bytes
from idpc_guard.layout import value_pattern
from idpc_guard.model import Action, Box, Decisions, Finding, Source
from idpc_guard.ocr import plan_regions, read_region, render
from idpc_guard.ocr_engines import OcrEngine
from idpc_guard.redact import redacted_findings, redaction_rect, removed_pages

_SPACE = re.compile(r"\s+")


@dataclass(frozen=True, slots=True)
class Verification:
    """What verification checked (no values, only counts)."""

    boxes_checked: int
    values_checked: int
    pages: int


def verify(
    original_pages: int,
    redacted: bytes,
    decisions: Decisions,
    ocr_engine: Callable[[], OcrEngine] | None = None,
) -> Verification:
    """Check the redacted copy; raise :class:`RedactionNotVerifiedError` if anything survives.

    With ``ocr_engine``, pictures and scanned pages that had redacted OCR findings
    are read again from the copy, and none of those values may be read there.
    """
    findings = redacted_findings(decisions)
    dropped = removed_pages(decisions)
    doc = pymupdf.open(stream=redacted, filetype="pdf")
    try:
        expected_pages = max(1, original_pages - len(dropped))
        if doc.page_count != expected_pages:
            raise RedactionNotVerifiedError(
                f"redacted copy has {doc.page_count} pages, expected {expected_pages}: "
                "removed pages did not go; the copy was not written"
            )
        failed = _boxes_still_hold_text(doc, findings, dropped)
        values = _values_to_check(findings, decisions.findings)
        failed |= _values_in_text(doc, values)
        failed |= _values_in_bytes(doc, values)
        if ocr_engine is not None:
            failed |= _values_in_pictures(redacted, findings, dropped, values, ocr_engine)
        if doc.metadata and any(v for k, v in doc.metadata.items() if k not in ("format",)):
            failed.add("metadata")
        if doc.get_xml_metadata():
            failed.add("XMP metadata")
        if failed:
            raise RedactionNotVerifiedError(
                "redacted copy failed verification (still present: "
                f"{', '.join(sorted(failed))}); the copy was not written"
            )
        boxes = sum(len(f.detection.boxes) for f in findings if f.detection.page not in dropped)
        return Verification(boxes_checked=boxes, values_checked=len(values), pages=doc.page_count)
    finally:
        doc.close()


def _boxes_still_hold_text(
    doc: pymupdf.Document, findings: Sequence[Finding], dropped: Sequence[int]
) -> set[str]:
    failed: set[str] = set()
    by_page: dict[int, list[Finding]] = {}
    for f in findings:
        if f.detection.page not in dropped:
            by_page.setdefault(f.detection.page, []).append(f)
    for page_no, page_findings in by_page.items():
        new_no = page_no - sum(1 for d in dropped if d < page_no)
        chars = _char_centres(doc[new_no])
        for finding in page_findings:
            for box in finding.detection.boxes:
                rect = redaction_rect(box, finding.detection.source)
                if any(rect.contains(point) for point in chars):
                    failed.add(finding.id)
    return failed


def _char_centres(page: pymupdf.Page) -> list[pymupdf.Point]:
    points: list[pymupdf.Point] = []
    for block in page.get_text("rawdict")["blocks"]:
        for line in block.get("lines", ()):
            for span in line["spans"]:
                for char in span["chars"]:
                    if not char["c"].isspace():
                        x0, y0, x1, y1 = char["bbox"]
                        points.append(pymupdf.Point((x0 + x1) / 2, (y0 + y1) / 2))
    return points


def _values_to_check(redacted: Sequence[Finding], everything: Sequence[Finding]) -> dict[str, str]:
    """Redacted values mapped to a finding id, except values also kept or in review elsewhere.

    The redaction stage withholds every whole-word occurrence of a redacted value
    (:func:`idpc_guard.layout.value_pattern`), so none may be left in the copy.
    """
    retained = {_norm(f.detection.text) for f in everything if f.action is not Action.REDACT}
    values: dict[str, str] = {}
    for f in redacted:
        value = f.detection.text.strip()
        if len(_norm(value)) >= 4 and _norm(value) not in retained:
            values.setdefault(value, f.id)
    return values


def _values_in_text(doc: pymupdf.Document, values: dict[str, str]) -> set[str]:
    text = "\n".join(page.get_text("text") for page in doc)
    return {fid for value, fid in values.items() if value_pattern(value).search(text)}


def _values_in_bytes(doc: pymupdf.Document, values: dict[str, str]) -> set[str]:
    flat = _norm(doc.tobytes(expand=255, garbage=0).decode("latin-1"))
    # Short values could match font or image bytes by chance; the text check covers them.
    return {fid for value, fid in values.items() if len(_norm(value)) >= 6 and _norm(value) in flat}


def _values_in_pictures(
    redacted: bytes,
    findings: Sequence[Finding],
    dropped: Sequence[int],
    values: dict[str, str],
    ocr_engine: Callable[[], OcrEngine],
) -> set[str]:
    """Read again the pictures that held redacted OCR findings; report values still legible."""
    boxes: dict[int, list[Box]] = {}
    wanted: dict[str, str] = {}
    for f in findings:
        page = f.detection.page
        if f.detection.source is Source.TEXT or page in dropped:
            continue
        new_no = page - sum(1 for d in dropped if d < page)
        boxes.setdefault(new_no, []).extend(f.detection.boxes)
        value = f.detection.text.strip()
        if value in values:
            wanted[value] = values[value]
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
    doc = pymupdf.open(stream=redacted, filetype="pdf")
    try:
        for region in regions:
            lines = read_region(engine, render(doc, region), region)
            texts.append("\n".join(line.text for line in lines))
    finally:
        doc.close()
    text = "\n".join(texts)
    flat = _alnum(text)
    return {
        fid
        for value, fid in wanted.items()
        if value_pattern(value).search(text) or (len(_alnum(value)) >= 6 and _alnum(value) in flat)
    }


def _alnum(text: str) -> str:
    return "".join(c for c in text.casefold() if c.isalnum())


def _norm(text: str) -> str:
    return _SPACE.sub("", text)
