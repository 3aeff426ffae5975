"""An adversarial corpus of ways a redacted copy could still leak, made by code.

Every file is a one- or two-page witness statement holding the same planted
(synthetic) values on its first page, where detection finds them: a mobile number,
a home address with postcode, a date of birth, an NHS number, an NI number and an
email address. Each file then hides the values again in one more carrier of a
class of fault (issue 23): link targets, content outside the visible page, a picture
used twice, strings outside the page content, hidden layers. The copy must hold none
of them, or not be written.

``write_corpus(folder)`` writes them all, for the tests and by hand::

    python -m tests.adversarial.corpus OUT_DIR
"""

from __future__ import annotations

import io
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pymupdf
from PIL import Image, ImageDraw, ImageFont

# Synthetic values only: a reserved drama number, example.com, invented people and places.
PHONE = "07700 900461"
ADDRESS = "14 Elm Grove, Barnsley S70 4QJ"
POSTCODE = "S70 4QJ"
DOB = "14/03/1988"
NHS = "943 476 5919"
NINO = "JK 12 34 56 C"
EMAIL = "marnie.quellbright@example.com"
#: Every planted value, as detection reads it on the page.
VALUES = (PHONE, ADDRESS, DOB, NHS, NINO, EMAIL)
#: Written only in content a reader cannot see (a hidden layer): never detected, so it
#: is no finding, but it must not be revealed in the copy either.
HIDDEN_NOTE = "Quarrington Hidden Layer Note"

STATEMENT = (
    "WITNESS STATEMENT",
    "(Criminal Justice Act 1967, s.9; Magistrates' Courts Rules 1981, r.70)",
    "Statement of: Marnie Quellbright",
    "Age if under 18: over 18   Occupation: Florist",
    f"I live at {ADDRESS} with my partner.",
    f"My date of birth is {DOB}.",
    f"My mobile number is {PHONE} and my email is {EMAIL}.",
    f"My NHS number is {NHS} and my National Insurance number is {NINO}.",
    "On Monday evening I saw a man climb through the window of number 12.",
    "He wore a dark coat and carried a red holdall towards the park.",
)
#: The planted values on one line, for carriers outside the statement's own lines.
ALL_IN_ONE = f"Tel {PHONE} {ADDRESS} DOB {DOB} NHS {NHS} NI {NINO}"
LEFT, TOP, STEP = 56.0, 72.0, 16.0
#: Where a link is placed: over the statement's last line, which holds no value.
LINK_AREA = pymupdf.Rect(56, TOP + 8 * STEP, 300, TOP + 9 * STEP + 4)


@dataclass(frozen=True)
class Adversarial:
    """One crafted statement: its class of fault, how it is built, and what it must not leak."""

    name: str
    kind: str
    build: Callable[[], bytes]
    #: Read the pictures of the copy by OCR too (slower: only where a value is in pixels).
    ocr: bool = False
    #: Texts that must not be in the copy besides the planted values.
    never: tuple[str, ...] = ()


# --- building blocks ---------------------------------------------------------------


def statement(pages: int = 1) -> pymupdf.Document:
    """The witness statement on page 1 (and blank-ish extra pages), in Helvetica."""
    doc = pymupdf.open()
    page = doc.new_page(width=612, height=792)
    for i, line in enumerate(STATEMENT):
        page.insert_text((LEFT, TOP + i * STEP), line, fontname="helv", fontsize=10)
    for _ in range(pages - 1):
        extra = doc.new_page(width=612, height=792)
        extra.insert_text((LEFT, TOP), "Exhibit MQ/1 continued.", fontname="helv", fontsize=10)
    return doc


def finish(doc: pymupdf.Document) -> bytes:
    """The document's bytes, unused objects kept (so they are there to be found)."""
    data: bytes = doc.tobytes(garbage=0, deflate=True)
    doc.close()
    return data


def new_object(doc: pymupdf.Document, source: str, data: bytes | None = None) -> int:
    """A new object (a stream when ``data`` is given); returns its xref."""
    xref = doc.get_new_xref()
    doc.update_object(xref, source)
    if data is not None:
        doc.update_stream(xref, data)
    return xref


