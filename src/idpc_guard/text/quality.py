"""Tell a usable text layer from garbage: a small, pure heuristic.

A font embedded without a Unicode map (no ``ToUnicode`` and no standard glyph
names) extracts as the font's raw character codes: control characters, private
use code points, unassigned code points or U+FFFD. Such a page *looks* like it
has text but nothing on it can be recognised, so it is treated as a page without
a usable text layer. Letters of any script (Arabic, Hebrew, Devanagari, CJK ...)
count as good characters: right-to-left and mixed scripts are never garbage.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

#: A page with fewer non-space characters than this is never called garbage:
#: too little text to judge.
MIN_CHARS = 8

#: Share of bad characters above which a page's text is garbage.
BAD_SHARE = 0.3

#: Unicode general categories of characters a readable text never holds.
_BAD_CATEGORIES = frozenset({"Cc", "Co", "Cn", "Cs"})
_REPLACEMENT = "\ufffd"


#: Characters no text encoding can write (lone surrogates) and the NUL character.
_UNWRITABLE = re.compile("[\ud800-\udfff\x00]")


def writable(text: str) -> str:
    """``text`` with each lone surrogate or NUL replaced by U+FFFD, one for one.

    A font's Unicode map can send a glyph to any code unit, a lone surrogate
    (U+D800) included; such a string cannot be encoded, so every later stage
    (detection, the report) would fail on it. Replacing character for character
    keeps the word's length, so its character edges still fit.
    """
    if text.isascii() and "\x00" not in text:
        return text
    return _UNWRITABLE.sub(_REPLACEMENT, text)


def is_bad_char(char: str) -> bool:
    """True for a character that a readable text layer does not produce."""
    return char == _REPLACEMENT or unicodedata.category(char) in _BAD_CATEGORIES


def bad_share(words: Iterable[str]) -> tuple[int, int]:
    """``(bad, total)``: bad and total non-space characters in ``words``."""
    bad = total = 0
    for word in words:
        if word.isascii() and word.isprintable():  # no bad character; only " " is a space
            total += len(word) - word.count(" ")
            continue
        for char in word:
            if char.isspace():
                continue
            total += 1
            bad += is_bad_char(char)
    return bad, total


def is_garbage(words: Iterable[str]) -> bool:
    """True when the words are a font's raw codes rather than text.

    Args:
        words: the words extracted from one page.
    """
    bad, total = bad_share(words)
    return total >= MIN_CHARS and bad > BAD_SHARE * total
