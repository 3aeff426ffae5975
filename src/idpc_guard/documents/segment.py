"""Split a bundle into its documents and read their key fields.

A page is classified by what it is, not by what it mentions: its own title (a short
line among its first lines), its form code (on a short line at its top or in its
footer: "MG11", "MG 6 C") and its page count ("Page 2 of 3"). A sentence that names a
form, a contents page or a bundle index that lists forms, is none of them. The two
unused-material schedules are told apart by their heading (non-sensitive: served;
sensitive: never served). A kind whose pages are removed whole (an MG11 back page, a
not-disclosable form) needs that evidence at the page's top or in its footer; weaker or
conflicting evidence is kept as the document's ``doubt``, and such a document is kept
in the copy and raised for review instead of removed.

A document starts at a bookmark, at "Page 1 of N", at a new title or a title over
another person's particulars, at a statement's opening (its statement of truth, "I, X,
make this statement"), a letter's salutation or an email's header, and after a page
that ends one (the last page of a count, "Yours sincerely", a signature over a date,
"interview concluded"). A continuation page, or a page with no header of its own,
joins the document before it.
"""

from __future__ import annotations

import dataclasses
import re
from collections import Counter
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
#: The first lines of a page: a title or form code here is the page's own.
TOP_LINES = 5
#: A title or form-code line is short; a line of running text is not a title.
TITLE_WORDS = 12
FORM_LINE_WORDS = 8

#: "MG11", "MG 6 C", "MG6C", "MG-3A": the form code as printed.
_FORM_CODE = re.compile(r"\bMG[ \t-]?(\d{1,2})(?:[ \t]?([A-E]))?(?![A-Za-z0-9])")
#: A continuation sheet says so ("(cont)", "continuation of statement", "continued").
_CONTINUED = re.compile(
    r"\(\s*cont[a-z.']*\s*\)|\bcontinuation\b|^\s*continued\b|\bcontinued\s*$|"
    r"\bcont(?:inued|'d|\.)\s+(?:from|overleaf)\b",
    re.IGNORECASE,
)
#: A page number alone on a line ("Page 2", "- 3 -"): past the first, a continuation.
_PAGE_N = re.compile(r"^\s*(?:Page\s+(\d{1,4})|-\s*(\d{1,4})\s*-)\s*$", re.IGNORECASE)
_PAGE_OF = re.compile(r"\bPage\s*(?:No\.?\s*)?(\d{1,4})\s*(?:of|/)\s*(\d{1,4})\b", re.IGNORECASE)

#: Form codes never served on the defence (Manual of Guidance).
NOT_DISCLOSABLE_FORMS = frozenset({"2", "3", "3A", "3B", "6", "6B", "6D", "6E", "10"})

_FORM_KINDS: dict[str, DocumentKind] = {
    "5": DocumentKind.CASE_SUMMARY,
    "4": DocumentKind.CHARGE_SHEET,
    "11": DocumentKind.WITNESS_STATEMENT,
    "9": DocumentKind.WITNESS_LIST,
    "6C": DocumentKind.UNUSED_MATERIAL_SCHEDULE,
    "12": DocumentKind.OTHER,  # the exhibit list
    "15": DocumentKind.INTERVIEW_RECORD,
    "16": DocumentKind.PREVIOUS_CONVICTIONS,
    "19": DocumentKind.COMPENSATION_CLAIM,
}

#: Codes of the two unused-material schedules and MG6 itself: the heading tells them apart.
_SCHEDULE_FORMS = frozenset({"6", "6C", "6D"})
#: Kinds whose pages are removed whole: they need the page's own evidence.
_REMOVED = frozenset({DocumentKind.WITNESS_CONTACT_DETAILS, DocumentKind.NOT_DISCLOSABLE})

