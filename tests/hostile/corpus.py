"""A corpus of malformed and hostile PDFs, made by code (nothing here is committed as PDF).

Each :class:`Hostile` names a file, how to build its bytes, the extra command-line
options to scan it with, and what must happen: the exit status and a fragment of
the one-line message (statuses 2 and up) or of a ``not_scanned`` issue (0 and 1).
Every file carries the canary values in some form where it can, so tests can check
they never reach stderr.

``write_corpus(folder)`` writes them all, for the tests and by hand::

    python -m tests.hostile.corpus OUT_DIR
"""

from __future__ import annotations

import sys
import zlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pymupdf

from tests.pdfs import make_pdf

CANARY_EMAIL = "canary.pii.7731@example.com"
CANARY_PHONE = "07700 900731"
CANARY_LINES = ("Witness statement", f"Email {CANARY_EMAIL}", f"Mobile {CANARY_PHONE}")

#: Exit statuses (the contract's).
CLEAR_OR_FINDINGS = (0, 1)
INPUT = 3


@dataclass(frozen=True)
class Hostile:
    """One hostile input and what the CLI must do with it."""

    name: str
    build: Callable[[], bytes]
    status: tuple[int, ...]
    message: str = ""
    args: tuple[str, ...] = ()
    not_scanned: int = 0
    env: dict[str, str] = field(default_factory=dict)


def canary_pdf(pages: int = 1) -> bytes:
    """A small text PDF with the canary values on every page."""
    return make_pdf([list(CANARY_LINES)] * pages)


def raw_pdf(
    objects: Sequence[bytes],
    *,
    root: int = 1,
    trailer: bytes = b"",
    header: bytes = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n",
) -> bytes:
    """A classic PDF from object bodies (object ``i+1`` is ``objects[i]``), correct xref."""
    out = bytearray(header)
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root %d 0 R %s>>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        root,
        trailer,
        xref,
    )
    return bytes(out)


def stream(data: bytes, extra: bytes = b"", *, compress: bool = False) -> bytes:
    """A stream object body."""
    if compress:
        data = zlib.compress(data, 9)
        extra += b" /Filter /FlateDecode"
    return b"<< /Length %d %s >>\nstream\n%s\nendstream" % (len(data), extra, data)


TEXT = b"BT /F1 12 Tf 72 720 Td (Email canary.pii.7731@example.com) Tj ET"
FONT = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"


def one_page(
    content: bytes = TEXT, resources: bytes = b"<< /Font << /F1 5 0 R >> >>", extra: bytes = b""
) -> list[bytes]:
    """Objects 1-5 of a one-page PDF: catalog, pages, page, content, font."""
    return [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources %s "
        b"/Contents 4 0 R %s >>" % (resources, extra),
        stream(content),
        FONT,
    ]


def image_page(width: int, height: int, data: bytes, *, compress: bool = True) -> bytes:
    """A one-page PDF drawing one grey image XObject of the given declared size."""
    objs = one_page(
        content=b"q 400 0 0 400 100 100 cm /Im1 Do Q " + TEXT,
        resources=b"<< /Font << /F1 5 0 R >> /XObject << /Im1 6 0 R >> >>",
    )
    objs.append(
        stream(
            data,
            b"/Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceGray "
            b"/BitsPerComponent 8" % (width, height),
            compress=compress,
        )
    )
    return raw_pdf(objs)


def garbage_font_pdf() -> bytes:
    """Text in a Type3 font with no Unicode map: extracts as control characters."""
    codes = bytes(range(1, 31)).replace(b"\n", b"").replace(b"\r", b"").replace(b"\t", b"")
    content = b"BT /F1 12 Tf 72 720 Td <%s> Tj ET" % codes.hex().encode()
    glyph = stream(b"500 0 0 0 500 700 d1 0 0 m 500 0 l 500 700 l f")
    diffs = b" ".join(b"/g1" for _ in range(31))
    font = (
        b"<< /Type /Font /Subtype /Type3 /FontBBox [0 0 1000 1000] "
        b"/FontMatrix [0.001 0 0 0.001 0 0] /CharProcs << /g1 6 0 R >> "
        b"/Encoding << /Type /Encoding /Differences [1 %s] >> /FirstChar 1 /LastChar 31 "
        b"/Widths [%s] >>" % (diffs, b" ".join(b"500" for _ in range(31)))
    )
    objs = one_page(content)
    objs[4] = font
    objs.append(glyph)
    return raw_pdf(objs)


