"""A base for recognisers of identifiers that need a label ("Sort code:", "VRM") nearby.

Each :class:`LabelledRule` is a pattern for the value, an optional check (Luhn,
mod-97...), the label that marks it, and two scores: with the label before it,
and without (``None``: never reported without the label). A rule's pattern may
name a group ``value``; otherwise the whole match is the span.

Presidio's ``PatternRecognizer`` is close, but it scores a pattern once (context
words are its analyser's business, which needs lemmas), reports the whole match,
and keeps overlapping matches; here the label sets the score, a group can be the
span, and overlapping matches keep the widest, then the best.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import ClassVar

from idpc_guard.recognizers._base import Found, Recognizer, label_before

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

    def score(self, text: str, start: int) -> float | None:
        """The score of a value starting at ``start``; ``None``: not reported."""
        if self.label is None or label_before(self.label, text, start, self.window):
            return self.labelled_score
        return self.bare_score


class LabelledPatternRecognizer(Recognizer):
    """Runs its :attr:`RULES` and reports each value once, at its best score."""

    RULES: ClassVar[Sequence[LabelledRule]] = ()

    def find(self, text: str) -> Iterator[Found]:
        """The values of every rule (overlapping matches keep the widest, then the best)."""
        found: list[Found] = []
        for rule in self.RULES:
            group = "value" if "value" in rule.pattern.groupindex else 0
            for match in rule.pattern.finditer(text):
                start, end = match.span(group)
                if end <= start:
                    continue
                if rule.check is not None and not rule.check(text[start:end]):
                    continue
                score = rule.score(text, start)
                if score is not None:
                    found.append(Found(start, end, score, rule.name))
        kept: list[Found] = []
        for item in sorted(found, key=lambda f: (f.start - f.end, -f.score, f.start)):
            if not any(item.start < k.end and k.start < item.end for k in kept):
                kept.append(item)
        yield from sorted(kept)
