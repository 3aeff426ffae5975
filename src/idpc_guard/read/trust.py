"""Where a page's text layer cannot be trusted to say what the page shows.

A text layer can disagree with what is drawn: glyphs with no Unicode at all
(U+FFFD, control codes), a Type3 font whose glyph names are made up, a Unicode
map that sends digits to letters, ``/ActualText`` that replaces the glyphs, text
drawn as vector outlines (nothing to extract), characters placed one by one in a
shuffled order (extracted as scattered letters). Personal data drawn that way is
visible to a reader and invisible to detection.

:func:`untrusted_boxes` finds such regions from what reading a page already has
(its characters, its drawings, its font list), so an ordinary page costs almost
nothing more; the OCR stage then reads those regions from the rendered page
(:func:`idpc_guard.ocr.driver.plan_regions`) and detection runs on both readings.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Any

import pymupdf

from idpc_guard.model import Box
from idpc_guard.text.quality import is_bad_char

if TYPE_CHECKING:  # page.py imports this module: the type alone is taken from it
    from idpc_guard.read.page import WordRow

#: Simple-font encodings in which a printable ASCII code is its own character.
_ASCII_ENCODINGS = frozenset({"WinAnsiEncoding", "StandardEncoding", "MacRomanEncoding", ""})
#: Codes of digits and letters: a Unicode map that changes one of these lies.
_CHECKED_CODES = frozenset([*range(0x30, 0x3A), *range(0x41, 0x5B), *range(0x61, 0x7B)])
_BFCHAR = re.compile(rb"<([0-9A-Fa-f]{2})>\s*<([0-9A-Fa-f]{4,8})>")
_BFRANGE = re.compile(rb"<([0-9A-Fa-f]{2})>\s*<([0-9A-Fa-f]{2})>\s*<([0-9A-Fa-f]{4,8})>")
#: Outlines of a line's height: a filled path with curves this tall (points).
_GLYPH_HEIGHT = (2.0, 40.0)
#: At least this many glyph-like paths on one baseline before they are thought text.
_MIN_OUTLINES = 5
#: A single path with this many curves is a word or a line drawn as one outline.
_WORD_CURVES = 30
#: Baselines are compared in steps of this many points.
_BASELINE_STEP = 2.0
#: At least this many one-character lines on one baseline: characters shuffled.
_MIN_SCATTERED = 4

#: What reading one page passes in: its ``rawdict``, its drawings and the words read.
Raw = dict[str, Any]


def untrusted_boxes(
    page: pymupdf.Page, raw: Raw, drawings: Sequence[dict[str, Any]], words: Sequence[WordRow]
) -> tuple[Box, ...]:
    """Boxes of the page where what is drawn may differ from the text layer.

    ``words`` are the page's words as read (:func:`idpc_guard.read.page.read_packed_page`).
    """
    boxes = [
        *_unmapped_glyphs(words),
        *_type3_text(raw),
        *_outlines(drawings, words),
        *_scattered_characters(words),
    ]
    if _lying_unicode_map(page):
        boxes += [_row_box(word) for word in words]
    if _has_actual_text(page):
        boxes += _replaced_by_actual_text(page, raw)
    return tuple(boxes)


def _row_box(word: WordRow) -> Box:
    return Box(word[1], word[2], word[3], word[4])


def _spans(raw: Raw) -> Iterator[dict[str, Any]]:
    for block in raw.get("blocks", ()):
        for line in block.get("lines", ()):
            yield from line.get("spans", ())


def _box(bbox: Sequence[float]) -> Box | None:
    x0, y0, x1, y1 = (float(v) for v in bbox)
    return Box(x0, y0, x1, y1) if x1 > x0 and y1 > y0 else None


def _unmapped_glyphs(words: Sequence[WordRow]) -> Iterator[Box]:
    """Words holding a character no readable text has (U+FFFD, a control code...).

    A glyph on its own is left alone: a bullet or a tick box in a symbol font reads as
    one private-use character, on page after page of an ordinary bundle.
    """
    for word in words:
        text = word[0]
        if len(text) < 2 or (text.isascii() and text.isprintable()):
            continue
        if any(is_bad_char(c) for c in text):
            yield _row_box(word)


def _type3_text(raw: Raw) -> Iterator[Box]:
    """Spans in a Type3 font: its glyphs are pictures, named as the maker chose."""
    for span in _spans(raw):
        if str(span.get("font", "")).startswith("Type3"):
            box = _box(span["bbox"])
            if box is not None:
                yield box


def _outlines(drawings: Sequence[dict[str, Any]], words: Sequence[WordRow]) -> list[Box]:
    """Filled curved paths of a line's height, in rows, away from any text: text as outlines.

    A glyph drawn as a path sits on a baseline with its neighbours, so only rows of
    at least :data:`_MIN_OUTLINES` such paths count (or one path with as many curves
    as a word has: a whole word or line made one path). A crest or a logo, whose
    curves do not line up, is left alone.
    """
    rows: dict[int, list[Box]] = {}
    for drawing in drawings:
        if drawing.get("fill") is None:
            continue
        curves = sum(1 for item in drawing["items"] if item[0] == "c")
        rect = drawing["rect"]
        if not curves or not _GLYPH_HEIGHT[0] <= rect.height <= _GLYPH_HEIGHT[1]:
            continue
        box = Box(float(rect.x0), float(rect.y0), float(rect.x1), float(rect.y1))
        weight = _MIN_OUTLINES if curves >= _WORD_CURVES else 1
        rows.setdefault(round(box.y1 / _BASELINE_STEP), []).extend([box] * weight)
    candidates = [b for row in rows.values() if len(row) >= _MIN_OUTLINES for b in set(row)]
    if not candidates:
        return []
    text = [_row_box(word) for word in words]
    return [b for b in candidates if not any(b.intersects(w) for w in text)]


def _scattered_characters(words: Sequence[WordRow]) -> list[Box]:
    """One-character lines sharing a row: characters drawn in a shuffled order."""
    per_line: dict[int, list[WordRow]] = {}
    for word in words:
        per_line.setdefault(word[5], []).append(word)
    by_row: dict[int, list[Box]] = {}
    for line in per_line.values():
        if len(line) == 1 and len(line[0][0]) == 1:
            by_row.setdefault(round(line[0][4]), []).append(_row_box(line[0]))
    return [b for boxes in by_row.values() if len(boxes) >= _MIN_SCATTERED for b in boxes]


def _lying_unicode_map(page: pymupdf.Page) -> bool:
    """Whether a simple font of the page maps a digit's or letter's code to another character."""
    doc = page.parent
    return any(_font_lies(doc, xref) for xref in _font_xrefs(doc, page))


def _font_xrefs(doc: pymupdf.Document, page: pymupdf.Page) -> list[int]:
    """The page's fonts, from its own font resources (cheap), else as PyMuPDF lists them."""
    kind, value = doc.xref_get_key(page.xref, "Resources/Font")
    if kind == "xref":
        value = doc.xref_object(int(value.split()[0]), compressed=True)
    elif kind != "dict":
        return [int(font[0]) for font in page.get_fonts()]
    return [int(m.group(1)) for m in _FONT_REF.finditer(value)]


