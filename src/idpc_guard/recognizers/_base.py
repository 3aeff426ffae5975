"""The base of the recognisers written here: one entity, named after the class.

Presidio's ``LocalRecognizer`` wants, from each recogniser, its entities, language
and name, a ``load()``, and an ``analyze()`` that checks the entities asked for and
builds ``RecognizerResult`` objects carrying an explanation and the recogniser's
name. :class:`Recognizer` does all of that once: a subclass sets :attr:`ENTITY` and
writes :meth:`~Recognizer.find`, which yields :class:`Found` spans of the text.

The name reported with each result (``Detection.recognizer``, ``recognizer`` in the
report) is the class name: Presidio's ``EntityRecognizer`` takes it when no name is
given, and no recogniser here gives one. Recognisers built on Presidio's own
classes (``PatternRecognizer`` subclasses such as the e-mail or NHS number ones, or
``SpacyRecognizer``) do the same.
"""

from __future__ import annotations

import re
from abc import abstractmethod
from collections.abc import Iterable
from typing import ClassVar, NamedTuple

from presidio_analyzer import AnalysisExplanation, LocalRecognizer, RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts

from idpc_guard.model import Entity

__all__ = ["Found", "Recognizer", "label_before"]


class Found(NamedTuple):
    """One value a recogniser found: its span in the text, its score, and why."""

    start: int
    end: int
    score: float
    #: Shown in the result's explanation ("date labelled as a date of birth").
    why: str


def label_before(label: re.Pattern[str], text: str, start: int, window: int) -> bool:
    r"""Whether ``label`` matches in the ``window`` characters of ``text`` before ``start``.

    The window is cut out of the text, so a label anchored with ``$`` must end
    right before ``start``, and ``\b`` or a look-behind cannot see past the window.
    """
    return bool(label.search(text[max(0, start - window) : start]))


class Recognizer(LocalRecognizer):
    """A recogniser of one entity in plain text, which needs no NLP pipeline.

    Subclasses set :attr:`ENTITY` and implement :meth:`find`; the results are built
    here, named after the subclass.
    """

    #: The entity every result of this recogniser has.
    ENTITY: ClassVar[Entity]
    #: The class name, set by Presidio's ``EntityRecognizer`` (typed here for mypy).
    name: str

    def __init__(self) -> None:
        # No name: Presidio names the recogniser after its class.
        super().__init__(supported_entities=[self.ENTITY.value], supported_language="en")

    def load(self) -> None:
        """Nothing to load: what the recogniser needs is built when its module is imported."""

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None
    ) -> list[RecognizerResult]:
        """Find this recogniser's entity in ``text``.

        Args:
            text: The text to search.
            entities: The entities asked for; nothing is returned unless it holds
                :attr:`ENTITY`.
            nlp_artifacts: Unused: context rules are applied by :meth:`find`, on the
                text alone, so that they hold without spaCy.

        Returns:
            One result per value found, in the order :meth:`find` gives them.
        """
        if self.ENTITY.value not in entities:
            return []
        return [self._result(found) for found in self.find(text)]

    @abstractmethod
    def find(self, text: str) -> Iterable[Found]:
        """The values of :attr:`ENTITY` in ``text``."""

    def _result(self, found: Found) -> RecognizerResult:
        return RecognizerResult(
            entity_type=self.ENTITY.value,
            start=found.start,
            end=found.end,
            score=found.score,
            analysis_explanation=AnalysisExplanation(
                recognizer=self.name, original_score=found.score, textual_explanation=found.why
            ),
            recognition_metadata={
                RecognizerResult.RECOGNIZER_NAME_KEY: self.name,
                RecognizerResult.RECOGNIZER_IDENTIFIER_KEY: self.id,
            },
        )