def html_pdf(html: str) -> bytes:
    """A one-page PDF laid out from HTML (MuPDF's fallback fonts cover most scripts)."""
    doc = pymupdf.open()
    page = doc.new_page()
    page.insert_htmlbox(pymupdf.Rect(50, 50, 550, 750), html)
    data: bytes = doc.tobytes()
    doc.close()
    return data


def encrypted(user_pw: str, owner_pw: str = "owner-secret") -> bytes:
    """The canary PDF encrypted with AES-256."""
    doc = pymupdf.open(stream=canary_pdf(), filetype="pdf")
    data: bytes = doc.tobytes(
        encryption=pymupdf.PDF_ENCRYPT_AES_256,
        user_pw=user_pw,
        owner_pw=owner_pw,
        permissions=pymupdf.PDF_PERM_ACCESSIBILITY,
    )
    doc.close()
    return data


def with_attachment_and_javascript() -> bytes:
    """The canary PDF with an embedded file holding the canary and JavaScript on open."""
    doc = pymupdf.open(stream=canary_pdf(), filetype="pdf")
    doc.embfile_add("contacts.txt", f"{CANARY_EMAIL}\n{CANARY_PHONE}\n".encode())
    xref = doc.get_new_xref()
    doc.update_object(xref, "<< /S /JavaScript /JS (app.alert\\('x'\\)) >>")
    doc.xref_set_key(doc.pdf_catalog(), "OpenAction", f"{xref} 0 R")
    data: bytes = doc.tobytes()
    doc.close()
    return data


def many_pages(count: int, content: bytes = TEXT) -> bytes:
    """``count`` pages sharing one content stream and font."""
    first = 6
    kids = b" ".join(b"%d 0 R" % (first + i) for i in range(count))
    objs = one_page(content)
    objs[1] = b"<< /Type /Pages /Kids [3 0 R %s] /Count %d >>" % (kids, count + 1)
    objs.extend(objs[2] for _ in range(count))
    return raw_pdf(objs)


def nested_array(depth: int) -> bytes:
    """A page whose dictionary holds an array nested ``depth`` deep."""
    return raw_pdf(one_page(extra=b"/Deep " + b"[" * depth + b"]" * depth))


def nested_dict(depth: int) -> bytes:
    """An Info dictionary nested ``depth`` deep."""
    info = b"<< /A " * depth + b"1" + b" >>" * depth
    return raw_pdf([*one_page(), info], trailer=b"/Info 6 0 R ")


def deep_page_tree(depth: int) -> bytes:
    """A page tree ``depth`` levels of /Pages deep with one page at the bottom."""
    objs = one_page()
    first = len(objs) + 1
    for level in range(depth):
        number = first + level
        parent = number - 1 if level else 2
        kid = number + 1 if level < depth - 1 else 3
        objs.append(b"<< /Type /Pages /Parent %d 0 R /Kids [%d 0 R] /Count 1 >>" % (parent, kid))
    objs[1] = b"<< /Type /Pages /Kids [%d 0 R] /Count 1 >>" % first
    objs[2] = objs[2].replace(b"/Parent 2 0 R", b"/Parent %d 0 R" % (first + depth - 1))
    return raw_pdf(objs)


def page_tree_loop() -> bytes:
    """A /Pages node that lists itself as its kid."""
    objs = one_page()
    objs[1] = b"<< /Type /Pages /Kids [2 0 R 3 0 R] /Count 2 >>"
    return raw_pdf(objs)


def slow_second_page(operators: int) -> bytes:
    """Two pages; the second has a content stream of ``operators`` text draws (slow to read)."""
    heavy = b"BT /F1 1 Tf " + b"1 0 0 1 72 720 Tm (canary.pii.7731@example.com) Tj " * operators
    objs = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R 6 0 R] /Count 2 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
        b"/Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
        stream(TEXT),
        FONT,
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
        b"/Resources << /Font << /F1 5 0 R >> >> /Contents 7 0 R >>",
        stream(heavy + b" ET", compress=True),
    ]
    return raw_pdf(objs)


def _replace(data: bytes, old: bytes, new: bytes) -> bytes:
    assert old in data
    return data.replace(old, new)


