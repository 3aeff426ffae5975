"""A base for recognisers of identifiers that need a label ("Sort code:", "VRM") nearby.

Each :class:`LabelledRule` is a pattern for the value, an optional check (Luhn,
mod-97...), the label that marks it, and two scores: with the label before it,
and without (``None``: never reported without the label). A rule's pattern may
name a group ``value``; otherwise the whole match is the span.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from presidio_analyzer import AnalysisExplanation, LocalRecognizer, RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts

__all__ = ["LabelledPatternRecognizer", "LabelledRule", "digits"]


def digits(text: str) -> str:
    """The digits of ``text``, in order."""
    return "".join(c for c in text if c.isdigit())


@dataclass(frozen=True, slots=True)
class LabelledRule:
    """One way of writing an identifier, and what makes a match believable.

    Attributes:
        name: Shown in the explanation of a result.
        pattern: The value's pattern (group ``value`` is the span when present).
        label: A label that, ending within ``window`` characters before the value,
            marks it; ``None`` when the rule never needs one.
        labelled_score: The score with the label (or when no label is defined).
        bare_score: The score without the label; ``None``: drop the match.
        check: A validity check on the matched value (``None``: none).
        window: How far before the value the label may end.
    """

    name: str
    pattern: re.Pattern[str]
    label: re.Pattern[str] | None
    labelled_score: float
    bare_score: float | None
    check: Callable[[str], bool] | None = None
    window: int = 40


class LabelledPatternRecognizer(LocalRecognizer):
    """Runs its :attr:`RULES` and reports each value once, at its best score."""

    ENTITY: str = ""
    NAME: str = ""
    RULES: Sequence[LabelledRule] = ()

    def __init__(self) -> None:
        super().__init__(supported_entities=[self.ENTITY], supported_language="en", name=self.NAME)

    def load(self) -> None:
        """Nothing to load."""

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None
    ) -> list[RecognizerResult]:
        """Find the values of every rule in ``text``.

        Args:
            text: The text to search.
            entities: The entities asked for; nothing is returned unless it holds
                this recogniser's entity.
            nlp_artifacts: Unused.

        Returns:
            One result per span (overlapping matches keep the widest, then the best).
        """
        if self.ENTITY not in entities:
            return []
        found: list[tuple[int, int, float, str]] = []
        for rule in self.RULES:
            for match in rule.pattern.finditer(text):
                group = "value" if "value" in rule.pattern.groupindex else 0
                start, end = match.span(group)
                if end <= start:
                    continue
                if rule.check is not None and not rule.check(text[start:end]):
                    continue
                score = self._score(rule, text, start)
                if score is not None:
                    found.append((start, end, score, rule.name))
        kept: list[tuple[int, int, float, str]] = []
        for item in sorted(found, key=lambda f: (f[0] - f[1], -f[2], f[0])):
            if not any(item[0] < k[1] and k[0] < item[1] for k in kept):
                kept.append(item)
        return [self._result(*item) for item in sorted(kept)]

    @staticmethod
    def _score(rule: LabelledRule, text: str, start: int) -> float | None:
        if rule.label is None:
            return rule.labelled_score
        before = text[max(0, start - rule.window) : start]
        if rule.label.search(before):
            return rule.labelled_score
        return rule.bare_score

    def _result(self, start: int, end: int, score: float, how: str) -> RecognizerResult:
        return RecognizerResult(
            entity_type=self.ENTITY,
            start=start,
            end=end,
            score=score,
            analysis_explanation=AnalysisExplanation(
                recognizer=self.NAME, original_score=score, pattern_name=how
            ),
            recognition_metadata={
                RecognizerResult.RECOGNIZER_NAME_KEY: self.NAME,
                RecognizerResult.RECOGNIZER_IDENTIFIER_KEY: self.id,
            },
        )
