"""Every object's strings, decoded: hex, UTF-16, escaped, split over operators, percent-encoded."""

from __future__ import annotations

import pymupdf
import pytest

from idpc_guard.verify.bytes import values_in_bytes
from idpc_guard.verify.strings import decoded_strings, unescape
from idpc_guard.verify.verification import with_other_forms

PHONE = "07700 900461"
VALUES = {PHONE: "F0001", "14 Elm Grove": "F0002"}


def _utf16(text: str) -> str:
    return "<FEFF" + text.encode("utf-16-be").hex() + ">"


def _with_object(source: str, stream: bytes | None = None) -> pymupdf.Document:
    doc = pymupdf.open()
    doc.new_page()
    xref = doc.get_new_xref()
    doc.update_object(xref, source)
    if stream is not None:
        doc.update_stream(xref, stream)
    return pymupdf.open(stream=doc.tobytes(garbage=0, deflate=True), filetype="pdf")


@pytest.mark.parametrize(
    ("source", "stream", "found"),
    [
        (f"<< /Title {_utf16(PHONE)} >>", None, {"F0001"}),
        ("<< /T <303737303020393030343631> >>", None, {"F0001"}),
        ("<< /T (14 \\105lm\\040Grove) >>", None, {"F0002"}),
        ("<< /URI (https://example.com/?q=14%20Elm%20Grove) >>", None, {"F0002"}),
        ("<< /URI (tel:+447700900461) >>", None, {"F0001"}),
        ("<<>>", b"BT [(077) 12 (00 9) -8 <3030> (461)] TJ ET", {"F0001"}),
        ("<<>>", b"BT (14 E) Tj (lm Gr) Tj <6F7665> Tj ET", {"F0002"}),
        ("<<>>", b"\xfe\xff" + "14 Elm Grove".encode("utf-16-be"), {"F0002"}),
        ("<< /T (07700 900462) /U (14 Elm Road) /V (107700 900461) >>", None, set()),
    ],
)
def test_values_are_found_however_the_strings_write_them(
    source: str, stream: bytes | None, found: set[str]
) -> None:
    doc = _with_object(source, stream)
    assert values_in_bytes(decoded_strings(doc), with_other_forms(VALUES)) == found


def test_escapes() -> None:
    assert (
        unescape(
            rb"a\(b\)\134\061\n\
c"
        )
        == b"a(b)\\1\nc"
    )


def test_a_backslash_before_8_or_9_is_dropped_not_read_as_octal() -> None:
    # PDF 32000 7.3.4.2: a backslash before any other character is ignored.
    assert unescape(rb"room \8 and \9, \78") == b"room 8 and 9, \x078"


def test_a_hex_string_with_any_white_space_is_read() -> None:
    doc = _with_object("<< >>", b"BT <3737\x0b3030> Tj ET")  # a vertical tab inside
    assert b"7700" in decoded_strings(doc)
