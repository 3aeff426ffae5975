"""Places that are not postal addresses but say where a person can be found.

A child's school is the usual one in a bundle: "He goes to St Anselm's Primary
School", "a pupil at Tolvean Academy". The name of the school is one to four
capitalised words (a saint's name with its possessive, "C of E", "RC"), then the kind
of school, then "School", "Academy" or "College"; a line break may fall anywhere in
it. Without the school word ("the school on Elm Road") nothing is reported here.
Universities, courts, hospitals and police stations are institutions of the case,
not places a person is found by; they are left to the legal vocabulary.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from presidio_analyzer import EntityRecognizer

from idpc_guard.model import Entity
from idpc_guard.recognizers._base import Found, Recognizer

__all__ = ["RECOGNIZERS", "SchoolRecognizer"]

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
#: Capitalised words that start a sentence or a label rather than a school's name.
_NOT_FIRST = frozenset(
    "The A An At To In On From His Her Their My Our Your This That Which Local Police".split()
)


class SchoolRecognizer(Recognizer):
    """A school by its name and its kind: "St Anselm's Primary School", "X Academy"."""

    ENTITY = Entity.LOCATION
    SCORE = 0.7

    def find(self, text: str) -> Iterator[Found]:
        """Each school named in ``text``, from the first word of its name."""
        for match in _SCHOOL.finditer(text):
            start = match.start()
            words = re.findall(r"\S+", match.group(0))
            # Drop words before the name proper: "At Tolvean Academy" is "Tolvean Academy".
            while len(words) > 1 and words[0] in _NOT_FIRST:
                start = text.index(words[1], start + len(words[0]))
                words = words[1:]
            if len(words) < 2:
                continue
            yield Found(start, match.end(), self.SCORE, "a school by its name and kind")


RECOGNIZERS: tuple[Callable[[], EntityRecognizer], ...] = (SchoolRecognizer,)