# Titles, checked in order: the first that appears in a page header wins.
_TITLE_KINDS: tuple[tuple[re.Pattern[str], DocumentKind], ...] = tuple(
    (re.compile(pattern, re.IGNORECASE | re.MULTILINE), kind)
    for pattern, kind in (
        (
            r"witness contact details|witness details \(rear\)|(?:rear|back) of (?:the )?statement|"
            r"witness details for (?:the )?witness care",
            DocumentKind.WITNESS_CONTACT_DETAILS,
        ),
        (
            r"not disclosable|(?<!non-)(?<!non )\bsensitive (?:unused )?material|"
            r"will not be disclosed|charging decision|case file information|"
            r"disclosure officer'?s report|witness non-?availability|initial witness assessment|"
            r"(?:disciplinary|misconduct) record|not (?:to be )?(?:disclosed|served)\b|"
            r"not for (?:disclosure|service)|for the (?:prosecutor|prosecution|cps) only|"
            r"do not (?:disclose|serve)\b",
            DocumentKind.NOT_DISCLOSABLE,
        ),
        (r"unused material", DocumentKind.UNUSED_MATERIAL_SCHEDULE),
        (
            r"witness statement|statement of witness|^\s*statement of\b(?!\s*:)(?!\s*truth)",
            DocumentKind.WITNESS_STATEMENT,
        ),
        (
            r"case summary|police report|summary of (?:the )?(?:prosecution )?(?:case|evidence)|"
            r"prosecution (?:case )?summary|outline of (?:the )?(?:case|facts)",
            DocumentKind.CASE_SUMMARY,
        ),
        (r"witness list|list of witnesses", DocumentKind.WITNESS_LIST),
        (
            r"previous convictions|antecedents|\bPNC\b|police national computer|"
            r"conviction history|criminal record",
            DocumentKind.PREVIOUS_CONVICTIONS,
        ),
        (
            r"record of (?:taped |tape recorded |video recorded )?interview|interview record|"
            r"short descriptive note|transcript of (?:the |an? )?(?:[\w-]+ ){0,3}?interview|"
            r"interview transcript|\bROTI\b",
            DocumentKind.INTERVIEW_RECORD,
        ),
        (
            r"exhibit list|list of exhibits|schedule of exhibits|table of contents|"
            r"pocket ?note ?book|notebook entr|officer'?s notes|file note|attendance note|"
            r"memorandum|crime report|incident log|"
            # "Custody record 417 220 0318" in a charge's header is a reference, not a title.
            r"custody record(?![^\S\n]*(?:no\b|number|ref|:?[^\S\n]*\d))|"
            r"^\s*(?:approved )?judgment\b|"
            r"practice direction",
            DocumentKind.OTHER,
        ),
        (
            r"charge sheet|charge/requisition|^\s*charges?(?:\s*\(s\))?\s*$|"
            r"^\s*(?:you (?:are|have been|will be) )?charged\b.*\bwith\b",
            DocumentKind.CHARGE_SHEET,
        ),
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

#: Where a document begins: the statement of truth or the maker's opening words of a
#: statement ("I, X, make this statement", "My name is X."), a letter's salutation, an
#: email's header fields.
_STATEMENT_START = re.compile(
    r"\bthis statement\b[\s\S]{0,80}?\bis true to the best of my\b|"
    r"^\s*I,\s+[A-Z][^\n]{0,80}?\bmake this statement\b|"
    r"^\s*My\s+(?:full\s+)?name\s+is\s+(?-i:[A-Z])",
    re.IGNORECASE | re.MULTILINE,
)
_LETTER_START = re.compile(r"^\s*Dear\s+[A-Z][^\n]{0,40}$", re.MULTILINE)
#: A witness's account: sentences in the first person ("I saw", "I am a police
#: constable"), and the maker's declaration that it is true.
_FIRST_PERSON = re.compile(r"\bI\s+[a-z]+\b")
_TRUE = re.compile(
    r"\b(?:contents|facts?)\s+(?:of\s+this\s+statement\s+)?(?:stated\s+)?[^\n]{0,40}?\btrue\b"
    r"|\bthis statement\b[\s\S]{0,80}?\btrue\b",
    re.IGNORECASE,
)
#: How many first-person clauses make a page an account rather than a form.
_ACCOUNT_SENTENCES = 3


def _reads_as_statement(text: str) -> bool:
    """Whether a page is a witness's account: first-person narrative and a declaration."""
    return len(_FIRST_PERSON.findall(text)) >= _ACCOUNT_SENTENCES and bool(_TRUE.search(text))


_EMAIL_FROM = re.compile(r"^\s*From\s*:", re.MULTILINE)
_EMAIL_TO = re.compile(r"^\s*(?:To|Subject)\s*:", re.MULTILINE)
#: Where a document ends: a letter's close, an interview's or a statement's last words.
_ENDING = re.compile(
    r"^\W*(?:yours (?:sincerely|faithfully)|kind regards)\b|"
    r"^\W*end of (?:the )?(?:statement|interview|transcript|record|report|entry|entries|"
    r"document|letter|notes?)\b|^\W*(?:the )?interview (?:concluded|terminated|ended)\b",
    re.IGNORECASE,
)
#: A signature over a date as a page's last lines: the maker has signed the document off.
_SIGNED_OFF = re.compile(r"^\s*Signed\b[^\n]*\n\s*Dated?\b[^\n]*$", re.IGNORECASE)
#: A contents page or bundle index: its title, or a column of numbered entries.
_CONTENTS_TITLE = re.compile(
    r"^\s*(?:table of )?contents\s*$|^\s*(?:bundle )?index\s*(?:(?:to|of)\b.*)?$|"
    r"\bindex (?:to|of) (?:the )?(?:bundle|documents)\b|^\s*list of documents\b",
    re.IGNORECASE,
)
_CONTENTS_ENTRY = re.compile(r"^\s*\d{1,3}[.)]?\s+\S.*|.*(?:\.{4,}|\s{3,})\s*\d{1,4}\s*$")
_CONTENTS_SHARE = 0.4
_CONTENTS_MIN = 4
_CONTENTS_KINDS = 3

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
    first: bool  # the page says a document starts here ("Page 1 of 3", a statement's header)
    urn: str | None
    last: bool = False  # the page says a document ends here ("Page 2 of 2", "Yours sincerely")
    #: Why the kind is uncertain, when it is one whose pages would be removed: the
    #: evidence for and against, in words a reviewer can check. Empty when certain.
    doubt: str = ""
    #: The title line that named the kind (case-folded): a different one starts a document.
    heading: str = ""


#: An exhibit photograph: pictures over this share of the page and few words.
_IMAGE_SHARE = 0.3
_IMAGE_PAGE_WORDS = 40
#: A page titled as an exhibit with more words than this and no picture is a text exhibit.
_EXHIBIT_TEXT_WORDS = 120
#: Words that name a document in a title ("report", "transcript"), and a title line:
#: short, among the page's first lines, not a numbered section heading nor a sentence.
_DOCUMENT_NOUN = re.compile(
    r"\b(?:report|transcript|statement|letter|notes?|record|log|schedule|list|summary|"
    r"certificate|form|exhibit|messages?|minutes|memo(?:randum)?|application|order|notice|"
    r"judgment|direction|assessment|review|extract|print|timeline|chronology)\b",
    re.IGNORECASE,
)
_DOCUMENT_TITLE_WORDS = 10
#: Words that open a sentence rather than a title.
_SENTENCE_OPENERS = frozenset(
    "the a an i he she it we they you this that these those his her their my our".split()
)
_DOCUMENT_TITLE_LINES = 3


def page_number(text: PageText) -> int | None:
    """The number a page prints at its top or foot ("Page 3", "- 3 -"), if any."""
    lines = text.text.split("\n")
    footer = lines[-FOOTER_LINES:] if len(lines) > HEADER_LINES else []
    match = _search(_PAGE_N, [*lines[:TOP_LINES], *footer])
    return int(match.group(1) or match.group(2)) if match else None


def bundle_paginated(texts: Sequence[PageText]) -> bool:
    """Whether the bundle numbers its own pages ("- 1 -" to "- 40 -"), not each document's.

    Then a page's number says where it is in the bundle, not that it continues a
    document: most numbered pages carry their place in the bundle (or that plus a
    constant, when the bundle was cut from a longer one), at least three of them.
    """
    numbered = [(i, n) for i, t in enumerate(texts) if (n := page_number(t)) is not None]
    if len(numbered) < 3:
        return False
    offsets = Counter(n - i for i, n in numbered)
    _, count = offsets.most_common(1)[0]
    return count >= 3 and count >= 0.8 * len(numbered)


def classify_page(
    text: PageText, page: Page | None = None, *, bundle_numbers: bool = False
) -> PageClass:
    """Classify a page by what it is: its own title, form code and header zone.

    Only short lines count as titles and form codes (a sentence that mentions a form
    is not that form), and a page whose kind would have it removed needs that evidence
    at its top or in its footer; weaker or conflicting evidence is kept as ``doubt``.
    ``bundle_numbers`` says the page numbers are the bundle's (:func:`bundle_paginated`):
    a "Page 3" then does not make the page a continuation.
    """
    lines = text.text.split("\n")
    footer = lines[-FOOTER_LINES:] if len(lines) > HEADER_LINES else []
    page_of = _search(_PAGE_OF, lines[:HEADER_LINES]) or _search(_PAGE_OF, footer)
    titles = [(i, line) for i, line in enumerate(lines[:HEADER_LINES]) if _is_title_line(line)]
    urn_match = URN_PATTERN.search("\n".join(lines[:HEADER_LINES]))
    urn = urn_match.group(0) if urn_match else None
    first = bool(page_of and int(page_of.group(1)) == 1)
    last = bool(page_of and page_of.group(1) == page_of.group(2))
    if _is_contents(lines, titles):
        return PageClass(DocumentKind.OTHER, None, False, True, urn, True, heading="contents")
    form, code_top = _form_code(lines, footer)
    page_n = None if bundle_numbers else _search(_PAGE_N, [*lines[:TOP_LINES], *footer])
    continuation = (
        bool(page_of and int(page_of.group(1)) > 1)
        or bool(page_n and int(page_n.group(1) or page_n.group(2)) > 1)
        or any(_CONTINUED.search(line) for _, line in titles)
    )
    kind, heading, top = _title_kind(titles)
    kind, doubt = _reconcile(kind, top, form, code_top)
    if kind in (None, DocumentKind.WITNESS_STATEMENT) and _is_back_page(text.text):
        kind, doubt = DocumentKind.WITNESS_CONTACT_DETAILS, ""
    body = "\n".join(lines[:25])
    if _STATEMENT_START.search(body):
        first = True
        kind = kind or DocumentKind.WITNESS_STATEMENT
    elif _LETTER_START.search(body) or (_EMAIL_FROM.search(body) and _EMAIL_TO.search(body)):
        first = True
    if page is not None and kind in (None, DocumentKind.EXHIBIT_IMAGE):
        if _is_picture(page, text):
            kind = DocumentKind.EXHIBIT_IMAGE
        elif kind is DocumentKind.EXHIBIT_IMAGE and len(text.words) > _EXHIBIT_TEXT_WORDS:
            kind = DocumentKind.OTHER  # an exhibit that is text (a transcript, a log)
    if kind is None and not continuation:
        # A title of a kind not listed above ("Expert report of ...", "Transcript of a
        # call"): the page is a document of its own, its heading kept to tell it apart.
        # Its kind stays open (a bookmark may name it); it is ``other`` otherwise.
        heading = _document_title(lines)
    ending = [line for line in lines if line.strip()]
    last = (
        last
        or any(_is_ending(line) for line in ending[-8:])
        or bool(_SIGNED_OFF.search("\n".join(ending[-2:])))
    )
    return PageClass(
        kind=kind,
        form=form,
        continuation=continuation,
        first=first and not continuation,
        urn=urn,
        last=last,
        doubt=doubt,
        heading=heading,
    )


def _document_title(lines: Sequence[str]) -> str:
    """The page's first line when it is a document's title (case-folded), else ""."""
    top = [line.strip() for line in lines[:_DOCUMENT_TITLE_LINES] if line.strip()]
    if not top:
        return ""
    line = top[0]
    words = line.split()
    if (
        len(words) > _DOCUMENT_TITLE_WORDS
        or line.endswith((".", ",", ";"))
        or not line[0].isupper()
        or words[0].casefold() in _SENTENCE_OPENERS
    ):
        return ""
    # The noun leads a title ("Transcript of ...") or the title is in capitals.
    named = _DOCUMENT_NOUN.search(line if line.isupper() else " ".join(words[:3]))
    return _norm_heading(line) if named else ""


def _search(pattern: re.Pattern[str], lines: Sequence[str]) -> re.Match[str] | None:
    for line in lines:
        match = pattern.search(line)
        if match:
            return match
    return None


def _is_title_line(line: str) -> bool:
    words = line.split()
    return 0 < len(words) <= TITLE_WORDS and not line.rstrip().endswith((".", ",", ";"))


def _is_ending(line: str) -> bool:
    """A line that closes a document: short, and saying so (not "at the end of the day")."""
    return len(line.split()) <= FORM_LINE_WORDS and bool(_ENDING.search(line))


def _form_code(lines: Sequence[str], footer: Sequence[str]) -> tuple[str | None, bool]:
    """The form code printed on a line of its own, and whether at the top or in the footer."""
    top = (*lines[:TOP_LINES], *footer)
    for zone, at_top in ((top, True), (lines[TOP_LINES:HEADER_LINES], False)):
        for line in zone:
            if len(line.split()) > FORM_LINE_WORDS or line.rstrip().endswith((".", ",", ";")):
                continue
            match = _FORM_CODE.search(line)
            if match:
                return match.group(1) + (match.group(2) or ""), at_top
    return None, False


def _title_kind(titles: Sequence[tuple[int, str]]) -> tuple[DocumentKind | None, str, bool]:
    """The kind the first naming title line gives, that line, and whether it is at the top."""
    for pattern, kind in _TITLE_KINDS:
        for i, line in titles:
            if pattern.search(line):
                return kind, _norm_heading(line), i < TOP_LINES
    return None, "", False


def _norm_heading(line: str) -> str:
    return " ".join(re.sub(r"[^a-z ]+", " ", line.casefold()).split())


def _reconcile(
    kind: DocumentKind | None, top: bool, form: str | None, code_top: bool = True
) -> tuple[DocumentKind | None, str]:
    """The kind a page's title and form code give together, and any doubt about it.

    ``top``: the title is among the page's first lines; ``code_top``: so is the form
    code, or it is in the footer.
    """
    code_kind = None
    if form is not None:
        code_kind = (
            DocumentKind.NOT_DISCLOSABLE if form in NOT_DISCLOSABLE_FORMS else _FORM_KINDS.get(form)
        )
    if kind is DocumentKind.UNUSED_MATERIAL_SCHEDULE and form in _SCHEDULE_FORMS:
        # The schedules share a code family: their own heading says which one it is.
        return kind, ""
    if kind is DocumentKind.NOT_DISCLOSABLE and form in _SCHEDULE_FORMS:
        return kind, ""
    low = "the title or form code that names it is not at the top of the page or in its footer"
    if code_kind is None or code_kind is kind:
        confirmed = top or (code_kind is kind and code_top)
        return kind, "" if kind not in _REMOVED or confirmed else low
    if kind is None:
        return code_kind, "" if code_kind not in _REMOVED or code_top else low
    if kind is DocumentKind.WITNESS_CONTACT_DETAILS and form == "11":
        return kind, ""
    if DocumentKind.NOT_DISCLOSABLE in (kind, code_kind):
        served = code_kind if kind is DocumentKind.NOT_DISCLOSABLE else kind
        assert served is not None
        return DocumentKind.NOT_DISCLOSABLE, (
            f"its form code MG{form} and its title disagree: one names a not-disclosable "
            f"form, the other a {_TITLES[served].lower()}"
        )
    return code_kind, ""


def _is_contents(lines: Sequence[str], titles: Sequence[tuple[int, str]]) -> bool:
    """A contents page or bundle index: it lists documents, it is none of them."""
    if any(_CONTENTS_TITLE.search(line) for _, line in titles):
        return True
    heading = titles[0][1] if titles else ""
    if heading and not _CONTENTS_ENTRY.fullmatch(heading) and kind_of_title(heading) is not None:
        return False  # a page titled as a document is that document, not a list of them
    entries = [line for line in lines if _CONTENTS_ENTRY.fullmatch(line)]
    if len(entries) < _CONTENTS_MIN or len(entries) < _CONTENTS_SHARE * len(lines):
        return False
    # Entries that name documents of several kinds (a list of exhibits names none).
    named = {kind_of_title(line) for line in entries} - {None, DocumentKind.OTHER}
    return len(named) >= _CONTENTS_KINDS


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
    """The kind of document a title (a bookmark, a heading line) names, if it names one."""
    kind, _, _ = _title_kind([(0, title)])
    match = _FORM_CODE.search(title)
    form = match.group(1) + (match.group(2) or "") if match else None
    return _reconcile(kind, True, form)[0]


def segment(bundle: Bundle, texts: Sequence[PageText]) -> tuple[Document, ...]:
    """Split the bundle into documents (each a run of pages of one kind)."""
    marks = _outline_marks(bundle.outline, bundle.page_count)
    bundle_numbers = bundle_paginated(texts)
    runs: list[_Run] = []
    previous: PageClass | None = None
    for page, text in zip(bundle.pages, texts, strict=True):
        cls = classify_page(text, page, bundle_numbers=bundle_numbers)
        own = cls.kind is not None
        mark = marks.get(page.index)
        if mark is not None and cls.kind is None:
            cls = dataclasses.replace(cls, kind=mark[0] or DocumentKind.OTHER)
            if cls.kind in _REMOVED:
                cls = dataclasses.replace(cls, doubt="only its bookmark names it, not the page")
        starts = mark is not None and not cls.continuation
        if runs and not starts and _continues(cls, runs[-1], previous, text):
            run = runs[-1]
            if not own and not cls.continuation and run.kind in _REMOVED and not run.doubt:
                if _reads_as_statement(text.text):
                    # A witness's own account under a bare name and date: no back page or
                    # internal form reads like this, so it starts a statement.
                    runs.append(
                        _Run(DocumentKind.WITNESS_STATEMENT, None, [page.index], None, "", "")
                    )
                    previous = cls
                    continue
                # Nothing on the page says it is part of a document to remove: review it.
                doubt = (
                    f"the page has no title, form code or page count of its own and only "
                    f"follows the one on page {run.pages[-1] + 1}"
                )
                runs.append(_Run(run.kind, run.form, [page.index], None, "", "", doubt))
            else:
                run.pages.append(page.index)
                run.doubt = run.doubt or cls.doubt
        else:
            title = mark[1] if mark is not None else None
            runs.append(
                _Run(
                    cls.kind or DocumentKind.OTHER,
                    cls.form,
                    [page.index],
                    title,
                    cls.heading,
                    _person(text) if cls.heading else "",
                )
            )
            runs[-1].doubt = cls.doubt
        previous = cls
    return tuple(
        Document(
            index=i,
            kind=run.kind,
            title=_title(run.kind, run.form, run.bookmark),
            pages=tuple(run.pages),
            fields=read_fields("\n".join(texts[p].text for p in run.pages)),
            doubt=run.doubt if run.kind in _REMOVED else "",
        )
        for i, run in enumerate(runs)
    )


@dataclass(slots=True)
class _Run:
    """A document being gathered: its kind, form code, pages, bookmark and heading."""

    kind: DocumentKind
    form: str | None
    pages: list[int]
    bookmark: str | None
    heading: str
    person: str  # the person its first page is about, by a labelled field
    doubt: str = ""


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


def _continues(cls: PageClass, run: _Run, previous: PageClass | None, text: PageText) -> bool:
    """Whether a page belongs to the document before it."""
    if previous is not None and previous.last and not cls.continuation:
        return False  # the document before has ended ("Page 2 of 2", "Yours sincerely")
    if cls.first:
        return False
    if cls.kind is None:
        # A page with no header of its own continues the document; one with a title
        # that names no kind starts one, unless the title is the document's running head.
        return not cls.heading or cls.heading == run.heading
    if cls.kind != run.kind:
        return False
    if previous is not None and cls.urn and previous.urn and cls.urn != previous.urn:
        return False
    if cls.continuation:
        return True
    if cls.heading and cls.heading != run.heading:
        return False  # a new title starts a new document; a running header repeats
    if cls.heading and run.person and _person(text) not in ("", run.person):
        return False  # the same title over another person's particulars: another document
    return run.kind not in _ONE_FRONT_PAGE_EACH


def _person(text: PageText) -> str:
    """The person a page's labelled fields are about ("Statement of:", "Defendant:")."""
    fields = read_fields(text.text)
    return fields.witness or (fields.names[0] if fields.names else "")


def _title(kind: DocumentKind, form: str | None, bookmark: str | None = None) -> str:
    if bookmark:
        return bookmark
    title = _TITLES[kind]
    return f"MG{form} {title[0].lower()}{title[1:]}" if form else title
