"""Clean everything outside the page content that can carry personal data.

Run on the copy after the boxes are applied: annotations and comments, form
fields (their values and the AcroForm), embedded and attached files (PDF/A-3
associated files too), JavaScript, content in hidden layers (optional content
switched off), document metadata and XMP, applications' private data
(``/PieceInfo``), named destinations, JPEG metadata (EXIF, XMP, comments), page
thumbnails. Bookmarks and page labels help navigation, so they are kept with
redacted values taken out of them. Links to outside the document that carry a
redacted value in any form (``mailto:`` percent-encoded, ``tel:`` in any format) go.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

import pymupdf

from idpc_guard.read.layout import value_pattern
from idpc_guard.redact.jpeg import without_metadata
from idpc_guard.redact.layers import hidden_groups, hidden_names, tagged_hidden
from idpc_guard.text.forms import carries, flat_forms

#: What replaces a redacted value in a bookmark title or page label.
REDACTED_TEXT = "[redacted]"

_OC_BLOCK_START = re.compile(rb"/OC\s*/([^\s/<>\[\]()]+)\s*BDC")
_MARK_OPEN = re.compile(rb"\b(?:BDC|BMC)\b")
_MARK_CLOSE = re.compile(rb"\bEMC\b")
Pattern = re.Pattern[str]


def sanitize(doc: pymupdf.Document, values: Sequence[str]) -> None:
    """Clean ``doc`` in place. ``values`` are the redacted values (for outline and labels)."""

    def patterns() -> list[re.Pattern[str]]:  # compiled only for a bundle with bookmarks or labels
        return [value_pattern(v) for v in {v.strip() for v in values} if len(v.strip()) >= 2]

    remove_hidden_layers(doc)
    # A link is dropped on a shorter match than verification looks for: removing is cheap.
    forms = frozenset().union(*(flat_forms(v, shortest=4) for v in values))
    for page in doc:
        _remove_annotations(page)
        _remove_outside_links(page, forms)
    _remove_form(doc)
    _drop_named_destinations(doc)
    _rewrite_outline(doc, patterns, forms)
    _rewrite_page_labels(doc, patterns)
    doc.scrub(
        attached_files=True,
        clean_pages=True,
        embedded_files=True,
        hidden_text=False,  # an OCR text layer is invisible text; it was scanned too
        javascript=False,  # both done by _scrub_objects, in one pass over the objects
        metadata=True,
        redactions=False,  # annotations are gone already
        remove_links=False,
        reset_fields=True,
        reset_responses=True,
        thumbnails=True,
        xml_metadata=False,
    )
    _scrub_objects(doc)
    doc.set_metadata({})
    for name in doc.embfile_names():
        doc.embfile_del(name)
    _drop_catalog_keys(doc, ("OpenAction", "AA", "Names/JavaScript", "PieceInfo"))


def _scrub_objects(doc: pymupdf.Document) -> None:
    """Empty JavaScript actions and XMP metadata, as ``Document.scrub`` would.

    ``scrub(javascript=True, xml_metadata=True)`` asks every object for three keys
    one by one, which on a long bundle costs more than applying the boxes. Here
    each object's source is read once, and only an object that names
    ``/JavaScript`` or ``/Metadata`` (MuPDF prints names unescaped) is looked at
    key by key, with the same tests and the same replacements.
    """
    doc.del_xml_metadata()
    for xref in range(1, doc.xref_length()):
        source = doc.xref_object(xref, compressed=True)
        if "/JavaScript" in source and doc.xref_get_key(xref, "S")[1] == "/JavaScript":
            doc.update_object(xref, "<</S/JavaScript/JS()>>")
        elif "/Metadata" in source:
            if doc.xref_get_key(xref, "Type")[1] == "/Metadata":
                doc.update_object(xref, "<<>>")
                doc.update_stream(xref, b"deleted", new=True)
            elif doc.xref_get_key(xref, "Metadata")[0] != "null":
                doc.xref_set_key(xref, "Metadata", "null")
        _scrub_private_data(doc, xref, source)


#: Keys of any object that carry data no page shows: PDF/A-3 associated files, and
#: applications' private data (``/PieceInfo``, on the catalog, pages and forms).
PRIVATE_KEYS = ("AF", "PieceInfo")


def _scrub_private_data(doc: pymupdf.Document, xref: int, source: str) -> None:
    """Drop an object's associated files and private data; strip a JPEG's metadata."""
    for key in PRIVATE_KEYS:
        if f"/{key}" in source and doc.xref_get_key(xref, key)[0] != "null":
            doc.xref_set_key(xref, key, "null")
    if "/DCTDecode" in source and doc.xref_get_key(xref, "Filter") == ("name", "/DCTDecode"):
        data = doc.xref_stream_raw(xref)
        clean = without_metadata(data)
        if clean != data:
            doc.update_stream(xref, clean, compress=False)
            doc.xref_set_key(xref, "Filter", "/DCTDecode")


def _drop_named_destinations(doc: pymupdf.Document) -> None:
    """Named destinations go, their names may be anything; links to them point to pages.

    A destination's name is free text (an exporter may name it after a heading, or a
    witness). Links and bookmarks that went by name are written again with the page
    they lead to, then the names are dropped.
    """
    if not any(_catalog_has(doc, key) for key in ("Dests", "Names/Dests")):
        return
    for page in doc:
        for link in page.get_links():
            if link.get("kind") == pymupdf.LINK_NAMED:
                page.delete_link(link)
                if link.get("page", -1) >= 0:
                    target = {"kind": pymupdf.LINK_GOTO, "from": link["from"]}
                    page.insert_link({**target, "page": link["page"], "to": link.get("to")})
    toc = doc.get_toc(simple=False)
    _drop_catalog_keys(doc, ("Dests", "Names/Dests"))
    if toc:
        doc.set_toc(toc)


def _catalog_has(doc: pymupdf.Document, key: str) -> bool:
    return bool(doc.xref_get_key(doc.pdf_catalog(), key)[0] != "null")


def remove_hidden_layers(doc: pymupdf.Document) -> None:
    """Delete content in layers that are off, then make the remaining content unconditional.

    Text in a hidden layer is not extracted, so it was never scanned: it must
    not travel with the copy. Marked-content blocks ``/OC /name BDC ... EMC``
    whose group or membership rule is hidden (:func:`~idpc_guard.redact.layers.hidden_groups`)
    are cut from the page and form streams; form and image XObjects tagged with
    such a group are emptied. The catalog's ``/OCProperties`` is then dropped, so
    viewers show what is left with no switchable layers: hence this runs before
    anything else changes the copy.
    """
    hidden = hidden_groups(doc)
    if hidden:
        for page in doc:
            names = _property_names(doc, page.xref, hidden)
            if names:
                page.clean_contents()
                for xref in page.get_contents():
                    doc.update_stream(xref, _cut_blocks(doc.xref_stream(xref), names))
        for xref in range(1, doc.xref_length()):
            if doc.xref_is_stream(xref):
                _cut_hidden_from_xobject(doc, xref, hidden)
    _drop_catalog_keys(doc, ("OCProperties",))


def _cut_hidden_from_xobject(doc: pymupdf.Document, xref: int, hidden: set[int]) -> None:
    """Empty an XObject of a hidden group; cut hidden blocks from a form's own stream."""
    if tagged_hidden(doc, [xref], hidden):
        doc.update_stream(xref, b"")
    elif doc.xref_get_key(xref, "Subtype") == ("name", "/Form"):
        names = _property_names(doc, xref, hidden)
        if names:
            doc.update_stream(xref, _cut_blocks(doc.xref_stream(xref), names))


