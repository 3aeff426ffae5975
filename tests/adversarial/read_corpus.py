"""An adversarial corpus for the reading half of issue 23, made by code.

Each item is a one-page witness statement holding the same planted values (a
mobile number, a home address with postcode, a date of birth, an NHS number and
an NI number), with one trick that hides some of them from a naive reader: a text
layer that disagrees with what is drawn, data outside the page content, an
unusual way of writing a value, a malformed character, or a defect the x-ray
must report. Every value is synthetic: Ofcom drama-range phones, an invented
street, the NHS's published test number and an invented NI number.
"""

from __future__ import annotations

import io
import random
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pymupdf
from fontTools.agl import UV2AGL
from fontTools.cffLib import CFFFontSet
from fontTools.pens.basePen import BasePen

PHONE = "07700 900461"
ADDRESS = "14 Elm Grove, Harrowby, Leeds LS6 2QT"
DOB = "14/03/1988"
NHS = "943 476 5919"
NINO = "JG 10 37 91 D"

HEADER = (
    "WITNESS STATEMENT",
    "Criminal Justice Act 1967, s.9; Criminal Procedure Rules, r.16.2",
    "Statement of: Ondrel QUISTFIRE",
    "Age if under 18: Over 18     Occupation: Joiner",
)
VALUE_LINES = (
    f"Home address: {ADDRESS}",
    f"Mobile: {PHONE}",
    f"Date of birth: {DOB}",
    f"NHS number: {NHS}",
    f"National Insurance number: {NINO}",
)
FOOTER = (
    "This statement is true to the best of my knowledge and belief.",
    "On 4 March I was walking through the town centre when I heard shouting.",
    "I turned round and saw two men arguing beside a white van.",
    "Signed: O QUISTFIRE",
)

LEFT, TOP, STEP, SIZE = 56.0, 72.0, 18.0, 11.0

#: What must be gone from the copy, each as the letters and digits it is written with.
PLANTED = {
    "phone": "07700900461",
    "street": "ElmGrove",
    "postcode": "LS62QT",
    "dob": "14/03/1988",
    "nhs": "9434765919",
    "nino": "JG103791D",
}


@dataclass(frozen=True)
class Item:
    """One file of the corpus: its class, name, builder and the values planted in it."""

    klass: str
    name: str
    build: Callable[[], bytes]
    planted: dict[str, str] = field(default_factory=lambda: dict(PLANTED))
    #: Where outside the page content a value is also written (bookmark, label...).
    carriers: tuple[str, ...] = ()
    #: A defect the x-ray must report (an issue kind of the report).
    issue: str | None = None
    #: Why the copy may be refused (naming what it could not remove), if it may.
    may_refuse: str = ""


# --- building blocks -------------------------------------------------------------


def _y(row: int) -> float:
    return TOP + row * STEP


def _statement(draw_values: Callable[[pymupdf.Document, pymupdf.Page, float], None]) -> bytes:
    """A statement page: header and footer in Helvetica, the value lines drawn by ``draw_values``.

    ``draw_values`` gets the baseline of the first value line; lines are :data:`STEP` apart.
    """
    doc = pymupdf.open()
    page = doc.new_page()
    for i, line in enumerate(HEADER):
        page.insert_text((LEFT, _y(i)), line, fontname="helv", fontsize=SIZE)
    first = _y(len(HEADER) + 1)
    draw_values(doc, page, first)
    after = len(HEADER) + 2 + len(VALUE_LINES)
    for i, line in enumerate(FOOTER):
        page.insert_text((LEFT, _y(after + i)), line, fontname="helv", fontsize=SIZE)
    return _save(doc)


def _save(doc: pymupdf.Document) -> bytes:
    data: bytes = doc.tobytes(garbage=3, deflate=True)
    doc.close()
    return data


def _plain_values(lines: Sequence[str] = VALUE_LINES) -> Callable[..., None]:
    def draw(doc: pymupdf.Document, page: pymupdf.Page, first: float) -> None:
        for i, line in enumerate(lines):
            page.insert_text((LEFT, first + i * STEP), line, fontname="helv", fontsize=SIZE)

    return draw


def _append_content(doc: pymupdf.Document, page: pymupdf.Page, content: bytes) -> None:
    """Add a content stream to the end of the page's contents."""
    xref = doc.get_new_xref()
    doc.update_object(xref, "<<>>")
    doc.update_stream(xref, content)
    refs = " ".join(f"{x} 0 R" for x in [*page.get_contents(), xref])
    doc.xref_set_key(page.xref, "Contents", f"[{refs}]")


