"""Bundle-level checks: breaches that are a whole document, not a single word.

Each check reads the documents' kinds and key fields (see :mod:`segment`) against
the case, and says what is wrong in words a lawyer can act on. The check that
needs the decisions (``unredacted_elsewhere``) lives in :mod:`policy.consistency`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from idpc_guard.documents.fields import normalise_pnc
from idpc_guard.model import Case, Document, DocumentIssue, DocumentKind, IssueKind, PageText
from idpc_guard.text.dates import parse_date
from idpc_guard.text.names import SAME_PERSON, UNSURE, WrittenName, name_match, parse_name

#: Two documents whose word shingles overlap this much are the same document.
DUPLICATE_SIMILARITY = 0.9
_SHINGLE = 5
#: A document needs this many words before it can be called a duplicate.
_MIN_WORDS = 40


def check_documents(
    documents: Sequence[Document], case: Case, texts: Sequence[PageText] = ()
) -> tuple[DocumentIssue, ...]:
    """Document-level issues, in document order (pass ``texts`` to find duplicates)."""
    issues: list[DocumentIssue] = []
    known_pnc = {
        normalise_pnc(d.fields.pnc_id)
        for d in documents
        if d.fields.pnc_id and d.kind in (DocumentKind.CASE_SUMMARY, DocumentKind.CHARGE_SHEET)
    }
    duplicates = _duplicates(documents, texts) if texts else {}
    for doc in documents:
        pages = tuple(p + 1 for p in doc.pages)
        if doc.doubt:
            issues.append(_doubtful(doc, pages))
        elif doc.kind is DocumentKind.WITNESS_CONTACT_DETAILS:
            issues.append(
                DocumentIssue(
                    IssueKind.WITNESS_CONTACT_DETAILS,
                    doc.index,
                    doc.pages,
                    f"Page(s) {_pages(pages)} are an MG11 back page (witness contact details). "
                    "It must never be served; it is removed from the redacted copy.",
                )
            )
        elif doc.kind is DocumentKind.NOT_DISCLOSABLE:
            issues.append(
                DocumentIssue(
                    IssueKind.NOT_DISCLOSABLE_DOCUMENT,
                    doc.index,
                    doc.pages,
                    f"Page(s) {_pages(pages)} are a not-disclosable form ({doc.title}). "
                    "It must not be in a served bundle; it is removed from the redacted copy.",
                )
            )
        elif doc.kind in (DocumentKind.CASE_SUMMARY, DocumentKind.CHARGE_SHEET):
            detail = _foreign(doc, case)
            if detail:
                issues.append(
                    DocumentIssue(IssueKind.FOREIGN_CASE_SUMMARY, doc.index, doc.pages, detail)
                )
        elif doc.kind is DocumentKind.PREVIOUS_CONVICTIONS:
            detail = _wrong_convictions(doc, case, known_pnc)
            if detail:
                issues.append(
                    DocumentIssue(
                        IssueKind.WRONG_PREVIOUS_CONVICTIONS, doc.index, doc.pages, detail
                    )
                )
        if doc.index in duplicates:
            first = duplicates[doc.index]
            issues.append(
                DocumentIssue(
                    IssueKind.DUPLICATE_DOCUMENT,
                    doc.index,
                    doc.pages,
                    f"The {doc.title.lower()} on page(s) {_pages(pages)} repeats the one on "
                    f"page(s) {_pages([p + 1 for p in first.pages])}. Check which copy is to "
                    "be served and take the other out.",
                )
            )
    return tuple(issues)


def _doubtful(doc: Document, pages: Sequence[int]) -> DocumentIssue:
    """A document that may be one never served, on evidence too weak to remove it."""
    if doc.kind is DocumentKind.WITNESS_CONTACT_DETAILS:
        kind = IssueKind.WITNESS_CONTACT_DETAILS
        what = "an MG11 back page (witness contact details)"
    else:
        kind = IssueKind.NOT_DISCLOSABLE_DOCUMENT
        what = f"a not-disclosable form ({doc.title})"
    return DocumentIssue(
        kind,
        doc.index,
        doc.pages,
        f"Page(s) {_pages(pages)} may be {what}, but {doc.doubt}. They are kept in the "
        "redacted copy: check them, and take them out before service if they are.",
    )


def _foreign(doc: Document, case: Case) -> str | None:
    """Why a case summary or charge sheet is not this case's, if it is not."""
    what = "case summary" if doc.kind is DocumentKind.CASE_SUMMARY else "charge sheet"
    where = f"The {what} on page(s) {_pages([p + 1 for p in doc.pages])}"
    if case.urn and doc.fields.urn and _norm(doc.fields.urn) != _norm(case.urn):
        return (
            f"{where} gives URN {doc.fields.urn}, not this case's {case.urn}: "
            "it may belong to another case."
        )
    if case.defendants and doc.fields.names:
        best = max(name_match(name, d.name) for name in doc.fields.names for d in case.defendants)
        if best < UNSURE:
            source = "the case file" if not case.inferred else "the case"
            return (
                f"{where} names a defendant who is not a defendant in {source}: "
                "it may belong to another case, or the case file may be wrong."
            )
    return None


