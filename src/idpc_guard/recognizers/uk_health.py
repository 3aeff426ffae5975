"""Health identifiers: NHS numbers and hospital numbers.

A hospital number (MRN, "Hosp No", "Unit No", "Patient ID", "Case note no") has
no national format: one to four letters and five to ten digits (``RXN1234567``,
``K123456``, ``12345678``). It is reported only straight after such a label.

An NHS number is ten digits whose last digit is a modulus-11 check digit. About 9%
of random ten-digit numbers pass that check, so a checksum alone is no proof: the
number is reported with confidence only when the text says "NHS" just before it
(or right after it). Without that context a checksum-valid number is still
returned, with a low score (``NO_CONTEXT_SCORE``) below the engine's threshold, so
it is dropped unless context lifts it (a later version may weigh the kind of
document it sits in, e.g. a medical record).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from presidio_analyzer import AnalysisExplanation, EntityRecognizer, Pattern, RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts
from presidio_analyzer.predefined_recognizers import NhsRecognizer

from idpc_guard.model import Entity
from idpc_guard.recognizers._base import label_before
from idpc_guard.recognizers._labelled import LabelledPatternRecognizer, LabelledRule

__all__ = ["RECOGNIZERS", "HospitalNumberRecognizer", "UkNhsNumberRecognizer"]

#: How far back (in characters) an "NHS" label may stand from the number.
CONTEXT_WINDOW = 40
#: An NHS label: "NHS", "N.H.S.", "NHS no", "NHS number:", "National Health Service".
#: OCR may lose the space in "NHS No" or "NHS Number", hence "NHSNo", "NHSNumber".
_NHS_LABEL = re.compile(
    r"\bN\.?H\.?S(?:\b|(?=No|Num))|\bnational\s+health\s+service\b", re.IGNORECASE
)
#: A label right after the number: "943 476 5919 (NHS)".
_NHS_AFTER = re.compile(r"[ \t]*[(\[]?[ \t]*N\.?H\.?S\b", re.IGNORECASE)
#: Ten digits in the 3-3-4 layout, spaced, hyphenated or run together, standing alone.
#: Spaces may be uneven ("731552 3952") or lost after the label ("Number347..."), as OCR
#: often reads them; hyphens must match.
_NHS_PATTERN = (
    r"(?:(?<![\w.,/-])|(?<=number)|(?<=no))\d{3}(?: ?\d{3} ?|-\d{3}-)\d{4}(?![\w/-]|[.,]\d)"
)


class UkNhsNumberRecognizer(NhsRecognizer):
    """NHS numbers with a valid check digit, scored by the "NHS" label near them.

    Based on Presidio's ``NhsRecognizer`` (its modulus-11 check), with a stricter
    pattern (one separator style per number, no neighbouring digits) and the context
    rule applied inside the recogniser, so that it holds without spaCy.
    """

    CONTEXT_SCORE = 0.95
    NO_CONTEXT_SCORE = 0.25  # below the engine's MIN_SCORE: dropped unless context lifts it
    #: The class name, set by Presidio's ``EntityRecognizer`` (typed here for mypy).
    name: str

    def __init__(self) -> None:
        super().__init__(
            patterns=[Pattern("NHS number (3-3-4)", _NHS_PATTERN, self.CONTEXT_SCORE)],
            supported_language="en",
            supported_entity=Entity.UK_NHS.value,
        )

    def invalidate_result(self, pattern_text: str) -> bool:
        """Reject numbers made of one repeated digit ("000 000 0000"), which pass the check.

        Args:
            pattern_text: The text the pattern matched.

        Returns:
            True when the match is not an NHS number.
        """
        digits = {c for c in pattern_text if c.isdigit()}
        return len(digits) == 1

    def analyze(
        self,
        text: str,
        entities: list[str],
        nlp_artifacts: NlpArtifacts | None = None,
        regex_flags: int | None = None,
    ) -> list[RecognizerResult]:
        """Find checksum-valid NHS numbers and score them by the label near them.

        Args:
            text: The text to search.
            entities: Unused, as in Presidio's ``PatternRecognizer``: the caller
                picks recognisers by entity.
            nlp_artifacts: Unused: the context rule is applied here, not by spaCy.
            regex_flags: Passed to Presidio's pattern matcher.

        Returns:
            One result per number, at ``CONTEXT_SCORE`` when labelled "NHS" and at
            ``NO_CONTEXT_SCORE`` otherwise.
        """
        results: list[RecognizerResult] = super().analyze(
            text, entities, nlp_artifacts, regex_flags
        )
        for result in results:
            labelled = self._labelled(text, result.start, result.end)
            score = self.CONTEXT_SCORE if labelled else self.NO_CONTEXT_SCORE
            result.score = score
            result.analysis_explanation = AnalysisExplanation(
                recognizer=self.name,
                original_score=score,
                pattern_name="NHS number (3-3-4)",
                validation_result=True,
                textual_explanation=(
                    "modulus-11 check digit valid; "
                    + ("'NHS' label near the number" if labelled else "no 'NHS' label nearby")
                ),
            )
        return results

    @staticmethod
    def _labelled(text: str, start: int, end: int) -> bool:
        """Whether an NHS label stands within the window before, or right after, the span."""
        return label_before(_NHS_LABEL, text, start, CONTEXT_WINDOW) or bool(
            _NHS_AFTER.match(text, end)
        )


#: A hospital-number label ending just before the value ("Hospital No:", "MRN").
_HOSPITAL_LABEL = re.compile(
    r"(?i:\b(?:hospital|hosp\.?|unit|patient|case[\s-]*note|medical\s+record|RXN?)"
    r"(?:\s*(?:no\.?|number|num|id|ref(?:erence)?|#)|\s+(?=MRN))"
    r"|\bM\.?R\.?N\b\.?|\bhospital\s+(?:no|number)s?)"
    r"(?:\s+(?:is|was))?[\s:.#-]{0,4}$"
)


class HospitalNumberRecognizer(LabelledPatternRecognizer):
    """Hospital (medical record) numbers straight after their label."""

    ENTITY = Entity.HOSPITAL_NUMBER
    RULES = (
        LabelledRule(
            "hospital number after its label",
            # Letters in either case: OCR reads "RJ" as "Rj".
            re.compile(r"(?<![\w/-])[A-Za-z]{0,4}\d{5,10}[A-Za-z]?(?![\w/-])"),
            _HOSPITAL_LABEL,
            0.9,
            None,
            window=24,
        ),
    )


#: The recognisers of this family, for :func:`idpc_guard.recognizers.discover`.
RECOGNIZERS: tuple[Callable[[], EntityRecognizer], ...] = (
    UkNhsNumberRecognizer,
    HospitalNumberRecognizer,
)