_FONT_REF = re.compile(r"/[^\s/<>\[\]()]+\s*(\d+)\s+0\s+R")


def _font_lies(doc: pymupdf.Document, xref: int) -> bool:
    """Whether the font's Unicode map changes a digit or letter (known once per document)."""
    verdicts: dict[int, bool] | None = getattr(doc, _VERDICTS, None)
    if verdicts is None:
        verdicts = {}
        setattr(doc, _VERDICTS, verdicts)
    if xref not in verdicts:
        if doc.xref_get_key(xref, "Subtype")[1] == "/Type0":
            verdicts[xref] = _composite_map_lies(doc, xref)
        else:
            verdicts[xref] = _simple_font_with_standard_codes(doc, xref) and (
                _unicode_map_changes_letters(doc, xref)
            )
    return verdicts[xref]


#: The attribute of a document holding what :func:`_font_lies` found for each font.
_VERDICTS = "_idpc_guard_lying_fonts"


def _simple_font_with_standard_codes(doc: pymupdf.Document, xref: int) -> bool:
    """A Type1 or TrueType font whose codes are ASCII.

    That is a standard encoding, or none in a font not embedded (a standard font);
    an embedded font with no encoding uses its own codes.
    """
    if doc.xref_get_key(xref, "Subtype")[1] not in ("/Type1", "/TrueType", "/MMType1"):
        return False
    kind, encoding = doc.xref_get_key(xref, "Encoding")
    if kind == "name":
        return encoding.lstrip("/") in _ASCII_ENCODINGS
    if kind != "null":
        return False  # a dictionary of differences: codes as the maker chose
    embedded = any(
        doc.xref_get_key(xref, f"FontDescriptor/{key}")[0] != "null"
        for key in ("FontFile", "FontFile2", "FontFile3")
    )
    return not embedded


def _unicode_map_changes_letters(doc: pymupdf.Document, xref: int) -> bool:
    kind, value = doc.xref_get_key(xref, "ToUnicode")
    if kind != "xref":
        return False
    cmap = doc.xref_stream(int(value.split()[0])) or b""
    return any(code in _CHECKED_CODES and target != chr(code) for code, target in _mappings(cmap))