def set_resource(doc: pymupdf.Document, page: pymupdf.Page, path: str, value: str) -> None:
    """Set ``Resources/<path>`` of the page, following indirect dictionaries on the way."""
    xref, prefix = page.xref, "Resources"
    for part in path.split("/")[:-1]:
        kind, found = doc.xref_get_key(xref, prefix)
        if kind == "xref":
            xref, prefix = int(found.split()[0]), part
        else:
            prefix = f"{prefix}/{part}"
    kind, found = doc.xref_get_key(xref, prefix)
    if kind == "xref":
        xref, prefix = int(found.split()[0]), ""
    key = path.split("/")[-1]
    doc.xref_set_key(xref, f"{prefix}/{key}" if prefix else key, value)


def font_resource(doc: pymupdf.Document, page: pymupdf.Page, name: str = "FAdv") -> int:
    """Give the page a Helvetica font resource named ``name``; returns the font's xref."""
    font = new_object(doc, "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
    set_resource(doc, page, f"Font/{name}", f"{font} 0 R")
    return font


def add_content(doc: pymupdf.Document, page: pymupdf.Page, content: bytes) -> None:
    """Append a content stream to the page (drawn after what is there)."""
    xref = new_object(doc, "<<>>", content)
    kind, value = doc.xref_get_key(page.xref, "Contents")
    refs = value.strip("[]") if kind == "array" else value
    doc.xref_set_key(page.xref, "Contents", f"[{refs} {xref} 0 R]")


def literal(text: str) -> bytes:
    """A PDF literal string of Latin-1 text."""
    escaped = text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
    return b"(" + escaped.encode("latin-1") + b")"


def text_at(x: float, y: float, text: str, size: float = 10) -> bytes:
    """Content drawing ``text`` at PDF coordinates (origin bottom-left)."""
    return b"BT /FAdv %g Tf %g %g Td %s Tj ET\n" % (size, x, y, literal(text))


def utf16_hex(text: str) -> str:
    """A PDF hex string of ``text`` in UTF-16BE with its byte-order mark."""
    return "<FEFF" + text.encode("utf-16-be").hex().upper() + ">"


def picture(lines: tuple[str, ...], width: int = 900, size: int = 40) -> Image.Image:
    """White picture with black text lines, large enough for OCR to read."""
    font = ImageFont.load_default(size=size)
    image = Image.new("RGB", (width, 30 + len(lines) * (size + 30)), "white")
    draw = ImageDraw.Draw(image)
    for i, line in enumerate(lines):
        draw.text((20, 20 + i * (size + 30)), line, fill="black", font=font)
    return image


def png(image: Image.Image) -> bytes:
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


# --- class 1: link targets ---------------------------------------------------------


def with_link(uri: str) -> Callable[[], bytes]:
    """A link over a line with no value, whose target carries a value in another form."""

    def build() -> bytes:
        doc = statement()
        doc[0].insert_link({"kind": pymupdf.LINK_URI, "from": LINK_AREA, "uri": uri})
        return finish(doc)

    return build


def with_raw_link(uri: bytes) -> Callable[[], bytes]:
    """A link annotation written by hand, its /URI string exactly as given."""

    def build() -> bytes:
        doc = statement()
        page = doc[0]
        r = LINK_AREA
        annot = new_object(
            doc,
            f"<< /Type /Annot /Subtype /Link /Rect [{r.x0} {792 - r.y1} {r.x1} {792 - r.y0}] "
            f"/Border [0 0 0] /A << /S /URI /URI {uri.decode('latin-1')} >> >>",
        )
        doc.xref_set_key(page.xref, "Annots", f"[{annot} 0 R]")
        return finish(doc)

    return build


def with_outline_link(uri: str) -> Callable[[], bytes]:
    """A bookmark with a harmless title whose target carries a value."""

    def build() -> bytes:
        doc = statement()
        target = {"kind": pymupdf.LINK_URI, "uri": uri}
        doc.set_toc([[1, "Statement", 1], [1, "Contact the witness", -1, target]])
        return finish(doc)

    return build


# --- class 2: outside the visible page ---------------------------------------------


def below_cropbox() -> bytes:
    """The values again below the CropBox (inside the MediaBox), still in the content stream."""
    doc = statement()
    page = doc[0]
    font_resource(doc, page)
    add_content(doc, page, text_at(56, 60, ALL_IN_ONE))
    doc.xref_set_key(page.xref, "CropBox", "[0 200 612 792]")
    return finish(doc)


def off_the_page() -> bytes:
    """The values drawn beyond every edge of the MediaBox."""
    doc = statement()
    page = doc[0]
    font_resource(doc, page)
    content = text_at(56, -120, ALL_IN_ONE) + text_at(700, 400, ALL_IN_ONE)
    add_content(doc, page, content + text_at(56, 900, ALL_IN_ONE))
    return finish(doc)


def clipped_away() -> bytes:
    """The values drawn on the page but inside a clip path that shows none of them."""
    doc = statement()
    page = doc[0]
    font_resource(doc, page)
    add_content(doc, page, b"q 0 0 1 1 re W n " + text_at(56, 150, ALL_IN_ONE) + b"Q\n")
    return finish(doc)


def split_and_hex_off_page() -> bytes:
    """Off the page, each value split over several operators, TJ arrays and hex strings."""
    doc = statement()
    page = doc[0]
    font_resource(doc, page)
    phone = b"[(077) 12 (00 9) -8 <3030> (461)] TJ"
    nhs = b"(943) Tj ( 47) Tj <362035> Tj (919) Tj"
    dob = b"[<31342F30332F> (1988)] TJ"
    content = b"BT /FAdv 10 Tf 56 -60 Td %s ( ) Tj %s ( ) Tj %s ET\n" % (phone, nhs, dob)
    address = b"BT /FAdv 10 Tf 56 -80 Td [(14 Elm ) (Grove, Barn) (sley S70 ) <34514A>] TJ ET\n"
    add_content(doc, page, content + address)
    return finish(doc)


def picture_half_cropped() -> bytes:
    """A picture of the values whose lower half, holding the numbers, is below the CropBox."""
    doc = statement()
    page = doc[0]
    image = picture(("Contact card", f"Tel {PHONE}", f"NHS {NHS}"))
    page.insert_image(
        pymupdf.Rect(56, 600, 356, 600 + 300 * image.height / image.width), stream=png(image)
    )
    doc.xref_set_key(page.xref, "CropBox", "[0 150 612 792]")
    return finish(doc)


def picture_clipped() -> bytes:
    """A picture of the values drawn once, clipped so only its first line shows."""
    doc = statement(pages=2)
    image = picture(("Contact card", f"Tel {PHONE}", f"NHS {NHS}"))
    xref = doc[1].insert_image(pymupdf.Rect(56, 300, 506, 420), stream=png(image))
    doc.delete_page(1)  # the picture object stays; page 1 alone draws it
    page = doc[0]
    set_resource(doc, page, "XObject/ImC", f"{xref} 0 R")
    add_content(doc, page, b"q 56 250 450 30 re W n 450 0 0 120 56 160 cm /ImC Do Q\n")
    return finish(doc)


# --- class 3: a picture used on more than one page ----------------------------------


def reused_picture(place: Callable[[pymupdf.Page, int], None]) -> Callable[[], bytes]:
    """A picture of the values on page 1, in full; the same image object drawn on page 2."""

    def build() -> bytes:
        doc = statement(pages=2)
        image = png(picture(("Contact card", f"Tel {PHONE}", f"NHS {NHS}")))
        first = doc[0]
        xref = first.insert_image(pymupdf.Rect(56, 280, 506, 430), stream=image)
        place(doc[1], xref)
        return finish(doc)

    return build


def draw_reused(content: bytes) -> Callable[[pymupdf.Page, int], None]:
    """Draw the image on page 2 (as ``/ImR``) with ``content``."""

    def place(page: pymupdf.Page, xref: int) -> None:
        doc = page.parent
        set_resource(doc, page, "XObject/ImR", f"{xref} 0 R")
        add_content(doc, page, content)

    return place


# --- class 4: strings outside the page content --------------------------------------


def jpeg_with_exif() -> bytes:
    """A photo whose EXIF holds a UTF-16 comment with the values and the house's GPS position."""
    doc = statement()
    image = Image.new("RGB", (320, 200), (120, 160, 200))
    exif = Image.Exif()
    exif[0x9286] = b"UNICODE\0" + ALL_IN_ONE.encode("utf-16-be")  # UserComment
    exif[0x010E] = f"Home of witness, {ADDRESS}"  # ImageDescription
    gps = exif.get_ifd(0x8825)
    gps.update({1: "N", 2: (53.0, 33.0, 12.0), 3: "W", 4: (1.0, 28.0, 48.0)})
    out = io.BytesIO()
    image.save(out, "JPEG", exif=exif, comment=f"Taken at {ADDRESS}".encode())
    doc[0].insert_image(pymupdf.Rect(56, 300, 376, 500), stream=out.getvalue())
    return finish(doc)


def associated_file() -> bytes:
    """A PDF/A-3 associated file (``/AF`` of the catalog), its text in UTF-16 with a BOM."""
    doc = statement()
    data = b"\xfe\xff" + ALL_IN_ONE.encode("utf-16-be")
    stream = new_object(doc, "<< /Type /EmbeddedFile /Subtype /text#2Fplain >>", data)
    spec = new_object(
        doc,
        f"<< /Type /Filespec /F (notes.txt) /UF {utf16_hex('notes.txt')} "
        f"/AFRelationship /Supplement /Desc {utf16_hex(ALL_IN_ONE)} /EF << /F {stream} 0 R >> >>",
    )
    doc.xref_set_key(doc.pdf_catalog(), "AF", f"[{spec} 0 R]")
    return finish(doc)


def piece_info() -> bytes:
    """Page-level ``/PieceInfo`` private data holding the values as UTF-16 and hex strings."""
    doc = statement()
    private = f"<< /Witness {utf16_hex(ALL_IN_ONE)} /Note <{EMAIL.encode().hex()}> >>"
    doc.xref_set_key(
        doc[0].xref,
        "PieceInfo",
        f"<< /ExampleApp << /LastModified (D:20240101000000Z) /Private {private} >> >>",
    )
    return finish(doc)


def named_destinations() -> bytes:
    """Named destinations whose names are the values (UTF-16, hex, PDFDocEncoding)."""
    doc = statement()
    page = doc[0].xref
    names = " ".join(
        f"{key} [{page} 0 R /XYZ 0 792 0]"
        for key in (utf16_hex(PHONE), f"<{NHS.encode().hex()}>", literal(ADDRESS).decode())
    )
    tree = new_object(doc, f"<< /Names [{names}] >>")
    doc.xref_set_key(doc.pdf_catalog(), "Names", f"<< /Dests {tree} 0 R >>")
    return finish(doc)


def info_and_unused_objects() -> bytes:
    """Document info in UTF-16, and an object no page uses holding the values (hex and split)."""
    doc = statement()
    info = new_object(doc, f"<< /Title {utf16_hex(ALL_IN_ONE)} /Author ({DOB}) >>")
    doc.xref_set_key(-1, "Info", f"{info} 0 R")
    new_object(doc, "<<>>", b"BT [(0770) 5 (0 900) (461)] TJ <39343320343736> Tj (5919) Tj ET")
    return finish(doc)


# --- class 5: hidden layers ---------------------------------------------------------


def layered(ocprops: str, groups: dict[str, str], tagged: str, xobject: bool = False) -> bytes:
    """The statement with hidden content written by hand, without ``/Usage``.

    ``groups`` maps a resource name to an OCG or OCMD body (``{N}`` is replaced by
    the xref of the group named ``N``); ``tagged`` is the resource name whose
    marked content holds the values and :data:`HIDDEN_NOTE`. ``ocprops`` is the
    catalog's ``/OCProperties`` (also with ``{N}`` references).
    """
    doc = statement()
    page = doc[0]
    font = font_resource(doc, page)
    xrefs = {name: doc.get_new_xref() for name in groups}

    def resolve(text: str) -> str:
        for name, xref in xrefs.items():
            text = text.replace("{" + name + "}", f"{xref} 0 R")
        return text

    for name, body in groups.items():
        doc.update_object(xrefs[name], resolve(body))
    props = " ".join(f"/{name} {xref} 0 R" for name, xref in xrefs.items())
    set_resource(doc, page, "Properties", f"<< {props} >>")
    doc.xref_set_key(doc.pdf_catalog(), "OCProperties", resolve(ocprops))
    hidden = text_at(56, 200, ALL_IN_ONE) + text_at(56, 185, HIDDEN_NOTE)
    if xobject:
        form = new_object(
            doc,
            f"<< /Type /XObject /Subtype /Form /BBox [0 0 612 792] /OC {xrefs[tagged]} 0 R "
            f"/Resources << /Font << /FAdv {font} 0 R >> >> >>",
            hidden,
        )
        set_resource(doc, page, "XObject/FmH", f"{form} 0 R")
        add_content(doc, page, b"q /FmH Do Q\n")
    else:
        add_content(doc, page, b"/OC /%s BDC\n%s EMC\n" % (tagged.encode(), hidden))
    return finish(doc)


OCG = "<< /Type /OCG /Name (%s) >>"


def layer_off_without_usage() -> bytes:
    """An OCG listed in ``/D /OFF``, no ``/Usage`` (as Acrobat and Word write it)."""
    return layered(
        "<< /OCGs [{L1} {L2}] /D << /Order [{L1} {L2}] /ON [{L1}] /OFF [{L2}] >> >>",
        {"L1": OCG % "Body", "L2": OCG % "Notes"},
        "L2",
    )


def layer_base_state_off() -> bytes:
    """``/BaseState /OFF``: a group not named in ``/ON`` is hidden."""
    return layered(
        "<< /OCGs [{L1} {L2}] /D << /BaseState /OFF /ON [{L1}] >> >>",
        {"L1": OCG % "Body", "L2": OCG % "Notes"},
        "L2",
    )


def layer_ocmd_all_on() -> bytes:
    """An OCMD ``/P /AllOn`` over one group on and one off: hidden."""
    return layered(
        "<< /OCGs [{L1} {L2}] /D << /OFF [{L2}] >> >>",
        {
            "L1": OCG % "Body",
            "L2": OCG % "Notes",
            "MC0": "<< /Type /OCMD /OCGs [{L1} {L2}] /P /AllOn >>",
        },
        "MC0",
    )


def layer_ocmd_visibility_expression() -> bytes:
    """An OCMD ``/VE [/And L1 [/Not L1]]``: never shown, whatever ``/P`` says."""
    return layered(
        "<< /OCGs [{L1}] /D << /ON [{L1}] >> >>",
        {
            "L1": OCG % "Body",
            "MC0": "<< /Type /OCMD /OCGs [{L1}] /P /AnyOn /VE [/And {L1} [/Not {L1}]] >>",
        },
        "MC0",
    )


def layer_form_xobject_ocmd() -> bytes:
    """A form XObject whose ``/OC`` is an OCMD ``/P /AnyOff`` over groups all on... but one."""
    return layered(
        "<< /OCGs [{L1} {L2}] /D << /ON [{L1}] /OFF [{L2}] >> >>",
        {
            "L1": OCG % "Body",
            "L2": OCG % "Notes",
            "MC0": "<< /Type /OCMD /OCGs [{L1} {L2}] /P /AllOff >>",
        },
        "MC0",
        xobject=True,
    )


# --- the corpus ---------------------------------------------------------------------


def corpus() -> tuple[Adversarial, ...]:
    """Every crafted statement."""
    hidden = (HIDDEN_NOTE,)
    return (
        Adversarial("link-tel-international", "links", with_link("tel:+447700900461")),
        Adversarial("link-tel-spaced", "links", with_link("tel:+44%207700%20900461")),
        Adversarial(
            "link-mailto-percent",
            "links",
            with_link("mailto:marnie.quellbright%40example.com?subject=Statement"),
        ),
        Adversarial(
            "link-map-percent",
            "links",
            with_link("https://maps.example.com/?q=14%20Elm%20Grove%2C%20Barnsley%20S70%204QJ"),
        ),
        Adversarial(
            "link-tel-hex-dashes",
            "links",
            with_raw_link(b"<" + b"tel:+44-7700-900-461".hex().encode() + b">"),
        ),
        Adversarial("link-outline-tel", "links", with_outline_link("tel:0044%207700%20900%20461")),
        Adversarial("outside-below-cropbox", "outside", below_cropbox),
        Adversarial("outside-off-the-page", "outside", off_the_page),
        Adversarial("outside-clipped-away", "outside", clipped_away),
        Adversarial("outside-split-and-hex", "outside", split_and_hex_off_page),
        Adversarial("outside-picture-cropped", "outside", picture_half_cropped, ocr=True),
        Adversarial("outside-picture-clipped", "outside", picture_clipped, ocr=True),
        Adversarial(
            "reuse-clipped",
            "reuse",
            reused_picture(
                draw_reused(b"q 56 600 450 40 re W n 450 0 0 150 56 450 cm /ImR Do Q\n")
            ),
            ocr=True,
        ),
        Adversarial(
            "reuse-tiny",
            "reuse",
            reused_picture(draw_reused(b"q 30 0 0 10 500 700 cm /ImR Do Q\n")),
            ocr=True,
        ),
        Adversarial(
            "reuse-half-off-page",
            "reuse",
            reused_picture(draw_reused(b"q 900 0 0 300 -20 -200 cm /ImR Do Q\n")),
            ocr=True,
        ),
        Adversarial("strings-jpeg-exif", "strings", jpeg_with_exif),
        Adversarial("strings-associated-file", "strings", associated_file),
        Adversarial("strings-piece-info", "strings", piece_info),
        Adversarial("strings-named-destinations", "strings", named_destinations),
        Adversarial("strings-info-and-unused", "strings", info_and_unused_objects),
        Adversarial(
            "layer-off-no-usage", "layers", layer_off_without_usage, ocr=True, never=hidden
        ),
        Adversarial("layer-base-state-off", "layers", layer_base_state_off, ocr=True, never=hidden),
        Adversarial("layer-ocmd-all-on", "layers", layer_ocmd_all_on, ocr=True, never=hidden),
        Adversarial(
            "layer-ocmd-ve", "layers", layer_ocmd_visibility_expression, ocr=True, never=hidden
        ),
        Adversarial(
            "layer-xobject-ocmd", "layers", layer_form_xobject_ocmd, ocr=True, never=hidden
        ),
    )


def write_corpus(folder: Path) -> dict[str, Path]:
    """Write every corpus file into ``folder``; return name -> path."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = {}
    for item in corpus():
        path = folder / f"{item.name}.pdf"
        path.write_bytes(item.build())
        paths[item.name] = path
    return paths


def blacked_out(pdf: bytes) -> bytes:
    """``pdf`` with the values page 1 shows redacted there, and nothing else done.

    What is left is the planted carrier alone: a checker must still find it.
    """
    doc = pymupdf.open(stream=pdf, filetype="pdf")
    page = doc[0]
    for value in VALUES:
        for rect in page.search_for(value):
            page.add_redact_annot(rect)
    page.apply_redactions(images=pymupdf.PDF_REDACT_IMAGE_NONE)
    data: bytes = doc.tobytes(garbage=4, deflate=True)
    doc.close()
    return data


if __name__ == "__main__":
    for name, path in write_corpus(Path(sys.argv[1])).items():
        print(f"{name:32} {path.stat().st_size:>10} bytes")
