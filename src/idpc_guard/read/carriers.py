"""Text a reader reaches outside the page content: bookmarks, labels, names, notes, links.

A PDF viewer shows more than the pages: the bookmark pane, page labels in the page
box, named destinations (a viewer lists them, and links name them), the contents of
comments and sticky notes, where a link goes, and the document's properties. Personal
data written there is as readable as on a page, so it is read here, as
:class:`~idpc_guard.model.Carrier` values, for detection. Annotations and links are
read from the page objects without drawing or even loading the pages.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator

import pymupdf

from idpc_guard.model import Carrier, CarrierKind
from idpc_guard.text.quality import writable

#: At most this many carriers are read, each cut to this many characters (a hostile
#: file can hold millions of annotations; what is past the bound is not read).
MAX_CARRIERS = 20_000
MAX_CHARS = 2_000

#: Annotation keys a viewer shows: the note's text, its author, its subject.
_ANNOTATION_KEYS = ("Contents", "T", "Subj")
#: Document information a viewer shows in its properties (and its XMP metadata).
_METADATA_KEYS = ("title", "author", "subject", "keywords")
_REF = re.compile(r"(\d+)\s+0\s+R")
#: What PyMuPDF raises for an object it cannot read.
_PDF_ERRORS = (pymupdf.mupdf.FzErrorBase, RuntimeError, ValueError, IndexError, KeyError)


def read_carriers(doc: pymupdf.Document) -> tuple[Carrier, ...]:
    """Every non-empty text outside the page content, in a bounded number."""
    found: list[Carrier] = []
    for reader in (_bookmarks, _page_labels, _named_destinations, _annotations, _metadata):
        try:
            for carrier in reader(doc):
                if len(found) >= MAX_CARRIERS:
                    return tuple(found)
                text = writable(carrier.text[:MAX_CHARS]).strip()
                if text:
                    found.append(Carrier(carrier.kind, carrier.page, text))
        except _PDF_ERRORS:
            continue  # a broken structure is no reason to refuse the bundle
    return tuple(found)


def _page_of(page: int, doc: pymupdf.Document) -> int:
    return page if 0 <= page < doc.page_count else 0


def _bookmarks(doc: pymupdf.Document) -> Iterator[Carrier]:
    for item in doc.get_toc(simple=True):
        yield Carrier(CarrierKind.BOOKMARK, _page_of(int(item[2]) - 1, doc), str(item[1]))


def _page_labels(doc: pymupdf.Document) -> Iterator[Carrier]:
    for rule in doc.get_page_labels() or ():
        page = _page_of(int(rule.get("startpage", 0)), doc)
        yield Carrier(CarrierKind.PAGE_LABEL, page, str(rule.get("prefix") or ""))


def _named_destinations(doc: pymupdf.Document) -> Iterator[Carrier]:
    for name, target in (doc.resolve_names() or {}).items():
        page = int(target.get("page", 0)) if isinstance(target, dict) else 0
        yield Carrier(CarrierKind.NAMED_DESTINATION, _page_of(page, doc), str(name))


def _annotations(doc: pymupdf.Document) -> Iterator[Carrier]:
    """Each annotation's text and author, and each link's target (decoded), page by page."""
    for number in range(doc.page_count):
        for xref in _annotation_xrefs(doc, doc.page_xref(number)):
            for key in _ANNOTATION_KEYS:
                kind, value = doc.xref_get_key(xref, key)
                if kind == "string":
                    yield Carrier(CarrierKind.ANNOTATION, number, value)
            for key in ("A/URI", "A/F", "A/D"):
                kind, value = doc.xref_get_key(xref, key)
                if kind == "string":
                    yield Carrier(CarrierKind.LINK, number, value)


def _annotation_xrefs(doc: pymupdf.Document, page_xref: int) -> list[int]:
    kind, value = doc.xref_get_key(page_xref, "Annots")
    if kind == "xref":
        value = doc.xref_object(int(value.split()[0]), compressed=True)
    elif kind != "array":
        return []
    return [int(m.group(1)) for m in _REF.finditer(value)]


def _metadata(doc: pymupdf.Document) -> Iterator[Carrier]:
    """The document information's fields, and the text of its XMP metadata."""
    info = doc.metadata or {}
    for key in _METADATA_KEYS:
        value = info.get(key)
        if value:
            yield Carrier(CarrierKind.METADATA, 0, str(value))
    xmp = doc.get_xml_metadata() or ""
    for text in _XML_TEXT.findall(xmp[: MAX_CHARS * 10]):
        if text.strip():
            yield Carrier(CarrierKind.METADATA, 0, html.unescape(text))


#: The text between an XML element's tags (XMP metadata's values).
_XML_TEXT = re.compile(r">([^<>]+)<")
