"""Addresses: UK postcodes and street addresses.

``UK_POSTCODE`` covers every valid format (A9 9AA, A99 9AA, A9A 9AA, AA9 9AA,
AA99 9AA, AA9A 9AA and GIR 0AA) with the letter rules of each position, in any
case, with or without the space, and never inside a longer token (a URN such as
``05AB1234524``).

``UK_ADDRESS`` is a first, bounded street-address recogniser. Its core is a street
line: a house number (12, 12A, 14-16) and a capitalised street name ending in a
street type ("Road", "Avenue", "Close"...). Up to two premises parts may come
before it ("Flat 3", "Unit 1-3", "Rose Cottage") and up to three locality parts and
a postcode after it, on one line separated by commas or over several lines; the
whole address is one span. Where prose wrapped inside the street line or the
postcode ("lived at 57 / Quenby Crescent", "Pennick PN4 / 2AB") the address is
found when it runs on to a postcode. Without a postcode at most one locality part is taken,
and only when it ends its line or clause, so that narrative after an address is
not swallowed. A street line with no house number counts only when it starts a
line (or follows a comma) and the address ends in a postcode, or when the words
before it say someone lives there ("my flat on Church Road", "lives at number 14").

Addresses that the words just before mark as a business's or public body's
("Tesco Express, 5 High Street...", "the police station at...") are reported by
``UkBusinessAddressRecognizer`` instead, so that the policy can keep them.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterator

from presidio_analyzer import EntityRecognizer, Pattern
from presidio_analyzer.predefined_recognizers import UkPostcodeRecognizer

from idpc_guard.model import Entity
from idpc_guard.recognizers._base import Found, Recognizer, label_before
from idpc_guard.text.legal import LegalKind, kind_at

__all__ = [
    "RECOGNIZERS",
    "SplitPostcodeRecognizer",
    "UkAddressRecognizer",
    "UkBusinessAddressRecognizer",
    "UkPostcodeFormatRecognizer",
]

#: The outward and inward codes, with the letters each position allows.
#: Spaces between them: none, or up to eight spaces or tabs (never a line break).
_POSTCODE_CORE = (
    r"(?:GIR[^\S\r\n]{0,8}0AA"
    r"|(?:[A-PR-UWYZ][0-9][0-9]?"
    r"|[A-PR-UWYZ][A-HK-Y][0-9][0-9]?"
    r"|[A-PR-UWYZ][0-9][A-HJKPSTUW]"
    r"|[A-PR-UWYZ][A-HK-Y][0-9][ABEHMNPRVWXY])"
    r"[^\S\r\n]{0,8}[0-9][ABD-HJLNP-UW-Z]{2})"
)
#: A postcode standing alone: no letter, digit or underscore on either side.
POSTCODE_REGEX = rf"(?<![\w]){_POSTCODE_CORE}(?![\w])"

#: Thoroughfare types (the last word of a street's name), as Royal Mail's address file
#: writes them across the UK, regional ones included: northern folds, garths, heys and
#: nooks, East Anglian lokes, Scottish wynds, vennels and braes, Sussex twittens. The
#: list was checked against every numbered street line of the NHS GP practice and
#: HMCTS court addresses in ``/work/shared/data`` (tests/recognizers/test_street_types.py).
STREET_TYPES = (
    "Road|Street|Avenue|Lane|Lanes|Close|Drive|Way|Crescent|Grove|Place|Court|Gardens|"
    "Terrace|Walk|Walks|Hill|Park|Square|Mews|Row|Rise|View|Vale|Parade|Green|Gate|Gait|"
    "Boulevard|Approach|Approaches|Chase|Croft|Wharf|Yard|Field|Fields|Meadow|Meadows|"
    "Heights|Promenade|Esplanade|Embankment|Quay|Wynd|Vennel|Brae|Loan|Loaning|Neuk|Pend|"
    "Brow|Hollow|Circus|Circle|Broadway|Broadwalk|Grange|End|Side|Mount|Ridge|Ridgeway|"
    "Bank|Banks|Oval|Glade|Dene|Dean|Garth|Mead|Paddock|Orchard|Causeway|Spinney|Ride|"
    "Fold|Hey|Heys|Nook|Loke|Twitten|Ginnel|Gill|Ghyll|Rigg|Shaw|Holt|Knoll|Lea|Leys|"
    "Dale|Dell|Dingle|Drove|Drift|Stray|Strand|Links|Mall|Path|Pathway|"
    "Precinct|Pavement|Plaza|Quadrant|Retreat|Ringway|Rookery|Slade|Spur|Highway|"
    "Greenway|Walkway|Crossway|Crossing|Common|Copse|Covert|Cloisters|Cottages|"
    "Villas|Vista|Glen|Glebe|Hurst|Heath|Downs|Wold|Wolds|Valley|Crest|Brink|Stile|"
    "Rake|Pastures|Waterside|Riverside|Hillside|Lawn|Lawns"
)
_STREET_TYPES = (
    r"(?:Rd|St|Ave|Av|Cres|Gdns|Cl|Dr|Ln|La|Pl|Sq|Tce|Ter|Terr|Gr|Gro|Wlk|Ct|Pde|Pk|Hts|Wy|Bvd)\.?|"
    + STREET_TYPES
)
_MONTHS = (
    "January|February|March|April|May|June|July|August|September|October|November|"
    "December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec"
)
#: A capitalised word of a name ("Acacia", "ST", "Mary's", "Lime-Tree", "O'Neill").
#: A full stop only after an abbreviation of one or two letters ("St.", "J."), so that a
#: sentence ending after a town ("Bootle. Then") is not read as one name.
_NAME_WORD = (
    r"(?:[A-Z][A-Za-z]*(?:['’][A-Za-z]+)?(?:-[A-Za-z]+)*"
    r"(?:(?:(?<=\b[A-Z])|(?<=\b[A-Z][a-z]))\.(?=[ \t]+[A-Z]))?)"
)
#: One to four capitalised name words.
_NAME = rf"(?:{_NAME_WORD}(?:[ \t]+{_NAME_WORD}){{0,3}})"
#: A house number: 12, 12A, 20gf, 14-16 (not an ordinal: "14th").
_NUMBER = r"(?:\d{1,4}(?!st\b|nd\b|rd\b|th\b)[A-Za-z]{0,2}(?:[ \t]*-[ \t]*\d{1,4}[A-Za-z]?)?)"
#: A street name and type: "Acacia Avenue", "St Mary's Road" (never "14 June Park Road").
_STREET_NAME = rf"(?!(?i:{_MONTHS})\b){_NAME}[ \t]+(?i:{_STREET_TYPES})(?![\w'’-])"
#: A numbered street line: "12 Acacia Avenue", "14-16 High St", "12, Lime Grove".
_NUMBERED_STREET = rf"(?<![\w/.,-]){_NUMBER}(?![\w/.:])[ \t]*,?[ \t]*{_STREET_NAME}"
#: Between the parts of an address: a comma, a line break, or both.
_SEP = r"(?:[ \t]*,[ \t]*\n?[ \t]*|[ \t]*\n[ \t]*)"
#: A part naming the premises before the street: "Flat 3", "Unit 1-3", "Rose Cottage",
#: "10B Barry Jackson Tower".
_PREMISES = (
    r"(?:(?i:flat|apartment|apt\.?|unit|room|maisonette|suite|block|shop|stall)"
    rf"[ \t]+{_NUMBER}(?![\w/.:])"
    rf"|(?:{_NUMBER}[ \t]+)?{_NAME}[ \t]+(?i:House|Cottage|Farm|Lodge|Hall|Manor|Mansions"
    r"|Tower|Villa|Residences|Barn|Mill|Chambers|Buildings|Flats|Apartments)(?![\w'’-]))"
)
#: Small words inside place names ("Newcastle upon Tyne", "City of London").
_CONNECTOR = r"(?:of|upon|on|under|in|the|by|le|next|super|cum|en)"
#: A locality: one to four capitalised words ("Liverpool", "West Derby", "Merseyside",
#: "Kingston upon Thames").
_LOCALITY = rf"(?:{_NAME_WORD}(?:[ \t]+(?:{_CONNECTOR}[ \t]+)?{_NAME_WORD}){{0,3}})"
#: Localities, then a postcode, after the street.
_TO_POSTCODE = (
    rf"(?:(?:{_SEP}|[ \t]+){_LOCALITY}){{0,3}}(?:{_SEP}|[ \t]+)(?i:{_POSTCODE_CORE})(?!\w)"
)
#: A numbered street, then localities and a postcode, or one locality ending its clause.
_NUMBERED_ADDRESS = (
    rf"(?:{_PREMISES}(?:{_SEP}|[ \t]+)){{0,2}}{_NUMBERED_STREET}"
    rf"(?:{_TO_POSTCODE}|{_SEP}{_LOCALITY}(?=[ \t]*(?:[.,;:)\]]|\n|$))|)"
)
#: A street with no number, at the start of a line or after a comma, which must end
#: in a postcode: "Rose Cottage, Packhouse Lane, Birmingham B39 0DH".
_UNNUMBERED_ADDRESS = (
    rf"(?:(?<=\n)|(?<=,)|^)[ \t]*"
    rf"(?P<address>(?:{_PREMISES}{_SEP}){{0,2}}{_STREET_NAME}{_TO_POSTCODE})"
)
#: One line break (with the spaces around it) where a line of prose wrapped.
_BREAK = r"[ \t]*\n[ \t]*"
#: A space, or a line break where the text wrapped.
_GAP = rf"(?:[ \t]+|{_BREAK})"
#: A postcode whose halves a wrapped line parted: "Pennick PN4\n2AB".
_POSTCODE_ACROSS = _POSTCODE_CORE.replace(r"[^\S\r\n]{0,8}", rf"(?:[^\S\r\n]{{0,8}}|{_BREAK})")
#: An address that prose wrapped inside its number and street or inside its postcode
#: ("I have lived at 57\nQuenby Crescent, Pennick PN4 2AB", "14 Tarrow\nWalk"):
#: found only when it runs on to a postcode, the sign that it is an address at all.
_WRAPPED_ADDRESS = (
    rf"(?:{_PREMISES}(?:{_SEP}|[ \t]+)){{0,2}}"
    rf"(?<![\w/.,-]){_NUMBER}(?![\w/.:])[ \t]*,?{_GAP}"
    rf"(?!(?i:{_MONTHS})\b){_NAME_WORD}(?:{_GAP}{_NAME_WORD}){{0,3}}{_GAP}"
    rf"(?i:{_STREET_TYPES})(?![\w'’-])"
    rf"(?:(?:{_SEP}|[ \t]+){_LOCALITY}){{0,3}}(?:{_SEP}|{_GAP})(?i:{_POSTCODE_ACROSS})(?!\w)"
)
#: Partial addresses people write, where the words before say it is a home:
#: "my flat on Church Road", "they live on Elm Row", "she lives at number 14".
_PARTIAL = re.compile(
    r"(?i:\b(?:(?:my|his|her|their|our|a|the|your)\s+(?:flat|house|home|place|maisonette|bungalow)"
    r"|li(?:ve|ves|ved|ving)|stay(?:s|ed|ing)?|reside[sd]?)\s+(?:on|in)\s+)"
    rf"(?P<address>{_STREET_NAME})"
    r"|(?i:\b(?:li(?:ve|ves|ved|ving)|stay(?:s|ed|ing)?|went\s+back|go(?:es)?\s+back|returned"
    r"|moved|reside[sd]?)\s+(?:at|to)\s+)(?P<number>(?i:number|no\.?)\s+\d{1,4}[A-Za-z]?)\b"
)
#: Words just before an address that say it is a business or public body's premises.
_BUSINESS = re.compile(
    r"(?i:\b(?:ltd|limited|plc|llp|public\s+house|pub|shop|store|supermarket|tesco|"
    r"sainsbury'?s|asda|co-?op|aldi|lidl|restaurant|caf[eé]|hotel|bank|branch|garage|"
    r"petrol\s+station|council|police\s+station|hospital|surgery|medical\s+centre|"
    r"school|college|university|church|(?<!residential\s)(?<!domestic\s)premises|"
    r"business|company|office|offices|"
    r"warehouse|factory|salon|takeaway|bar|club)\b)"
    # Then the rest of the line, or of it and the next (a sentence wrapped); never a
    # field label between ("Hospital No: X / Address: ..." is a patient's address).
    r"(?:[ \t]*:)?(?:[^.\n:]{0,40}|[^.\n:]{0,30}\n[^.\n:]{0,20})$"
)
#: A name just before an address, after a comma: "entered X, 12 High Street".
_NAME_BEFORE = re.compile(
    r"(?P<n>[A-Z][A-Za-z'’&]+(?:[ \t][A-Z][A-Za-z'’&]+){0,2}),[ \t]*\n?[ \t]*$"
)
#: How far before an address the words marking a business may stand.
_BUSINESS_WINDOW = 60
#: Streets that are courts and public bodies, not homes.
_INSTITUTION = re.compile(
    r"\b(?:crown|magistrates['’]?|county|youth|family|combined|coroners['’]?)\s+court\b",
    re.IGNORECASE,
)
#: A postcode ending an address span.
_POSTCODE_AT_END = re.compile(rf"(?i:{_POSTCODE_CORE})$")


class UkPostcodeFormatRecognizer(UkPostcodeRecognizer):
    """UK postcodes of every valid format, as standalone tokens.

    Presidio's ``UkPostcodeRecognizer`` with a pattern that also allows several
    spaces (or a non-breaking space) between the two halves, refuses a line break
    there, and scores the match on its own rather than relying on context words.
    """

    SCORE = 0.7

    def __init__(self) -> None:
        super().__init__(
            patterns=[Pattern("UK postcode", POSTCODE_REGEX, self.SCORE)],
            supported_language="en",
            supported_entity=Entity.UK_POSTCODE.value,
        )


#: A postcode's outward code ending a line and its inward code starting the next
#: (a form's narrow box, a table cell): "Postcode: LS6\n2QT", "Leeds LS6\n2QT".
_SPLIT_POSTCODE = re.compile(
    r"(?<![\w])(?:[A-PR-UWYZ][0-9][0-9]?|[A-PR-UWYZ][A-HK-Y][0-9][0-9]?"
    r"|[A-PR-UWYZ][0-9][A-HJKPSTUW]|[A-PR-UWYZ][A-HK-Y][0-9][ABEHMNPRVWXY])"
    r"[ \t]*\r?\n[ \t]*[0-9][ABD-HJLNP-UW-Z]{2}(?![\w])"
)
#: What must stand before a split postcode on its line: a postcode or address label, a
#: comma, or a town's name ("Leeds LS6"); a bare code on its own is too short to trust.
_BEFORE_SPLIT = re.compile(
    r"(?:(?i:post\s*code|address)[ \t]*:?|,|\b[A-Z][a-z]+(?:[ \t]+[A-Z][a-z]+)*)[ \t]*$"
)


class SplitPostcodeRecognizer(Recognizer):
    """A postcode whose halves a line break parted, after a label, a comma or a town."""

    ENTITY = Entity.UK_POSTCODE
    SCORE = 0.65

    def find(self, text: str) -> Iterator[Found]:
        """Outward code at a line's end, inward code at the next line's start."""
        for match in _SPLIT_POSTCODE.finditer(text):
            line_start = text.rfind("\n", 0, match.start()) + 1
            if _BEFORE_SPLIT.search(text, line_start, match.start()):
                yield Found(match.start(), match.end(), self.SCORE, "postcode split over lines")


#: A police rank or "collar number" just before a number: the number is the officer's.
_COLLAR_BEFORE = re.compile(
    r"\b(?:PC|DC|PS|DS|DI|DCI|DCS|Sgt|Insp|PCSO|SPC|Constable|Sergeant|Inspector|"
    r"(?i:collar)(?:[ \t]+(?i:number|no))?)\.?[ \t]*:?[ \t]*$"
)


class UkAddressRecognizer(Recognizer):
    """Street addresses: premises, a street line, then localities and a postcode.

    One span for the whole address, on one line (comma-separated) or over several
    lines, from the flat or house number to the postcode (or the last part found).
    Court buildings ("Liverpool Crown Court") are not reported.
    """

    ENTITY = Entity.UK_ADDRESS
    WITH_POSTCODE_SCORE = 0.85
    STREET_ONLY_SCORE = 0.6
    #: Only addresses the text marks as a business's or public body's (see
    #: :class:`UkBusinessAddressRecognizer`), or only the others.
    BUSINESS = False

    def find(self, text: str) -> Iterator[Found]:
        """The addresses of :func:`address_spans` that are (or are not) a business's."""
        for start, end in address_spans(text):
            if _a_business(text, start) is not self.BUSINESS:
                continue
            if _COLLAR_BEFORE.search(text, max(0, start - 30), start):
                continue  # "PC 6961 Wayne SHAW": a collar number, a name (and "Shaw")
            if _POSTCODE_AT_END.search(text, start, end):
                yield Found(
                    start, end, self.WITH_POSTCODE_SCORE, "street line ending in a postcode"
                )
            else:
                yield Found(start, end, self.STREET_ONLY_SCORE, "street line")


