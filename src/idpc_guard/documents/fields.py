"""Read a document's key fields: URN, the people it is about, dates of birth, PNC ID.

Forms label their fields ("Defendant:", "Statement of:", "Surname:" / "Forename(s):"
on a PNC print). Only labelled values are read: a name in the narrative is not a
field.
"""

from __future__ import annotations

import re

from idpc_guard.model import DocumentFields

URN_PATTERN = re.compile(r"\b\d{2}[A-Z]{2}\d{5}\d{2}\b")
#: A PNC ID as printed: year, serial number, check letter ("94/123456X").
PNC_ID_PATTERN = re.compile(r"\b(\d{2}|\d{4})/(\d{1,7})([A-Z])\b")

#: A label's end: a colon, or dot leaders as printouts write them ("SURNAME .......").
_LABEL_END = r"[ \t]*(?:\(s\))?[ \t]*(?::|\.{3,})[ \t]*"
#: A name as a form's value: two to five capitalised words or initials, nothing else
#: ("Tobias Wren ASHCOMBE", "ASHCOMBE, Tobias").
_NAME_VALUE = r"(?-i:((?:[A-Z][A-Za-z'\-]*[.,]?[ \t]+){1,4}[A-Z][A-Za-z'\-]+))[ \t]*$"
#: A label alone on its line, with or without its colon, its value on the next line.
_LABEL_ALONE = r"[ \t]*(?:\(s\))?[ \t]*(?::|\.{3,})?[ \t]*\n[ \t]*"
#: Forms lay a label out with its value on the same line ("Statement of: X") or,
#: in a table read row by row, alone on its line ("Statement of:") with the value on
#: the next.
_STATEMENT_OF = re.compile(
    rf"Statement of{_LABEL_END}(\S[^\n]*)|^[ \t]*Statement of{_LABEL_ALONE}{_NAME_VALUE}",
    re.IGNORECASE | re.MULTILINE,
)
#: "I, Jane DOE, make this statement" / "I, Jane Doe, of ... state": the maker, when
#: no field names them.
_I_MAKER = re.compile(
    r"^[ \t]*I,[ \t]+([A-Z][A-Za-z'\-]+(?:[ \t]+[A-Z][A-Za-z'\-]+){1,3}),[ \t]*"
    r"(?:make|state|say|of|am|will|do)\b",
    re.MULTILINE,
)
#: "My name is Jane DOE." at the start of a statement's text: its maker, when no field
#: names them.
_MY_NAME = re.compile(
    r"(?:^|(?<=[.\n]))[ \t]*My[ \t]+(?:full[ \t]+)?name[ \t]+is[ \t]+"
    r"([A-Z][A-Za-z'\-]+(?:[ \t]+[A-Z][A-Za-z'\-]+){1,3})(?=[ \t]*[.,;]|[ \t]*$)",
    re.MULTILINE,
)
_CHARGED_LABELS = (
    r"Defendant|Accused|Name of (?:the )?(?:defendant|accused)|Defendant(?:'s)? name|"
    r"Person charged|Charged person|Person accused"
)
_DEFENDANT_WORDS = rf"{_CHARGED_LABELS}|Subject|Name"
_DEFENDANT = re.compile(
    rf"^[ \t]*(?:{_DEFENDANT_WORDS}){_LABEL_END}(\S[^\n]*)|"
    rf"^[ \t]*(?:{_CHARGED_LABELS}){_LABEL_ALONE}{_NAME_VALUE}",
    re.IGNORECASE | re.MULTILINE,
)
#: The defendant named in apposition in a summary's prose: "The defendant, Jo BLOGGS, is".
_DEFENDANT_NAMED = re.compile(
    r"\b(?i:the)[ \t]+(?:(?i:first|second|third)[ \t]+)?(?i:defendant|accused),[ \t]+"
    r"([A-Z][A-Za-z'\-]+(?:[ \t]+[A-Z][A-Za-z'\-]+){1,3}),"
)
#: The value may be on the label's line or, in a printout read row by row, the next.
_SURNAME = re.compile(
    rf"^[ \t]*Surname{_LABEL_END}\n?[ \t]*([A-Za-z'\- ]+?)(?:[ \t]{{2,}}|$|\n)", re.I | re.M
)
_FORENAMES = re.compile(
    rf"\bForenames?{_LABEL_END}\n?[ \t]*([A-Za-z'\- ]+?)"
    rf"(?:[ \t]{{2,}}|[ \t]+[A-Z][a-z]+[ \t]*:|$|\n)",
    re.IGNORECASE | re.MULTILINE,
)
_DOB = re.compile(
    rf"\b(?:Date of birth|D\.?O\.?B\.?){_LABEL_END}\n?[ \t]*"
    rf"(\d{{1,2}}[/.\-]\d{{1,2}}[/.\-]\d{{2,4}}|"
    r"\d{1,2}(?:st|nd|rd|th)?\s+[A-Z][a-z]+\s+\d{4}|\d{4}-\d{2}-\d{2})",
    re.IGNORECASE,
)
_PNC_LABEL = re.compile(r"\bPNC\s*(?:ID|No\.?|Number)?\s*:?\s*([0-9/]+[A-Z])\b", re.IGNORECASE)


def read_fields(text: str) -> DocumentFields:
    """Read the URN, names, dates of birth, PNC ID and witness that a document states."""
    urn = URN_PATTERN.search(text)
    witness = _STATEMENT_OF.search(text) or _I_MAKER.search(text) or _MY_NAME.search(text)
    names = [(m.group(1) or m.group(2)).strip() for m in _DEFENDANT.finditer(text)]
    names += [m.group(1) for m in _DEFENDANT_NAMED.finditer(text)]
    surname = _SURNAME.search(text)
    if surname:
        forenames = _FORENAMES.search(text)
        given = forenames.group(1).strip().title() if forenames else ""
        names.append(f"{given} {surname.group(1).strip().upper()}".strip())
    names = [_clean_name(n) for n in names]
    pnc = _PNC_LABEL.search(text) or PNC_ID_PATTERN.search(text)
    return DocumentFields(
        urn=urn.group(0) if urn else None,
        names=tuple(dict.fromkeys(n for n in names if n)),
        witness=_clean_name(next(g for g in witness.groups() if g)) if witness else None,
        dobs=tuple(dict.fromkeys(m.group(1).strip() for m in _DOB.finditer(text))),
        pnc_id=(pnc.group(1) if pnc.re is _PNC_LABEL else pnc.group(0)) if pnc else None,
    )


def _clean_name(value: str) -> str:
    """A labelled name without what follows it on the line (a DOB, a second field)."""
    value = re.split(r"[ \t]{2,}|\b(?:DOB|D\.O\.B|Date of birth|PNC|Born)\b", value)[0]
    return value.strip(" ,;:")


def normalise_pnc(value: str) -> str:
    """A PNC ID in one form: four-digit year, serial without leading zeros, letter."""
    match = PNC_ID_PATTERN.search(value.upper().replace(" ", ""))
    if match is None:
        return value.upper().strip()
    year, serial, letter = match.groups()
    if len(year) == 2:
        year = ("19" if int(year) > 30 else "20") + year
    return f"{year}/{int(serial)}{letter}"