def _add_font(doc: pymupdf.Document, page: pymupdf.Page, name: str, font: str) -> None:
    """Give the page's resources the font object ``font`` under ``/name``."""
    xref = doc.get_new_xref()
    doc.update_object(xref, font)
    _add_resource(doc, page, "Font", name, f"{xref} 0 R")


def _add_resource(
    doc: pymupdf.Document, page: pymupdf.Page, kind: str, name: str, value: str
) -> None:
    """Set ``/Resources/kind/name`` of the page, following indirect dictionaries."""
    owner, path = page.xref, "Resources"
    kind_of, ref = doc.xref_get_key(owner, path)
    if kind_of == "xref":
        owner, path = int(ref.split()[0]), ""
    sub = f"{path}/{kind}" if path else kind
    kind_of, ref = doc.xref_get_key(owner, sub)
    if kind_of == "xref":
        doc.xref_set_key(int(ref.split()[0]), name, value)
    else:
        doc.xref_set_key(owner, f"{sub}/{name}", value)


def _add_stream(doc: pymupdf.Document, obj: str, data: bytes) -> int:
    xref = doc.get_new_xref()
    doc.update_object(xref, obj)
    doc.update_stream(xref, data)
    return xref


def _pdf_string(text: str) -> bytes:
    return (
        b"("
        + text.encode("latin-1").replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")
        + b")"
    )


def _text_ops(lines: Sequence[str], first: float, height: float, font: bytes) -> bytes:
    """``BT ... ET`` drawing ``lines`` in ``font`` at the statement's positions."""
    ops = [b"BT", b"/%s %.1f Tf" % (font, SIZE)]
    for i, line in enumerate(lines):
        ops.append(
            b"1 0 0 1 %.2f %.2f Tm %s Tj" % (LEFT, height - (first + i * STEP), _pdf_string(line))
        )
    ops.append(b"ET")
    return b"\n".join(ops)


_HELV_WINANSI = "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding"


def _with_unicode_map(mapping: dict[int, str]) -> Callable[..., None]:
    """Value lines in Helvetica whose ToUnicode map says ``mapping`` for some codes."""

    def draw(doc: pymupdf.Document, page: pymupdf.Page, first: float) -> None:
        entries = "\n".join(
            f"<{code:02X}> <{''.join(f'{u:04X}' for u in _utf16(text))}>"
            for code, text in sorted(mapping.items())
        )
        cmap = (
            "/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n"
            "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
            "/CMapName /Adobe-Identity-UCS def /CMapType 2 def\n"
            "1 begincodespacerange <00> <FF> endcodespacerange\n"
            f"{len(mapping)} beginbfchar\n{entries}\nendbfchar\n"
            "endcmap CMapName currentdict /CMap defineresource pop end end"
        ).encode()
        cmap_xref = _add_stream(doc, "<<>>", cmap)
        _add_font(doc, page, "FL", f"{_HELV_WINANSI} /ToUnicode {cmap_xref} 0 R >>")
        _append_content(doc, page, _text_ops(VALUE_LINES, first, page.rect.height, b"FL"))

    return draw


def _utf16(text: str) -> list[int]:
    """UTF-16 code units of ``text``, lone surrogates kept as they are."""
    units: list[int] = []
    for char in text:
        code = ord(char)
        if code > 0xFFFF:
            code -= 0x10000
            units += [0xD800 + (code >> 10), 0xDC00 + (code & 0x3FF)]
        else:
            units.append(code)
    return units


class _PdfPathPen(BasePen):  # type: ignore[misc]
    """Glyph outlines as PDF path operators, in a given placement."""

    def __init__(self, scale: float, x: float, y: float) -> None:
        super().__init__(None)
        self.ops: list[str] = []
        self.scale, self.x, self.y = scale, x, y

    def _p(self, pt: tuple[float, float]) -> str:
        return f"{self.x + pt[0] * self.scale:.2f} {self.y + pt[1] * self.scale:.2f}"

    def _moveTo(self, pt: tuple[float, float]) -> None:
        self.ops.append(f"{self._p(pt)} m")

    def _lineTo(self, pt: tuple[float, float]) -> None:
        self.ops.append(f"{self._p(pt)} l")

    def _curveToOne(
        self, a: tuple[float, float], b: tuple[float, float], c: tuple[float, float]
    ) -> None:
        self.ops.append(f"{self._p(a)} {self._p(b)} {self._p(c)} c")

    def _closePath(self) -> None:
        self.ops.append("h")


