"""Places that are not postal addresses but say where a person can be found.

A child's school is the usual one in a bundle: "He goes to St Anselm's Primary
School", "a pupil at Tolvean Academy". The name of the school is one to four
capitalised words (a saint's name with its possessive, "C of E", "RC"), then the kind
of school, then "School", "Academy" or "College"; a line break may fall anywhere in
it. Without the school word ("the school on Elm Road") nothing is reported here.
Universities, courts, hospitals and police stations are institutions of the case,
not places a person is found by; they are left to the legal vocabulary. A school
written without "School" is found after the words that send a child there ("my son
goes to Elm Road Primary", "she attends Tolvean High").

Where a person lives, said without a postal address: "I live above the chemist's on
Mill Lane", "we live two doors down from the Lantern Inn", "my flat is on Church Road".
The span is the place from its position word ("above the chemist's on Mill Lane"); a
reviewer decides whether it gives the home away (it usually does).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from presidio_analyzer import EntityRecognizer

from idpc_guard.model import Entity
from idpc_guard.recognizers._base import Found, Recognizer
from idpc_guard.recognizers.uk_address import STREET_TYPES

__all__ = ["RECOGNIZERS", "HomeLocationRecognizer", "SchoolRecognizer"]

#: Between two words of a name: a space, or a line break of wrapped prose.
_GAP = r"(?:[ \t]+|[ \t]*\n[ \t]*)"
#: A word of a school's name: "Park", "St", "St.", "Mary's", "Oak-Tree".
_WORD = r"(?:St\.?|[A-Z][a-z]+(?:['’]s)?(?:-[A-Z][a-z]+)?)"
#: What kind of school, written between its name and "School".
_KIND = (
    r"(?:(?:C(?:hurch)?[ \t]+of[ \t]+E(?:ngland)?|CE|C of E|RC|Roman[ \t]+Catholic|Catholic|"
    r"Methodist|Community|Free|Junior|Infant|Infants['’]?|Primary|Secondary|High|Grammar|"
    r"Middle|Nursery|Prep(?:aratory)?|Special|Village|Church|County|Technical)"
    rf"{_GAP})*"
)
_SCHOOL = re.compile(
    rf"(?<![\w'’])(?:{_WORD}{_GAP}){{1,4}}{_KIND}(?:School|Academy|College|Nursery)\b"
)
#: A school named by its kind alone, after what sends a child there: "goes to Elm Road
#: Primary", "attends Tolvean High".
_SCHOOL_BY_KIND = re.compile(
    rf"\b(?i:go(?:es)?|went|going|attends?|attended|attending|pupil{_GAP}at|started{_GAP}at)"
    rf"{_GAP}(?:to{_GAP})?(?P<school>(?:{_WORD}{_GAP}){{1,4}}(?:C(?:hurch)?{_GAP}of{_GAP}E"
    rf"(?:ngland)?{_GAP}|CE{_GAP}|RC{_GAP})?(?:Primary|Juniors?|Infants|Secondary|High|Grammar|"
    r"Comprehensive|Academy))\b(?![ \t]+(?:School|Academy|College))"
)
#: Capitalised words that start a sentence or a label rather than a school's name.
_NOT_FIRST = frozenset(
    "The A An At To In On From His Her Their My Our Your This That Which Local Police".split()
)


def _named(text: str, start: int, end: int) -> tuple[int, int] | None:
    """The span of a school's name, without words that start a sentence ("At X School")."""
    words = re.findall(r"\S+", text[start:end])
    while len(words) > 1 and words[0] in _NOT_FIRST:
        start = text.index(words[1], start + len(words[0]))
        words = words[1:]
    return (start, end) if len(words) >= 2 else None


