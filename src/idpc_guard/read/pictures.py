"""Pages as pictures, for the HTML review page.

Rasterising needs PyMuPDF, so it lives here beside the other PDF stages
rather than in ``report/``: the report layer only receives PNG bytes.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import pymupdf

from idpc_guard.errors import DamagedPdfError

#: Pixels per PDF point. 1.5 (108 dpi) keeps text legible on a laptop screen
#: while a 100-page bundle stays a few megabytes.
DEFAULT_ZOOM = 1.5


@dataclass(frozen=True, slots=True)
class PageImage:
    """One page rendered as a PNG.

    ``width`` and ``height`` are the page size in PDF points (the space of the
    report's boxes); ``png`` is ``zoom`` pixels per point.
    """

    page: int
    width: float
    height: float
    png: bytes = field(repr=False)


def render_pages(
    data: bytes, pages: Sequence[int] | None = None, *, zoom: float = DEFAULT_ZOOM
) -> tuple[PageImage, ...]:
    """Render ``pages`` (0-based; default all) of the PDF in ``data`` as PNG images.

    Raises:
        DamagedPdfError: the PDF cannot be opened or a page cannot be drawn.
    """
    try:
        doc = pymupdf.open(stream=data, filetype="pdf")
    except (pymupdf.FileDataError, RuntimeError, ValueError) as exc:
        raise DamagedPdfError("the bundle could not be opened to draw its pages") from exc
    with doc:
        chosen = range(doc.page_count) if pages is None else pages
        matrix = pymupdf.Matrix(zoom, zoom)
        images = []
        for index in chosen:
            try:
                page = doc[index]
                pixmap = page.get_pixmap(matrix=matrix, alpha=False)
                png = pixmap.tobytes("png")
            except (RuntimeError, ValueError, IndexError) as exc:
                raise DamagedPdfError(f"page {index + 1} could not be drawn") from exc
            images.append(PageImage(index, page.rect.width, page.rect.height, png))
    return tuple(images)
