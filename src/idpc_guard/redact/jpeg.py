"""Metadata inside JPEG pictures: EXIF (comments, GPS position), XMP, IPTC, comments.

A photo embedded in a bundle keeps the segments its camera or editor wrote
before the picture data: an EXIF comment may name the witness, its GPS position
is their house. None of it is shown on the page, so none of it was scanned: the
copy keeps only what draws the picture (the JFIF header, Adobe's colour transform,
an ICC colour profile, tables and frames).
"""

from __future__ import annotations

_SOI = b"\xff\xd8"
_START_OF_SCAN = 0xDA
_END_OF_IMAGE = 0xD9
_APP0, _APP15 = 0xE0, 0xEF
_APP2, _APP14 = 0xE2, 0xEE
_COMMENT = 0xFE
#: Markers that stand alone, without a length: TEM and RSTn.
_STANDALONE = frozenset({0x01, *range(0xD0, 0xD8)})


def metadata_segments(data: bytes) -> int:
    """How many metadata segments (APPn other than JFIF, Adobe and ICC; comments) ``data`` has.

    ``-1`` when ``data`` is not a JPEG whose header can be walked.
    """
    segments = _segments(data)
    if segments is None:
        return -1
    return sum(1 for marker, start, end in segments if _is_metadata(marker, data[start:end]))


def without_metadata(data: bytes) -> bytes:
    """``data`` with its metadata segments removed; ``data`` itself if it cannot be walked."""
    segments = _segments(data)
    if segments is None:
        return data
    out = bytearray(_SOI)
    last = len(_SOI)
    for marker, start, end in segments:
        if not _is_metadata(marker, data[start:end]):
            out += data[last:end]
        last = end
    out += data[last:]
    return bytes(out)


def _is_metadata(marker: int, segment: bytes) -> bool:
    body = segment[4:]
    if marker == _COMMENT:
        return True
    if not _APP0 <= marker <= _APP15:
        return False
    if marker == _APP0:
        return not body.startswith(b"JFIF\0")
    if marker == _APP2:
        return not body.startswith(b"ICC_PROFILE\0")
    if marker == _APP14:
        return not body.startswith(b"Adobe")
    return True


def _segments(data: bytes) -> list[tuple[int, int, int]] | None:
    """``(marker, start, end)`` of each header segment before the scan, or None if malformed."""
    if not data.startswith(_SOI):
        return None
    segments: list[tuple[int, int, int]] = []
    pos = len(_SOI)
    while pos + 4 <= len(data):
        if data[pos] != 0xFF:
            return None
        marker = data[pos + 1]
        if marker == 0xFF:  # fill byte
            pos += 1
            continue
        if marker in _STANDALONE:
            pos += 2
            continue
        if marker in (_START_OF_SCAN, _END_OF_IMAGE):
            return segments
        length = int.from_bytes(data[pos + 2 : pos + 4], "big")
        end = pos + 2 + length
        if length < 2 or end > len(data):
            return None
        segments.append((marker, pos, end))
        pos = end
    return None
