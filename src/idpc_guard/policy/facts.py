"""Facts of the case that offence exceptions are tied to.

Is this address the scene, is this phone the defendant's, is this date of birth
the complainant's?

Pure: compares normalised text from the case (case file and charge particulars)
with the text of a detection. No guessing: an item that matches no fact of the
case gets no role from here.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from idpc_guard.model import Case, DocumentKind, Entity, PremisesKind, Role
from idpc_guard.text.dates import parse_date

_POSTCODE = re.compile(r"\b([A-Z]{1,2}\d[A-Z\d]?)\s*(\d[A-Z]{2})\b", re.I)
_WORD = re.compile(r"[a-z0-9]+")
_ROLE_OF_PREMISES = {
    PremisesKind.SCENE: Role.SCENE,
    PremisesKind.BUSINESS: Role.BUSINESS,
    PremisesKind.VIEWPOINT: Role.WITNESS,
}
#: Documents where an address is a person's contact details, never the scene: the
#: witness's home on an MG11 back page or witness list, the victim's on a compensation
#: claim, receipt or medical record ("copies should be edited so as to not disclose the
#: victim's address").
NOT_A_SCENE: dict[DocumentKind, Role] = {
    DocumentKind.WITNESS_CONTACT_DETAILS: Role.WITNESS,
    DocumentKind.WITNESS_LIST: Role.WITNESS,
    DocumentKind.COMPENSATION_CLAIM: Role.VICTIM,
    DocumentKind.MEDICAL_RECORD: Role.VICTIM,
}


#: The writer's own number: "my mobile number is", "my home telephone number:", "you can
#: contact me on" (not "my daughter's number is": whose it is then is another's).
_MY_NUMBER = re.compile(
    r"\b(?:my\s+(?:(?:own|home|work|mobile|personal|contact|landline)\s+){0,2}"
    r"(?:(?:tele)?phone|mobile|landline|number)(?:\s+(?:number|no\.?))?\s*(?:is|:|,)?"
    r"|(?:contact|call|reach|ring|text)\s+me\s+(?:on|at))\W*$",
    re.I,
)
_FIRST_PERSON: dict[str, re.Pattern[str]] = {
    Entity.DATE_OF_BIRTH: re.compile(
        r"\b(?:I\s+was\s+born(?:\s+on)?|my\s+date\s+of\s+birth\s+is|my\s+D\.?O\.?B\.?\s+is)\W*$",
        re.I,
    ),
    Entity.PHONE_NUMBER: _MY_NUMBER,
    Entity.EMAIL_ADDRESS: re.compile(
        r"\b(?:my\s+(?:(?:own|personal|work|home)\s+)?e-?mail(?:\s+address)?\s*(?:is|:|,)?"
        r"|(?:contact|reach|e-?mail)\s+me\s+(?:on|at))\W*$",
        re.I,
    ),
}


def in_first_person(entity: str, text: str, start: int) -> bool:
    """Whether the item at ``start`` is the writer's own ("I was born on ...").

    So are "my mobile number is ..." and "my email address is ...". In a witness
    statement that makes it the data of the statement's maker.
    """
    pattern = _FIRST_PERSON.get(entity)
    return bool(pattern and pattern.search(text[max(0, start - 40) : start]))


def postcode_of(text: str) -> str | None:
    """The postcode in ``text``, upper case with one space (``L4 6TH``), if any."""
    match = _POSTCODE.search(text)
    return f"{match[1]} {match[2]}".upper() if match else None


def first_line(text: str) -> str:
    """The first line of an address (before the first comma or line break), normalised.

    ``"12 Acacia Avenue, Liverpool L4 6TH"`` -> ``"12 acacia avenue"``.
    """
    head = re.split(r"[,\n]", text, maxsplit=1)[0]
    return " ".join(_WORD.findall(head.casefold()))


def digits(text: str) -> str:
    """A phone number's digits, with +44 (and "+44 (0)") written as a leading 0."""
    only = re.sub(r"\D", "", text)
    if only.startswith("0044"):
        only = only[2:]
    if only.startswith("44") and len(only) > 10:
        return "0" + only[2:].removeprefix("0")
    return only


def plate(text: str) -> str:
    """A vehicle registration without spaces, upper case."""
    return re.sub(r"[^A-Z0-9]", "", text.upper())


@dataclass(frozen=True, slots=True)
class _Place:
    line: str
    postcode: str | None
    role: Role


@dataclass(frozen=True, slots=True)
class CaseFacts:
    """The facts of one case in the forms detections are compared in."""

    places: tuple[_Place, ...]
    defendant_phones: frozenset[str]
    defendant_vehicles: frozenset[str]
    complainant_dobs: frozenset[dt.date]

    @classmethod
    def of(cls, case: Case) -> CaseFacts:
        """Normalise the facts of ``case``."""
        places = tuple(
            _Place(first_line(p.address), postcode_of(p.address), _ROLE_OF_PREMISES[p.kind])
            for p in case.premises
            if len(first_line(p.address).split()) >= 2  # a house number and a street at least
        )
        return cls(
            places=places,
            defendant_phones=frozenset(digits(n) for p in case.defendants for n in p.phones),
            defendant_vehicles=frozenset(plate(v) for p in case.defendants for v in p.vehicles),
            complainant_dobs=frozenset(
                d for p in case.complainants if p.dob and (d := parse_date(p.dob))
            ),
        )

    def role_of(self, entity: str, text: str, document: DocumentKind) -> Role | None:
        """The role the case's facts give this item, or None when no fact matches it."""
        if entity == Entity.UK_ADDRESS:
            return self._place_role(document, line=first_line(text))
        if entity == Entity.UK_POSTCODE:
            return self._place_role(document, postcode=postcode_of(text))
        if entity == Entity.PHONE_NUMBER and digits(text) in self.defendant_phones:
            return Role.DEFENDANT
        if entity == Entity.VEHICLE_REGISTRATION and plate(text) in self.defendant_vehicles:
            return Role.DEFENDANT
        if entity == Entity.DATE_OF_BIRTH and parse_date(text) in self.complainant_dobs:
            return Role.VICTIM
        return None

    def _place_role(
        self, document: DocumentKind, line: str = "", postcode: str | None = None
    ) -> Role | None:
        for place in self.places:
            same = (line and line == place.line) or (postcode and postcode == place.postcode)
            if same:
                return NOT_A_SCENE.get(document, place.role)
        return None
