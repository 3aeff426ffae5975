"""Split a bundle into its documents and read their key fields.

Each page is classified by the form code and title in its header (the first
lines of the page). A page that starts a form begins a new document; a
continuation page (``MG11 (T)``, ``Page 2 of 3``, or a page with no header of
its own) joins the document before it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from idpc_guard.model import Bundle, Document, DocumentFields, DocumentKind, PageText

#: How many lines at the top of a page count as its header.
HEADER_LINES = 12

_FORM_CODE = re.compile(r"\bMG\s?(\d{1,2}[A-Z]?)\b(\s*\(T\))?")
_PAGE_OF = re.compile(r"\bPage\s+(\d+)\s+of\s+(\d+)\b", re.IGNORECASE)
URN_PATTERN = re.compile(r"\b\d{2}[A-Z]{2}\d{5}\d{2}\b")
_STATEMENT_OF = re.compile(r"Statement of:?\s*([^\n]+)", re.IGNORECASE)
_DEFENDANT = re.compile(
    r"^\s*(?:Defendant|Accused|Name of defendant)\s*(?:\(s\))?:\s*([^\n]+)",
    re.IGNORECASE | re.MULTILINE,
)

#: Form codes never served on the defence (Manual of Guidance).
NOT_DISCLOSABLE_FORMS = frozenset({"2", "3", "3A", "6", "6B", "6D", "6E", "10"})

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
    (re.compile(pattern, re.IGNORECASE), kind)
    for pattern, kind in (
        (r"witness contact details", DocumentKind.WITNESS_CONTACT_DETAILS),
        (
            r"not disclosable|(?<!non-)sensitive unused material|will not be disclosed",
            DocumentKind.NOT_DISCLOSABLE,
        ),
        (r"non-sensitive unused material", DocumentKind.UNUSED_MATERIAL_SCHEDULE),
        (r"witness statement", DocumentKind.WITNESS_STATEMENT),
        (r"case summary|police report", DocumentKind.CASE_SUMMARY),
        (r"witness list", DocumentKind.WITNESS_LIST),
        (r"charge sheet|\bcharged?\b.*\bwith\b", DocumentKind.CHARGE_SHEET),
        (r"previous convictions|antecedents|\bPNC\b", DocumentKind.PREVIOUS_CONVICTIONS),
        (
            r"record of (?:taped |tape recorded )?interview|interview record",
            DocumentKind.INTERVIEW_RECORD,
        ),
        (r"compensation|repair estimate|receipt", DocumentKind.COMPENSATION_CLAIM),
        (r"fee note|invoice", DocumentKind.FEE_NOTE),
        (
            r"discharge (?:summary|letter)|medical record|clinical notes|hospital",
            DocumentKind.MEDICAL_RECORD,
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
    continuation: bool  # the header says this page continues a document
    first: bool  # the header says this is page 1 of a document
    urn: str | None


def classify_page(text: PageText, has_images: bool = False) -> PageClass:
    """Classify a page by the form code and title in its header."""
    header = "\n".join(text.text.split("\n")[:HEADER_LINES])
    form_match = _FORM_CODE.search(header)
    form = form_match.group(1).upper() if form_match else None
    page_of = _PAGE_OF.search(header)
    continuation = bool(form_match and form_match.group(2)) or bool(
        page_of and int(page_of.group(1)) > 1
    )
    kind = _kind_from_title(header)
    if form is not None and kind not in (
        DocumentKind.WITNESS_CONTACT_DETAILS,
        DocumentKind.NOT_DISCLOSABLE,
    ):
        if form in NOT_DISCLOSABLE_FORMS:
            kind = DocumentKind.NOT_DISCLOSABLE
        elif form in _FORM_KINDS:
            kind = _FORM_KINDS[form]
    if kind is None and not text.text.strip() and has_images:
        kind = DocumentKind.EXHIBIT_IMAGE
    urn = URN_PATTERN.search(header)
    return PageClass(
        kind=kind,
        form=form,
        continuation=continuation,
        first=bool(page_of and int(page_of.group(1)) == 1),
        urn=urn.group(0) if urn else None,
    )


def _kind_from_title(header: str) -> DocumentKind | None:
    for pattern, kind in _TITLE_KINDS:
        if pattern.search(header):
            return kind
    return None


def segment(bundle: Bundle, texts: Sequence[PageText]) -> tuple[Document, ...]:
    """Split the bundle into documents (each a run of pages of one kind)."""
    runs: list[tuple[DocumentKind, str | None, list[int]]] = []
    previous: PageClass | None = None
    for page, text in zip(bundle.pages, texts, strict=True):
        cls = classify_page(text, has_images=bool(page.images))
        if runs and _continues(cls, runs[-1][0], previous):
            runs[-1][2].append(page.index)
        else:
            runs.append((cls.kind or DocumentKind.OTHER, cls.form, [page.index]))
        previous = cls
    return tuple(
        Document(
            index=i,
            kind=kind,
            title=_title(kind, form),
            pages=tuple(pages),
            fields=read_fields("\n".join(texts[p].text for p in pages)),
        )
        for i, (kind, form, pages) in enumerate(runs)
    )


#: Kinds where every page without a continuation mark starts a new document.
_ONE_FRONT_PAGE_EACH = frozenset(
    {DocumentKind.WITNESS_STATEMENT, DocumentKind.WITNESS_CONTACT_DETAILS}
)


def _continues(cls: PageClass, kind: DocumentKind, previous: PageClass | None) -> bool:
    """Whether a page belongs to the document before it."""
    if cls.kind is None:
        return True
    if cls.kind != kind:
        return False
    if previous is not None and cls.urn and previous.urn and cls.urn != previous.urn:
        return False
    if cls.continuation:
        return True
    return kind not in _ONE_FRONT_PAGE_EACH and not cls.first


def _title(kind: DocumentKind, form: str | None) -> str:
    title = _TITLES[kind]
    return f"MG{form} {title[0].lower()}{title[1:]}" if form else title


def read_fields(text: str) -> DocumentFields:
    """Read the URN, defendant names and witness name that a document states."""
    urn = URN_PATTERN.search(text)
    witness = _STATEMENT_OF.search(text)
    names = tuple(dict.fromkeys(m.group(1).strip() for m in _DEFENDANT.finditer(text)))
    return DocumentFields(
        urn=urn.group(0) if urn else None,
        names=names,
        witness=witness.group(1).strip() if witness else None,
    )