def _wrong_convictions(doc: Document, case: Case, known_pnc: set[str]) -> str | None:
    """Why a previous convictions print may not be a defendant's, if it may not."""
    where = f"The previous convictions on page(s) {_pages([p + 1 for p in doc.pages])}"
    fields = doc.fields
    if fields.pnc_id and known_pnc and normalise_pnc(fields.pnc_id) not in known_pnc:
        return (
            f"{where} are for PNC ID {fields.pnc_id}, which is not the PNC ID the case "
            "gives for the defendant: they are another person's record and must not be served."
        )
    if not case.defendants or not fields.names:
        return None
    scored = sorted(
        ((name_match(name, d.name), d) for name in fields.names for d in case.defendants),
        key=lambda item: item[0],
        reverse=True,
    )
    score, defendant = scored[0]
    born = [parse_date(b) for b in fields.dobs]
    known = parse_date(defendant.dob) if defendant.dob else None
    dob_agrees = None if known is None or not any(born) else known in born
    if score < UNSURE:
        return (
            f"{where} are for a person who is not a defendant in this case: "
            "they are another person's record and must not be served."
        )
    if dob_agrees is False:
        return (
            f"{where} are for a person with the defendant's name but a different date of "
            "birth: they are probably another person's record and must not be served."
        )
    if score < SAME_PERSON and dob_agrees is not True:
        return (
            f"{where} are for a person whose name only partly matches the defendant's, "
            "and no date of birth confirms it: check that they are the defendant's."
        )
    return None


def _duplicates(documents: Sequence[Document], texts: Sequence[PageText]) -> dict[int, Document]:
    """Documents that repeat an earlier one of the same kind, mapped to that earlier one."""
    seen: dict[DocumentKind, list[tuple[Document, frozenset[int]]]] = {}
    found: dict[int, Document] = {}
    witnesses = _Witnesses()
    for doc in documents:
        if doc.kind in (DocumentKind.EXHIBIT_IMAGE, DocumentKind.OTHER):
            continue
        words = _WORD.findall(" ".join(texts[p].text for p in doc.pages).casefold())
        if len(words) < _MIN_WORDS:
            continue
        # Each shingle (five words in a row) kept as its hash: a long bundle's shingles
        # as tuples of words took 20 MB per 500 pages; a collision between two 64-bit
        # hashes cannot move the similarity of two statements.
        runs = zip(*(words[i:] for i in range(_SHINGLE)), strict=False)  # ends with the last
        shingles = frozenset(map(hash, runs))
        same_kind = seen.setdefault(doc.kind, [])
        for earlier, other in same_kind:
            if witnesses.same(earlier, doc) and _similar(shingles, other):
                found[doc.index] = earlier
                break
        else:
            same_kind.append((doc, shingles))
    return found


_WORD = re.compile(r"[a-z0-9]+")


def _similar(a: frozenset[int], b: frozenset[int]) -> bool:
    # The shared shingles are at most the smaller set and the union at least the larger:
    # sets of very different sizes cannot be similar, and are not intersected.
    if min(len(a), len(b)) < DUPLICATE_SIMILARITY * max(len(a), len(b)):
        return False
    shared = len(a & b)
    return shared >= DUPLICATE_SIMILARITY * (len(a) + len(b) - shared)


class _Witnesses:
    """Whether two documents can be one witness's, each witness's name parsed once."""

    def __init__(self) -> None:
        self._parsed: dict[str, WrittenName | None] = {}

    def same(self, a: Document, b: Document) -> bool:
        """Statements of two different witnesses are never the same statement."""
        if a.fields.witness and b.fields.witness:
            left, right = self._parse(a.fields.witness), self._parse(b.fields.witness)
            return left is not None and right is not None and name_match(left, right) >= UNSURE
        return True

    def _parse(self, name: str) -> WrittenName | None:
        if name not in self._parsed:
            self._parsed[name] = parse_name(name)
        return self._parsed[name]


def _pages(pages: Sequence[int]) -> str:
    return ", ".join(str(p) for p in pages)


def _norm(urn: str) -> str:
    return "".join(c for c in urn.upper() if c.isalnum())