def _property_names(doc: pymupdf.Document, owner: int, hidden: set[int]) -> set[bytes]:
    """The names a page's or form's ``/Resources/Properties`` gives hidden groups."""
    kind, value = doc.xref_get_key(owner, "Resources")
    if kind == "xref":
        owner, key = int(value.split()[0]), "Properties"
    else:
        key = "Resources/Properties"
    kind, value = doc.xref_get_key(owner, key)
    if kind == "xref":
        value = doc.xref_object(int(value.split()[0]), compressed=True)
    return hidden_names(value, hidden)


def _cut_blocks(stream: bytes, names: set[bytes]) -> bytes:
    """``stream`` without the marked-content blocks of the named hidden groups (nesting kept)."""
    out = bytearray()
    pos = 0
    while (start := _OC_BLOCK_START.search(stream, pos)) is not None:
        if start.group(1) not in names:
            out += stream[pos : start.end()]
            pos = start.end()
            continue
        out += stream[pos : start.start()]
        depth, cursor = 1, start.end()
        while depth and cursor < len(stream):
            opening = _MARK_OPEN.search(stream, cursor)
            closing = _MARK_CLOSE.search(stream, cursor)
            if closing is None:
                cursor = len(stream)
                break
            if opening is not None and opening.start() < closing.start():
                depth, cursor = depth + 1, opening.end()
            else:
                depth, cursor = depth - 1, closing.end()
        pos = cursor
    out += stream[pos:]
    return bytes(out)


