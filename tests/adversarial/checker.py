"""An independent leak checker for redacted copies: it shares no code with ``idpc_guard``.

``leaks(pdf, values)`` names every carrier of the PDF that still holds one of
``values`` (never the value itself). Values are compared as letters and digits
only, case-folded, and a phone number also by its national significant number
(``7700900461`` is in ``07700 900461``, ``+44 7700 900461`` and ``0044-7700-900461``).
Carriers:

* ``page text``: every page's text from PyMuPDF, the whole content stream (no clip to
  the page or its CropBox);
* ``pdftotext``: Poppler's text of the whole file, when ``pdftotext`` is installed;
* ``object bytes``: every object of the file (used or not) and every stream, decoded
  and raw, read as Latin-1, as UTF-16 (both byte orders and alignments), percent- and
  ``#``-decoded, and as the PDF strings it holds (literal and hex, PDFDocEncoding or
  UTF-16) both one by one and joined in order (a value split across operators);
* ``metadata``, ``annotations``, ``outline``, ``page labels``, ``links`` (decoded),
  ``attachments``;
* ``image metadata``: EXIF, XMP and comments of every image, and any GPS position;
* ``pictures``: text read by Tesseract from every image and rendered page (only when
  asked, and when ``tesseract`` is installed).
"""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from urllib.parse import unquote

import pymupdf
from PIL import Image

_STRING = re.compile(rb"\((?:\\.|[^\\()]|\((?:\\.|[^\\()])*\))*\)|<([0-9A-Fa-f\s]*)>", re.S)
_ESCAPES = {b"n": b"\n", b"r": b"\r", b"t": b"\t", b"b": b"\b", b"f": b"\f"}
_GPS_IFD = 0x8825


def flat(text: str) -> str:
    """Letters and digits only, case-folded."""
    return "".join(c for c in text if c.isalnum()).casefold()


def needles(values: Iterable[str]) -> set[str]:
    """The flat forms searched for: each value, and a phone number's national number."""
    out = set()
    for value in values:
        out.add(flat(value))
        digits = "".join(c for c in value if c.isdigit())
        if len(digits) == 11 and digits.startswith("07"):
            out.add(digits[1:])
    return {n for n in out if len(n) >= 6}


class Finder:
    """Which carriers hold which needles."""

    def __init__(self, values: Iterable[str]) -> None:
        self.needles = needles(values)
        self.found: set[str] = set()

    def look(self, carrier: str, *texts: str) -> None:
        for text in texts:
            haystack = flat(unquote(unquote(text)))
            if any(n in haystack for n in self.needles):
                self.found.add(carrier)
                return


def leaks(pdf: bytes, values: Sequence[str], *, ocr: bool = False) -> set[str]:
    """The carriers of ``pdf`` that hold some value (names only, never values)."""
    finder = Finder(values)
    doc = pymupdf.open(stream=pdf, filetype="pdf")
    try:
        _page_carriers(doc, finder)
        _document_carriers(doc, finder)
        _objects(doc, finder)
        _images(doc, finder, ocr=ocr)
        if ocr:
            _rendered_pages(doc, finder)
    finally:
        doc.close()
    _pdftotext(pdf, finder)
    return finder.found


def _page_carriers(doc: pymupdf.Document, finder: Finder) -> None:
    everywhere = pymupdf.Rect(-1e6, -1e6, 1e6, 1e6)
    flags = pymupdf.TEXTFLAGS_TEXT & ~pymupdf.TEXT_MEDIABOX_CLIP
    for page in doc:
        page.set_cropbox(page.mediabox)
        finder.look("page text", page.get_text("text", clip=everywhere, flags=flags))
        trace = "".join(chr(c[0]) for span in page.get_texttrace() for c in span["chars"])
        finder.look("page text", trace)
        for annot in page.annots():
            finder.look("annotations", *(str(v) for v in annot.info.values()))
        for link in page.get_links():
            finder.look("links", str(link.get("uri") or ""), str(link.get("file") or ""))


def _document_carriers(doc: pymupdf.Document, finder: Finder) -> None:
    finder.look("metadata", *(str(v) for v in (doc.metadata or {}).values()))
    finder.look("metadata", doc.get_xml_metadata())
    finder.look("outline", *(str(entry[1]) for entry in doc.get_toc(simple=False)))
    finder.look("page labels", *(str(r.get("prefix", "")) for r in doc.get_page_labels()))
    for name in doc.embfile_names():
        finder.look("attachments", name, *_decodings(doc.embfile_get(name)))


