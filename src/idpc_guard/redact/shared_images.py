"""A picture drawn in several places keeps no original pixels after one use is redacted.

When pixels of a picture are redacted on a page, MuPDF writes the redacted picture
as a new image object for that page; every other use of the same image object (on
another page, cropped, scaled down or moved off the page so the value was not seen
there) keeps pointing at the original pixels. So after each page is redacted, each
picture replaced on it has the redacted pixels written into the original object as
well, and once every page is done each replacement gets the final pixels, which
hold every page's boxes.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import pymupdf

#: The keys of an image's dictionary that say how its stream is read.
IMAGE_KEYS = (
    "Filter",
    "DecodeParms",
    "Width",
    "Height",
    "BitsPerComponent",
    "ColorSpace",
    "SMask",
    "Mask",
    "Decode",
    "ImageMask",
    "Intent",
)


class SharedImages:
    """Keeps every use of a redacted picture redacted; :meth:`finish` when all pages are done."""

    def __init__(self, doc: pymupdf.Document) -> None:
        """Track pictures of ``doc`` replaced by redaction."""
        self._doc = doc
        #: Original image xref -> the xrefs written in its place, in order.
        self.replaced: dict[int, list[int]] = {}

    @contextmanager
    def redacting(self, page: pymupdf.Page) -> Iterator[None]:
        """Around the redaction of ``page``: carry its redacted pictures to the originals."""
        before = _images(page)
        sizes = list(before.values())
        # Where several pictures share a size, where each is drawn tells them apart.
        places = {x: _places(page, x) for x, size in before.items() if sizes.count(size) > 1}
        yield
        if not before:
            return
        after = _images(page)
        for old, new in _pairs(page, before, after, places):
            copy_image(self._doc, new, old)
            self.replaced.setdefault(old, []).append(new)

    def finish(self) -> None:
        """Give every replacement the final pixels (all pages' boxes) of its original."""
        for old, news in self.replaced.items():
            if len(news) > 1:
                for new in news:
                    copy_image(self._doc, old, new)


def _images(page: pymupdf.Page) -> dict[int, tuple[int, int]]:
    """Each picture drawn on the page (forms included): its xref and size in pixels."""
    return {int(image[0]): (int(image[2]), int(image[3])) for image in page.get_images(full=True)}


def _pairs(
    page: pymupdf.Page,
    before: dict[int, tuple[int, int]],
    after: dict[int, tuple[int, int]],
    places: dict[int, list[tuple[float, ...]]],
) -> list[tuple[int, int]]:
    """``(original, replacement)`` for each picture redaction replaced on the page.

    Redaction renames the resource too, so a replacement is told by what it is: a
    picture new on the page, of the same size as one gone from it, and where several
    match, drawn in the same place.
    """
    gone = [x for x in before if x not in after]
    added = [x for x in after if x not in before]
    pairs = []
    for old in gone:
        same = [new for new in added if after[new] == before[old]]
        if len(same) > 1:
            same = [new for new in same if _places(page, new) == places.get(old)]
        if same:
            pairs.append((old, same[0]))
            added.remove(same[0])
    return pairs


def _places(page: pymupdf.Page, xref: int) -> list[tuple[float, ...]]:
    return [tuple(round(v, 1) for v in rect) for rect in page.get_image_rects(xref)]


def copy_image(doc: pymupdf.Document, source: int, target: int) -> None:
    """Write image ``source``'s stream and reading keys into image object ``target``."""
    doc.update_stream(target, doc.xref_stream_raw(source), compress=False)
    for key in IMAGE_KEYS:
        kind, value = doc.xref_get_key(source, key)
        doc.xref_set_key(target, key, value if kind != "null" else "null")