def _a_business(text: str, start: int) -> bool:
    """Whether the words before the address at ``start`` mark it as a business's.

    A word for a business ("Tesco Express, 5 High Street", "the shop at") or a shop's
    name, as :mod:`idpc_guard.text.legal` reads one ("entered X, 12 High Street").
    """
    if label_before(_BUSINESS, text, start, _BUSINESS_WINDOW):
        return True
    window = max(0, start - _BUSINESS_WINDOW)
    named = _NAME_BEFORE.search(text, window, start)
    return named is not None and kind_at(text, *named.span("n")) is LegalKind.INSTITUTION


_NUMBERED = re.compile(_NUMBERED_ADDRESS)
_UNNUMBERED = re.compile(_UNNUMBERED_ADDRESS)
_WRAPPED = re.compile(_WRAPPED_ADDRESS)


@functools.lru_cache(maxsize=4)
def address_spans(text: str) -> tuple[tuple[int, int], ...]:
    """Address spans in ``text``: the widest of overlapping candidates, courts left out.

    Both address recognisers (private and business) read the same spans of the same
    page: the second asks this cache (the regular expressions are a tenth of detection).
    """
    candidates = [m.span() for m in _NUMBERED.finditer(text)]
    candidates += [m.span("address") for m in _UNNUMBERED.finditer(text)]
    candidates += [m.span() for m in _WRAPPED.finditer(text)]
    for match in _PARTIAL.finditer(text):
        candidates.append(match.span("address" if match.group("address") else "number"))
    kept: list[tuple[int, int]] = []
    for start, end in sorted(candidates, key=lambda span: span[0] - span[1]):
        if any(start < k_end and k_start < end for k_start, k_end in kept):
            continue
        if _INSTITUTION.search(text, start, end):
            continue
        kept.append((start, end))
    return tuple(sorted(kept))


class UkBusinessAddressRecognizer(UkAddressRecognizer):
    """Addresses the words before mark as a business's or public body's ("Tesco, 5 High St").

    Reported as ``UK_ADDRESS`` under their own recogniser name, so that the policy
    can place them (role ``business``) and the rules keep them.
    """

    BUSINESS = True


#: The recognisers of this family, for :func:`idpc_guard.recognizers.discover`.
RECOGNIZERS: tuple[Callable[[], EntityRecognizer], ...] = (
    UkPostcodeFormatRecognizer,
    SplitPostcodeRecognizer,
    UkAddressRecognizer,
    UkBusinessAddressRecognizer,
)
