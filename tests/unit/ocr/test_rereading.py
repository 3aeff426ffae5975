"""The second readings with the real RapidOCR models: tilted labels and doubtful words.

The pictures are drawn here (invented values; 943 476 5919 is NHS Digital's test number).
"""

from __future__ import annotations

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

from idpc_guard.ocr.engines import PhotoAndPageEngine, RapidOcrEngine
from idpc_guard.ocr.lines import Image as Pixels
from idpc_guard.ocr.lines import OcrLine, OcrWord

FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
LABEL = ("Name: Tobias PRENDERGAST", "DOB: 12/03/1981", "NHS No: 943 476 5919", "MRN: K1234567")


@pytest.fixture(scope="module")
def rapid() -> RapidOcrEngine:
    return RapidOcrEngine(threads=1)


def _photo(degrees: float, size: int) -> Pixels:
    """A small pale label with four lines, turned, on a darker mottled background."""
    font = ImageFont.truetype(FONT, size)
    label = Image.new("RGB", (size * 15, round(size * 1.5 * len(LABEL) + size)), (236, 232, 228))
    draw = ImageDraw.Draw(label)
    for k, text in enumerate(LABEL):
        draw.text((size // 2, size // 2 + k * size * 1.5), text, fill=(90, 90, 90), font=font)
    turned = label.convert("RGBA").rotate(degrees, expand=True, resample=Image.Resampling.BICUBIC)
    rng = np.random.default_rng(3)
    back = rng.normal(120, 6, (900, 1200, 3)).clip(0, 255).astype(np.uint8)
    photo = Image.fromarray(back, "RGB")
    photo.paste(turned, (400, 250), turned)
    return np.asarray(photo)


def _joined(lines: list[OcrLine]) -> str:
    return "".join(c for line in lines for c in line.text if c.isalnum())


@pytest.mark.parametrize("degrees", [-40.0, 35.0])
def test_a_small_tilted_label_is_read_line_by_line(rapid: RapidOcrEngine, degrees: float) -> None:
    lines = rapid.read(_photo(degrees, 13), sparse=True)
    text = _joined(lines)
    for value in ("9434765919", "12031981", "K1234567"):
        assert value in text
    # Each value is on the line of its label, so the recognisers see them together.
    by_line = ["".join(c for c in line.text if c.isalnum()) for line in lines]
    assert any(t.startswith("NHS") and t.endswith("9434765919") for t in by_line)


def test_a_label_the_first_reading_cannot_split_is_read_from_its_cutout(
    rapid: RapidOcrEngine, monkeypatch: pytest.MonkeyPatch
) -> None:
    photo = _photo(38.0, 12)
    monkeypatch.setattr("idpc_guard.ocr.engines.plan_cutouts", lambda quads: [])
    first_only = _joined(rapid.read(photo, sparse=True))
    monkeypatch.undo()
    assert "9434765919" in _joined(rapid.read(photo, sparse=True))
    assert "9434765919" not in first_only or "K1234567" not in first_only


class _DoubtfulPages:
    """Tesseract's place: reads one word with low confidence (as it does at 150 dpi)."""

    MIN_CONFIDENCE = 30.0

    def __init__(self, text: str, confidence: float, quad: tuple[tuple[float, float], ...]):
        self.word = OcrWord(text, quad, confidence)  # type: ignore[arg-type]

    def read(self, image: Pixels, *, sparse: bool = False, min_confidence: float = 30.0):
        return [OcrLine((self.word,))] if self.word.score * 100 >= min_confidence else []


def _word_page(text: str) -> tuple[Pixels, tuple[tuple[float, float], ...]]:
    font = ImageFont.truetype(FONT, 22)
    page = Image.new("RGB", (600, 120), "white")
    ImageDraw.Draw(page).text((100, 45), text, fill=0, font=font)
    left, top, right, bottom = ImageDraw.Draw(page).textbbox((100, 45), text, font=font)
    return np.asarray(page), ((left, top), (right, top), (right, bottom), (left, bottom))


@pytest.mark.parametrize(("misread", "confidence"), [("RU682722.", 0.36), ("K5394B50.", 0.23)])
def test_doubtful_page_words_take_the_surer_second_reading(misread: str, confidence: float) -> None:
    truth = "RJ682722." if misread.startswith("R") else "K5394850."
    page, quad = _word_page(truth)
    engine = PhotoAndPageEngine(threads=1)
    engine._pages = _DoubtfulPages(misread, confidence, quad)  # type: ignore[assignment]
    (line,) = engine.read(page)
    assert line.text == truth
    assert line.words[0].quad == quad


def test_a_sure_page_word_is_not_read_again() -> None:
    page, quad = _word_page("RJ682722.")
    engine = PhotoAndPageEngine(threads=1)
    engine._pages = _DoubtfulPages("RU682722.", 0.95, quad)  # type: ignore[assignment]
    (line,) = engine.read(page)
    assert line.text == "RU682722."


def test_a_doubtful_word_nobody_can_read_is_dropped() -> None:
    page = np.full((120, 600, 3), 255, np.uint8)
    quad = ((100.0, 45.0), (300.0, 45.0), (300.0, 70.0), (100.0, 70.0))
    engine = PhotoAndPageEngine(threads=1)
    engine._pages = _DoubtfulPages("~~", 0.1, quad)  # type: ignore[assignment]
    assert engine.read(page) == []