def _helvetica_glyphs() -> object:
    cff = CFFFontSet()
    cff.decompile(io.BytesIO(pymupdf.Font("helv").buffer), None)
    return cff[cff.fontNames[0]].CharStrings


def _glyph_name(char: str) -> str:
    return "space" if char == " " else UV2AGL.get(ord(char), "space")


def _outline_ops(lines: Sequence[str], first: float, height: float) -> bytes:
    """The lines drawn as filled vector paths (no text at all), glyph by glyph."""
    glyphs = _helvetica_glyphs()
    font = pymupdf.Font("helv")
    ops: list[str] = []
    for i, line in enumerate(lines):
        x, y = LEFT, height - (first + i * STEP)
        for char in line:
            if char != " ":
                pen = _PdfPathPen(SIZE / 1000, x, y)
                glyphs[_glyph_name(char)].draw(pen)  # type: ignore[index]
                ops += [*pen.ops, "f"]
            x += font.glyph_advance(ord(char)) * SIZE
    return ("0 g\n" + "\n".join(ops)).encode()


def _type3_font(doc: pymupdf.Document, page: pymupdf.Page, chars: str) -> dict[str, int]:
    """A Type3 font drawing ``chars`` with glyphs named ``/g0``, ``/g1``... (no Unicode map)."""
    glyphs = _helvetica_glyphs()
    helv = pymupdf.Font("helv")
    codes: dict[str, int] = {}
    procs, widths = [], []
    for n, char in enumerate(sorted(set(chars))):
        code = 0x21 + n
        codes[char] = code
        width = helv.glyph_advance(ord(char)) * 1000
        pen = _PdfPathPen(1.0, 0.0, 0.0)
        if char != " ":
            glyphs[_glyph_name(char)].draw(pen)  # type: ignore[index]
        body = f"{width:.0f} 0 d0\n" + "\n".join(pen.ops) + ("\nf" if pen.ops else "")
        procs.append(f"/g{n} {_add_stream(doc, '<<>>', body.encode())} 0 R")
        widths.append(f"{width:.0f}")
    names = " ".join(f"/g{n}" for n in range(len(codes)))
    _add_font(
        doc,
        page,
        "F3",
        "<< /Type /Font /Subtype /Type3 /FontBBox [0 -250 1000 1000] "
        "/FontMatrix [0.001 0 0 0.001 0 0] "
        f"/CharProcs << {' '.join(procs)} >> "
        f"/Encoding << /Type /Encoding /Differences [33 {names}] >> "
        f"/FirstChar 33 /LastChar {32 + len(codes)} /Widths [{' '.join(widths)}] >>",
    )
    return codes


# --- class 1: the text layer disagrees with what is drawn -------------------------


def _no_unicode_map() -> bytes:
    """An embedded subset font (Identity-H) whose ToUnicode map was removed."""

    def draw(doc: pymupdf.Document, page: pymupdf.Page, first: float) -> None:
        page.insert_font(fontname="FX", fontbuffer=pymupdf.Font(ordering=0).buffer)
        for i, line in enumerate(VALUE_LINES):
            page.insert_text((LEFT, first + i * STEP), line, fontname="FX", fontsize=SIZE)
        for xref in range(1, doc.xref_length()):
            if doc.xref_get_key(xref, "ToUnicode")[0] != "null":
                doc.xref_set_key(xref, "ToUnicode", "null")

    data = _statement(draw)
    return data


def _type3_invented_names() -> bytes:
    """The value lines in a Type3 font whose glyphs are named /g0, /g1...: no Unicode."""

    def draw(doc: pymupdf.Document, page: pymupdf.Page, first: float) -> None:
        codes = _type3_font(doc, page, "".join(VALUE_LINES))
        height = page.rect.height
        ops = [b"BT", b"/F3 %.1f Tf" % SIZE]
        for i, line in enumerate(VALUE_LINES):
            hexed = bytes(codes[c] for c in line).hex().encode()
            ops.append(b"1 0 0 1 %.2f %.2f Tm <%s> Tj" % (LEFT, height - (first + i * STEP), hexed))
        ops.append(b"ET")
        _append_content(doc, page, b"\n".join(ops))

    return _statement(draw)


