"""Split a bundle into its documents and read their key fields.

When the PDF has an outline (bookmarks), each bookmark starts a document and its
title names the kind of the pages that have no header of their own. Each page is
also classified by the form code and title in its header (the first lines) and
the form code and page count in its footer ("MG11 (T)", "Page 2 of 3"). A page
that starts a form begins a new document; a continuation page, or a page with no
header of its own, joins the document before it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from idpc_guard.documents.fields import URN_PATTERN, read_fields
from idpc_guard.model import (
    Bundle,
    Document,
    DocumentKind,
    OutlineEntry,
    Page,
    PageText,
)

__all__ = ["URN_PATTERN", "PageClass", "classify_page", "kind_of_title", "read_fields", "segment"]

#: How many lines at the top of a page count as its header.
HEADER_LINES = 12
#: How many lines at the bottom of a page count as its footer.
FOOTER_LINES = 3

_FORM_CODE = re.compile(r"\bMG\s?(\d{1,2}[A-Z]?)\b(\s*\(T\))?")
_PAGE_OF = re.compile(r"\bPage\s+(\d+)\s+of\s+(\d+)\b", re.IGNORECASE)

#: Form codes never served on the defence (Manual of Guidance).
NOT_DISCLOSABLE_FORMS = frozenset({"2", "3", "3A", "3B", "6", "6B", "6D", "6E", "10"})

_FORM_KINDS: dict[str, DocumentKind] = {
    "5": DocumentKind.CASE_SUMMARY,
    "4": DocumentKind.CHARGE_SHEET,
    "11": DocumentKind.WITNESS_STATEMENT,
    "9": DocumentKind.WITNESS_LIST,
    "6C": DocumentKind.UNUSED_MATERIAL_SCHEDULE,
    "15": DocumentKind.INTERVIEW_RECORD,
    "16": DocumentKind.PREVIOUS_CONVICTIONS,
    "19": DocumentKind.COMPENSATION_CLAIM,
}

# Titles, checked in order: the first that appears in a page header wins.
_TITLE_KINDS: tuple[tuple[re.Pattern[str], DocumentKind], ...] = tuple(
    (re.compile(pattern, re.IGNORECASE | re.MULTILINE), kind)
    for pattern, kind in (
        (r"witness contact details|witness details \(rear\)", DocumentKind.WITNESS_CONTACT_DETAILS),
        (
            r"not disclosable|(?<!non-)sensitive (?:unused )?material|will not be disclosed|"
            r"charging decision|case file information|disclosure officer'?s report|"
            r"witness non-?availability|initial witness assessment|"
            r"(?:disciplinary|misconduct) record",
            DocumentKind.NOT_DISCLOSABLE,
        ),
        (r"non-sensitive unused material|unused material", DocumentKind.UNUSED_MATERIAL_SCHEDULE),
        (
            r"witness statement|statement of witness|^\s*statement of\b(?!\s*:)",
            DocumentKind.WITNESS_STATEMENT,
        ),
        (r"case summary|police report|summary of (?:the )?case", DocumentKind.CASE_SUMMARY),
        (r"witness list|list of witnesses", DocumentKind.WITNESS_LIST),
        (
            r"previous convictions|antecedents|\bPNC\b|police national computer|"
            r"conviction history|criminal record",
            DocumentKind.PREVIOUS_CONVICTIONS,
        ),
        (
            r"record of (?:taped |tape recorded |video recorded )?interview|interview record|"
            r"short descriptive note|transcript of interview|\bROTI\b",
            DocumentKind.INTERVIEW_RECORD,
        ),
        (r"charge sheet|charge/requisition|\bcharged?\b.*\bwith\b", DocumentKind.CHARGE_SHEET),
        (
            r"discharge (?:summary|letter)|medical (?:record|notes|report)|clinical notes|"
            r"NHS (?:Foundation )?Trust|emergency department|patient",
            DocumentKind.MEDICAL_RECORD,
        ),
        (r"fee note|counsel'?s fees?|expert'?s fees?|brief fee", DocumentKind.FEE_NOTE),
        (
            r"compensation|repair estimate|estimate for|receipt|invoice|quotation",
            DocumentKind.COMPENSATION_CLAIM,
        ),
        (
            r"exhibit image|photograph of exhibit|photographs?\b.*exhibit|^\s*exhibit\b",
            DocumentKind.EXHIBIT_IMAGE,
        ),
    )
)

_TITLES: dict[DocumentKind, str] = {
    DocumentKind.CASE_SUMMARY: "Case summary",
    DocumentKind.CHARGE_SHEET: "Charge sheet",
    DocumentKind.WITNESS_STATEMENT: "Witness statement",
    DocumentKind.WITNESS_CONTACT_DETAILS: "Witness contact details (MG11 back page)",
    DocumentKind.WITNESS_LIST: "Witness list",
    DocumentKind.UNUSED_MATERIAL_SCHEDULE: "Schedule of non-sensitive unused material",
    DocumentKind.PREVIOUS_CONVICTIONS: "Previous convictions",
    DocumentKind.INTERVIEW_RECORD: "Record of interview",
    DocumentKind.MEDICAL_RECORD: "Medical record",
    DocumentKind.COMPENSATION_CLAIM: "Compensation claim",
    DocumentKind.FEE_NOTE: "Fee note",
    DocumentKind.EXHIBIT_IMAGE: "Exhibit image",
    DocumentKind.NOT_DISCLOSABLE: "Not-disclosable form",
    DocumentKind.OTHER: "Other document",
}


@dataclass(frozen=True, slots=True)
class PageClass:
    """How one page was classified."""

    kind: DocumentKind | None  # None: no header of its own
    form: str | None
    continuation: bool  # the header or footer says this page continues a document
    first: bool  # the header or footer says this is page 1 of a document
    urn: str | None
    last: bool = False  # the header or footer says this is the last page ("Page 2 of 2")


#: An exhibit photograph: pictures over this share of the page and few words.
_IMAGE_SHARE = 0.3
_IMAGE_PAGE_WORDS = 40


def classify_page(text: PageText, page: Page | None = None) -> PageClass:
    """Classify a page by the form code and title in its header and the marks in its footer."""
    lines = text.text.split("\n")
    header = "\n".join(lines[:HEADER_LINES])
    footer = "\n".join(lines[-FOOTER_LINES:]) if len(lines) > HEADER_LINES else ""
    form_match = _FORM_CODE.search(header) or _FORM_CODE.search(footer)
    form = form_match.group(1).upper() if form_match else None
    page_of = _PAGE_OF.search(header) or _PAGE_OF.search(footer)
    continuation = bool(form_match and form_match.group(2)) or bool(
        page_of and int(page_of.group(1)) > 1
    )
    kind = kind_of_title(header)
    if form is not None and kind not in (
        DocumentKind.WITNESS_CONTACT_DETAILS,
        DocumentKind.NOT_DISCLOSABLE,
    ):
        if form in NOT_DISCLOSABLE_FORMS:
            kind = DocumentKind.NOT_DISCLOSABLE
        elif form in _FORM_KINDS:
            kind = _FORM_KINDS[form]
    if kind in (None, DocumentKind.WITNESS_STATEMENT) and _is_back_page(text.text):
        kind = DocumentKind.WITNESS_CONTACT_DETAILS
    if kind is None and page is not None and _is_picture(page, text):
        kind = DocumentKind.EXHIBIT_IMAGE
    urn = URN_PATTERN.search(header)
    return PageClass(
        kind=kind,
        form=form,
        continuation=continuation,
        first=bool(page_of and int(page_of.group(1)) == 1),
        urn=urn.group(0) if urn else None,
        last=bool(page_of and page_of.group(1) == page_of.group(2)),
    )


#: Fields of the MG11 back page: a page with several of them is one, whatever its title.
_BACK_PAGE_FIELDS = re.compile(
    r"^\s*(?:Home address|Home telephone|Mobile(?:/pager)?(?: no)?|Email address|"
    r"Preferred means of contact|Dates of witness non-availability|Former name)\b[^:\n]*:",
    re.IGNORECASE | re.MULTILINE,
)


def _is_back_page(text: str) -> bool:
    return len({m.group(0).split()[0].casefold() for m in _BACK_PAGE_FIELDS.finditer(text)}) >= 4


def _is_picture(page: Page, text: PageText) -> bool:
    area = sum(i.box.width * i.box.height for i in page.images)
    return area >= _IMAGE_SHARE * page.width * page.height and len(text.words) <= _IMAGE_PAGE_WORDS


def kind_of_title(title: str) -> DocumentKind | None:
    """The kind of document a title or header names, if it names one."""
    form = _FORM_CODE.search(title)
    for pattern, kind in _TITLE_KINDS[:2]:
        if pattern.search(title):
            return kind
    if form is not None:
        code = form.group(1).upper()
        if code in NOT_DISCLOSABLE_FORMS:
            return DocumentKind.NOT_DISCLOSABLE
        if code in _FORM_KINDS:
            return _FORM_KINDS[code]
    for pattern, kind in _TITLE_KINDS[2:]:
        if pattern.search(title):
            return kind
    return None


def segment(bundle: Bundle, texts: Sequence[PageText]) -> tuple[Document, ...]:
    """Split the bundle into documents (each a run of pages of one kind)."""
    marks = _outline_marks(bundle.outline, bundle.page_count)
    runs: list[tuple[DocumentKind, str | None, list[int], str | None]] = []
    previous: PageClass | None = None
    for page, text in zip(bundle.pages, texts, strict=True):
        cls = classify_page(text, page)
        mark = marks.get(page.index)
        if mark is not None and cls.kind is None:
            cls = _with_kind(cls, mark[0] or DocumentKind.OTHER)
        starts = mark is not None and not cls.continuation
        if runs and not starts and _continues(cls, runs[-1][0], previous):
            runs[-1][2].append(page.index)
        else:
            title = mark[1] if mark is not None else None
            runs.append((cls.kind or DocumentKind.OTHER, cls.form, [page.index], title))
        previous = cls
    return tuple(
        Document(
            index=i,
            kind=kind,
            title=_title(kind, form, bookmark),
            pages=tuple(pages),
            fields=read_fields("\n".join(texts[p].text for p in pages)),
        )
        for i, (kind, form, pages, bookmark) in enumerate(runs)
    )


def _with_kind(cls: PageClass, kind: DocumentKind) -> PageClass:
    return PageClass(kind, cls.form, cls.continuation, cls.first, cls.urn, cls.last)


def _outline_marks(
    outline: Sequence[OutlineEntry], page_count: int
) -> dict[int, tuple[DocumentKind | None, str]]:
    """The pages where a bookmark starts a document, with the kind its title names.

    The deepest bookmarks that start on a page win (a "Witness statements" folder
    holds the statements); a bookmark that names no kind still starts a document.
    """
    marks: dict[int, tuple[DocumentKind | None, str, int]] = {}
    for entry in outline:
        if not 0 <= entry.page < page_count:
            continue
        kind = kind_of_title(entry.title)
        current = marks.get(entry.page)
        if current is None or (
            kind is not None and (current[0] is None or entry.level > current[2])
        ):
            marks[entry.page] = (kind, entry.title, entry.level)
    return {page: (kind, title) for page, (kind, title, _) in marks.items()}


#: Kinds where every page without a continuation mark starts a new document.
_ONE_FRONT_PAGE_EACH = frozenset(
    {DocumentKind.WITNESS_STATEMENT, DocumentKind.WITNESS_CONTACT_DETAILS}
)


def _continues(cls: PageClass, kind: DocumentKind, previous: PageClass | None) -> bool:
    """Whether a page belongs to the document before it."""
    if cls.kind is None:
        # A page with no header continues the document, unless that one has ended.
        return previous is None or not previous.last
    if cls.kind != kind:
        return False
    if previous is not None and cls.urn and previous.urn and cls.urn != previous.urn:
        return False
    if cls.continuation:
        return True
    return kind not in _ONE_FRONT_PAGE_EACH and not cls.first


def _title(kind: DocumentKind, form: str | None, bookmark: str | None = None) -> str:
    if bookmark:
        return bookmark
    title = _TITLES[kind]
    return f"MG{form} {title[0].lower()}{title[1:]}" if form else title
