r"""Text normalisation before detection, with a map back to the original text.

PDF text is not clean: ligatures ("ﬁ"), non-breaking and zero-width characters,
soft hyphens, words hyphenated at a line end ("Man-\nchester"), phone numbers
and names broken over two lines ("07700\n900123", "Kenwyn\nTREMBATH"), and digits
spaced out one by one ("0 7 7 0 0 9 0 0 1 2 3"), whether by a layout engine or
on purpose to dodge a pattern. The recognisers see the cleaned text; every span
they find is mapped back to the original text, so that boxes land on the right
characters.

:func:`normalise` returns a :class:`NormalisedText`: the cleaned ``text`` and,
for each of its characters, the start and end offsets of the original characters
it came from. :meth:`NormalisedText.to_original` maps a span back.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

__all__ = ["NormalisedText", "normalise"]

#: Characters removed outright: zero-width spaces and joiners, word joiner, BOM,
#: soft hyphen.
_REMOVED = frozenset("\u200b\u200c\u200d\u2060\ufeff\u00ad")
#: Characters read as a plain space: no-break, thin, figure, ideographic spaces...
_SPACES = frozenset("\u00a0\u2007\u202f\u3000" + "".join(chr(c) for c in range(0x2000, 0x200B)))
#: Dashes read as a hyphen-minus.
_DASHES = frozenset("\u2010\u2011\u2012\u2013\u2212\ufe63\uff0d")
#: A word broken at a line end: a lower-case letter, a hyphen, a line break, then a
#: lower-case letter ("Man-\nchester"). "Smith-\nJones" keeps its hyphen.
_HYPHENATION = re.compile(r"(?<=[a-z])-[ \t]*\r?\n[ \t]*(?=[a-z])")
#: A line break inside a phone number: a dialling code (or +44 and digits) ending one
#: line and digits starting the next ("07700\n900123"); the break is read as a space.
_PHONE_BREAK = re.compile(
    r"(?<![\w])(?:0\d{2,4}|\+44[ ]?\d{2,4}|\(0\d{2,4}\))[ \t]*\r?\n[ \t]*(?=\d{3})"
)
#: A line break inside a person's name in prose: a first name or initial ending a line
#: after other words of the sentence, and a surname in capitals starting the next
#: ("a call from Kenwyn\nTREMBATH", "my sister's, Jowan\nPENDARVES", "C.\nROSKILLY").
#: Forms put a label above its value, so a name word alone on its line does not count.
_NAME_BREAK = re.compile(
    r"(?<=[a-z,;:] )(?:(?:Mc|Mac|O')?[A-Z][a-z]+(?:-[A-Z][a-z]+)?|[A-Z]\.)"
    r"[ \t]*\r?\n[ \t]*(?=(?:Mc|Mac|O')?[A-Z]{2,}(?:-[A-Z]{2,})?\b)"
)
#: Seven or more single digits, each separated by one space: "0 7 7 0 0 9 0 0 1 2 3".
_SPACED_DIGITS = re.compile(r"(?<![\w])\d(?: \d){6,}(?![\w])")


@dataclass(frozen=True, slots=True)
class NormalisedText:
    """Cleaned text with, for each character, where it came from in the original.

    Attributes:
        text: The cleaned text.
        starts: For each character of ``text``, the offset of its source character.
        ends: For each character of ``text``, the end offset of its source character(s).
        original_length: The length of the original text.
    """

    text: str = field(repr=False)
    starts: tuple[int, ...] = field(repr=False)
    ends: tuple[int, ...] = field(repr=False)
    original_length: int

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """The span of the original text that ``text[start:end]`` came from.

        Args:
            start: Start offset in the cleaned text.
            end: End offset in the cleaned text (exclusive).

        Returns:
            ``(start, end)`` in the original text; an empty span maps to an empty span.
        """
        if end <= start or start >= len(self.starts):
            position = self.starts[start] if start < len(self.starts) else self.original_length
            return position, position
        return self.starts[start], self.ends[min(end, len(self.ends)) - 1]


def _char_pass(text: str) -> tuple[list[str], list[int], list[int]]:
    """Per-character cleaning: removals, spaces, dashes and compatibility forms."""
    if text.isascii():  # the common case: nothing to clean character by character
        return list(text), list(range(len(text))), list(range(1, len(text) + 1))
    chars: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    for index, char in enumerate(text):
        if char.isascii():
            out = char
        elif char in _REMOVED:
            continue
        elif char in _SPACES:
            out = " "
        elif char in _DASHES:
            out = "-"
        else:
            out = unicodedata.normalize("NFKC", char)
            if not out:
                continue
        for piece in out:
            chars.append(piece)
            starts.append(index)
            ends.append(index + 1)
    return chars, starts, ends


def _drop(
    chars: list[str], starts: list[int], ends: list[int], pattern: re.Pattern[str], keep: str
) -> tuple[list[str], list[int], list[int]]:
    """Remove every character of each match of ``pattern`` except those in ``keep``."""
    text = "".join(chars)
    dropped: set[int] = set()
    for match in pattern.finditer(text):
        dropped.update(i for i in range(match.start(), match.end()) if text[i] not in keep)
    if not dropped:
        return chars, starts, ends
    kept = [i for i in range(len(chars)) if i not in dropped]
    return [chars[i] for i in kept], [starts[i] for i in kept], [ends[i] for i in kept]


def normalise(text: str) -> NormalisedText:
    """Clean ``text`` for the recognisers, keeping a map back to it.

    Args:
        text: The page text as extracted.

    Returns:
        The cleaned text and its offset map. Text that needs no cleaning comes back
        unchanged, with the identity map.
    """
    chars, starts, ends = _char_pass(text)
    chars, starts, ends = _drop(chars, starts, ends, _HYPHENATION, keep="")
    joined = "".join(chars)
    for pattern in (_PHONE_BREAK, _NAME_BREAK):
        for match in pattern.finditer(joined):
            for i in range(match.start(), match.end()):
                if chars[i] in "\r\n":
                    chars[i] = " "
    chars, starts, ends = _drop(chars, starts, ends, _SPACED_DIGITS, keep="0123456789")
    return NormalisedText("".join(chars), tuple(starts), tuple(ends), len(text))