#: Digits mapped to look-alike letters: the page shows 07700 900461, the layer says OTTOO gOOAGl.
_DIGITS_AS_LETTERS = {
    ord("0"): "O",
    ord("1"): "l",
    ord("2"): "Z",
    ord("3"): "E",
    ord("4"): "A",
    ord("5"): "S",
    ord("6"): "G",
    ord("7"): "T",
    ord("8"): "B",
    ord("9"): "g",
}


def _composite_font_lying_map() -> bytes:
    """An embedded Type0 (Identity-H) font whose Unicode map calls its digits letters."""

    def draw(doc: pymupdf.Document, page: pymupdf.Page, first: float) -> None:
        font = pymupdf.Font(ordering=0)
        page.insert_font(fontname="FX", fontbuffer=font.buffer)
        for i, line in enumerate(VALUE_LINES):
            page.insert_text((LEFT, first + i * STEP), line, fontname="FX", fontsize=SIZE)
        chars = sorted(set("".join(VALUE_LINES)))
        entries = "\n".join(
            f"<{font.has_glyph(ord(c)):04X}> <{ord(_DIGITS_AS_LETTERS.get(ord(c), c)):04X}>"
            for c in chars
        )
        cmap = (
            "/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n"
            "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
            "/CMapName /Adobe-Identity-UCS def /CMapType 2 def\n"
            "1 begincodespacerange <0000> <FFFF> endcodespacerange\n"
            f"{len(chars)} beginbfchar\n{entries}\nendbfchar\n"
            "endcmap CMapName currentdict /CMap defineresource pop end end"
        ).encode()
        for xref in range(1, doc.xref_length()):
            kind, value = doc.xref_get_key(xref, "ToUnicode")
            if kind == "xref":
                doc.update_stream(int(value.split()[0]), cmap)

    return _statement(draw)


def _lying_unicode_map() -> bytes:
    """A ToUnicode map that turns every digit into a letter."""
    return _statement(_with_unicode_map(_DIGITS_AS_LETTERS))


def _actual_text_hides() -> bytes:
    """Tagged content whose /ActualText says something else than the glyphs drawn."""

    def draw(doc: pymupdf.Document, page: pymupdf.Page, first: float) -> None:
        page.insert_text((LEFT, 20), " ", fontname="helv", fontsize=1)  # registers /helv
        body = _text_ops(VALUE_LINES, first, page.rect.height, b"helv")
        content = b"/Span << /ActualText (Details withheld) >> BDC\n" + body + b"\nEMC"
        _append_content(doc, page, content)

    return _statement(draw)


def _outlines() -> bytes:
    """The value lines drawn as vector outlines: no text at all."""

    def draw(doc: pymupdf.Document, page: pymupdf.Page, first: float) -> None:
        _append_content(doc, page, _outline_ops(VALUE_LINES, first, page.rect.height))

    return _statement(draw)


def _shuffled() -> bytes:
    """Every character of the value lines placed on its own, in a shuffled order."""

    def draw(doc: pymupdf.Document, page: pymupdf.Page, first: float) -> None:
        page.insert_text((LEFT, 20), " ", fontname="helv", fontsize=1)
        font = pymupdf.Font("helv")
        placed: list[tuple[float, float, str]] = []
        for i, line in enumerate(VALUE_LINES):
            x = LEFT
            for char in line:
                if char != " ":
                    placed.append((x, page.rect.height - (first + i * STEP), char))
                x += font.glyph_advance(ord(char)) * SIZE
        random.Random(23).shuffle(placed)
        ops = [b"BT", b"/helv %.1f Tf" % SIZE]
        ops += [b"1 0 0 1 %.2f %.2f Tm %s Tj" % (x, y, _pdf_string(c)) for x, y, c in placed]
        ops.append(b"ET")
        _append_content(doc, page, b"\n".join(ops))

    return _statement(draw)


# --- class 2: outside the page content ----------------------------------------


def _with_doc(edit: Callable[[pymupdf.Document], None]) -> bytes:
    doc = pymupdf.open(stream=_statement(_plain_values()), filetype="pdf")
    edit(doc)
    return _save(doc)