def _xref_offsets_wrong() -> bytes:
    data = raw_pdf(one_page())
    head, _, tail = data.partition(b"xref\n")
    lines = tail.split(b"\n")
    lines = [b"%010d 00000 n " % 9 if line.endswith(b" n ") else line for line in lines]
    return head + b"xref\n" + b"\n".join(lines)


def _no_xref() -> bytes:
    data = raw_pdf(one_page())
    head = data[: data.index(b"xref\n")]
    return head + b"trailer\n<< /Root 1 0 R >>\n%%EOF\n"


def _startxref_past_end() -> bytes:
    data = raw_pdf(one_page())
    start = data.rindex(b"startxref\n") + len(b"startxref\n")
    end = data.index(b"\n", start)
    return data[:start] + b"99999999" + data[end:]


def _bad_flate() -> bytes:
    objs = one_page()
    objs[3] = (
        b"<< /Length 40 /Filter /FlateDecode >>\nstream\n"
        + b"\x78\x9c"
        + b"\xff" * 38
        + (b"\nendstream")
    )
    return raw_pdf(objs)


def _wrong_length() -> bytes:
    objs = one_page()
    objs[3] = objs[3].replace(b"/Length %d" % len(TEXT), b"/Length 999999")
    return raw_pdf(objs)


def _negative_length() -> bytes:
    objs = one_page()
    objs[3] = objs[3].replace(b"/Length %d" % len(TEXT), b"/Length -5")
    return raw_pdf(objs)


def _mediabox(box: bytes) -> bytes:
    return raw_pdf([o.replace(b"[0 0 612 792]", box) for o in one_page()])


def _incremental_update() -> bytes:
    """A second revision that replaces the page's text; the first holds the canary."""
    base = raw_pdf(one_page())
    new_content = stream(b"BT /F1 12 Tf 72 720 Td (Nothing here) Tj ET")
    offset = len(base)
    update = b"4 0 obj\n%s\nendobj\n" % new_content
    xref = offset + len(update)
    prev = int(base[base.rindex(b"startxref\n") + 10 :].split(b"\n")[0])
    update += b"xref\n4 1\n%010d 00000 n \ntrailer\n<< /Size 6 /Root 1 0 R /Prev %d >>\n" % (
        offset,
        prev,
    )
    update += b"startxref\n%d\n%%%%EOF\n" % xref
    return base + update


def unreadable_first_revision() -> bytes:
    """A first revision whose page tree loops, mended by an incremental update.

    The file as served reads well; the earlier revision it keeps cannot be read.
    """
    objs = one_page()
    objs[1] = b"<< /Type /Pages /Kids [2 0 R 3 0 R] /Count 2 >>"
    base = raw_pdf(objs)
    offset = len(base)
    update = b"2 0 obj\n<< /Type /Pages /Kids [3 0 R] /Count 1 >>\nendobj\n"
    xref = offset + len(update)
    prev = int(base[base.rindex(b"startxref\n") + 10 :].split(b"\n")[0])
    update += b"xref\n2 1\n%010d 00000 n \ntrailer\n<< /Size 6 /Root 1 0 R /Prev %d >>\n" % (
        offset,
        prev,
    )
    update += b"startxref\n%d\n%%%%EOF\n" % xref
    return base + update


def _object_stream_loop() -> bytes:
    objs = one_page()
    objs.append(
        b"<< /Type /ObjStm /N 1 /First 4 /Extends 6 0 R /Length 10 >>\nstream\n6 0 1 0 R\nendstream"
    )
    return raw_pdf(objs)


def _ref_cycle() -> bytes:
    """Resources that refer to themselves."""
    objs = one_page(resources=b"6 0 R")
    objs.append(b"<< /Font << /F1 5 0 R >> /Self 6 0 R /Parent 6 0 R >>")
    return raw_pdf(objs)


def _broken_encrypt() -> bytes:
    return raw_pdf(
        [*one_page(), b"<< /Filter /Standard /V 99 /R 99 /O (x) /U (y) /P -4 >>"],
        trailer=b"/Encrypt 6 0 R /ID [<00> <00>] ",
    )


