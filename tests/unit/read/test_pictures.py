"""Pages drawn as PNG pictures for the review page."""

from __future__ import annotations

import pytest

from idpc_guard.errors import DamagedPdfError
from idpc_guard.read.pictures import render_pages
from tests.pdfs import make_pdf

PNG = b"\x89PNG\r\n\x1a\n"


def test_pages_are_pngs_at_the_requested_zoom() -> None:
    pdf = make_pdf([["First page"], ["Second page"], ["Third page"]])
    images = render_pages(pdf, zoom=1.0)
    assert [i.page for i in images] == [0, 1, 2]
    for image in images:
        assert image.png.startswith(PNG)
        width = int.from_bytes(image.png[16:20], "big")
        height = int.from_bytes(image.png[20:24], "big")
        assert (width, height) == (round(image.width), round(image.height))
    doubled = render_pages(pdf, [1], zoom=2.0)
    assert [i.page for i in doubled] == [1]
    assert int.from_bytes(doubled[0].png[16:20], "big") == 2 * round(doubled[0].width)


def test_not_a_pdf_is_a_damaged_pdf_error() -> None:
    with pytest.raises(DamagedPdfError):
        render_pages(b"this is not a PDF at all")
