"""A person's relation to others: "her son", "the defendant's ex-partner's sister".

Which relations are read, and why not all:

* a party's, any relation: "the victim's mother", "the defendant's ex-partner's sister";
* anyone's partner, child or sibling ("her son", "Tamsin's boyfriend"), or a chain
  ("his partner's mother"); their parents, wider family and friends ("his father",
  "her family") are too common in any prose to single anyone out;
* the writer's own only as a chain that points past them ("my ex-partner's sister"):
  "my nan", "my boyfriend" are in nearly every witness statement, and name no one
  the statement does not already point to.

With the rest of a case a relation can single someone out: "the victim's eldest
daughter" is one child, whose name may be withheld elsewhere. A relation is a
possessor ("my", "her", "the defendant's", "Tamsin's") then one or more relation words,
each but the last possessive ("ex-partner's sister"), with the words people put
before them ("eldest", "ex-", "late", "7-year-old", "step"). The span is the whole
phrase, so a reviewer sees whose relation it is.

A name after the relation ("her son, Jack") is left to the name recognisers: the span
stops at the relation. Relations of the law ("next friend", "litigation friend") and
of institutions ("the company's director") are not family or household, and are not
read here.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from presidio_analyzer import EntityRecognizer

from idpc_guard.model import Entity
from idpc_guard.recognizers._base import Found, Recognizer
from idpc_guard.text.relations import CLOSE, WIDER

__all__ = ["RECOGNIZERS", "RelationshipRecognizer"]

_GAP = r"(?:[ \t]+|[ \t]*\n[ \t]*)"
#: Words before a relation: "eldest", "ex-", "7-year-old", "two", "little".
_BEFORE = (
    r"(?:(?:ex-|former|late|new|current|eldest|oldest|youngest|older|younger|elder|little|"
    r"baby|big|twin|only|teenage|adult|estranged|biological|foster|adoptive|real|"
    r"\d{1,2}[- ]year[- ]old|\d{1,2}|two|three|four|five|six|"
    rf"step|half){_GAP}?)"
)


def _relation(words: str) -> str:
    return rf"(?i:{_BEFORE}{{0,2}}(?:{words.replace(' ', _GAP)}))\b"


_ANY = _relation(f"{CLOSE}|{WIDER}")
_NEAR = _relation(CLOSE)
#: Case roles whose relations identify them: "the defendant's", "the victim's".
_ROLES = (
    r"(?i:defendant|accused|suspect|victim|complainant|witness|caller|informant|injured"
    r"[ \t]+party|deceased|child|boy|girl|woman|man|lady)"
)
#: A party's ("the defendant's", "the victim's"): any relation, or a chain of them.
_PARTYS = rf"\b(?i:the|a){_GAP}{_ROLES}['’]s"
#: Anyone's ("her", "their", "Tamsin's", "Mr Holt's"): close relations only, or a chain.
_ANYONES = (
    rf"(?:\b(?i:his|her|their|your)"
    rf"|\b(?:(?:Mr|Mrs|Ms|Miss|Mx)\.?{_GAP})?[A-Z][a-z]+(?:-[A-Z][a-z]+)?['’]s)"
)
#: The writer's own ("my", "our"): only a chain that points past their own family to
#: someone else ("my ex-partner's sister"); "my nan" alone is in every statement.
_OWN = r"\b(?i:my|our)"
_CHAIN = rf"(?:{_ANY}['’]s{_GAP}){{0,3}}"
_LINKS = rf"(?:{_ANY}['’]s{_GAP}){{1,3}}{_ANY}"
_RELATIONSHIP = re.compile(
    rf"(?:{_PARTYS}{_GAP}{_CHAIN}{_ANY}|{_ANYONES}{_GAP}(?:{_LINKS}|{_NEAR})|{_OWN}{_GAP}{_LINKS})"
    r"(?![\w-])"
)
#: Relations of the law or of a business, not of a person's family or household.
_NOT_KIN = re.compile(
    r"(?i:\b(?:next|litigation)[ \t]+friend\b|\bfamily[ \t]+(?:court|division|law|"
    r"proceedings|home)\b|\bfriend[ \t]+of[ \t]+the[ \t]+court\b)"
)
#: Possessors that are places or days, not people ("Monday's", "Tesco's").
_NOT_OWNERS = frozenset(
    "Monday Tuesday Wednesday Thursday Friday Saturday Sunday Today Yesterday Tomorrow "
    "Court Council Crown Queen King Majesty Tesco Sainsbury Asda Morrison Boots Lloyd "
    "Barclay Mother Father Sister Brother Aunt Uncle Nan Gran Mum Dad Paternal Maternal "
    "Claimant Respondent Appellant Applicant Petitioner Lord Lady Saint St".split()
)


class RelationshipRecognizer(Recognizer):
    """A person's relation to others: "her son", "the defendant's ex-partner's sister"."""

    ENTITY = Entity.RELATIONSHIP
    SCORE = 0.5

    def find(self, text: str) -> Iterator[Found]:
        """Each relation named in ``text``, with whose it is."""
        for match in _RELATIONSHIP.finditer(text):
            owner = re.sub(r"^(?:(?:Mr|Mrs|Ms|Miss|Mx)\.?\s+)", "", match.group(0))
            owner = re.split(r"['’]", owner, maxsplit=1)[0]
            if owner in _NOT_OWNERS:
                continue
            if _NOT_KIN.search(text, match.start(), min(len(text), match.end() + 20)):
                continue
            yield Found(match.start(), match.end(), self.SCORE, "a relation to someone")


RECOGNIZERS: tuple[Callable[[], EntityRecognizer], ...] = (RelationshipRecognizer,)
