"""Dates of birth and ages.

Bundles are full of dates (of the offence, the statement, the interview, the
hearing) that must stay. A date is reported as ``DATE_OF_BIRTH`` only when the text
marks it as one: a label such as "DOB", "D.O.B.", "Date of birth" or "born (on)"
shortly before it, with nothing in between but a few words and punctuation, or
"(DOB)" right after it. Every UK way of writing a date is accepted: 14/03/1988,
14.3.88, 14-03-1988, 1988-03-14, 14th March 1988, 14 Mar 1988, March 14, 1988.

``AGE`` covers "aged 34", "34 years old", "a 12-year-old", "34 years of age",
"Age: 34" and the MG11 field "Age if under 18: 15". The span is the number only.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable, Iterator

from presidio_analyzer import EntityRecognizer

from idpc_guard.model import Entity
from idpc_guard.recognizers._base import Found, Recognizer

__all__ = ["RECOGNIZERS", "AgeRecognizer", "DateOfBirthRecognizer"]

#: How far before a date (in characters) its "DOB" label may end.
CONTEXT_WINDOW = 30
#: At most this many words may stand between the label and the date ("born on the").
_MAX_GAP_WORDS = 4

_MONTH_NUMBERS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
#: OCR reads the "o" of "Oct" and "Nov" as a zero ("19-0ct-1963"): both are accepted.
_MONTH = (
    r"(?P<month_name>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?"
    r"|aug(?:ust)?|sep(?:t(?:ember)?)?|[o0]ct(?:ober)?|n[o0]v(?:ember)?|dec(?:ember)?)\.?"
)
_ORDINAL = r"(?:st|nd|rd|th)?"
#: The ways of writing a date. Named groups: day, month (number) or month_name, year.
_DATE = re.compile(
    # Not inside a longer token, except straight after "DOB" (OCR loses that space).
    r"(?:(?<![\w/.-])|(?<=d[o0][b8])|(?<=d[o0][b8]\.)|(?<=d\.[o0]\.[b8]\.))(?:"
    # 14/03/1988, 14.3.88, 14-03-1988 (one separator style per date)
    r"(?P<day>\d{1,2})(?P<sep>[/.-])(?P<month>\d{1,2})(?P=sep)(?P<year>\d{4}|\d{2})"
    # 1988-03-14
    r"|(?P<iso_year>\d{4})-(?P<iso_month>\d{1,2})-(?P<iso_day>\d{1,2})"
    # 14th March 1988, 14 Mar 88, 3rd of February, 1961, 14-Mar-1988 (14-Mar- 1988 as OCR)
    rf"|(?P<text_day>\d{{1,2}}){_ORDINAL}(?:(?:\s+of)?\s+|-){_MONTH}(?:,?\s+|-\s?)"
    r"(?P<text_year>\d{4}|'?\d{2})"
    # March 14, 1988
    rf"|(?P<us_month>{_MONTH.replace('month_name', 'us_month_name')})\s+"
    rf"(?P<us_day>\d{{1,2}}){_ORDINAL},?\s+(?P<us_year>\d{{4}})"
    r")(?![\w/-]|\.\d)",
    re.IGNORECASE,
)
#: A label saying the next date is a date of birth.
#: OCR may read the "O" as a zero and the "B" as an eight ("D0B", "D.0.8.").
_DOB_LABEL = re.compile(
    r"(?<![A-Za-z])(?:D\.?\s?[O0]\.?\s?[B8](?![A-Za-z])\.?|dates?\s+of\s+birth|birth\s*date"
    r"|born)",
    re.IGNORECASE,
)
#: A numeric date as OCR damages it: the second separator lost ("15/111963") or a stray
#: space in it ("13/04/1 954", "21/ 02/1979") or for it ("03.12 1961"). Believed only
#: straight after a DOB label.
_DAMAGED = re.compile(
    r"(?:(?<![\w/.-])|(?<=d[o0][b8]))(?P<day>\d{1,2}) ?(?P<sep>[/.-]) ?"
    r"(?:(?P<month>\d{1,2})(?: ?(?P=sep) ?| )(?P<year>\d{1,3} ?\d{1,3})"
    r"|(?P<month2>\d{2})(?P<year2>\d{4}))"
    r"(?![\w/-]|\.\d)",
    re.IGNORECASE,
)
#: At most this many characters (spaces and punctuation only) between a DOB label and a
#: damaged date.
_DAMAGED_GAP = 4
#: "(DOB)" right after a date.
_DOB_AFTER = re.compile(r"\s*[(\[]\s*(?:D\.?\s?O\.?\s?B\.?|date\s+of\s+birth)\s*[)\]]", re.I)
#: A short parenthesised aside in the gap: "(if under 18)", "(dd/mm/yyyy)".
#: The person's age in brackets after the date, as wristbands and patient labels print
#: it: "26/01/1961 (62y)", "(62 yrs)", "(aged 62)", "(62 years old)". A bare "(2 years)"
#: is as often a term or a duration, so it does not count.
_AGE_AFTER = re.compile(
    r"\s*[(\[]\s*(?:aged\s+\d{1,3}|\d{1,3}\s*(?:y|yrs?|yo|y/o|years?\s+old))\s*[)\]]", re.I
)
_ASIDE = re.compile(r"\([^()\n]{0,20}\)")
#: "/Age" after the label: "DOB/Age: 14/03/1988 (37)".
_AND_AGE = re.compile(r"\s*(?:/|&|and)\s*age\b", re.IGNORECASE)
#: A sentence ending, or another label ("Date:"), inside the gap.
_GAP_BREAK = re.compile(r"[.!?]\s+[A-Z]|[A-Za-z]\s*:|\n\s*\n")

#: Nouns that are not people after "N-year-old".
_NOT_PEOPLE = (
    r"car|vehicle|van|motorcycle|bike|conviction|caution|case|order|sentence|"
    r"building|house|property|flat|tree|dog|cat|horse|debt|loan|account|phone|device"
)
#: The ways of writing an age; the groups ``age`` to ``age4`` hold the number.
_AGE = re.compile(
    r"\baged\s+(?P<age>\d{1,3})(?![\d/.:,]\d)"
    r"|(?<![\w/.-])(?P<age2>\d{1,3})(?:\s*-\s*|\s+)(?:years?|yrs?)(?:\s*-\s*|\s+)old\b"
    rf"(?!\s*-?\s*(?:{_NOT_PEOPLE})\b)"
    r"|(?<![\w/.-])(?P<age3>\d{1,3})\s+years?\s+of\s+age\b"
    r"|\bage\b\s*(?:\(?\s*if\s+under\s+18\s*\)?)?\s*[:=\-–]?\s*(?P<age4>\d{1,3})"
    r"(?![\d/.:,]\d|\d|\s*%)",
    re.IGNORECASE,
)
#: Years outside this range are not years of birth.
_EARLIEST_YEAR = 1880
_LATEST_YEAR = 2100
#: The oldest age reported.
_MAX_AGE = 120


def _valid_day_month(day: int, month: int, year: int | None = None) -> bool:
    """Whether the day exists in that month (of a leap year when the year is unknown)."""
    try:
        datetime.date(year if year is not None else 2000, month, day)
    except ValueError:
        return False
    return True


def _year(written: str) -> int | None:
    """A four-digit year as a number; ``None`` for a two-digit one (century unknown)."""
    digits = written.lstrip("'")
    return int(digits) if len(digits) == 4 else None


def _is_date(match: re.Match[str]) -> bool:
    """Whether a date-shaped match is a calendar date (UK order, or US order as a fallback)."""
    groups = match.groupdict()
    if groups["day"] is not None:
        day, month, year = int(groups["day"]), int(groups["month"]), _year(groups["year"])
        return _plausible(year) and (
            _valid_day_month(day, month, year) or _valid_day_month(month, day, year)
        )
    if groups["iso_year"] is not None:
        year = int(groups["iso_year"])
        return _plausible(year) and _valid_day_month(
            int(groups["iso_day"]), int(groups["iso_month"]), year
        )
    if groups["text_day"] is not None:
        year = _year(groups["text_year"])
        month = _MONTH_NUMBERS[groups["month_name"][:3].lower().replace("0", "o")]
        return _plausible(year) and _valid_day_month(int(groups["text_day"]), month, year)
    year = _year(groups["us_year"])
    month = _MONTH_NUMBERS[groups["us_month_name"][:3].lower().replace("0", "o")]
    return _plausible(year) and _valid_day_month(int(groups["us_day"]), month, year)


def _plausible(year: int | None) -> bool:
    """Whether a year could be someone's year of birth (two-digit years always could)."""
    return year is None or _EARLIEST_YEAR <= year <= _LATEST_YEAR


