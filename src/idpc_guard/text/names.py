"""Match people's names as they are written in bundles.

Forms and statements write one person many ways: "Michael Thomas BROWN",
"BROWN, Michael", "Mr M. Brown", "Mick Brown", "BROWN". :func:`name_match`
compares two written names and says how sure it is that they are one person;
:func:`find_name` finds the written forms of a name in a page's text.

Confidence, roughly: 1.0 the same given name(s) and surname; 0.9 one side has a
middle name the other leaves out; 0.85 an initial that fits; 0.8 a usual short form
("Mick" for "Michael"); 0.6 a surname alone or with a title (could be a relative);
0.0 a different surname, or given names that disagree. Callers treat
:data:`SAME_PERSON` and above as a match and :data:`UNSURE` up to it as a review.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Generic, TypeVar

T = TypeVar("T")

#: At or above this confidence two names are taken to be one person.
SAME_PERSON = 0.85
#: From this confidence up to :data:`SAME_PERSON` a person should check.
UNSURE = 0.5

#: Words written before a name that are not part of it: honorifics and police ranks
#: ("Dr Squier", "DC Dunne" and "Squier", "Dunne" are the same people).
TITLES = frozenset(
    {"mr", "mrs", "ms", "miss", "mx", "dr", "prof", "sir", "dame", "master", "rev", "lady", "lord"}
    | {"pc", "dc", "ps", "ds", "di", "dci", "dsu", "sgt", "insp", "spc", "pcso", "supt", "det"}
    | {"constable", "sergeant", "inspector", "detective", "superintendent"}
)
_TOKEN = re.compile(r"[A-Za-z][A-Za-z'\-]*\.?")

#: Usual short forms of English given names (both directions are looked up).
_SHORT_FORMS: dict[str, frozenset[str]] = {
    full: frozenset(shorts.split())
    for full, shorts in {
        "michael": "mick mike mickey micky",
        "william": "bill billy will liam",
        "robert": "bob bobby rob robbie bert",
        "richard": "dick rick ricky rich",
        "james": "jim jimmy jamie",
        "thomas": "tom tommy",
        "anthony": "tony",
        "christopher": "chris kit",
        "daniel": "dan danny",
        "david": "dave davy",
        "edward": "ed eddie ted ned",
        "joseph": "joe joey",
        "matthew": "matt",
        "nicholas": "nick nicky",
        "peter": "pete",
        "stephen": "steve stevie",
        "steven": "steve stevie",
        "alexander": "alex sandy",
        "andrew": "andy drew",
        "benjamin": "ben benny",
        "charles": "charlie chas chuck",
        "francis": "frank frankie",
        "frederick": "fred freddie",
        "gregory": "greg",
        "henry": "harry hal",
        "john": "jack johnny",
        "jonathan": "jon jonny",
        "kenneth": "ken kenny",
        "lawrence": "larry laurie",
        "patrick": "pat paddy",
        "philip": "phil",
        "raymond": "ray",
        "ronald": "ron ronnie",
        "samuel": "sam sammy",
        "terence": "terry",
        "timothy": "tim timmy",
        "gareth": "gaz",
        "elizabeth": "liz lizzie beth betty libby eliza",
        "margaret": "maggie meg peggy",
        "catherine": "kate cathy kath katie",
        "katherine": "kate kathy kath katie",
        "jennifer": "jen jenny",
        "rebecca": "becky becca",
        "susan": "sue susie",
        "patricia": "pat patsy trish",
        "victoria": "vicky tori",
        "deborah": "debbie deb",
        "alexandra": "alex sandra",
        "samantha": "sam sammy",
        "jacqueline": "jackie",
        "christine": "chris chrissie",
        "elinor": "ellie",
        "eleanor": "ellie nell",
        "abigail": "abby",
        "natalie": "nat",
        "rachel": "rach",
        "helen": "nell",
    }.items()
}


@dataclass(frozen=True, slots=True)
class WrittenName:
    """A name split into given names (or initials) and surname, all case-folded."""

    given: tuple[str, ...] = field(repr=False)
    surname: str = field(repr=False)

    @property
    def first(self) -> str | None:
        """The first given name or initial, if any."""
        return self.given[0] if self.given else None


def parse_name(text: str) -> WrittenName | None:
    """Split a written name; ``None`` when there is no surname to be found.

    "BROWN, Michael" puts the surname first; otherwise a word in capitals among
    words that are not ("Michael Thomas BROWN") is the surname, else the last word.
    """
    text = text.strip()
    if "," in text:
        head, _, tail = text.partition(",")
        surname_words = _words(head)
        given = _words(tail)
        if surname_words:
            return WrittenName(tuple(w.casefold() for w in given), surname_words[-1].casefold())
    words = _words(text)
    if not words:
        return None
    capitals = [w for w in words if len(w) > 1 and w.isupper()]
    if len(capitals) == 1 and len(words) > 1:
        surname = capitals[0]
        given = [w for w in words if w is not surname]
    else:
        surname, given = words[-1], words[:-1]
    return WrittenName(tuple(w.casefold() for w in given), surname.casefold())


def _words(text: str) -> list[str]:
    words = [t.rstrip(".").strip("'-") for t in _TOKEN.findall(text)]
    return [w for w in words if w and w.casefold() not in TITLES]


def _given_match(a: str, b: str) -> float:
    if a == b:
        return 1.0
    if len(a) == 1 or len(b) == 1:
        return 0.85 if a[0] == b[0] else 0.0
    if b in _SHORT_FORMS.get(a, ()) or a in _SHORT_FORMS.get(b, ()):
        return 0.8
    if any(a in shorts and b in shorts for shorts in _SHORT_FORMS.values()):
        return 0.8
    return 0.0


def name_match(a: str | WrittenName, b: str | WrittenName) -> float:
    """How sure it is that two written names are the same person (0.0 to 1.0)."""
    left = parse_name(a) if isinstance(a, str) else a
    right = parse_name(b) if isinstance(b, str) else b
    if left is None or right is None:
        return 0.0
    if not _same_surname(left.surname, right.surname):
        return 0.0
    if not left.given or not right.given:
        return 0.6
    score = _given_match(left.given[0], right.given[0])
    if score == 0.0:
        return 0.0
    rest_l, rest_r = left.given[1:], right.given[1:]
    if rest_l and rest_r:
        if not any(_given_match(x, y) > 0 for x, y in zip(rest_l, rest_r, strict=False)):
            return min(score, UNSURE)
    elif rest_l or rest_r:
        score = min(score, 0.9)
    return score


def _same_surname(a: str, b: str) -> bool:
    if a == b:
        return True
    # A double-barrelled surname written with one of its parts.
    return "-" in a + b and (set(a.split("-")) & set(b.split("-"))) != set()


class KnownNames(Generic[T]):
    """Many written names, each with a tag, indexed by surname.

    :meth:`best` gives what ``max`` over :func:`name_match` with every name would
    give, but only compares names that can match: :func:`name_match` is 0.0 unless
    the surnames are the same or share a part of a double-barrelled surname, so
    each name is filed under every part of its surname.
    """

    def __init__(self, names: Iterable[tuple[str, T]]) -> None:
        """Parse and index the names (in order: the first of equal matches wins)."""
        self._names: list[tuple[WrittenName, T]] = []
        self._by_part: dict[str, list[int]] = {}
        for text, tag in names:
            parsed = parse_name(text)
            if parsed is None:
                continue  # matches nothing (0.0)
            for part in set(parsed.surname.split("-")):
                self._by_part.setdefault(part, []).append(len(self._names))
            self._names.append((parsed, tag))

    def best(self, name: str | WrittenName) -> tuple[float, T | None]:
        """The highest :func:`name_match` confidence with a known name, and that name's tag.

        Among equal confidences the first name given wins; ``(0.0, None)`` when no
        name can match.
        """
        wanted = parse_name(name) if isinstance(name, str) else name
        if wanted is None:
            return 0.0, None
        candidates = sorted(
            {i for part in set(wanted.surname.split("-")) for i in self._by_part.get(part, ())}
        )
        score, tag = 0.0, None
        for i in candidates:
            known, known_tag = self._names[i]
            confidence = name_match(wanted, known)
            if confidence > score:
                score, tag = confidence, known_tag
        return score, tag


@dataclass(frozen=True, slots=True)
class NameOccurrence:
    """Where a written form of a name is in a text, and how sure the match is."""

    start: int
    end: int
    confidence: float


_BEFORE_WORD = re.compile(r"(?:\b(?:[A-Z][A-Za-z'\-]*|[A-Z]\.))[ \t]+$")
#: Capitalised words that start sentences or name things, not people.
_NOT_GIVEN = frozenset(
    "the a an on at in i he she it we they his her my our this that when then and but "
    "of to for by from with defendant witness statement page urn call".split()
)
_GIVEN_AFTER = re.compile(
    r"^,\s*(?:[A-Z][a-z'\-]+|[A-Z]\.?)(?:\s+(?:[A-Z][a-z'\-]+|[A-Z]\.?)){0,2}"
)


def find_name(text: str, name: str, minimum: float = UNSURE) -> list[NameOccurrence]:
    """The written forms of ``name`` in ``text`` with a confidence of at least ``minimum``.

    Each occurrence of the surname is widened to the title and given names or initials
    before it ("Mr M. Brown", "Michael Thomas BROWN") or after a comma ("BROWN, Michael").
    """
    wanted = parse_name(name)
    if wanted is None or len(wanted.surname) < 2:
        return []
    found: list[NameOccurrence] = []
    surname = re.compile(rf"(?<![A-Za-z]){re.escape(wanted.surname)}(?![a-z])", re.IGNORECASE)
    for match in surname.finditer(text):
        if match.group(0)[0].islower():
            continue  # "brown" the colour, not Brown the name
        start, end = match.start(), match.end()
        after = _GIVEN_AFTER.match(text[end : end + 60])
        if after:  # "BROWN, Michael": the given names follow the comma
            end += after.end()
        else:
            start = _widen_before(text, start)
        confidence = name_match(wanted, text[start:end])
        if confidence >= minimum:
            found.append(NameOccurrence(start, end, confidence))
    return found


def _widen_before(text: str, start: int) -> int:
    """Move ``start`` back over up to three given names, initials or a title."""
    for _ in range(4):
        word = _BEFORE_WORD.search(text[max(0, start - 30) : start])
        if word is None:
            break
        token = word.group(0).strip().rstrip(".").casefold()
        if token in _NOT_GIVEN or token.startswith("mg"):
            break
        start -= len(word.group(0))
        if token in TITLES:
            break
    return start
