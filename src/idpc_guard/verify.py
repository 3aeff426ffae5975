"""Prove the redacted copy holds nothing that was marked for removal.

The copy is re-opened from its bytes and checked four ways: no character is
left under any redaction box; no redacted value appears in the text of any
page; none appears in the decompressed bytes of the file (content streams,
metadata, outline, form fields); and removed pages are gone. A copy that fails
is never written.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

import pymupdf

from idpc_guard.errors import RedactionNotVerifiedError
from idpc_guard.layout import value_pattern
from idpc_guard.model import Action, Decisions, Finding
from idpc_guard.redact import glyph_rect, redacted_findings, removed_pages

_SPACE = re.compile(r"\s+")


@dataclass(frozen=True, slots=True)
class Verification:
    """What verification checked (no values, only counts)."""

    boxes_checked: int
    values_checked: int
    pages: int


def verify(original_pages: int, redacted: bytes, decisions: Decisions) -> Verification:
    """Check the redacted copy; raise :class:`RedactionNotVerifiedError` if anything survives.

    A copy that the PDF library cannot read back in full is not verified either.
    """
    try:
        return _verify(original_pages, redacted, decisions)
    except (pymupdf.mupdf.FzErrorBase, RuntimeError, ValueError) as exc:
        raise RedactionNotVerifiedError(
            "the redacted copy could not be read back to verify it (the bundle is damaged); "
            "the copy was not written: ask for the bundle to be re-exported"
        ) from exc


def _verify(original_pages: int, redacted: bytes, decisions: Decisions) -> Verification:
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
                rect = glyph_rect(box)
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


def _norm(text: str) -> str:
    return _SPACE.sub("", text)