class SchoolRecognizer(Recognizer):
    """A school by its name and its kind: "St Anselm's Primary School", "X Academy"."""

    ENTITY = Entity.LOCATION
    SCORE = 0.7

    def find(self, text: str) -> Iterator[Found]:
        """Each school named in ``text``, from the first word of its name."""
        seen: set[tuple[int, int]] = set()
        for match in _SCHOOL.finditer(text):
            # Drop words before the name proper: "At Tolvean Academy" is "Tolvean Academy".
            span = _named(text, match.start(), match.end())
            if span is not None:
                seen.add(span)
                yield Found(*span, self.SCORE, "a school by its name and kind")
        for match in _SCHOOL_BY_KIND.finditer(text):
            span = _named(text, match.start("school"), match.end("school"))
            if span is not None and span not in seen:
                yield Found(*span, self.SCORE, "a school by its name, where a child goes")


#: Where a place is from someone's home: "above", "next door to", "two doors down from".
_POSITION = (
    r"(?i:above|below|over|under|next[ \t]+door[ \t]+to|next[ \t]+to|opposite|behind|"
    r"across[ \t]+(?:the[ \t]+road[ \t]+)?from|round[ \t]+the[ \t]+corner[ \t]+from|"
    r"(?:a[ \t]+few|two|three|four|five|\d)[ \t]+doors?[ \t]+(?:down|up|along)(?:[ \t]+from)?|"
    r"at[ \t]+the[ \t]+back[ \t]+of|at[ \t]+the[ \t]+end[ \t]+of|near)"
)
#: A place by its kind or name: "the chemist's", "the Lantern Inn", "the chip shop".
#: A lower-case word of a place's description, not a word that goes on to something else.
_LOWER = (
    r"(?!(?:with|and|since|for|but|when|where|who|on|in|off|at|to|near|from|now|then)\b)"
    r"[a-z][\w'’&-]*"
)
_LANDMARK = (
    rf"(?i:the|a){_GAP}(?:[A-Z][\w'’&-]*(?:{_GAP}[A-Z][\w'’&-]*){{0,3}}"
    rf"|{_LOWER}(?:{_GAP}{_LOWER}){{0,2}})"
    rf"(?:{_GAP}(?i:on|in|off){_GAP}(?:[A-Z][\w'’-]*{_GAP}){{0,3}}(?:{STREET_TYPES}))?"
)
#: A street named without a number: "on Church Road", "in Mill Lane".
_STREET_ONLY = rf"(?i:on|in|off){_GAP}(?:[A-Z][\w'’-]*{_GAP}){{1,3}}(?:{STREET_TYPES})\b"
#: Someone's home, then where it is.
_HOME = re.compile(
    rf"\b(?:(?i:I|we|he|she|they|you)(?:{_GAP}(?i:still|now|both|all|currently))?{_GAP}"
    rf"(?i:live|lives|lived|living|stay|stays|staying|rent){_GAP}"
    rf"|(?i:I['’]m|we['’]re|(?:I{_GAP}am|we{_GAP}are){_GAP})(?i:living|staying){_GAP}"
    rf"|(?i:my|our|his|her|their){_GAP}(?i:flat|house|home|place|bedsit|room){_GAP}"
    rf"(?i:is{_GAP}|was{_GAP})?)"
    rf"(?P<place>{_POSITION}{_GAP}{_LANDMARK}|{_STREET_ONLY})"
)


class HomeLocationRecognizer(Recognizer):
    """Where a person lives, without an address: "I live above the chemist's on Mill Lane"."""

    ENTITY = Entity.LOCATION
    SCORE = 0.6

    def find(self, text: str) -> Iterator[Found]:
        """Each home's place in ``text``, from its position word or its street."""
        for match in _HOME.finditer(text):
            end = match.end("place")
            # "above the chemist's on Mill Lane with my son": stop at the place.
            tail = re.search(
                r"[ \t\n]+(?:with|and|since|for|but|when|where|who)\b",
                text[match.start("place") : end],
            )
            if tail is not None:
                end = match.start("place") + tail.start()
            yield Found(match.start("place"), end, self.SCORE, "where a person lives, in words")


RECOGNIZERS: tuple[Callable[[], EntityRecognizer], ...] = (
    SchoolRecognizer,
    HomeLocationRecognizer,
)