def _bookmark() -> bytes:
    """A bookmark whose title writes the mobile and NHS numbers unspaced."""

    def edit(doc: pymupdf.Document) -> None:
        doc.set_toc([[1, "MG11 QUISTFIRE mob 07700900462 NHS 9434765919", 1]])

    return _with_doc(edit)


def _page_label() -> bytes:
    """A page label whose prefix holds a second mobile number."""

    def edit(doc: pymupdf.Document) -> None:
        doc.set_page_labels([{"startpage": 0, "prefix": "MG11 07700 900463 p", "style": "D"}])

    return _with_doc(edit)


def _named_destination() -> bytes:
    """A named destination whose name is a mobile number (only there)."""

    def edit(doc: pymupdf.Document) -> None:
        page = doc[0]
        dest = f"[{page.xref} 0 R /XYZ 0 792 0]"
        names = doc.get_new_xref()
        doc.update_object(names, f"<< /Names [(witness-07700900464) {dest}] >>")
        doc.xref_set_key(doc.pdf_catalog(), "Names", f"<< /Dests {names} 0 R >>")

    return _with_doc(edit)


def _annotation_contents() -> bytes:
    """A sticky note whose contents hold a second mobile number and an email."""

    def edit(doc: pymupdf.Document) -> None:
        note = doc[0].add_text_annot((400, 100), "Called back on 07700 900465")
        note.set_info(title="Case worker")
        note.update()

    return _with_doc(edit)


def _link_uris() -> bytes:
    """Links whose targets hold the mobile internationally, an email escaped, a map query."""

    def edit(doc: pymupdf.Document) -> None:
        page = doc[0]
        for i, uri in enumerate(
            (
                "tel:+447700900466",
                "mailto:ondrel.quistfire%40example.com",
                "https://maps.example.com/?q=22%20Tanner%20Fold%2C%20Leeds%20LS7%203QT",
            )
        ):
            rect = pymupdf.Rect(400, 300 + 20 * i, 500, 315 + 20 * i)
            page.insert_link({"kind": pymupdf.LINK_URI, "from": rect, "uri": uri})

    return _with_doc(edit)


# --- class 3: values written in ways the recognisers missed -------------------


def _lines_with(replacements: dict[int, str]) -> tuple[str, ...]:
    return tuple(replacements.get(i, line) for i, line in enumerate(VALUE_LINES))


def _street_types() -> bytes:
    """Streets whose type is a northern or East Anglian one (Fold, Nook, Loke...)."""
    lines = _lines_with({0: "Home address: 14 Tanner Fold, Harrowby, Leeds LS6 2QT"})
    extra = (
        "Before that I lived at 3 Church Nook, Harrowby.",
        "My sister lives at 9 Mill Loke, Wrenham.",
    )
    return _statement(_plain_values((*lines, *extra)))


def _phone_then_house_number() -> bytes:
    """A phone number followed at once by the house number of an address."""
    lines = _lines_with(
        {
            0: "Contact: mob 07700 900461 14 Elm Grove, Harrowby, Leeds LS6 2QT",
            1: "Home phone: none",
        }
    )
    return _statement(_plain_values(lines))


def _postcode_across_lines() -> bytes:
    """The postcode's halves on two lines of an address block."""
    lines = (
        "Home address: 14 Elm Grove, Harrowby, Leeds LS6",
        "2QT",
        *VALUE_LINES[1:],
    )
    return _statement(_plain_values(lines))


def _postcode_in_its_own_box() -> bytes:
    """A form whose postcode box is too narrow: the code's halves on two lines."""
    lines = (
        "Home address: 14 Elm Grove, Harrowby, Leeds",
        "Postcode: LS6",
        "2QT",
        *VALUE_LINES[1:],
    )
    return _statement(_plain_values(lines))


def _letter_o_for_zero() -> bytes:
    """A mobile number typed with the letter O for zero and l for one, after a label."""
    return _statement(_plain_values(_lines_with({1: "Mobile: O77OO 9OO46l"})))


def _qq_prefix() -> bytes:
    """The QQ prefix HMRC uses in examples and test data."""
    return _statement(_plain_values(_lines_with({4: "National Insurance number: QQ 12 34 56 C"})))


# --- class 4: malformed characters ---------------------------------------------


def _lone_surrogate() -> bytes:
    """A glyph mapped to a lone high surrogate (U+D800) inside the phone number line."""
    return _statement(_with_unicode_map({ord("M"): "\ud800"}))


