"""Contact details: telephone numbers and email addresses.

Phone numbers are found with ``phonenumbers`` (Google's libphonenumber) at its most
lenient setting, so that numbers libphonenumber deems unassigned (Ofcom's drama
ranges 07700 900xxx, 01632 960xxx, which fictional and test papers use) are still
found, and then pruned with rules of our own: a number written nationally must
start with the trunk ``0`` (international ones with ``+``, ``00`` or ``44``); a UK
number shorter than ten national digits must be one libphonenumber knows; dates,
money, parts of longer references (URNs such as ``05AB1234524``) and NHS numbers
labelled as such are not phone numbers. "020 7946 0958 / 0959" is two numbers: the
second span is the alternative ending.

Email addresses use Presidio's pattern, validated against the public suffix list
bundled with ``tldextract``: the recogniser never touches the network.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

import phonenumbers
import tldextract
from phonenumbers import Leniency, PhoneNumber, PhoneNumberMatcher
from presidio_analyzer import EntityRecognizer, Pattern
from presidio_analyzer.predefined_recognizers import EmailRecognizer

from idpc_guard.model import Entity
from idpc_guard.recognizers._base import Found, Recognizer, label_before

__all__ = [
    "RECOGNIZERS",
    "LookAlikePhoneRecognizer",
    "OfflineEmailRecognizer",
    "UkPhoneNumberRecognizer",
]

#: A date written with separators ("14/03/1988", "14.3.88", "2026-06-14").
_DATE_SHAPE = re.compile(
    r"\d{1,2}\s*[./-]\s*\d{1,2}\s*[./-]\s*\d{2,4}|\d{4}\s*[./-]\s*\d{1,2}\s*[./-]\s*\d{1,2}"
)
#: A label run into the number by a poor text layer: "Tel07700 900123".
_GLUED_LABEL = re.compile(
    r"(?<![A-Za-z])(?:tel|telephone|phone|mob|mobile|fax|home|work|contact)$", re.IGNORECASE
)
#: A currency sign, possibly followed by a space, just before a match: money, not a phone.
_MONEY_BEFORE = re.compile(r"[£$€¥]\s?$")
#: "NHS", "NHS no", "NHS number:" just before a match: the NHS recogniser's business.
_NHS_BEFORE = re.compile(r"\bN\.?H\.?S\b[^\d\n]{0,20}\n?[^\d\n]{0,5}$", re.IGNORECASE)
#: An NHS number's 3-3-4 layout.
_NHS_SHAPE = re.compile(r"\d{3}[ -]?\d{3}[ -]?\d{4}")
#: A second number sharing the first one's prefix: "020 7946 0958 / 0959".
_ALTERNATIVE = re.compile(r"[ \t]*/[ \t]*(\d{1,4})(?![\w/.-]?\d)(?!\w)")
#: A UK national number: eleven digits from the trunk 0, grouped by single spaces or
#: hyphens. The matcher misreads one that runs straight into more digits ("mob 07700
#: 900461 14 Elm Grove": the house number is not part of it) or follows a token ending
#: in digits ("MG11 07700 900463"), so these are read first.
_NATIONAL = re.compile(r"(?<![\w+/.-])0(?:\d[ -]?){9}\d(?!\d)")
#: A phone label, then a little punctuation, just before a value: "Mobile:", "Tel. no".
_PHONE_LABEL = re.compile(
    r"(?i:\b(?:tel|telephone|phone|mob|mobile|fax|contact(?:\s+(?:no|number))?)\b"
    r"\.?(?:\s*(?:no\.?|number))?)[\s:.#-]{0,4}$"
)
#: A phone number typed with look-alike letters (O for 0, l or I for 1): "O77OO 9OO46l".
_LOOK_ALIKE = re.compile(r"(?<![\w])[0O](?:[0-9OoIl|][ -]?){9}[0-9OoIl|](?![\w])")
_AS_DIGITS = str.maketrans({"O": "0", "o": "0", "I": "1", "l": "1", "|": "1"})
#: The UK's country calling code, and the usual length of its national numbers.
_UK_CODE = 44
_UK_FULL_LENGTH = 10
#: A number written internationally must have at least this many national digits.
_MIN_INTERNATIONAL_NSN = 5


class UkPhoneNumberRecognizer(Recognizer):
    """Telephone numbers as written in UK papers, national or international.

    Scores: ``VALID_SCORE`` when libphonenumber knows the number as assigned,
    ``POSSIBLE_SCORE`` when it only has a possible length (drama ranges, new ranges).
    Each span covers one number; an alternative ending is a span of its own.
    """

    ENTITY = Entity.PHONE_NUMBER
    VALID_SCORE = 0.75
    POSSIBLE_SCORE = 0.6
    REGION = "GB"

    def find(self, text: str) -> Iterator[Found]:
        """Numbers libphonenumber finds, leniently, that pass this module's rules.

        Then grouped national numbers it misread (see :data:`_NATIONAL`), where it
        found nothing.
        """
        found = list(self._matched(text))
        for extra in self._national(text):
            if not any(extra.start < f.end and f.start < extra.end for f in found):
                found.append(extra)
        yield from sorted(found)

    def _matched(self, text: str) -> Iterator[Found]:
        found_by = f"found by libphonenumber (region {self.REGION})"
        covered_to = -1
        for match in PhoneNumberMatcher(text, self.REGION, leniency=Leniency.POSSIBLE):
            if match.start < covered_to:
                continue
            score = self._score(text, match.start, match.end, match.raw_string, match.number)
            if score is None:
                continue
            yield Found(match.start, match.end, score, f"phone number {found_by}")
            covered_to = match.end
            for start, end in self._alternatives(text, match.end, match.raw_string):
                yield Found(start, end, score, f"alternative ending {found_by}")
                covered_to = end

    def _score(
        self, text: str, start: int, end: int, raw: str, number: PhoneNumber
    ) -> float | None:
        """The score of a candidate, or ``None`` when it is not a phone number."""
        before = text[max(0, start - 30) : start]
        after = text[end : end + 1]
        glued_to_label = bool(_GLUED_LABEL.search(before)) and raw.startswith(("0", "+"))
        if (before[-1:].isalnum() and not glued_to_label) or after.isalnum():
            return None  # part of a longer token: a URN, a reference, a postcode
        if before[-1:] in {".", ",", "/"} and before[-2:-1].isdigit():
            return None  # the tail of a longer number: "1.234567", "12/345678"
        if _MONEY_BEFORE.search(before) or _DATE_SHAPE.fullmatch(raw.strip()):
            return None
        if _NHS_BEFORE.search(before) and _NHS_SHAPE.fullmatch(raw.strip()):
            return None
        # The matcher drops how the number was written, so read it from the raw text.
        written = raw.lstrip("( ")
        # "44 7700 900123" is a UK number written without its "+" only when the 44 was
        # read as the country code; "4448671635" (a custody record) is ten bare digits.
        written_digits = re.sub(r"\D", "", written)
        without_plus = (
            written_digits.startswith("44")
            and number.country_code == _UK_CODE
            and str(number.national_number) == written_digits[2:].lstrip("0")
        )
        if not (written.startswith(("+", "0")) or without_plus):
            return None  # bare digits without "+", "00" or a trunk "0": a reference
        if not phonenumbers.is_possible_number(number):
            return None
        valid = bool(phonenumbers.is_valid_number(number))
        national = len(str(number.national_number))
        if number.country_code == _UK_CODE:
            # Ten national digits are enough (drama ranges are unassigned but ten long);
            # shorter UK numbers must be assigned ones ("016064 1234", "0800 1111").
            if national != _UK_FULL_LENGTH and not valid:
                return None
        elif national < _MIN_INTERNATIONAL_NSN:
            return None
        return self.VALID_SCORE if valid else self.POSSIBLE_SCORE

    def _national(self, text: str) -> Iterator[Found]:
        """Grouped (or labelled) eleven-digit national numbers, whatever stands around them."""
        for match in _NATIONAL.finditer(text):
            raw = match.group()
            grouped = " " in raw or "-" in raw
            if not grouped and not label_before(_PHONE_LABEL, text, match.start(), 20):
                continue  # eleven bare digits and a number: a reference, unless labelled
            try:
                number = phonenumbers.parse(raw, self.REGION)
            except phonenumbers.NumberParseException:
                continue
            score = self._score(text, match.start(), match.end(), raw, number)
            if score is not None:
                yield Found(match.start(), match.end(), score, "UK national phone number")

    @staticmethod
    def _alternatives(text: str, end: int, raw: str) -> list[tuple[int, int]]:
        """Spans of alternative endings after a number: "020 7946 0958 / 0959".

        An alternative replaces the tail of the number, so it has no more digits
        than the number's last group.
        """
        last_group = re.findall(r"\d+", raw)[-1]
        found: list[tuple[int, int]] = []
        position = end
        while alternative := _ALTERNATIVE.match(text, position):
            if len(alternative.group(1)) > len(last_group):
                break
            found.append(alternative.span(1))
            position = alternative.end()
        return found


class LookAlikePhoneRecognizer(Recognizer):
    """A labelled phone number typed with letters for digits: "Mobile: O77OO 9OO46l".

    Only after a phone label, only eleven characters from a leading 0 (or O), and
    only when, read as digits, it is a possible UK number: a reference or a word
    is never taken for one. Numbers written in digits are the other recogniser's.
    """

    ENTITY = Entity.PHONE_NUMBER
    SCORE = 0.6
    WINDOW = 20
    #: At least this many characters must be real digits.
    MIN_DIGITS = 5

    def find(self, text: str) -> Iterator[Found]:
        """Look-alike numbers after a phone label."""
        for match in _LOOK_ALIKE.finditer(text):
            raw = match.group()
            real = sum(c.isdigit() for c in raw)
            if real == len(raw.replace(" ", "").replace("-", "")) or real < self.MIN_DIGITS:
                continue  # all digits (the other recogniser's), or a word, not a number
            if not label_before(_PHONE_LABEL, text, match.start(), self.WINDOW):
                continue
            if _possible_uk_number(raw.translate(_AS_DIGITS)):
                yield Found(
                    match.start(), match.end(), self.SCORE, "phone label, look-alike digits"
                )


def _possible_uk_number(raw: str) -> bool:
    try:
        number = phonenumbers.parse(raw, "GB")
    except phonenumbers.NumberParseException:
        return False
    return number.country_code == _UK_CODE and bool(phonenumbers.is_possible_number(number))


class OfflineEmailRecognizer(EmailRecognizer):
    """Presidio's email recogniser, with its domain check kept off the network.

    Presidio validates a match with ``tldextract.extract``, whose default extractor
    downloads the public suffix list on first use. This one builds its own extractor
    with no suffix-list URLs and no cache directory, so it reads only the snapshot
    bundled with ``tldextract`` and writes nothing to disk.
    """

    def __init__(self) -> None:
        # Fresh Pattern objects: Presidio caches the compiled regex on them, and the
        # class-level list would otherwise be shared by every instance.
        patterns = [Pattern(p.name, p.regex, p.score) for p in EmailRecognizer.PATTERNS]
        super().__init__(
            patterns=patterns,
            supported_language="en",
            supported_entity=Entity.EMAIL_ADDRESS.value,
        )
        self._extract = tldextract.TLDExtract(
            cache_dir=None, suffix_list_urls=(), fallback_to_snapshot=True
        )

    def validate_result(self, pattern_text: str) -> bool:
        """Whether the match ends in a known public suffix (checked offline).

        Args:
            pattern_text: The text the pattern matched.

        Returns:
            True when the domain has a registrable name under a known suffix.
        """
        return bool(self._extract(pattern_text).fqdn != "")


#: The recognisers of this family, for :func:`idpc_guard.recognizers.discover`.
RECOGNIZERS: tuple[Callable[[], EntityRecognizer], ...] = (
    UkPhoneNumberRecognizer,
    LookAlikePhoneRecognizer,
    OfflineEmailRecognizer,
)
