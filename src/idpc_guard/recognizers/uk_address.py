"""Addresses: UK postcodes and street addresses.

``UK_POSTCODE`` covers every valid format (A9 9AA, A99 9AA, A9A 9AA, AA9 9AA,
AA99 9AA, AA9A 9AA and GIR 0AA) with the letter rules of each position, in any
case, with or without the space, and never inside a longer token (a URN such as
``05AB1234524``).

``UK_ADDRESS`` is a first, bounded street-address recogniser: an optional flat,
a house number, a capitalised street name ending in a street type ("Road",
"Avenue", "Close"...), then optionally up to three locality parts and a postcode,
on one line separated by commas or over several lines. The whole address is one
span. Without a postcode at most one locality part is taken, and only when it ends
its line or clause, so that narrative after an address is not swallowed.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from presidio_analyzer import (
    AnalysisExplanation,
    EntityRecognizer,
    LocalRecognizer,
    Pattern,
    RecognizerResult,
)
from presidio_analyzer.nlp_engine import NlpArtifacts
from presidio_analyzer.predefined_recognizers import UkPostcodeRecognizer

from idpc_guard.model import Entity

__all__ = ["RECOGNIZERS", "UkAddressRecognizer", "UkPostcodeFormatRecognizer"]

#: The outward and inward codes, with the letters each position allows.
#: Spaces between them: none, or up to four spaces/tabs (never a line break).
_POSTCODE_CORE = (
    r"(?:GIR[^\S\r\n]{0,4}0AA"
    r"|(?:[A-PR-UWYZ][0-9][0-9]?"
    r"|[A-PR-UWYZ][A-HK-Y][0-9][0-9]?"
    r"|[A-PR-UWYZ][0-9][A-HJKPSTUW]"
    r"|[A-PR-UWYZ][A-HK-Y][0-9][ABEHMNPRVWXY])"
    r"[^\S\r\n]{0,4}[0-9][ABD-HJLNP-UW-Z]{2})"
)
#: A postcode standing alone: no letter, digit or underscore on either side.
POSTCODE_REGEX = rf"(?<![\w]){_POSTCODE_CORE}(?![\w])"

_STREET_TYPES = (
    r"(?:Rd|St|Ave|Cres|Gdns)\.?|"
    "Road|Street|Avenue|Lane|Close|Drive|Way|Crescent|Grove|Place|"
    "Court|Gardens|Terrace|Walk|Hill|Park|Square|Mews|Row|Rise|View|Vale|Parade|"
    "Green|Gate|Boulevard|Approach|Chase|Croft|Wharf|Yard|Fields|Meadows?|Heights|"
    "Promenade|Embankment|Quay|Wynd|Brow|Hollow|Circus|Broadway|Grange|End|Side"
)
_MONTHS = (
    "January|February|March|April|May|June|July|August|September|October|November|"
    "December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec"
)
#: A capitalised word of a name ("Acacia", "ST", "Mary's", "Lime-Tree", "O'Neill").
_NAME_WORD = r"(?:[A-Z][A-Za-z]*(?:['’][A-Za-z]+)?(?:-[A-Z][A-Za-z]*)*(?:\.(?=[ \t]+[A-Z]))?)"
#: A street line: [Flat 3,] 12[A] [,] Name Words StreetType.
_STREET = (
    r"(?:(?:(?i:flat|apartment|apt\.?|unit|room|maisonette)[ \t]+\d{1,4}[A-Za-z]?"
    r"[ \t]*(?:,[ \t]*|[ \t]*\n[ \t]*|[ \t]))?"
    r"(?<![\w/.,-])\d{1,4}[A-Za-z]?(?:[ \t]*-[ \t]*\d{1,4}[A-Za-z]?)?(?![\w/.:])"
    r"[ \t]*,?[ \t]*"
    rf"(?!(?i:{_MONTHS})\b)"
    rf"{_NAME_WORD}(?:[ \t]+{_NAME_WORD}){{0,3}}"
    rf"[ \t]+(?i:{_STREET_TYPES})(?![\w'’-]))"
)
#: Between the parts of an address: a comma, a line break, or both.
_SEP = r"(?:[ \t]*,[ \t]*\n?[ \t]*|[ \t]*\n[ \t]*)"
#: A locality: one to three capitalised words ("Liverpool", "West Derby", "Merseyside").
_LOCALITY = rf"(?:{_NAME_WORD}(?:[ \t]+{_NAME_WORD}){{0,2}})"
_ADDRESS_REGEX = (
    rf"{_STREET}"
    rf"(?:(?:(?:{_SEP}|[ \t]+){_LOCALITY}){{0,3}}(?:{_SEP}|[ \t]+)(?i:{_POSTCODE_CORE})(?!\w)"
    rf"|{_SEP}{_LOCALITY}(?=[ \t]*(?:[.,;:)\]]|\n|$))"
    r"|)"
)
#: Streets that are courts and public bodies, not homes.
_INSTITUTION = re.compile(
    r"\b(?:crown|magistrates['’]?|county|youth|family|combined|coroners['’]?)\s+court\b",
    re.IGNORECASE,
)


class UkPostcodeFormatRecognizer(UkPostcodeRecognizer):
    """UK postcodes of every valid format, as standalone tokens.

    Presidio's ``UkPostcodeRecognizer`` with a pattern that also allows several
    spaces (or a non-breaking space) between the two halves, refuses a line break
    there, and scores the match on its own rather than relying on context words.
    """

    SCORE = 0.7
    NAME = "UkPostcodeRecognizer"

    def __init__(self) -> None:
        super().__init__(
            patterns=[Pattern("UK postcode", POSTCODE_REGEX, self.SCORE)],
            supported_language="en",
            supported_entity=Entity.UK_POSTCODE.value,
            name=self.NAME,
        )

    def analyze(
        self,
        text: str,
        entities: list[str],
        nlp_artifacts: NlpArtifacts | None = None,
        regex_flags: int | None = None,
    ) -> list[RecognizerResult]:
        """Find postcodes in ``text``.

        Args:
            text: The text to search.
            entities: The entities asked for; nothing is returned unless it holds
                ``UK_POSTCODE``.
            nlp_artifacts: Unused.
            regex_flags: Passed to Presidio's pattern matcher.

        Returns:
            One result per postcode.
        """
        if Entity.UK_POSTCODE.value not in entities:
            return []
        results: list[RecognizerResult] = super().analyze(
            text, entities, nlp_artifacts, regex_flags
        )
        return results


class UkAddressRecognizer(LocalRecognizer):
    """Street addresses: a numbered street line, then localities and a postcode.

    One span for the whole address, on one line (comma-separated) or over several
    lines. Court buildings ("Liverpool Crown Court") are not reported.
    """

    WITH_POSTCODE_SCORE = 0.85
    STREET_ONLY_SCORE = 0.6
    NAME = "UkAddressRecognizer"

    def __init__(self) -> None:
        super().__init__(
            supported_entities=[Entity.UK_ADDRESS.value],
            supported_language="en",
            name=self.NAME,
        )
        self._address = re.compile(_ADDRESS_REGEX)
        self._postcode = re.compile(rf"(?i:{_POSTCODE_CORE})$")

    def load(self) -> None:
        """Nothing to load."""

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None
    ) -> list[RecognizerResult]:
        """Find street addresses in ``text``.

        Args:
            text: The text to search.
            entities: The entities asked for; nothing is returned unless it holds
                ``UK_ADDRESS``.
            nlp_artifacts: Unused: the recogniser needs no NLP pipeline.

        Returns:
            One result per address, spanning from the flat or house number to the
            postcode (or the last part found).
        """
        if Entity.UK_ADDRESS.value not in entities:
            return []
        results: list[RecognizerResult] = []
        for match in self._address.finditer(text):
            found = match.group(0)
            if _INSTITUTION.search(found):
                continue
            has_postcode = bool(self._postcode.search(found))
            score = self.WITH_POSTCODE_SCORE if has_postcode else self.STREET_ONLY_SCORE
            results.append(
                RecognizerResult(
                    entity_type=Entity.UK_ADDRESS.value,
                    start=match.start(),
                    end=match.end(),
                    score=score,
                    analysis_explanation=AnalysisExplanation(
                        recognizer=self.NAME,
                        original_score=score,
                        pattern_name="street address",
                        textual_explanation=(
                            "house number and street type"
                            + (" with a postcode" if has_postcode else "")
                        ),
                    ),
                    recognition_metadata={
                        RecognizerResult.RECOGNIZER_NAME_KEY: self.NAME,
                        RecognizerResult.RECOGNIZER_IDENTIFIER_KEY: self.id,
                    },
                )
            )
        return results


#: The recognisers of this family, for :func:`idpc_guard.recognizers.discover`.
RECOGNIZERS: tuple[Callable[[], EntityRecognizer], ...] = (
    UkPostcodeFormatRecognizer,
    UkAddressRecognizer,
)
