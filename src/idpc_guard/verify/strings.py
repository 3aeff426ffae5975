"""The strings of every object of a copy, decoded, for the search for redacted values.

The search of the copy's bytes (:mod:`idpc_guard.verify.bytes`) finds a value
written as Latin-1 in one piece. A value can also be written

* in a hex string (``<3037373030>``), or in UTF-16 with a byte-order mark, as PDF
  text strings outside the page content are (titles, names, descriptions);
* split over several strings: ``[(077) 12 (00 9) <3030> (461)] TJ``, or one
  ``Tj`` per piece: drawn in a row, read as one;
* percent-encoded, in a link target or a file name (``%40`` for ``@``).

Here every object of the copy, used or not, and every stream that holds text is
read for its strings (a picture's stream holds pixels, not strings: a grey scan's
bytes would pass for text and cost seconds to parse); each string is decoded
(UTF-16 after a byte-order mark, else byte for byte), an object's strings are
joined in order, and what is joined is percent-decoded too. The result is searched like the bytes.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from urllib.parse import unquote_to_bytes

import pymupdf

#: A literal string (one level of nested parentheses) or a hex string.
_STRING = re.compile(rb"\((?:\\.|[^\\()]|\((?:\\.|[^\\()])*\))*\)|<([0-9A-Fa-f\s]*)>", re.S)
_ESCAPE = re.compile(rb"\\([0-7]{1,3}|.)", re.S)
_ESCAPES = {b"n": b"\n", b"r": b"\r", b"t": b"\t", b"b": b"\b", b"f": b"\f"}
_BOMS = (b"\xfe\xff", b"\xff\xfe")
#: Bytes of a stream's start looked at to tell text (content, XMP) from binary data.
_SAMPLE = 2048
#: Share of control bytes above which a stream is binary (a font, a picture).
_BINARY_SHARE = 0.05
_CONTROL = bytes(b for b in range(32) if b not in b"\t\n\r\f")
_IMAGE = ("name", "/Image")


#: Put between strings and objects: not whitespace (which the search ignores) and not a
#: digit, so a value at a string's edge is not taken for part of a longer number.
SEPARATOR = b"\0"


def decoded_strings(doc: pymupdf.Document) -> bytes:
    """Every object's strings decoded, one by one and joined (Latin-1 bytes).

    Each object gives its strings apart (a value written whole, next to a string
    ending in a digit) and joined (a value split over strings).
    """
    return SEPARATOR.join(_object_strings(doc))


def _object_strings(doc: pymupdf.Document) -> Iterator[bytes]:
    for xref in range(1, doc.xref_length()):
        yield _joined(doc.xref_object(xref, compressed=True).encode("latin-1", "replace"))
        # A picture's stream is pixels: no strings in it (its bytes are searched as they are).
        if doc.xref_is_stream(xref) and doc.xref_get_key(xref, "Subtype") != _IMAGE:
            data = doc.xref_stream(xref) or b""
            if data.startswith(_BOMS):
                yield data.decode("utf-16", "replace").encode("latin-1", "replace")
            elif _is_text(data):
                yield _joined(data)


def _joined(source: bytes) -> bytes:
    """The strings of ``source`` decoded, apart and joined, then again percent-decoded."""
    strings = [_decode(m).encode("latin-1", "replace") for m in _STRING.finditer(source)]
    text = SEPARATOR.join([*strings, b"".join(strings)])
    if b"%" in text:
        text += SEPARATOR + unquote_to_bytes(text)
    return text


def _decode(match: re.Match[bytes]) -> str:
    hex_digits = match.group(1)
    if hex_digits is not None:
        digits = re.sub(rb"\s", b"", hex_digits)  # any white space the pattern allowed
        raw = bytes.fromhex((digits + b"0" * (len(digits) % 2)).decode("ascii"))
    else:
        raw = unescape(match.group(0)[1:-1])
    if raw.startswith(_BOMS):
        return raw.decode("utf-16", "replace")
    return raw.decode("latin-1")


def unescape(body: bytes) -> bytes:
    """A literal string's bytes with its backslash escapes undone."""
    return _ESCAPE.sub(_unescaped, body)


def _unescaped(match: re.Match[bytes]) -> bytes:
    code = match.group(1)
    if code[:1] in b"01234567" and code[:1]:
        return bytes([int(code, 8) & 0xFF])  # "\8" and "\9" are no octal: the digit itself
    if code in (b"\r", b"\n"):
        return b""  # a backslash at the end of a line continues the string
    return _ESCAPES.get(code, code)


def _is_text(data: bytes) -> bool:
    sample = data[:_SAMPLE]
    if not sample:
        return False
    return sum(sample.count(b) for b in _CONTROL) <= _BINARY_SHARE * len(sample)
