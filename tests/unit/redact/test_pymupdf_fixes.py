"""The PyMuPDF redaction fixes the copy relies on, one test each (pyproject's minimum).

Each test builds the PDF that an upstream issue was about and scans it as a user does:
the copy must be written, verified, and free of what was under the box, without the
whole page being turned into a picture.

* PyMuPDF 1.28.0 (#4936): line art under a redaction was removed only in part.
* PyMuPDF 1.28.2 (#4943): redacting the pixels of an image in an indexed colour space
  over DeviceN with a spot colourant raised an error, so the page could not be redacted
  by position at all.
"""

from __future__ import annotations

from typing import Any

import pymupdf

from idpc_guard import ScanOptions

PHONE = "07700 900417"
LINES = [
    "RESTRICTED (when complete)  MG11",
    "WITNESS STATEMENT",
    "Statement of: Priya KESWICK",
    f"My mobile number is {PHONE} and I live alone.",
    "I saw the man run off towards the park.",
]


def _page_with_text(doc: pymupdf.Document) -> tuple[pymupdf.Page, pymupdf.Rect]:
    page = doc.new_page(width=595, height=842)
    y = 72.0
    for line in LINES:
        page.insert_text((72, y), line, fontsize=11, fontname="helv")
        y += 18
    (phone,) = page.search_for(PHONE)
    return page, phone


def _scan(scanner: Any, tmp_path: Any, pdf: bytes) -> Any:
    path = tmp_path / "bundle.pdf"
    path.write_bytes(pdf)
    return scanner.scan(path, ScanOptions())


def test_line_art_through_a_redacted_value_is_removed(scanner: Any, tmp_path: Any) -> None:
    doc = pymupdf.open()
    page, phone = _page_with_text(doc)
    # A pen stroke through the number (a correction, a signature's tail).
    shape = page.new_shape()
    shape.draw_bezier(
        phone.bl, phone.tl + pymupdf.Point(20, 0), phone.br - pymupdf.Point(20, 0), phone.tr
    )
    shape.finish(color=(0, 0, 0.6), width=1.2)
    shape.commit()
    result = _scan(scanner, tmp_path, doc.tobytes())

    assert result.redacted_pdf is not None
    assert result.verification is not None and not result.verification.pages_as_images
    with pymupdf.open(stream=result.redacted_pdf, filetype="pdf") as copy:
        assert PHONE not in copy[0].get_text()
        strokes = [d for d in copy[0].get_drawings() if d.get("color") == (0.0, 0.0, 0.6)]
        assert not any(pymupdf.Rect(d["rect"]).intersects(phone) for d in strokes)


def _devicen_indexed_image(doc: pymupdf.Document, width: int, height: int) -> int:
    """An image in ``/Indexed`` over ``/DeviceN`` (CMYK and a spot colour), as print shops make."""
    tint = doc.get_new_xref()
    doc.update_object(
        tint,
        "<< /FunctionType 4 /Domain [0 1 0 1 0 1 0 1 0 1] /Range [0 1 0 1 0 1 0 1] >>",
    )
    doc.update_stream(tint, b"{ pop }")  # CMYK as given; the spot ink prints as nothing
    base = f"[/DeviceN [/Cyan /Magenta /Yellow /Black /Spot#20Blue] /DeviceCMYK {tint} 0 R]"
    # Two entries of five components: white paper, and a dark blue-black.
    lookup = bytes([0, 0, 0, 0, 0, 230, 200, 0, 120, 255]).hex()
    image = doc.get_new_xref()
    doc.update_object(
        image,
        f"<< /Type /XObject /Subtype /Image /Width {width} /Height {height} "
        f"/BitsPerComponent 8 /ColorSpace [/Indexed {base} 1 <{lookup}>] >>",
    )
    stripes = bytes((x // 4) % 2 for _ in range(height) for x in range(width))
    doc.update_stream(image, stripes)
    return image


def test_an_image_in_an_indexed_devicen_colour_space_is_redacted_by_its_pixels(
    scanner: Any, tmp_path: Any
) -> None:
    doc = pymupdf.open()
    page, phone = _page_with_text(doc)
    image = _devicen_indexed_image(doc, 120, 40)
    # The image lies behind the whole line of text (a tinted band, a stamp's ground).
    area = pymupdf.Rect(60, phone.y0 - 6, 540, phone.y1 + 6)
    kind, value = doc.xref_get_key(page.xref, "Resources")
    resources = int(value.split()[0]) if kind == "xref" else page.xref
    prefix = "" if kind == "xref" else "Resources/"
    doc.xref_set_key(resources, f"{prefix}XObject/Band", f"{image} 0 R")
    behind = doc.get_new_xref()
    doc.update_object(behind, "<< >>")
    matrix = f"{area.width:g} 0 0 {area.height:g} {area.x0:g} {842 - area.y1:g}"
    doc.update_stream(behind, f"q {matrix} cm /Band Do Q".encode())
    contents = page.get_contents()
    listed = " ".join(f"{c} 0 R" for c in contents)
    doc.xref_set_key(page.xref, "Contents", f"[{behind} 0 R {listed}]")
    result = _scan(scanner, tmp_path, doc.tobytes())

    assert result.redacted_pdf is not None
    assert result.verification is not None and not result.verification.pages_as_images
    with pymupdf.open(stream=result.redacted_pdf, filetype="pdf") as copy:
        assert PHONE not in copy[0].get_text()
        (info,) = copy[0].get_images(full=True)
        pixels = pymupdf.Pixmap(copy, info[0])
        if pixels.colorspace is None or pixels.colorspace.n != 3:
            pixels = pymupdf.Pixmap(pymupdf.csRGB, pixels)
        # The image's own pixels under the number are painted over, not just hidden.
        # The middle of the number's line (the box hugs the glyphs, not the line's leading).
        sx, sy = pixels.width / area.width, pixels.height / area.height
        middle = pymupdf.Rect(phone.x0 + 2, phone.y0, phone.x1 - 2, phone.y1)
        middle.y0, middle.y1 = phone.y0 + 0.35 * phone.height, phone.y1 - 0.35 * phone.height
        inside = pymupdf.IRect(
            int((middle.x0 - area.x0) * sx) + 1,
            int((middle.y0 - area.y0) * sy),
            int((middle.x1 - area.x0) * sx) - 1,
            int((middle.y1 - area.y0) * sy) + 1,
        )
        assert not inside.is_empty
        colours = {
            pixels.pixel(x, y)
            for x in range(inside.x0, inside.x1)
            for y in range(inside.y0, inside.y1)
        }
        assert len(colours) == 1, "the stripes under the box survive in the image"