def corpus() -> tuple[Hostile, ...]:
    """Every hostile input, with what must happen."""
    bomb = zlib.compress(b"\0" * (20_000 * 1_000))  # 20 MB of zeros, ~20 KB compressed
    return (
        # Not a PDF at all.
        Hostile("empty", lambda: b"", (INPUT,), "is empty"),
        Hostile(
            "plain-text", lambda: b"Dear Sir,\n" + CANARY_EMAIL.encode(), (INPUT,), "not a PDF"
        ),
        Hostile("png", lambda: b"\x89PNG\r\n\x1a\n" + b"\0" * 64, (INPUT,), "not a PDF"),
        Hostile("zip-docx", lambda: b"PK\x03\x04" + b"\0" * 64, (INPUT,), "not a PDF"),
        Hostile("html", lambda: b"<!DOCTYPE html><html>%PDF</html>", (INPUT,), "not a PDF"),
        Hostile("header-late", lambda: b"\0" * 2048 + canary_pdf(), (INPUT,), "not a PDF"),
        Hostile("utf16-text", lambda: CANARY_EMAIL.encode("utf-16"), (INPUT,), "not a PDF"),
        # A header and little else.
        Hostile("header-only", lambda: b"%PDF-1.7\n", (INPUT,), "damaged"),
        Hostile(
            "header-garbage", lambda: b"%PDF-1.4\n" + bytes(range(256)) * 40, (INPUT,), "damaged"
        ),
        Hostile(
            "header-canary", lambda: b"%PDF-1.4\n" + CANARY_EMAIL.encode(), (INPUT,), "damaged"
        ),
        # Truncated.
        Hostile(
            "truncated-half",
            lambda: canary_pdf(3)[: len(canary_pdf(3)) // 2],
            (INPUT,),
            "truncated",
        ),
        Hostile(
            "truncated-90",
            lambda: canary_pdf(3)[: len(canary_pdf(3)) * 9 // 10],
            (INPUT,),
            "truncated",
        ),
        Hostile("truncated-header", lambda: canary_pdf()[:20], (INPUT,), "damaged"),
        Hostile("no-eof-marker", lambda: raw_pdf(one_page())[:-6], CLEAR_OR_FINDINGS),
        # Zero pages, page tree damage.
        Hostile(
            "zero-pages",
            lambda: raw_pdf(
                [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [] /Count 0 >>"]
            ),
            (INPUT,),
            "no pages",
        ),
        Hostile("no-catalog", lambda: raw_pdf(one_page(), root=9), (INPUT,), "no pages"),
        Hostile("page-tree-loop", page_tree_loop, (*CLEAR_OR_FINDINGS, INPUT)),
        Hostile("deep-page-tree", lambda: deep_page_tree(2000), (*CLEAR_OR_FINDINGS, INPUT)),
        # Broken cross-reference tables: repaired and scanned.
        Hostile("xref-offsets-wrong", _xref_offsets_wrong, CLEAR_OR_FINDINGS),
        Hostile("xref-missing", _no_xref, CLEAR_OR_FINDINGS),
        Hostile("startxref-past-end", _startxref_past_end, CLEAR_OR_FINDINGS),
        Hostile("object-stream-loop", _object_stream_loop, CLEAR_OR_FINDINGS),
        Hostile("reference-cycle", _ref_cycle, CLEAR_OR_FINDINGS),
        Hostile("incremental-update", _incremental_update, CLEAR_OR_FINDINGS),
        Hostile("first-revision-unreadable", unreadable_first_revision, CLEAR_OR_FINDINGS),
        # Broken streams and boxes.
        Hostile("bad-flate", _bad_flate, CLEAR_OR_FINDINGS),
        Hostile("stream-length-too-long", _wrong_length, CLEAR_OR_FINDINGS),
        Hostile("stream-length-negative", _negative_length, CLEAR_OR_FINDINGS),
        Hostile("mediabox-empty", lambda: _mediabox(b"[0 0 0 0]"), CLEAR_OR_FINDINGS),
        Hostile("mediabox-inverted", lambda: _mediabox(b"[612 792 0 0]"), CLEAR_OR_FINDINGS),
        Hostile("mediabox-huge", lambda: _mediabox(b"[0 0 1e30 1e30]"), CLEAR_OR_FINDINGS),
        Hostile("mediabox-garbage", lambda: _mediabox(b"(not a box)"), CLEAR_OR_FINDINGS),
        # Encryption.
        Hostile("encrypted-no-password", lambda: encrypted("user-secret"), (INPUT,), "--password"),
        Hostile(
            "encrypted-wrong-password",
            lambda: encrypted("user-secret"),
            (INPUT,),
            "password given does not open",
            args=("--password", "not-it"),
        ),
        Hostile(
            "encrypted-with-password",
            lambda: encrypted("user-secret"),
            (1,),
            args=("--password", "user-secret"),
        ),
        Hostile(
            "encrypted-password-from-env",
            lambda: encrypted("user-secret"),
            (1,),
            env={"IDPC_GUARD_PASSWORD": "user-secret"},
        ),
        Hostile("encrypted-owner-only", lambda: encrypted(""), (1,)),
        Hostile("encrypt-dict-broken", _broken_encrypt, (*CLEAR_OR_FINDINGS, INPUT)),
        # Limits.
        Hostile(
            "over-max-pages", lambda: canary_pdf(3), (INPUT,), "--max-pages", ("--max-pages", "2")
        ),
        Hostile("over-max-bytes", canary_pdf, (INPUT,), "--max-bytes", ("--max-bytes", "100")),
        Hostile("thousands-of-pages", lambda: many_pages(6000), (INPUT,), "over the limit of 5000"),
        Hostile(
            "thousands-of-pages-within-the-limit",
            lambda: many_pages(1199, b"BT /F1 12 Tf 72 720 Td (Exhibit) Tj ET"),
            (0, 1),
        ),
        Hostile(
            "huge-image-declared",
            lambda: image_page(100_000, 100_000, b"\0" * 16),
            (INPUT,),
            "--max-image-pixels",
        ),
        Hostile(
            "decompression-bomb-image",
            lambda: image_page(20_000, 1_000, bomb, compress=False).replace(
                b"/BitsPerComponent 8", b"/BitsPerComponent 8 /Filter /FlateDecode"
            ),
            (INPUT,),
            "--max-image-pixels",
            ("--max-image-pixels", "1000000"),
        ),
        Hostile("image-negative-size", lambda: image_page(-5, -5, b"\0"), CLEAR_OR_FINDINGS),
        Hostile(
            "decompression-bomb-content",
            _content_bomb,
            CLEAR_OR_FINDINGS,
        ),
        Hostile(
            "slow-page-over-time",
            lambda: slow_second_page(1_000_000),
            (1,),
            args=("--page-timeout", "0.1"),
            not_scanned=1,
        ),
        # Deep nesting.
        Hostile(
            "nested-array",
            lambda: nested_array(100_000),
            (*CLEAR_OR_FINDINGS, INPUT),
            "too damaged",
        ),
        Hostile("nested-dict", lambda: nested_dict(100_000), (*CLEAR_OR_FINDINGS, INPUT)),
        # Active content.
        Hostile("javascript-and-attachment", with_attachment_and_javascript, (1,)),
        # Text that is not text.
        Hostile("font-without-unicode", garbage_font_pdf, (1,), not_scanned=1),
        Hostile(
            "right-to-left-and-mixed",
            lambda: html_pdf(
                "<p>Witness: \u0633\u0627\u0631\u0629 \u0623\u062d\u0645\u062f</p>"
                f"<p>Email {CANARY_EMAIL}</p>"
                "<p>\u05e9\u05dc\u05d5\u05dd \u05e2\u05d5\u05dc\u05dd \u4f60\u597d "
                "\u041f\u0440\u0438\u0432\u0435\u0442 \u0928\u092e\u0938\u094d\u0924\u0947</p>"
            ),
            (1,),
        ),
    )


def _content_bomb() -> bytes:
    """A page whose content stream inflates from ~50 KB to 50 MB of whitespace."""
    objs = one_page()
    objs[3] = stream(b" " * 50_000_000 + TEXT, compress=True)
    return raw_pdf(objs)


def write_corpus(folder: Path) -> dict[str, Path]:
    """Write every corpus file into ``folder``; return name -> path."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = {}
    for item in corpus():
        path = folder / f"{item.name}.pdf"
        path.write_bytes(item.build())
        paths[item.name] = path
    return paths


if __name__ == "__main__":
    for name, path in write_corpus(Path(sys.argv[1])).items():
        print(f"{name:32} {path.stat().st_size:>10} bytes")