def _surrogate_then_letter() -> bytes:
    """A glyph mapped to a lone high surrogate followed by a letter (D drawn, U+D800 A read)."""
    return _statement(_with_unicode_map({ord("D"): "\ud800A"}))


def _surrogate_for_zero() -> bytes:
    """The digit 0 mapped to a lone low surrogate: every zero of the values unreadable."""
    return _statement(_with_unicode_map({ord("0"): "\udfff"}))


def _noncharacters() -> bytes:
    """Glyphs mapped to a noncharacter, a NUL and a low surrogate."""
    return _statement(_with_unicode_map({ord("M"): "\uffff", ord("N"): "\x00", ord("D"): "\udc00"}))


def _surrogate_bookmark() -> bytes:
    """A bookmark title in UTF-16 with a lone surrogate, and a label with a NUL."""

    def edit(doc: pymupdf.Document) -> None:
        doc.set_toc([[1, "Statement", 1]])
        for xref in range(1, doc.xref_length()):
            if doc.xref_get_key(xref, "Title")[0] == "string":
                doc.xref_set_key(xref, "Title", "<FEFFD800004D0047003100310020003000370037>")

    return _with_doc(edit)


# --- class 5: the x-ray ------------------------------------------------------------


def _linearised_then_updated() -> bytes:
    """A linearised file saved again incrementally, its first revision holding a value."""
    doc = pymupdf.open(stream=_statement(_plain_values()), filetype="pdf")
    doc[0].insert_text((LEFT, 40), "Old note: call 07700 900467", fontname="helv", fontsize=SIZE)
    first = doc.tobytes(garbage=4, deflate=True, no_new_id=True)
    doc.close()
    doc = pymupdf.open(stream=first, filetype="pdf")
    linear = _linearised(doc)
    doc.close()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "linear.pdf"
        path.write_bytes(linear)
        doc = pymupdf.open(path)
        page = doc[0]
        page.add_redact_annot(pymupdf.Rect(LEFT - 2, 28, 300, 44))
        page.apply_redactions()
        doc.saveIncr()
        doc.close()
        return path.read_bytes()


def _linearised(doc: pymupdf.Document) -> bytes:
    """``doc`` rewritten as a linearised file is laid out, as other tools write one.

    MuPDF no longer writes linearised files, so the layout is made by hand: the
    ``/Linearized`` dictionary first, with a first-page cross-reference section and
    its own ``%%EOF``, then the objects and the main section (hint values are not
    right; the x-ray looks only at the structure).
    """
    count = doc.xref_length()
    lin = count
    objects = {x: _object_bytes(doc, x) for x in range(1, count)}
    root = doc.pdf_catalog()
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    lin_at = len(out)
    out += b"%d 0 obj\n<< /Linearized 1 /L 0 /O %d /E 0 /N 1 /T 0 /H [0 0] >>\nendobj\n" % (
        lin,
        doc[0].xref,
    )
    first_xref = len(out)
    out += b"xref\n%d 1\n%010d 00000 n \n" % (lin, lin_at)
    trailer_at = len(out)
    out += b"trailer\n<< /Size %d /Root %d 0 R /Prev 0000000000 >>\nstartxref\n0\n%%%%EOF\n" % (
        count + 1,
        root,
    )
    offsets = {}
    for xref, body in objects.items():
        offsets[xref] = len(out)
        out += b"%d 0 obj\n" % xref + body + b"\nendobj\n"
    main = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % count
    out += b"".join(b"%010d 00000 n \n" % offsets[x] for x in range(1, count))
    out += b"trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        count,
        root,
        first_xref,
    )
    prev = b"/Prev %010d" % main
    out[trailer_at : trailer_at + 200] = out[trailer_at : trailer_at + 200].replace(
        b"/Prev 0000000000", prev
    )
    return bytes(out)


def _object_bytes(doc: pymupdf.Document, xref: int) -> bytes:
    source = doc.xref_object(xref, compressed=True).encode("latin-1")
    if not doc.xref_is_stream(xref):
        return source
    raw = doc.xref_stream_raw(xref)
    return source + b"\nstream\n" + raw + b"\nendstream"


