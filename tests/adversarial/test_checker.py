"""The independent checker can fail: it finds every planted carrier once the page is blacked out.

Each crafted statement with only its visible values redacted (and nothing else
done, as a naive redaction would) still leaks through its planted carrier; the
checker must say so. Pictures are read by OCR only in the slow tier.
"""

from __future__ import annotations

import shutil

import pytest

from tests.adversarial.checker import leaks, needles
from tests.adversarial.corpus import HIDDEN_NOTE, VALUES, blacked_out, corpus, statement

CASES = {item.name: item for item in corpus()}
#: Files whose planted values are only in pixels: found by OCR alone.
IN_PIXELS = sorted(n for n, item in CASES.items() if item.kind == "reuse" or "picture" in n)


@pytest.mark.parametrize("name", sorted(set(CASES) - set(IN_PIXELS)))
def test_the_checker_finds_the_planted_carrier(name: str) -> None:
    item = CASES[name]
    assert leaks(blacked_out(item.build()), (*VALUES, *item.never)) != set()


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("tesseract") is None, reason="pictures are read by Tesseract")
@pytest.mark.parametrize("name", IN_PIXELS)
def test_the_checker_reads_pictures(name: str) -> None:
    assert "pictures" in leaks(blacked_out(CASES[name].build()), VALUES, ocr=True)


def test_a_statement_without_values_is_clean() -> None:
    doc = statement()
    assert leaks(blacked_out(doc.tobytes()), (*VALUES, HIDDEN_NOTE)) == set()


def test_a_phone_number_is_looked_for_in_every_format() -> None:
    assert "7700900461" in needles(["07700 900461"])
