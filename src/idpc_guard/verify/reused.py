"""Other uses of a redacted picture: they must not keep the pixels the boxes removed.

One image object can be drawn on several pages, cropped or scaled differently, so
a value removed from it where it was seen may still be in the pixels drawn
elsewhere (where it is too small, or cropped away, for OCR to have read it). Every
picture of the original drawn under an image box is known by its size and a digest
of its pixels; no picture of the copy may have exactly those pixels. Comparing
digests costs no OCR, so a scanned bundle's other pages are not read again.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence

import pymupdf

from idpc_guard.model import Box

#: Filters whose decoded bytes are the pixels themselves, cheap to get.
_PLAIN_FILTERS = (("null", "null"), ("name", "/FlateDecode"))


def _digests(doc: pymupdf.Document, xref: int) -> set[str]:
    """Digests of a picture's stream as stored, and of its pixels where they come cheap.

    A picture carried over unchanged keeps its stored bytes (a JPEG is not encoded
    again); one stored uncompressed may be compressed on saving, so its decoded bytes
    count too. Nothing for a stream that cannot be read (it draws nothing).
    """
    try:
        found = {"stored:" + hashlib.sha256(doc.xref_stream_raw(xref)).hexdigest()}
        if doc.xref_get_key(xref, "Filter") in _PLAIN_FILTERS:
            found.add("decoded:" + hashlib.sha256(doc.xref_stream(xref)).hexdigest())
    except (pymupdf.mupdf.FzErrorBase, RuntimeError, ValueError):
        return set()
    return found


def original_pixels_left(
    original: bytes, doc: pymupdf.Document, boxes: Mapping[int, Sequence[tuple[str, Box]]]
) -> set[str]:
    """The finding ids of redacted pictures whose original pixels are still in the copy ``doc``.

    ``boxes`` are the image boxes by page of the original. A picture of the original
    drawn under one is redacted; no picture of the copy may hold exactly its pixels
    (another use of the same image object, left as it was).
    """
    redacted = _redacted_originals(original, boxes)
    if not redacted:
        return set()
    sizes = {size for size, _ in redacted}
    failed: set[str] = set()
    seen: set[int] = set()
    for page in doc:
        for image in page.get_images(full=True):
            xref, size = int(image[0]), (int(image[2]), int(image[3]))
            if xref in seen or size not in sizes:
                continue
            seen.add(xref)
            for digest in _digests(doc, xref):
                failed |= redacted.get((size, digest), set())
    return failed


def _redacted_originals(
    original: bytes, boxes: Mapping[int, Sequence[tuple[str, Box]]]
) -> dict[tuple[tuple[int, int], str], set[str]]:
    """Each picture of the original under an image box, by size and pixels: its finding ids."""
    found: dict[tuple[tuple[int, int], str], set[str]] = {}
    source = pymupdf.open(stream=original, filetype="pdf")
    try:
        for number, items in boxes.items():
            page = source[number]
            for image in page.get_images(full=True):
                xref = int(image[0])
                drawn = page.get_image_rects(xref)
                ids = {
                    fid
                    for fid, box in items
                    if any(d.intersects(pymupdf.Rect(box.as_tuple())) for d in drawn)
                }
                size = (int(image[2]), int(image[3]))
                for digest in _digests(source, xref) if ids else ():
                    found.setdefault((size, digest), set()).update(ids)
    finally:
        source.close()
    return found