def _damaged_dates(text: str, taken: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Spans of OCR-damaged numeric dates straight after a DOB label, not already found."""
    spans = []
    for match in _DAMAGED.finditer(text):
        if any(match.start() < end and start < match.end() for start, end in taken):
            continue
        year = (match.group("year") or match.group("year2")).replace(" ", "")
        month = int(match.group("month") or match.group("month2"))
        if len(year) != 4 or not _plausible(int(year)):
            continue
        if not _valid_day_month(int(match.group("day")), month, int(year)):
            continue
        labels = list(_DOB_LABEL.finditer(text, max(0, match.start() - 30), match.start()))
        gap = text[labels[-1].end() : match.start()] if labels else "x"
        if len(gap) <= _DAMAGED_GAP and not any(c.isalnum() for c in gap):
            spans.append(match.span())
    return spans


def _labelled_before(text: str, start: int) -> bool:
    """Whether a DOB label ends shortly before ``start`` with only filler in between."""
    window_start = max(0, start - CONTEXT_WINDOW - 20)
    labels = list(_DOB_LABEL.finditer(text, window_start, start))
    if not labels:
        return False
    last = labels[-1]
    if start - last.end() > CONTEXT_WINDOW:
        return False
    gap = _AND_AGE.sub(" ", _ASIDE.sub(" ", text[last.end() : start]))
    if any(c.isdigit() for c in gap) or _GAP_BREAK.search(gap):
        return False
    if any(c in "08" for c in last.group()):  # "D0B" as OCR reads it: only right before
        return len(gap) <= _DAMAGED_GAP and not any(c.isalnum() for c in gap)
    return len(re.findall(r"[A-Za-z]+", gap)) <= _MAX_GAP_WORDS


class DateOfBirthRecognizer(Recognizer):
    """Dates in any UK format that the text labels as a date of birth (the date is the span)."""

    ENTITY = Entity.DATE_OF_BIRTH
    SCORE = 0.85
    #: A date OCR damaged ("15/111963"), right after its label.
    DAMAGED_SCORE = 0.75

    def find(self, text: str) -> Iterator[Found]:
        """Dates with a DOB label before them, "(DOB)" or an age after, then damaged ones."""
        why = "date labelled as a date of birth"
        taken: list[tuple[int, int]] = []
        for match in _DATE.finditer(text):
            if not _is_date(match):
                continue
            if (
                _labelled_before(text, match.start())
                or _DOB_AFTER.match(text, match.end())
                or _AGE_AFTER.match(text, match.end())
            ):
                taken.append(match.span())
                yield Found(*match.span(), self.SCORE, why)
        for start, end in _damaged_dates(text, taken):
            yield Found(start, end, self.DAMAGED_SCORE, why)


class AgeRecognizer(Recognizer):
    """A person's age: "aged 34", "34 years old", "a 12-year-old", "Age: 34" (the number)."""

    ENTITY = Entity.AGE
    SCORE = 0.7

    def find(self, text: str) -> Iterator[Found]:
        """Age phrases of at most ``_MAX_AGE`` years."""
        for match in _AGE.finditer(text):
            group = next(g for g in ("age", "age2", "age3", "age4") if match.group(g))
            if int(match.group(group)) > _MAX_AGE:
                continue
            yield Found(*match.span(group), self.SCORE, "age phrase")


#: The recognisers of this family, for :func:`idpc_guard.recognizers.discover`.
RECOGNIZERS: tuple[Callable[[], EntityRecognizer], ...] = (
    DateOfBirthRecognizer,
    AgeRecognizer,
)