def _objects(doc: pymupdf.Document, finder: Finder) -> None:
    for xref in range(1, doc.xref_length()):
        try:
            source = doc.xref_object(xref, compressed=True).encode("latin-1", "replace")
        except Exception:  # a damaged object is not a carrier we can read
            continue
        finder.look("object bytes", *_decodings(source))
        if doc.xref_is_stream(xref):
            for data in _stream_forms(doc, xref):
                finder.look("object bytes", *_decodings(data))


def _stream_forms(doc: pymupdf.Document, xref: int) -> Iterator[bytes]:
    for read in (doc.xref_stream, doc.xref_stream_raw):
        try:
            data = read(xref)
        except Exception:
            continue
        if data:
            yield data


def _decodings(data: bytes) -> list[str]:
    """``data`` read every way a value could be written in it."""
    texts = [data.decode("latin-1")]
    for start in (0, 1):
        texts += [data[start:].decode(c, "ignore") for c in ("utf-16-be", "utf-16-le")]
    texts.append(_unhash(texts[0]))
    strings = [_pdf_string(m) for m in _STRING.finditer(data)]
    texts += strings
    texts.append("".join(strings))
    return texts


def _unhash(text: str) -> str:
    """Names decoded: ``#20`` is a space."""
    return re.sub(r"#([0-9A-Fa-f]{2})", lambda m: chr(int(m.group(1), 16)), text)


def _pdf_string(match: re.Match[bytes]) -> str:
    if match.group(1) is not None:
        digits = re.sub(rb"\s", b"", match.group(1))
        raw = bytes.fromhex((digits + b"0" * (len(digits) % 2)).decode())
    else:
        raw = _unescape(match.group(0)[1:-1])
    if raw.startswith((b"\xfe\xff", b"\xff\xfe")):
        return raw.decode("utf-16", "ignore")
    return raw.decode("latin-1")


def _unescape(body: bytes) -> bytes:
    out = bytearray()
    i = 0
    while i < len(body):
        char = body[i : i + 1]
        if char != b"\\" or i + 1 >= len(body):
            out += char
            i += 1
            continue
        nxt = body[i + 1 : i + 2]
        octal = re.match(rb"[0-7]{1,3}", body[i + 1 : i + 4])
        if octal:
            out.append(int(octal.group(0), 8) & 0xFF)
            i += 1 + len(octal.group(0))
            continue
        out += _ESCAPES.get(nxt, b"" if nxt in b"\r\n" else nxt)
        i += 2
    return bytes(out)


def _images(doc: pymupdf.Document, finder: Finder, *, ocr: bool) -> None:
    seen: set[int] = set()
    for page in doc:
        for image in page.get_images(full=True):
            xref = image[0]
            if xref in seen:
                continue
            seen.add(xref)
            try:
                extracted = doc.extract_image(xref)
            except Exception:
                continue
            if not extracted:
                continue
            _image_metadata(extracted["image"], finder)
            if ocr:
                finder.look("pictures", tesseract(extracted["image"]))


def _image_metadata(data: bytes, finder: Finder) -> None:
    finder.look("image metadata", *_decodings(data))
    try:
        picture = Image.open(io.BytesIO(data))
        exif = picture.getexif()
    except Exception:
        return
    if exif.get_ifd(_GPS_IFD):
        finder.found.add("image metadata (GPS)")
    finder.look("image metadata", *(str(v) for v in exif.values()))
    finder.look("image metadata", *(str(v) for v in picture.info.values()))


def _rendered_pages(doc: pymupdf.Document, finder: Finder) -> None:
    for page in doc:
        page.set_cropbox(page.mediabox)
        finder.look("pictures", tesseract(page.get_pixmap(dpi=150).tobytes("png")))


def tesseract(image: bytes) -> str:
    """Text Tesseract reads in an image ("" without Tesseract)."""
    if shutil.which("tesseract") is None:
        return ""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "image"
        path.write_bytes(image)
        run = subprocess.run(
            ["tesseract", str(path), "stdout", "--psm", "11"],
            capture_output=True,
            timeout=60,
            check=False,
        )
    return run.stdout.decode("utf-8", "replace")


def _pdftotext(pdf: bytes, finder: Finder) -> None:
    if shutil.which("pdftotext") is None:
        return
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "copy.pdf"
        path.write_bytes(pdf)
        run = subprocess.run(
            ["pdftotext", "-nopgbrk", str(path), "-"], capture_output=True, timeout=60, check=False
        )
    finder.look("pdftotext", run.stdout.decode("utf-8", "replace"))
