"""Names of people: spaCy's PERSON, cleaned for forms, plus names the forms themselves mark.

spaCy's small model misses surnames in capitals (as forms print them) and takes
form words ("Victim", "Tick") and street names ("Walton Lane") for people. So:

* :class:`FormNameRecognizer` reads names where a form or a title says a name
  goes: ``Statement of:``, ``Name:``, ``Mrs Patel``, ``PC 4471 Jane SMITH``;
* :class:`SpacyPersonRecognizer` keeps spaCy's PERSON spans that look like a
  name: no digits, one line, no form or street words, not a common word that
  the same text also writes in lower case.

Neither reports words that legal prose shows are a cited case, a term of art or an
institution ("R v X [2019] ...", "a Turnbull direction", "Merseyside Police"): see
:mod:`idpc_guard.text.legal`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from presidio_analyzer import EntityRecognizer, RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts
from presidio_analyzer.predefined_recognizers import SpacyRecognizer

from idpc_guard.model import Entity
from idpc_guard.recognizers._base import Found, Recognizer
from idpc_guard.text.legal import not_a_person

PERSON = Entity.PERSON.value

# One name word: Capitalised, CAPITALS, an initial, or O'Brien / Smith-Jones.
_WORD = (
    r"(?:(?:Mc|Mac|O')?[A-Z][a-z]+(?:-[A-Z][a-z]+)?"
    r"|(?:Mc|Mac|O')?[A-Z]{2,}(?:-[A-Z]{2,})?"
    r"|[A-Z]\.?)(?![A-Za-z])"
)
_NAME = rf"{_WORD}(?:[ \t]+{_WORD}){{0,3}}"
#: A surname in capitals, a comma, then the forenames: "SMITH, John" (the space after the
#: comma may be lost by OCR: "SMITH,John").
_SURNAME_FIRST = rf"(?:Mc|Mac|O')?[A-Z]{{2,}}(?:-[A-Z]{{2,}})?,[ \t]*{_NAME}"

_FIELD = re.compile(
    rf"(?:Statement of|Name of witness|Name of defendant|Witness name|Full name|Name|Surname)"
    rf"[ \t]*:[ \t]*(?P<name>{_SURNAME_FIRST}|{_NAME})",
)
_TITLED = re.compile(rf"\b(?:Mr|Mrs|Ms|Miss|Mx|Dr|Doctor|Professor|Prof)\.?[ \t]+(?P<name>{_NAME})")
_RANKED = re.compile(
    r"\b(?:PC|DC|PS|DS|DI|DCI|Sgt|Insp|SPC|PCSO|Supt|Police Constable|Detective Constable|"
    r"Sergeant|Inspector)\.?[ \t]+(?:\d{2,6}[ \t]+)?"
    rf"(?P<name>{_NAME})"
)

#: Words that are never (part of) a person's name on a case form.
FORM_WORDS = frozenset(
    """
    victim witness statement signature signed tick urn defendant officer date page court
    police constable sergeant inspector charge charged summary address tel telephone mobile
    email occupation age dob restricted schedule item exhibit interview custody station
    home work contact details report case number no ref reference complainant suspect
    accused crown prosecution service magistrates magistrate unit team description location
    time hours day night morning evening the and of for in at on by with to from over under
    not applicable none yes nil unknown male female total note notes
    """.split()
)
STREET_WORDS = frozenset(
    """
    road street avenue lane close drive way crescent grove place court gardens terrace walk
    hill park square mews row rise view parade green end vale wharf quay circus
    """.split()
)
#: Words that end premises names ("Orchard Lodge", "The Barn"), never a person's.
PREMISES_WORDS = frozenset(
    "house cottage farm lodge hall manor barn mill villa rectory vicarage tower flats".split()
)
#: Vehicle makes and models spaCy takes for people ("Ford Focus", "Vauxhall Astra"),
#: and labels it takes for names ("Licence", "MRN").
NOT_NAME_WORDS = frozenset(
    """
    ford vauxhall bmw audi mercedes toyota nissan honda peugeot renault volkswagen vw kia
    hyundai fiat citroen skoda seat volvo mazda focus fiesta astra corsa golf polo
    licence license mrn hosp passport iban visa mastercard vrm nhs nino
    facebook twitter instagram youtube whatsapp snapchat tiktok telegram linkedin messenger
    brexit covid covid-19 coronavirus
    """.split()
)
#: Occupations spaCy takes for names when capitalised after a name ("Dr X, Consultant
#: Obstetrician"): a span of them alone is a job, not a person.
OCCUPATION_WORDS = frozenset(
    """
    consultant obstetrician gynaecologist psychologist neuropsychologist psychiatrist
    paediatrician surgeon midwife anaesthetist radiologist physiotherapist pharmacist
    chairperson chairman chairwoman representative consul honorary clinical senior
    specialist registrar practitioner therapist counsellor
    """.split()
)
#: Compass words that start a place's name ("East Guji", "West Lothian"), never a person's.
_COMPASS = frozenset("north south east west northern southern eastern western central".split())
#: Words of case papers that are never part of a person's name (headings, form labels,
#: offences, procedure): a spaCy span with one of them is not a name.
CASE_WORDS = frozenset(
    """
    act acts criminal justice courts procedure rules continuation particulars anticipated
    preferred previous special particular information non-sensitive sensitive unused material
    disclosure pocket notebook evidence evidential exhibits identification forensic scientific
    control body-worn digital cctv footage house-to-house crime incident hearing offence
    offences theft burglary robbery assault damage injury injuries caution cautioned arrest
    arrested bail warrant sentence conviction convictions defence solicitor solicitors duty
    medical hospital patient wristband birth aged postcode e-mail text invoice account sort
    collar pnc cro ni id oic mg driving example found later upstairs downstairs supervisor
    photographs photograph photos exh record registrar
    """.split()
)
#: Titles and police ranks: before a name, never a name on their own.
TITLE_WORDS = frozenset(
    """
    mr mrs ms miss mx dr prof professor pc dc ps ds di dci sgt insp spc pcso supt det
    """.split()
)
#: A word the text gives for the person's role or relation, before a name:
#: "my neighbour, Tom Hughes", "I was with my sister Anne YOUNG", "The defendant, X".
_ROLE_WORDS = (
    r"neighbou?r|mother|father|mum|dad|sister|brother|son|daughter|wife|husband|partner|"
    r"ex-partner|boyfriend|girlfriend|friend|cousin|aunt|uncle|nephew|niece|grandmother|"
    r"grandfather|nan|colleague|manager|landlord|landlady|flatmate|caller|defendant|victim|"
    r"complainant|witness|suspect|doctor|nurse|teacher|social\s+worker"
)
#: Two to four name words, each Capitalised or in CAPITALS (a first name and a surname).
_FULL_NAME = (
    r"(?!(?:Mr|Mrs|Ms|Miss|Mx|Dr|Doctor|Prof|Professor|Sgt|Sergeant|Insp|Inspector|Supt|"
    r"Police|Detective|Constable|PC|DC|PS|DS|DI|DCI|PCSO)\b)"
    r"(?:Mc|Mac|O')?[A-Z][a-z]+(?:-[A-Z][a-z]+)?"
    r"(?:[ \t]+(?:(?:Mc|Mac|O')?[A-Z][a-z]+(?:-[A-Z][a-z]+)?|(?:Mc|Mac|O')?[A-Z]{2,}"
    r"(?:-[A-Z]{2,})?)){1,3}(?![A-Za-z])"
)
_CUED = re.compile(
    rf"(?i:\b(?:{_ROLE_WORDS})s?(?:'s|’s)?(?![\w'’]),?[ \t]+"
    r"|\b(?:saw|seen|spoke\s+to|speak\s+to|talked\s+to|with|called|phoned|rang|told|met|"
    r"asked|helped|hit|punched|kicked|attacked|threatened|followed)[ \t]+)"
    rf"(?P<name>{_FULL_NAME})"
    r"|(?:^|(?<=\n))(?P<lead>" + _FULL_NAME + r")(?=[ \t]*\((?:DOB|D\.O\.B|born|aged)\b)"
)


def _looks_like_name(text: str, context: str, *, from_form: bool = False) -> bool:
    words = text.replace(",", " ").split()
    if not words or any(c.isdigit() or c in "()[]{}" for c in text) or "\n" in text:
        return False  # "OFFENCE(S", "Item 4": a name has no digits or brackets
    folded = [w.casefold().strip(".'") for w in words]
    if any(w in FORM_WORDS or w in NOT_NAME_WORDS or w in CASE_WORDS for w in folded):
        return False
    if all(w in TITLE_WORDS for w in folded) or all(w in OCCUPATION_WORDS for w in folded):
        return False
    if len(words) == 2 and folded[0] in _COMPASS:
        return False  # "East Guji": a place
    if not from_form and all(w.isupper() and len(w.strip(".")) <= 3 for w in words):
        return False  # acronyms and initials alone: "ED SHO", "A&E", "CPS"
    # "Walton Lane" is a street, but where a form says a name goes a surname in
    # capitals is a surname: "Gemma HILL", "Tom GREEN".
    street = folded[-1] in STREET_WORDS or folded[-1] in PREMISES_WORDS
    if street and not (from_form and len(words) > 1 and words[-1].isupper()):
        return False
    if not all(w[0].isupper() for w in words):
        return False
    if len(words) == 1:
        word = words[0]
        if word.isupper() and len(word) <= 4 and not from_form:  # acronyms: MG6C, PNC, OIC
            return False
        if _cut_label(word.casefold()):
            return False
        # A common noun at the start of a sentence ("Victim") also appears in lower case.
        if re.search(rf"\b{re.escape(word.casefold())}\b", context):
            return False
    return True


#: Form and case words long enough that a cut-off start of one is recognisable.
_LABELS = tuple(sorted(w for w in FORM_WORDS | CASE_WORDS if len(w) > 5))


def _cut_label(word: str) -> bool:
    """Whether ``word`` is the start of a form or case word cut short ("Signat", "Statem").

    OCR and line ends cut labels ("Signat|ure of witness"); the stump is not a name.
    """
    return len(word) >= 5 and any(label.startswith(word) and label != word for label in _LABELS)


#: After one capitalised word: "of" and a lower-case word ("Photographs of injuries",
#: "Record of interview"): a heading or a list item, not a name.
_OF_AFTER = re.compile(r"[ \t]+of[ \t]+[a-z]")
#: Before one capitalised word: the small words of a place name ("Ashby upon Wold").
_PLACE_BEFORE = re.compile(r"\b(?:upon|-on-|-upon-)[ \t]*$", re.IGNORECASE)


def _one_word_not_a_name(text: str, start: int, end: int) -> bool:
    """Whether one capitalised word is a heading's or a place name's, by its neighbours."""
    if " " in text[start:end].strip():
        return False
    return bool(_OF_AFTER.match(text, end) or _PLACE_BEFORE.search(text[max(0, start - 8) : start]))


#: A case title's "R v" at the start of a span, as text or OCR gives it ("R v", "Rv", "R. v.").
_CASE_TITLE_START = re.compile(r"(?:R|Regina|REGINA)\.?[ \t]*v(?:s)?\.?[ \t]+(?=[A-Z])")


#: A title after the first word of a span: where the name starts.
_TITLE_INSIDE = re.compile(
    r"[ \t]+((?:Mr|Mrs|Ms|Miss|Mx|Dr|Prof|PC|DC|PS|DS|DI|DCI|Sgt|Insp)\.?[ \t]+[A-Z])"
)
#: A role word leading a span: "Child", "Victim", "Witness" before the name.
_ROLE_LEAD = re.compile(
    r"(?:Child|Victim|Witness|Complainant|Defendant|Suspect|Accused|Caller|Neighbour|"
    r"Mother|Father|Mum|Dad|Son|Daughter|Brother|Sister|Partner)[ \t]+(?=[A-Z])"
)


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Drop punctuation, a case title's "R v" and a possessive ("Brown's") from a span."""
    while start < end and not text[start].isalpha():
        start += 1
    title = _CASE_TITLE_START.match(text, start, end)
    if title:
        start = title.end()
    # Words before a title are not the name ("Spoke Mrs Richards"), nor a role word
    # before it ("Child Bethany", "Victim Jo BLOGGS").
    inner = _TITLE_INSIDE.search(text, start, end)
    if inner:
        start = inner.start(1)
    lead = _ROLE_LEAD.match(text, start, end)
    if lead and lead.end() < end:
        start = lead.end()
    while end > start and not text[end - 1].isalpha():
        end -= 1
    if text[start:end].endswith("'s"):
        end -= 2
    return start, end


