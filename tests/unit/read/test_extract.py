from __future__ import annotations

from pathlib import Path

import pymupdf
import pytest

from idpc_guard.errors import DamagedPdfError, EncryptedPdfError, LimitExceededError, NotAPdfError
from idpc_guard.model import Unscanned
from idpc_guard.read.extract import Limits, extract, extract_bytes
from tests.pdfs import make_pdf


def test_words_have_boxes_lines_and_glyph_edges() -> None:
    bundle = extract_bytes(make_pdf([["Tel:07700 900123 here", "second line"]]), "b.pdf")
    page = bundle.pages[0]
    assert [w.text for w in page.words] == ["Tel:07700", "900123", "here", "second", "line"]
    assert page.words[0].line == page.words[2].line != page.words[3].line
    first = page.words[0]
    assert len(first.char_edges) == len(first.text) + 1
    assert first.char_edges[0] == pytest.approx(first.box.x0)
    assert first.char_edges[-1] == pytest.approx(first.box.x1)
    assert list(first.char_edges) == sorted(first.char_edges)
    assert page.has_text_layer
    assert bundle.page_count == 1
    assert len(bundle.sha256) == 64


def test_page_without_text_is_flagged_and_images_listed() -> None:
    doc = pymupdf.open()
    page = doc.new_page()
    pix = pymupdf.Pixmap(pymupdf.csRGB, pymupdf.IRect(0, 0, 40, 30), False)
    pix.clear_with(200)
    page.insert_image(pymupdf.Rect(100, 100, 300, 250), pixmap=pix)
    bundle = extract_bytes(doc.tobytes(), "scan.pdf")
    (only,) = bundle.pages
    assert not only.has_text_layer
    assert len(only.images) == 1
    assert only.images[0].box.x0 == pytest.approx(100)
    assert (only.images[0].width, only.images[0].height) == (40, 30)


@pytest.mark.parametrize(
    ("content", "error"),
    [
        (b"", NotAPdfError),
        (b"just some text\n", NotAPdfError),
        (b"PK\x03\x04 a zip file", NotAPdfError),
        (b"%PDF-1.7\n garbage that is no pdf at all", DamagedPdfError),
    ],
    ids=["empty", "text", "zip", "garbage-after-header"],
)
def test_bad_input_raises_input_errors(tmp_path: Path, content: bytes, error: type) -> None:
    path = tmp_path / "in.pdf"
    path.write_bytes(content)
    with pytest.raises(error):
        extract(path)


def test_truncated_pdf_is_damaged(tmp_path: Path) -> None:
    data = make_pdf([["hello"]] * 3)
    path = tmp_path / "t.pdf"
    path.write_bytes(data[: len(data) // 2])
    with pytest.raises(DamagedPdfError):
        extract(path)


def test_encrypted_pdf_is_refused(tmp_path: Path) -> None:
    doc = pymupdf.open(stream=make_pdf([["secret"]]), filetype="pdf")
    path = tmp_path / "e.pdf"
    doc.save(path, encryption=pymupdf.PDF_ENCRYPT_AES_256, user_pw="u", owner_pw="o")
    with pytest.raises(EncryptedPdfError, match="--password"):
        extract(path)


def test_limits_are_enforced(tmp_path: Path) -> None:
    path = tmp_path / "b.pdf"
    path.write_bytes(make_pdf([["a"], ["b"], ["c"]]))
    with pytest.raises(LimitExceededError, match="--max-pages"):
        extract(path, Limits(max_pages=2))
    with pytest.raises(LimitExceededError, match="--max-bytes"):
        extract(path, Limits(max_bytes=10))


def test_missing_file(tmp_path: Path) -> None:
    from idpc_guard.errors import InputError

    with pytest.raises(InputError, match="does not exist"):
        extract(tmp_path / "nope.pdf")


def test_user_password_opens_and_owner_only_needs_none(tmp_path: Path) -> None:
    doc = pymupdf.open(stream=make_pdf([["secret words"]]), filetype="pdf")
    locked = tmp_path / "u.pdf"
    doc.save(locked, encryption=pymupdf.PDF_ENCRYPT_AES_256, user_pw="u-pw", owner_pw="o-pw")
    owner_only = tmp_path / "o.pdf"
    doc.save(owner_only, encryption=pymupdf.PDF_ENCRYPT_AES_256, owner_pw="o-pw", permissions=0)
    with pytest.raises(EncryptedPdfError, match="does not open"):
        extract(locked, password="wrong")
    bundle, data = extract(locked, password="u-pw")
    assert [w.text for w in bundle.pages[0].words] == ["secret", "words"]
    assert not pymupdf.open(stream=data, filetype="pdf").needs_pass  # decrypted for redaction
    bundle, _ = extract(owner_only)
    assert [w.text for w in bundle.pages[0].words] == ["secret", "words"]


def test_password_is_never_in_the_scan_options_repr() -> None:
    from idpc_guard import ScanOptions

    assert "u-pw" not in repr(ScanOptions(password="u-pw"))


def test_garbage_text_layer_is_dropped_and_flagged() -> None:
    from tests.hostile.corpus import garbage_font_pdf

    (page,) = extract_bytes(garbage_font_pdf(), "g.pdf").pages
    assert page.words == () and not page.has_text_layer
    assert page.unscanned is Unscanned.GARBAGE_TEXT
