"""The offence taxonomy: families of offences, their words, statutes and CJS codes.

It does two jobs, both pure once loaded:

* :meth:`Taxonomy.resolve` turns what a rule file names (an offence, a family or a
  flag by name, a statute section, a CJS code) into taxonomy names;
* :meth:`Taxonomy.match` turns free text from a case file or a charge
  ("Burglary dwelling - theft s.9(1)(b) Theft Act 1968", "TH68036",
  "sexual assault of a female child under 13") into the names of the offences,
  families and flags it describes.

Words match when the words of a synonym appear in order with at most two other
words between them; a match whose words all lie inside a longer match of another
offence is dropped, so "sexual assault" does not also make the case an assault.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

TAXONOMY_SCHEMA = "idpc-guard/taxonomy/v1"
NAME_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
CJS_CODE = re.compile(r"\b([A-Z]{2}\d{5})([AC]?)\b")
_STATUTE = re.compile(r"^(?P<act>.+?\b\d{4})\s+s\.?\s*(?P<section>\d+[A-Z]?)(?P<sub>(?:\(\w+\))*)$")
_SECTION = re.compile(
    r"\b(?:ss?|sec|sections?)\b\.?\s*(?P<section>\d+[a-z]?)(?P<sub>(?:\s?\(\w+\))*)", re.I
)
_WORD = re.compile(r"[a-z0-9]+")
#: Words a synonym may skip between two of its own ("assault of a female child").
MAX_GAP = 2
#: How far (characters) a section number may sit from the name of its Act.
_NEAR = 60


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


Name = str


class OffenceSpec(_Strict):
    """One offence as written in the taxonomy file."""

    name: Name = Field(pattern=NAME_PATTERN)
    title: str = Field(min_length=1)
    synonyms: list[str] = []
    statutes: list[str] = []
    cjs_codes: list[str] = []
    flags: list[str] = []


class FamilySpec(_Strict):
    """A family of offences."""

    name: Name = Field(pattern=NAME_PATTERN)
    title: str = Field(min_length=1)
    synonyms: list[str] = []
    statutes: list[str] = []
    offences: list[OffenceSpec] = Field(min_length=1)


class FlagSpec(_Strict):
    """A flag raised by offences or by words of its own (domestic abuse)."""

    name: Name = Field(pattern=NAME_PATTERN)
    title: str = Field(min_length=1)
    synonyms: list[str] = []


class TaxonomyFileSpec(_Strict):
    """A whole taxonomy file."""

    schema_: Literal["idpc-guard/taxonomy/v1"] = Field(alias="schema")
    description: str = ""
    flags: list[FlagSpec] = []
    families: list[FamilySpec] = Field(min_length=1)


class TermKind(StrEnum):
    """What a taxonomy name stands for."""

    OFFENCE = "offence"
    FAMILY = "family"
    FLAG = "flag"


@dataclass(frozen=True, slots=True)
class Statute:
    """A statute section: ``Theft Act 1968 s.9(1)``, normalised."""

    act: str
    section: str
    sub: str = ""

    @classmethod
    def parse(cls, text: str) -> Statute | None:
        """Parse ``<Act name> <year> s.<section>[(sub)...]``; None if it is not one."""
        match = _STATUTE.match(" ".join(text.split()))
        if match is None:
            return None
        return cls(_words(match["act"]), match["section"].casefold(), _sub(match["sub"]))

    def covers(self, other: Statute) -> bool:
        """True if ``other`` is this section or one of its subsections."""
        return (
            self.act == other.act
            and self.section == other.section
            and other.sub.startswith(self.sub)
        )


@dataclass(frozen=True, slots=True)
class Term:
    """An offence, family or flag."""

    name: str
    kind: TermKind
    title: str
    implies: frozenset[str]  # itself, its family and its flags
    synonyms: tuple[tuple[str, ...], ...]
    statutes: tuple[Statute, ...]
    codes: frozenset[str]


@dataclass(frozen=True, slots=True)
class Taxonomy:
    """All the terms, by name."""

    terms: dict[str, Term]

    def names(self) -> tuple[str, ...]:
        """Every name a rule may use."""
        return tuple(sorted(self.terms))

    def resolve(self, reference: str) -> frozenset[str]:
        """The names a rule's offence entry stands for (empty if it names nothing).

        An entry is a taxonomy name, a CJS code, or a statute section written as
        ``<Act> <year> s.<n>``.
        """
        text = reference.strip()
        if text.casefold() in self.terms:
            return frozenset({text.casefold()})
        if code := CJS_CODE.fullmatch(text.upper()):
            return frozenset(t.name for t in self.terms.values() if code[1] in t.codes)
        statute = Statute.parse(text)
        if statute is None:
            return frozenset()
        return frozenset(
            t.name for t in self.terms.values() if any(s.covers(statute) for s in t.statutes)
        )

    def fingerprint(self) -> str:
        """A short hash of every term: a report made under another taxonomy is out of date."""
        canonical = "\n".join(
            repr(
                (
                    t.name,
                    t.kind.value,
                    t.title,
                    sorted(t.implies),
                    t.synonyms,
                    [(s.act, s.section, s.sub) for s in t.statutes],
                    sorted(t.codes),
                )
            )
            for t in sorted(self.terms.values(), key=lambda term: term.name)
        )
        return hashlib.sha256(canonical.encode("utf-8")).hexdigest()[:16]

    def match(self, texts: Iterable[str]) -> frozenset[str]:
        """The names (with families and flags implied) that free-text offences describe."""
        found: set[str] = set()
        for text in texts:
            for name in self._match_one(text):
                found |= self.terms[name].implies
        return frozenset(found)

    def _match_one(self, text: str) -> set[str]:
        names: set[str] = set()
        for code, _ in CJS_CODE.findall(text.upper()):
            names |= {t.name for t in self.terms.values() if code in t.codes}
        masked = text
        for term in self.terms.values():
            for statute in term.statutes:
                for start, end in _statute_spans(text, statute):
                    names.add(term.name)
                    masked = masked[:start] + " " * (end - start) + masked[end:]
        names |= self._match_words(_words(masked).split())
        return names

    def _match_words(self, words: list[str]) -> set[str]:
        hits: list[tuple[frozenset[int], Term]] = []
        for term in self.terms.values():
            for synonym in term.synonyms:
                hits += [(found, term) for found in _find_in_order(synonym, words)]
        kept: set[str] = set()
        for positions, term in hits:
            covered = any(
                positions < other and other_term.kind is not TermKind.FLAG
                for other, other_term in hits
                if other_term.name != term.name
            )
            if term.kind is TermKind.FLAG or not covered:
                kept.add(term.name)
        return kept


def _words(text: str) -> str:
    return " ".join(_WORD.findall(text.casefold()))


def _sub(text: str) -> str:
    return "".join(text.split()).casefold()


def _find_in_order(synonym: tuple[str, ...], words: list[str]) -> list[frozenset[int]]:
    """Every way of finding ``synonym`` in ``words`` with at most MAX_GAP words between."""
    found: list[frozenset[int]] = []
    for start, word in enumerate(words):
        if word != synonym[0]:
            continue
        positions = [start]
        for wanted in synonym[1:]:
            window = words[positions[-1] + 1 : positions[-1] + 2 + MAX_GAP]
            if wanted not in window:
                break
            positions.append(positions[-1] + 1 + window.index(wanted))
        else:
            found.append(frozenset(positions))
    return found


def _statute_spans(text: str, statute: Statute) -> list[tuple[int, int]]:
    """Where ``text`` cites ``statute`` (section near the Act's name); spans of the Act."""
    act = r"\W+".join(map(re.escape, statute.act.split()))
    spans: list[tuple[int, int]] = []
    for mention in re.finditer(act, text, re.I):
        for section in _SECTION.finditer(text):
            near = (
                0 <= mention.start() - section.end() <= _NEAR
                or 0 <= section.start() - mention.end() <= _NEAR // 4
            )
            cited = Statute(statute.act, section["section"].casefold(), _sub(section["sub"]))
            if near and statute.covers(cited):
                spans.append((mention.start(), mention.end()))
    return spans


def build_taxonomy(spec: TaxonomyFileSpec) -> Taxonomy:
    """Turn a validated taxonomy file into terms (names are checked by the loader)."""
    terms: dict[str, Term] = {}
    for flag in spec.flags:
        terms[flag.name] = _term(flag.name, TermKind.FLAG, flag.title, {flag.name}, flag.synonyms)
    for family in spec.families:
        terms[family.name] = _term(
            family.name,
            TermKind.FAMILY,
            family.title,
            {family.name},
            family.synonyms,
            family.statutes,
        )
        for offence in family.offences:
            terms[offence.name] = _term(
                offence.name,
                TermKind.OFFENCE,
                offence.title,
                {offence.name, family.name, *offence.flags},
                offence.synonyms,
                offence.statutes,
                offence.cjs_codes,
            )
    return Taxonomy(terms)


def _term(  # noqa: PLR0913 - one argument per field of a term
    name: str,
    kind: TermKind,
    title: str,
    implies: set[str],
    synonyms: list[str],
    statutes: list[str] = [],  # noqa: B006 - never mutated
    codes: list[str] = [],  # noqa: B006 - never mutated
) -> Term:
    parsed = tuple(s for s in map(Statute.parse, statutes) if s is not None)
    return Term(
        name=name,
        kind=kind,
        title=title,
        implies=frozenset(implies),
        synonyms=tuple(tuple(_words(s).split()) for s in synonyms if _words(s)),
        statutes=parsed,
        codes=frozenset(c.upper() for c in codes),
    )
