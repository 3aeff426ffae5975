"""Find redacted values in the bytes of a file, every value in one pass over the bytes.

Verification decompresses the whole redacted copy (content streams, object
streams, metadata, annotations, form fields, fonts, images: every stream) and
proves that no redacted value is in it, whitespace ignored on both sides. A
search per value reads the file once per value: thousands of values on a long
bundle. Here the file is read once, whatever the number of values:

* every value (whitespace removed, as Latin-1 bytes) is keyed by its first six
  bytes, an exact 48-bit number (values are at least six bytes long);
* each position of the file whose first 20 bits start some value's key is found
  with one look-up per position in a table of 2**20 flags (1 MB: it stays in the
  processor's cache, where a table for 24 bits, 16 MB, would not, and costs
  milliseconds to clear for a short file), with numpy, in chunks so memory stays
  small;
* at those positions the six-byte key is compared with the values' keys, and
  where it matches the whole value is compared.

The answer is exactly that of ``value in file`` for each value, except that a value
starting or ending with a digit is not found inside a longer number ("1 October 2021"
in "31 October 2021"). A file that
matches some key at very many places (raw image bytes can repeat a pattern) falls
back to that plain search for the values keyed there, so the cost never exceeds
one search per value.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

import numpy as np

#: The bytes ``\s`` matches in a string decoded from Latin-1 (what ``str.isspace`` says).
WHITESPACE = bytes(b for b in range(256) if chr(b).isspace())

#: Values shorter than this (whitespace removed) are not searched: they could be in
#: font or image bytes by chance. Also the length of the keys.
MIN_LENGTH = 6

#: Positions scanned per chunk (a few arrays of this many numbers at a time).
_CHUNK = 1 << 22
#: Above this many key matches, the values keyed there are searched one by one.
_MAX_MATCHES = 20_000
#: Bits of a position's first bytes looked up in the table of keys' starts.
_TABLE_BITS = 20
_TABLE_MASK = np.uint32((1 << _TABLE_BITS) - 1)
_LOW6 = np.uint64(0xFFFFFFFFFFFF)


def values_in_bytes(data: bytes, values: Mapping[str, str]) -> set[str]:
    """The ids of the values found in ``data``, whitespace ignored in both.

    Args:
        data: the bytes to search (read as Latin-1).
        values: each value mapped to the id to report when it is found. Values
            shorter than :data:`MIN_LENGTH` without whitespace, or with characters
            Latin-1 cannot hold (they cannot be in Latin-1 text), are not searched.

    Returns:
        The ids of the values whose whitespace-free form is in the whitespace-free data.
    """
    needles = _needles(values)
    flat = data.translate(None, WHITESPACE)
    if not needles or len(flat) < MIN_LENGTH:
        return set()
    keyed: dict[int, list[bytes]] = {}
    for needle in needles:
        keyed.setdefault(_key(needle), []).append(needle)
    positions, keys = _key_matches(flat, keyed)
    found: set[bytes] = set()
    if len(positions) > _MAX_MATCHES:
        for key in np.unique(keys).tolist():
            found.update(n for n in keyed[key] if _bounded(n).search(flat))
    else:
        for position, key in zip(positions.tolist(), keys.tolist(), strict=True):
            found.update(
                n for n in keyed[key] if flat.startswith(n, position) and _alone(flat, n, position)
            )
    return {fid for needle in found for fid in needles[needle]}


_DIGITS = frozenset(b"0123456789")


def _alone(flat: bytes, needle: bytes, position: int) -> bool:
    """Whether a value starting or ending with a digit is not part of a longer number.

    "1 October 2021" is not in "31 October 2021", nor "07700 900123" in a longer run of
    digits; letters next to a value still count (whitespace was removed from both).
    """
    end = position + len(needle)
    before = flat[position - 1] if position else None
    after = flat[end] if end < len(flat) else None
    return not (
        (needle[0] in _DIGITS and before in _DIGITS) or (needle[-1] in _DIGITS and after in _DIGITS)
    )


def _bounded(needle: bytes) -> re.Pattern[bytes]:
    """The search :func:`_alone` makes, as a pattern over the whole file."""
    head = rb"(?<![0-9])" if needle[:1].isdigit() else b""
    tail = rb"(?![0-9])" if needle[-1:].isdigit() else b""
    return re.compile(head + re.escape(needle) + tail)


def _needles(values: Mapping[str, str]) -> dict[bytes, list[str]]:
    """Each searchable value as whitespace-free Latin-1 bytes, with the ids it reports."""
    needles: dict[bytes, list[str]] = {}
    for value, fid in values.items():
        try:  # whitespace is any Unicode whitespace (what ``\s`` matches in a string)
            needle = "".join(value.split()).encode("latin-1")
        except UnicodeEncodeError:
            continue
        if len(needle) >= MIN_LENGTH:
            needles.setdefault(needle, []).append(fid)
    return needles


def _key(needle: bytes) -> int:
    return int.from_bytes(needle[:MIN_LENGTH], "little")


def _key_matches(
    flat: bytes, keyed: Mapping[int, list[bytes]]
) -> tuple[np.ndarray[tuple[int], np.dtype[np.intp]], np.ndarray[tuple[int], np.dtype[np.uint64]]]:
    """Positions where some value's six-byte key starts, and the key found there."""
    keys = np.array(sorted(keyed), dtype=np.uint64)
    starts = np.zeros(1 << _TABLE_BITS, dtype=bool)
    starts[(keys & np.uint64(_TABLE_MASK)).astype(np.intp)] = True
    # Two bytes of padding: an 8-byte read at the last position stays inside the buffer.
    padded = flat + b"\0\0"
    count = len(flat) - MIN_LENGTH + 1
    positions: list[np.ndarray[tuple[int], np.dtype[np.intp]]] = []
    found: list[np.ndarray[tuple[int], np.dtype[np.uint64]]] = []
    for start in range(0, count, _CHUNK):
        size = min(_CHUNK, count - start)
        # One unaligned little-endian read per position: its next 4 (then 8) bytes.
        low = np.ndarray((size,), dtype="<u4", buffer=padded, offset=start, strides=(1,))
        candidates = np.flatnonzero(starts[low & _TABLE_MASK])
        if not len(candidates):
            continue
        wide = np.ndarray((size,), dtype="<u8", buffer=padded, offset=start, strides=(1,))
        six = wide[candidates] & _LOW6
        slot = np.searchsorted(keys, six)
        slot[slot == len(keys)] = 0
        hit = keys[slot] == six
        positions.append(candidates[hit] + start)
        found.append(six[hit])
    if not positions:
        return np.zeros(0, dtype=np.intp), np.zeros(0, dtype=np.uint64)
    return np.concatenate(positions), np.concatenate(found)
