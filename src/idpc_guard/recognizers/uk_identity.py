"""Identity numbers: National Insurance, passport, driving licence, PNC ID and CRO numbers.

* ``UK_PASSPORT``: nine digits (or two letters and seven digits) after "passport".
* ``UK_DRIVING_LICENCE``: the 16-character DVLA number (five letters of the
  surname padded with 9s, six digits coding the date of birth, two initials, a
  digit, two check letters; an issue number may follow). The month digits and
  the day are checked; the shape is specific enough to stand alone.
* ``PNC_ID``: Police National Computer IDs (``2001/0012345A``, ``01/12345A``)
  and CRO numbers (``123456/98X``, ``SF98/123456A``). The long PNC form stands
  alone; the short forms need "PNC" or "CRO" before them.

NINOs: Presidio's ``UkNinoRecognizer`` is used (two prefix letters from the allowed
set, six digits, a suffix A-D, spaced or not, any case), re-exported here and built
with our entity name and fresh pattern objects, plus the ``QQ`` prefix of HMRC's
examples and test data.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from presidio_analyzer import EntityRecognizer, Pattern
from presidio_analyzer.predefined_recognizers import UkNinoRecognizer

from idpc_guard.model import Entity
from idpc_guard.recognizers._labelled import LabelledPatternRecognizer, LabelledRule

__all__ = [
    "RECOGNIZERS",
    "DrivingLicenceRecognizer",
    "PassportRecognizer",
    "PncIdRecognizer",
    "UkNinoRecognizer",
    "build_nino_recognizer",
]

#: The ``QQ`` prefix, never issued, is the one HMRC's own examples and test data use
#: ("QQ 12 34 56 C"). Presidio's pattern refuses Q as a first letter; a QQ number in a
#: bundle is either test data or a number typed in its place, and either way it is
#: written where a person's NI number goes, so it is reported like one (see README).
QQ_NINO_REGEX = r"\b(?:QQ|qq) ?[0-9]{2} ?[0-9]{2} ?[0-9]{2} ?[a-dA-D]\b"

#: Score of a NINO-shaped match: the format is specific enough to stand on its own.
NINO_SCORE = 0.85


def build_nino_recognizer() -> UkNinoRecognizer:
    """Presidio's NINO recogniser, reporting ``UK_NINO`` (named after its class).

    Returns:
        A recogniser with its own copy of Presidio's pattern (Presidio caches the
        compiled regex on the pattern object, so instances should not share one).
    """
    patterns = [Pattern(p.name, p.regex, NINO_SCORE) for p in UkNinoRecognizer.PATTERNS]
    patterns.append(Pattern("NINO (QQ prefix)", QQ_NINO_REGEX, NINO_SCORE))
    return UkNinoRecognizer(
        patterns=patterns,
        supported_language="en",
        supported_entity=Entity.UK_NINO.value,
    )


_EDGE_L = r"(?<![\w/-])"
_EDGE_R = r"(?![\w/-])"


class PassportRecognizer(LabelledPatternRecognizer):
    """UK passport numbers after the word "passport"."""

    ENTITY = Entity.UK_PASSPORT
    RULES = (
        LabelledRule(
            "passport number",
            re.compile(rf"{_EDGE_L}(?:\d{{9}}|[A-Z]{{2}}\d{{7}}){_EDGE_R}"),
            re.compile(r"(?i:\bpassport\b)[^\n]{0,25}$"),
            0.9,
            None,
        ),
    )


def _licence_dates(number: str) -> bool:
    """The month (01-12, or 51-62 for women) and day (01-31) of a licence number."""
    compact = number.replace(" ", "")
    month, day = int(compact[6:8]), int(compact[8:10])
    month = month - 50 if month > 50 else month
    return 1 <= month <= 12 and 1 <= day <= 31


class DrivingLicenceRecognizer(LabelledPatternRecognizer):
    """DVLA driving licence numbers (16 characters, optionally spaced 5-6-5)."""

    ENTITY = Entity.UK_DRIVING_LICENCE
    RULES = (
        LabelledRule(
            "DVLA licence number",
            re.compile(
                rf"(?i:{_EDGE_L}[A-Z][A-Z9]{{4}}[ ]?\d[0156]\d[0-3]\d\d[ ]?"
                rf"[A-Z][A-Z9]\d[A-Z]{{2}}(?:[ ]?\d{{2}})?{_EDGE_R})"
            ),
            re.compile(r"(?i:\b(?:driving|driver'?s?|licence|license|DVLA)\b)[^\n]{0,30}$"),
            0.95,
            0.85,
            _licence_dates,
        ),
    )


_PNC_LABEL = re.compile(r"(?i:\b(?:PNC|CRO|criminal\s+records?\s+office)\b)[^\n]{0,25}$")


class PncIdRecognizer(LabelledPatternRecognizer):
    """PNC IDs and CRO numbers: the police record identifiers of a person."""

    ENTITY = Entity.PNC_ID
    RULES = (
        LabelledRule(
            "PNC ID (YYYY/NNNNNNNA)",
            re.compile(rf"{_EDGE_L}(?:19|20)\d{{2}}/\d{{7}}[A-HJ-NP-Z]{_EDGE_R}"),
            _PNC_LABEL,
            0.95,
            0.8,
        ),
        LabelledRule(
            "PNC ID (YY/NNNNNNA)",
            re.compile(rf"{_EDGE_L}\d{{2}}/\d{{1,7}}[A-HJ-NP-Z]{_EDGE_R}"),
            _PNC_LABEL,
            0.9,
            None,
        ),
        LabelledRule(
            "CRO number",
            re.compile(
                rf"{_EDGE_L}(?:SF[ ]?\d{{2}}/\d{{1,6}}|\d{{1,6}}/\d{{2}})[A-HJ-NP-Z]{_EDGE_R}"
            ),
            _PNC_LABEL,
            0.9,
            None,
        ),
    )


#: The recognisers of this family, for :func:`idpc_guard.recognizers.discover`.
RECOGNIZERS: tuple[Callable[[], EntityRecognizer], ...] = (
    build_nino_recognizer,
    PassportRecognizer,
    DrivingLicenceRecognizer,
    PncIdRecognizer,
)
