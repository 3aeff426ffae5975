"""No character, however malformed, stops a scan: text is made writable where it is read."""

from __future__ import annotations

import pytest

from idpc_guard.read.extract import extract_bytes
from idpc_guard.text.quality import writable
from tests.adversarial.read_corpus import ITEMS_BY_NAME
from tests.pdfs import make_pdf


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("plain", "plain"),
        ("\ud800A", "\ufffdA"),
        ("0\udfff7", "0\ufffd7"),
        ("a\x00b", "a\ufffdb"),
        ("café ﬁ \uffff", "café ﬁ \uffff"),  # legal characters stay as they are
    ],
)
def test_writable_replaces_only_what_cannot_be_encoded(text: str, expected: str) -> None:
    assert writable(text) == expected
    assert len(writable(text)) == len(text)  # one for one: character edges still fit
    writable(text).encode("utf-8")


@pytest.mark.parametrize("name", ["noncharacters", "surrogate-then-letter", "surrogate-for-zero"])
def test_words_read_from_a_lying_map_can_be_encoded(name: str) -> None:
    bundle = extract_bytes(ITEMS_BY_NAME[name].build(), f"{name}.pdf")
    for page in bundle.pages:
        for word in page.words:
            word.text.encode("utf-8")


def test_a_file_name_that_is_not_utf8_is_reported_with_a_replacement_character() -> None:
    bundle = extract_bytes(make_pdf([["Statement"]]), "/tmp/stmt\udcff.pdf")
    assert bundle.path == "/tmp/stmt\ufffd.pdf"