class SpacyPersonRecognizer(SpacyRecognizer):
    """spaCy's PERSON spans, trimmed, and kept only when they look like a name."""

    def __init__(self) -> None:
        super().__init__(supported_entities=[PERSON], supported_language="en")

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None
    ) -> list[RecognizerResult]:
        """PERSON results from spaCy after cleaning; nothing without NLP artifacts."""
        if nlp_artifacts is None:
            return []
        results: list[RecognizerResult] = []
        for result in super().analyze(text, entities, nlp_artifacts):
            start, end = _trim(text, result.start, result.end)
            if end <= start or not _looks_like_name(text[start:end], text):
                continue
            if _one_word_not_a_name(text, start, end):
                continue
            if not_a_person(text, start, end):  # "R v X [2019] ...", "X Police"
                continue
            result.start, result.end = start, end
            results.append(result)
        return results


class FormNameRecognizer(Recognizer):
    """Names where a form field, a title or a police rank says a name goes."""

    ENTITY = Entity.PERSON
    SCORE_FIELD = 0.85
    SCORE_TITLED = 0.75

    def find(self, text: str) -> Iterator[Found]:
        """Names after ``Statement of:``/``Name:``, after titles, ranks and role words."""
        for pattern, score, why in (
            (_FIELD, self.SCORE_FIELD, "name after a form field"),
            (_TITLED, self.SCORE_TITLED, "name after a title"),
            (_RANKED, self.SCORE_FIELD, "name after a police rank"),
            (_CUED, self.SCORE_TITLED, "name after a role or action word"),
        ):
            for match in pattern.finditer(text):
                group = "lead" if "lead" in pattern.groupindex and match.group("lead") else "name"
                start, end = _trim(text, *match.span(group))
                words = [
                    (start + m.start(), start + m.end())
                    for m in re.finditer(r"\S+", text[start:end])
                ]
                # The greedy name pattern can run on into a form word ("SMITH Date").
                popped = False
                while (
                    words and text[words[-1][0] : words[-1][1]].casefold().strip(".") in FORM_WORDS
                ):
                    words.pop()
                    popped = True
                if not words or (len(words) == 1 and words[0][1] - words[0][0] <= 2):
                    continue
                # After a role word, one word before a form word is a title's: "Victim
                # Personal Statement", "Witness Care Unit".
                if popped and len(words) == 1 and pattern is _CUED:
                    continue
                end = words[-1][1]
                if not _looks_like_name(text[start:end], "", from_form=True):
                    continue
                if not_a_person(text, start, end):  # "a Turnbull direction"
                    continue
                if pattern is _TITLED:
                    start = match.start()  # "Mr Quistfire" whole: "Mr" alone says who it was
                yield Found(start, end, score, why)


#: The recognisers of this family, for :func:`idpc_guard.recognizers.discover`.
RECOGNIZERS: tuple[Callable[[], EntityRecognizer], ...] = (
    SpacyPersonRecognizer,
    FormNameRecognizer,
)
