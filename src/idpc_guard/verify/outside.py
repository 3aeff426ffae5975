"""Verification of everything outside the page content of a redacted copy.

Each check returns the names of what failed (never values): ``metadata``,
``XMP metadata``, ``annotations``, ``form fields``, ``embedded files``,
``associated files``, ``named destinations``, ``private application data``,
``image metadata``, ``JavaScript``, ``hidden layers``, ``thumbnails``,
``earlier revisions``, ``outline``, ``page labels``, ``links``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

import pymupdf

from idpc_guard.redact.jpeg import metadata_segments
from idpc_guard.text.forms import carries, flat_forms

_JS_KEYS = ("JS", "JavaScript")


def outside_content_failures(
    doc: pymupdf.Document, patterns: Mapping[str, re.Pattern[str]]
) -> set[str]:
    """What outside the page content still carries data the copy must not hold."""
    failed: set[str] = set()
    annotations, widgets, thumbnails, targets = _page_carriers(doc)
    if doc.metadata and any(v for k, v in doc.metadata.items() if k != "format"):
        failed.add("metadata")
    if doc.get_xml_metadata():
        failed.add("XMP metadata")
    if annotations:
        failed.add("annotations")
    if widgets or _catalog_has(doc, "AcroForm"):
        failed.add("form fields")
    if doc.embfile_count():
        failed.add("embedded files")
    if any(_catalog_has(doc, key) for key in ("Dests", "Names/Dests")):
        failed.add("named destinations")
    failed |= _object_carriers(doc)
    if doc.get_ocgs() or _catalog_has(doc, "OCProperties"):
        failed.add("hidden layers")
    if thumbnails:
        failed.add("thumbnails")
    # version_count, not a count of "%%EOF": image bytes may hold those five by chance.
    if doc.version_count > 1:
        failed.add("earlier revisions")
    toc = doc.get_toc(simple=False)
    titles = "\n".join(str(entry[1]) for entry in toc)
    if _any_match(titles, patterns) or _any_carried(_outline_targets(toc), patterns):
        failed.add("outline")
    prefixes = "\n".join(str(rule.get("prefix", "")) for rule in doc.get_page_labels())
    if _any_match(prefixes, patterns):
        failed.add("page labels")
    if _any_match("\n".join(targets), patterns) or _any_carried(targets, patterns):
        failed.add("links")
    return failed


def _page_carriers(doc: pymupdf.Document) -> tuple[bool, bool, bool, list[str]]:
    """Whether some page has annotations, form fields, a thumbnail; every link target.

    One pass over the pages: loading a page is most of the cost of each question.
    """
    annotations = widgets = thumbnails = False
    targets: list[str] = []
    for page in doc:
        annotations = annotations or any(True for _ in page.annots())
        widgets = widgets or any(True for _ in page.widgets())
        thumbnails = thumbnails or doc.xref_get_key(page.xref, "Thumb")[0] != "null"
        targets += (str(link.get("uri") or link.get("file") or "") for link in page.get_links())
    return annotations, widgets, thumbnails, targets


def _outline_targets(toc: list[list[object]]) -> list[str]:
    """The targets (URIs, files) of bookmarks that go outside the document."""
    targets = []
    for entry in toc:
        target = entry[3] if len(entry) > 3 and isinstance(entry[3], dict) else {}
        targets.append(str(target.get("uri") or target.get("file") or ""))
    return [t for t in targets if t]


def _catalog_has(doc: pymupdf.Document, key: str) -> bool:
    return bool(doc.xref_get_key(doc.pdf_catalog(), key)[0] != "null")


def _object_carriers(doc: pymupdf.Document) -> set[str]:
    """What any object of the copy, used or not, still carries; each object read once.

    JavaScript; associated files (``/AF``) and embedded file streams; applications'
    private data (``/PieceInfo``); metadata segments of JPEG pictures (EXIF, XMP,
    comments).
    """
    failed: set[str] = set()
    if _catalog_has(doc, "Names/JavaScript"):
        failed.add("JavaScript")
    for xref in range(1, doc.xref_length()):
        source = doc.xref_object(xref, compressed=True)
        if _is_javascript(doc, xref, source):
            failed.add("JavaScript")
        if _has_key(doc, xref, source, "AF"):
            failed.add("associated files")
        if _is_type(doc, xref, source, "EmbeddedFile"):
            failed.add("embedded files")
        if _has_key(doc, xref, source, "PieceInfo"):
            failed.add("private application data")
        if "/DCTDecode" in source and _jpeg_has_metadata(doc, xref):
            failed.add("image metadata")
    return failed


def _has_key(doc: pymupdf.Document, xref: int, source: str, key: str) -> bool:
    """Whether the object has ``key`` (its source, read already, is looked at first)."""
    return f"/{key}" in source and doc.xref_get_key(xref, key)[0] != "null"


def _is_type(doc: pymupdf.Document, xref: int, source: str, name: str) -> bool:
    return f"/{name}" in source and doc.xref_get_key(xref, "Type") == ("name", f"/{name}")


def _is_javascript(doc: pymupdf.Document, xref: int, source: str) -> bool:
    if "/J" not in source:  # /JS, /JavaScript
        return False
    if any(doc.xref_get_key(xref, key)[0] != "null" for key in _JS_KEYS):
        return True
    return bool(doc.xref_get_key(xref, "S") == ("name", "/JavaScript"))


def _jpeg_has_metadata(doc: pymupdf.Document, xref: int) -> bool:
    """Whether a JPEG picture keeps metadata segments.

    One whose header cannot be walked is left to the search of the bytes.
    """
    if doc.xref_get_key(xref, "Filter") != ("name", "/DCTDecode"):
        return False
    return metadata_segments(doc.xref_stream_raw(xref)) > 0


def _any_match(text: str, patterns: Mapping[str, re.Pattern[str]]) -> bool:
    return bool(text) and any(p.search(text) for p in patterns.values())


def _any_carried(targets: list[str], patterns: Mapping[str, re.Pattern[str]]) -> bool:
    """Whether a target carries a value decoded, flattened, or as a phone number in any format."""
    if not targets:
        return False
    forms = frozenset().union(*(flat_forms(v) for v in patterns))
    return any(carries(target, forms) for target in targets)
