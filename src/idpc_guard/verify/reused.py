"""Other uses of a redacted picture: they must not keep the pixels the boxes removed.

One image object can be drawn on several pages, cropped or scaled differently, so
a value removed from it where it was seen may still be in the pixels drawn
elsewhere. Verification reads again each picture of the copy that is the same
size as a picture under an image box but holds different pixels: a redacted
picture's other uses that kept the original.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator, Mapping, Sequence

import numpy as np
import pymupdf

from idpc_guard.model import Box
from idpc_guard.ocr.lines import Image


def unredacted_uses(doc: pymupdf.Document, boxes: Mapping[int, Sequence[Box]]) -> Iterator[Image]:
    """The pixels of each picture that may be another use of a redacted one, not redacted."""
    redacted = _redacted_pictures(doc, boxes)
    if not redacted:
        return
    digests: dict[tuple[int, int], set[str]] = {}
    for xref, size in redacted.items():
        digests.setdefault(size, set()).add(_digest(doc, xref))
    seen = set(redacted)
    for page in doc:
        for image in page.get_images(full=True):
            xref, size = int(image[0]), (int(image[2]), int(image[3]))
            if xref in seen or size not in digests:
                continue
            seen.add(xref)
            digest = _digest(doc, xref)
            if digest and digest not in digests[size]:
                yield _rgb(doc, xref)


def _redacted_pictures(
    doc: pymupdf.Document, boxes: Mapping[int, Sequence[Box]]
) -> dict[int, tuple[int, int]]:
    """The pictures drawn under some image box: xref and size in pixels."""
    found: dict[int, tuple[int, int]] = {}
    for number, page_boxes in boxes.items():
        page = doc[number]
        rects = [pymupdf.Rect(b.as_tuple()) for b in page_boxes]
        for image in page.get_images(full=True):
            xref = int(image[0])
            drawn = page.get_image_rects(xref)
            if any(d.intersects(r) for d in drawn for r in rects):
                found[xref] = (int(image[2]), int(image[3]))
    return found


def _digest(doc: pymupdf.Document, xref: int) -> str:
    """A digest of the picture's pixels ("" for one that cannot be decoded: it draws nothing)."""
    try:
        return hashlib.sha256(pymupdf.Pixmap(doc, xref).samples).hexdigest()
    except (pymupdf.mupdf.FzErrorBase, RuntimeError, ValueError):
        return ""


def _rgb(doc: pymupdf.Document, xref: int) -> Image:
    pix = pymupdf.Pixmap(doc, xref)
    if pix.alpha:
        pix = pymupdf.Pixmap(pix, 0)
    if pix.colorspace is None or pix.colorspace.n != 3:
        pix = pymupdf.Pixmap(pymupdf.csRGB, pix)
    array = np.frombuffer(pix.samples, dtype=np.uint8).reshape(pix.height, pix.width, pix.n)
    return np.ascontiguousarray(array[:, :, :3])


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
            digest = _digest(doc, xref)
            if digest:
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
                digest = _digest(source, xref) if ids else ""
                if digest:
                    key = ((int(image[2]), int(image[3])), digest)
                    found.setdefault(key, set()).update(ids)
    finally:
        source.close()
    return found