def _thick_stroke() -> bytes:
    """A thick black line stroked over the mobile number: looks redacted, is not."""

    def draw(doc: pymupdf.Document, page: pymupdf.Page, first: float) -> None:
        _plain_values()(doc, page, first)
        y = first + STEP - 4
        page.draw_line((LEFT + 40, y), (LEFT + 140, y), color=(0, 0, 0), width=14)

    return _statement(draw)


def _thick_rectangle_border() -> bytes:
    """A rectangle whose black border is so thick it covers the NHS number."""

    def draw(doc: pymupdf.Document, page: pymupdf.Page, first: float) -> None:
        _plain_values()(doc, page, first)
        y = first + 3 * STEP - 4
        page.draw_rect(pymupdf.Rect(LEFT + 75, y - 1, LEFT + 150, y + 1), color=(0, 0, 0), width=12)

    return _statement(draw)


def _pattern_fill() -> bytes:
    """A black tiling-pattern fill over the date of birth."""

    def draw(doc: pymupdf.Document, page: pymupdf.Page, first: float) -> None:
        _plain_values()(doc, page, first)
        tile = _add_stream(
            doc,
            "<< /Type /Pattern /PatternType 1 /PaintType 1 /TilingType 1 /BBox [0 0 4 4] "
            "/XStep 4 /YStep 4 /Resources << >> >>",
            b"0 g 0 0 4 4 re f",
        )
        _add_resource(doc, page, "Pattern", "P1", f"{tile} 0 R")
        y = page.rect.height - (first + 2 * STEP)
        _append_content(
            doc, page, b"q /Pattern cs /P1 scn %.2f %.2f 80 14 re f Q" % (LEFT + 68, y - 3)
        )

    return _statement(draw)


def corpus() -> tuple[Item, ...]:
    """Every file of the corpus."""
    return (
        Item("control", "plain-statement", lambda: _statement(_plain_values())),
        Item("text-layer", "no-unicode-map", _no_unicode_map),
        Item("text-layer", "type3-invented-names", _type3_invented_names),
        Item("text-layer", "unicode-map-digits-as-letters", _lying_unicode_map),
        Item("text-layer", "composite-font-digits-as-letters", _composite_font_lying_map),
        Item("text-layer", "actual-text-hides-glyphs", _actual_text_hides),
        Item("text-layer", "text-as-outlines", _outlines),
        Item("text-layer", "shuffled-drawing-order", _shuffled),
        Item("outside", "bookmark-unspaced", _bookmark, carriers=("outline",)),
        Item("outside", "page-label", _page_label, carriers=("label",)),
        Item(
            "outside",
            "named-destination",
            _named_destination,
            carriers=("destination",),
            may_refuse="the copy keeps named destinations until the removal half scrubs them",
        ),
        Item("outside", "annotation-contents", _annotation_contents, carriers=("annotation",)),
        Item("outside", "link-uris", _link_uris, carriers=("link",)),
        Item(
            "recogniser",
            "street-types",
            _street_types,
            {**PLANTED, "street": "TannerFold", "nook": "ChurchNook", "loke": "MillLoke"},
        ),
        Item("recogniser", "phone-then-house-number", _phone_then_house_number),
        Item("recogniser", "postcode-across-lines", _postcode_across_lines),
        Item("recogniser", "postcode-in-its-own-box", _postcode_in_its_own_box),
        Item(
            "recogniser",
            "letter-o-for-zero",
            _letter_o_for_zero,
            {**PLANTED, "phone": "O77OO9OO46l"},
        ),
        Item("recogniser", "qq-prefix", _qq_prefix, {**PLANTED, "nino": "QQ123456C"}),
        Item("malformed", "lone-surrogate", _lone_surrogate),
        Item("malformed", "noncharacters", _noncharacters),
        Item("malformed", "surrogate-then-letter", _surrogate_then_letter),
        Item("malformed", "surrogate-for-zero", _surrogate_for_zero),
        Item("malformed", "surrogate-bookmark", _surrogate_bookmark),
        Item("xray", "linearised-then-updated", _linearised_then_updated, issue="earlier_revision"),
        Item("xray", "thick-stroke", _thick_stroke, issue="bad_redaction"),
        Item("xray", "thick-rectangle-border", _thick_rectangle_border, issue="bad_redaction"),
        Item("xray", "pattern-fill", _pattern_fill, issue="bad_redaction"),
    )


#: The corpus by file name.
ITEMS_BY_NAME = {item.name: item for item in corpus()}