def _composite_map_lies(doc: pymupdf.Document, xref: int) -> bool:
    """Whether a Type0 font's Unicode map names letters or digits the font draws otherwise.

    With ``Identity-H`` and an identity CID-to-glyph map a code is a glyph number,
    and the embedded font's own character map says which glyph draws each
    character: a map that calls glyph 19 ("0" in the font) "O" lies. Fonts without
    a character map of their own cannot be checked, and are not flagged.
    """
    if doc.xref_get_key(xref, "Encoding")[1] not in ("/Identity-H", "/Identity-V"):
        return False
    kind, value = doc.xref_get_key(xref, "ToUnicode")
    descendants = _REF_NUMBER.findall(doc.xref_get_key(xref, "DescendantFonts")[1])
    if kind != "xref" or not descendants:
        return False
    descendant = int(descendants[0])
    if doc.xref_get_key(descendant, "CIDToGIDMap")[0] not in ("null", "name"):
        return False  # a stream: codes are not glyph numbers
    try:
        buffer = doc.extract_font(xref)[3]
        font = pymupdf.Font(fontbuffer=buffer) if buffer else None
    except (RuntimeError, ValueError, IndexError):
        return False
    if font is None:
        return False  # not embedded: nothing to check the map against
    cmap = doc.xref_stream(int(value.split()[0])) or b""
    wrong = 0
    for code, target in _wide_alnum_mappings(cmap):
        drawn = font.has_glyph(ord(target))
        wrong += bool(drawn) and drawn != code
    return wrong >= _MIN_WRONG_GLYPHS


#: At least this many letters or digits must be misnamed for a composite font to lie.
_MIN_WRONG_GLYPHS = 3
_REF_NUMBER = re.compile(r"(\d+)\s+0\s+R")
_WIDE_BFCHAR = re.compile(rb"<([0-9A-Fa-f]{4})>\s*<([0-9A-Fa-f]{4,8})>")
_WIDE_BFRANGE = re.compile(rb"<([0-9A-Fa-f]{4})>\s*<([0-9A-Fa-f]{4})>\s*<([0-9A-Fa-f]{4})>")
_ALNUM = frozenset(ord(c) for c in "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")


def _wide_alnum_mappings(cmap: bytes) -> Iterator[tuple[int, str]]:
    """Two-byte codes mapped to one ASCII letter or digit (ranges cut to those)."""
    for match in _WIDE_BFCHAR.finditer(cmap):
        target = _utf16_hex(match.group(2))
        if len(target) == 1 and ord(target) in _ALNUM:
            yield int(match.group(1), 16), target
    for match in _WIDE_BFRANGE.finditer(cmap):
        first, last = int(match.group(1), 16), int(match.group(2), 16)
        start = int(match.group(3), 16)
        for point in range(max(start, 0x30), min(start + last - first, 0x7A) + 1):
            if point in _ALNUM:
                yield first + point - start, chr(point)


def _mappings(cmap: bytes) -> Iterator[tuple[int, str]]:
    for match in _BFCHAR.finditer(cmap):
        target = _utf16_hex(match.group(2))
        if target:  # an entry no reader can decode names nothing
            yield int(match.group(1), 16), target
    for match in _BFRANGE.finditer(cmap):
        first, last = int(match.group(1), 16), int(match.group(2), 16)
        start = int(match.group(3), 16)
        for offset in range(min(last - first, 255) + 1):
            yield first + offset, chr(min(start + offset, 0x10FFFF))


def _utf16_hex(digits: bytes) -> str:
    """The text a map's hex string names; "" for one no reader can decode (an odd count)."""
    try:
        units = bytes.fromhex(digits.decode("ascii"))
    except ValueError:
        return ""
    return units.decode("utf-16-be", "replace")


def _has_actual_text(page: pymupdf.Page) -> bool:
    """Whether the page's content marks text with ``/ActualText`` (read, not drawn)."""
    try:
        return b"/ActualText" in page.read_contents()
    except (RuntimeError, ValueError):
        return False


def _replaced_by_actual_text(page: pymupdf.Page, raw: Raw) -> list[Box]:
    """Spans whose drawn characters differ from the text the page says they are."""
    flags = pymupdf.TEXTFLAGS_RAWDICT & ~pymupdf.TEXT_PRESERVE_IMAGES
    drawn = page.get_text("rawdict", flags=flags | pymupdf.TEXT_IGNORE_ACTUALTEXT)
    said = {("".join(c["c"] for c in s["chars"]), tuple(s["bbox"])) for s in _spans(raw)}
    boxes = []
    for span in _spans(drawn):
        text = "".join(c["c"] for c in span["chars"])
        if text.strip() and (text, tuple(span["bbox"])) not in said:
            box = _box(span["bbox"])
            if box is not None:
                boxes.append(box)
    return boxes
