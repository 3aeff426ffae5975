"""Hospital numbers (medical record numbers) with the label that says what they are.

A hospital number has no national format: trusts use digits alone ("12345678") or
letters and digits ("RX1234567", "K1234567"). Such a string means nothing without
its label, so only values right after a label are reported: "Hosp No:",
"Hospital number (is)", "MRN", "Unit No", "Patient ID".
"""

from __future__ import annotations

import re
from collections.abc import Callable

from presidio_analyzer import AnalysisExplanation, EntityRecognizer, RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts

from idpc_guard.model import Entity

__all__ = ["RECOGNIZERS", "HospitalNumberRecognizer"]

_LABEL = (
    r"(?:hosp(?:ital)?\.?\s*(?:no|number|num|#)\.?(?:\s+is)?|MRN|M\.R\.N\.?|"
    r"unit\s*(?:no|number)\.?|patient\s*(?:id|no|number)\.?|medical\s+record\s+(?:no|number)\.?)"
)
#: A label, optional ":"/"#", then the value: up to three letters and 5 to 10 digits.
_PATTERN = re.compile(
    rf"(?<![A-Za-z]){_LABEL}\s*[:#.\-]?\s*(?P<value>[A-Z]{{0,3}}\s?\d{{5,10}})(?![\w/-])",
    re.IGNORECASE,
)


class HospitalNumberRecognizer(EntityRecognizer):
    """Hospital numbers that follow a hospital-number label."""

    SCORE = 0.85
    NAME = "HospitalNumberRecognizer"

    def __init__(self) -> None:
        super().__init__(
            supported_entities=[Entity.HOSPITAL_NUMBER.value],
            supported_language="en",
            name=self.NAME,
        )

    def load(self) -> None:
        """Nothing to load: the pattern is compiled at import."""

    def analyze(
        self,
        text: str,
        entities: list[str],
        nlp_artifacts: NlpArtifacts | None = None,
    ) -> list[RecognizerResult]:
        """Find labelled hospital numbers.

        Args:
            text: The text to search.
            entities: The entities asked for; nothing is returned unless it holds
                ``HOSPITAL_NUMBER``.
            nlp_artifacts: Unused.

        Returns:
            One result per labelled value, covering the value only.
        """
        if Entity.HOSPITAL_NUMBER.value not in entities:
            return []
        results = []
        for match in _PATTERN.finditer(text):
            start, end = match.span("value")
            results.append(
                RecognizerResult(
                    entity_type=Entity.HOSPITAL_NUMBER.value,
                    start=start,
                    end=end,
                    score=self.SCORE,
                    analysis_explanation=AnalysisExplanation(
                        recognizer=self.NAME,
                        original_score=self.SCORE,
                        textual_explanation="value after a hospital-number label",
                    ),
                    recognition_metadata={
                        RecognizerResult.RECOGNIZER_NAME_KEY: self.NAME,
                        RecognizerResult.RECOGNIZER_IDENTIFIER_KEY: self.id,
                    },
                )
            )
        return results


#: The recognisers of this family, for :func:`idpc_guard.recognizers.discover`.
RECOGNIZERS: tuple[Callable[[], EntityRecognizer], ...] = (HospitalNumberRecognizer,)
