"""Identity numbers: National Insurance numbers.

Presidio's ``UkNinoRecognizer`` is used as it is (two prefix letters from the
allowed set, six digits, a suffix A-D, spaced or not, any case), re-exported here
and built with our entity name and fresh pattern objects.
"""

from __future__ import annotations

from collections.abc import Callable

from presidio_analyzer import EntityRecognizer, Pattern
from presidio_analyzer.predefined_recognizers import UkNinoRecognizer

from idpc_guard.model import Entity

__all__ = ["RECOGNIZERS", "UkNinoRecognizer", "build_nino_recognizer"]

#: Score of a NINO-shaped match: the format is specific enough to stand on its own.
NINO_SCORE = 0.85


def build_nino_recognizer() -> UkNinoRecognizer:
    """Presidio's NINO recogniser, reporting ``UK_NINO`` under the name ``UkNinoRecognizer``.

    Returns:
        A recogniser with its own copy of Presidio's pattern (Presidio caches the
        compiled regex on the pattern object, so instances should not share one).
    """
    patterns = [Pattern(p.name, p.regex, NINO_SCORE) for p in UkNinoRecognizer.PATTERNS]
    return UkNinoRecognizer(
        patterns=patterns,
        supported_language="en",
        supported_entity=Entity.UK_NINO.value,
        name="UkNinoRecognizer",
    )


#: The recognisers of this family, for :func:`idpc_guard.recognizers.discover`.
RECOGNIZERS: tuple[Callable[[], EntityRecognizer], ...] = (build_nino_recognizer,)