def _remove_annotations(page: pymupdf.Page) -> None:
    """Comments, highlights, stamps, file attachments, unapplied redactions, widgets: all go."""
    for _ in range(10_000):  # a bound, in case a damaged annotation cannot be deleted
        widget = page.first_widget
        if widget is None:
            break
        page.delete_widget(widget)
    for _ in range(10_000):
        annot = page.first_annot
        if annot is None:
            break
        page.delete_annot(annot)


def _remove_form(doc: pymupdf.Document) -> None:
    _drop_catalog_keys(doc, ("AcroForm",))


def _remove_outside_links(page: pymupdf.Page, forms: frozenset[str]) -> None:
    """Links whose target carries a redacted value, in any encoding or phone format, go."""
    for link in page.get_links():
        if carries(str(link.get("uri") or link.get("file") or ""), forms):
            page.delete_link(link)


def _rewrite_outline(
    doc: pymupdf.Document, patterns: Callable[[], Sequence[Pattern]], forms: frozenset[str]
) -> None:
    """Bookmarks help navigation: keep them, with redacted values taken out of titles.

    A bookmark whose target carries a value (``tel:``, ``mailto:``) keeps its title and
    loses its target.
    """
    toc = doc.get_toc(simple=False)
    if not toc:
        return
    changed = False
    compiled = patterns()
    for entry in toc:
        title = _without_values(entry[1], compiled)
        if title != entry[1]:
            entry[1] = title
            changed = True
        target = entry[3] if len(entry) > 3 and isinstance(entry[3], dict) else {}
        if carries(str(target.get("uri") or target.get("file") or ""), forms):
            entry[2], entry[3] = -1, {"kind": pymupdf.LINK_NONE}
            changed = True
    if changed:
        doc.set_toc(toc)


def _rewrite_page_labels(doc: pymupdf.Document, patterns: Callable[[], Sequence[Pattern]]) -> None:
    labels = doc.get_page_labels()
    if not labels:
        return
    compiled = patterns()
    rewritten = [
        {**rule, "prefix": _without_values(rule.get("prefix", ""), compiled)} for rule in labels
    ]
    if rewritten != labels:
        doc.set_page_labels(rewritten)


def _without_values(text: str, patterns: Sequence[Pattern]) -> str:
    for pattern in patterns:
        text = pattern.sub(REDACTED_TEXT, text)
    return text


def _drop_catalog_keys(doc: pymupdf.Document, keys: Sequence[str]) -> None:
    catalog = doc.pdf_catalog()
    for key in keys:
        if doc.xref_get_key(catalog, key)[0] != "null":
            doc.xref_set_key(catalog, key, "null")
