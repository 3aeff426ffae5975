"""The OCR stage without a real engine: which pages are read, and how words map to the page."""

from __future__ import annotations

import io

import numpy as np
import pymupdf
import pytest
from PIL import Image

from idpc_guard.errors import UsageError
from idpc_guard.model import Box, OcrEngineName, Page, Source, Word
from idpc_guard.ocr.driver import OcrOptions, Region, ocr, plan_regions, to_words, usable_text_layer
from idpc_guard.ocr.engines import ENGINE_ENV, ENGINES, OcrLine, OcrWord, build_engine, engine_name
from idpc_guard.ocr.engines import Image as Pixels
from idpc_guard.read.extract import extract_bytes
from idpc_guard.read.layout import page_text, span_source


class FakeEngine:
    """Reads one fixed line from any image that is not of one colour; counts its calls."""

    name = "fake"

    def __init__(self, text: str = "NHS 943 476 5919") -> None:
        self.text = text
        self.checked = 0
        self.read_count = 0
        self.sizes: list[tuple[int, int]] = []

    def has_text(self, image: Pixels) -> bool:
        self.checked += 1
        return bool(image.max() != image.min())

    def read(self, image: Pixels, *, sparse: bool = False) -> list[OcrLine]:
        self.read_count += 1
        h, w = image.shape[:2]
        self.sizes.append((w, h))
        quad = ((w * 0.1, h * 0.4), (w * 0.9, h * 0.4), (w * 0.9, h * 0.6), (w * 0.1, h * 0.6))
        words = []
        parts = self.text.split()
        step = (quad[1][0] - quad[0][0]) / len(parts)
        for i, part in enumerate(parts):
            x0 = quad[0][0] + i * step
            x1 = x0 + step * 0.9
            words.append(
                OcrWord(part, ((x0, h * 0.4), (x1, h * 0.4), (x1, h * 0.6), (x0, h * 0.6)), 0.9)
            )
        return [OcrLine(tuple(words))]


def _png(width: int, height: int, blank: bool = False) -> bytes:
    rng = np.random.default_rng(1)
    pixels = np.full((height, width, 3), 200, np.uint8)
    if not blank:
        pixels = rng.integers(0, 255, (height, width, 3), dtype=np.uint8)
    buffer = io.BytesIO()
    Image.fromarray(pixels).save(buffer, "PNG")
    return buffer.getvalue()


def _pdf(*, text: str | None, image: tuple[pymupdf.Rect, bytes] | None = None) -> bytes:
    doc = pymupdf.open()
    page = doc.new_page(width=595, height=842)
    if text:
        page.insert_text((72, 72), text, fontsize=11)
    if image:
        page.insert_image(image[0], stream=image[1])
    data: bytes = doc.tobytes()
    doc.close()
    return data


def test_text_page_without_images_is_never_read() -> None:
    pdf = _pdf(text="An ordinary typed page with a good text layer.")
    bundle = extract_bytes(pdf, "t.pdf")
    engine = FakeEngine()
    assert plan_regions(bundle) == []
    assert ocr(bundle, pdf, lambda: engine) is bundle
    assert engine.checked == 0


def test_tiny_images_are_not_read() -> None:
    pdf = _pdf(text="A page with a logo.", image=(pymupdf.Rect(500, 20, 520, 40), _png(64, 64)))
    assert plan_regions(extract_bytes(pdf, "t.pdf")) == []


def test_page_without_text_layer_is_read_whole_as_ocr() -> None:
    pdf = _pdf(text=None, image=(pymupdf.Rect(0, 0, 595, 842), _png(1240, 1754)))
    bundle = extract_bytes(pdf, "t.pdf")
    (region,) = plan_regions(bundle)
    assert region.source is Source.OCR
    assert region.clip == Box(0, 0, 595, 842)
    engine = FakeEngine()
    out = ocr(bundle, pdf, lambda: engine, OcrOptions(workers=1))
    words = out.pages[0].words
    assert [w.text for w in words] == ["NHS", "943", "476", "5919"]
    assert all(w.source is Source.OCR for w in words)
    # The fake reads at 40-60% of the image height: that maps to 40-60% of the page.
    assert words[0].box.y0 == pytest.approx(842 * 0.4, abs=1)
    assert words[0].box.x0 == pytest.approx(595 * 0.1, abs=1)


def test_picture_on_text_page_is_read_in_place_as_image() -> None:
    rect = pymupdf.Rect(100, 300, 400, 500)
    pdf = _pdf(text="Exhibit AB/1 photograph", image=(rect, _png(600, 400)))
    bundle = extract_bytes(pdf, "t.pdf")
    (region,) = plan_regions(bundle)
    assert region.source is Source.IMAGE
    assert region.clip == Box(100, 300, 400, 500)
    assert region.zoom == pytest.approx(2.0)  # the image's own resolution
    engine = FakeEngine()
    out = ocr(bundle, pdf, lambda: engine, OcrOptions(workers=1))
    ocr_words = [w for w in out.pages[0].words if w.source is Source.IMAGE]
    assert engine.sizes == [(600, 400)]
    assert ocr_words[0].box.x0 == pytest.approx(100 + 300 * 0.1, abs=0.5)
    assert ocr_words[0].box.y0 == pytest.approx(300 + 200 * 0.4, abs=0.5)
    # OCR words sit on lines of their own after the text layer's lines.
    text_lines = {w.line for w in out.pages[0].words if w.source is Source.TEXT}
    assert min(w.line for w in ocr_words) > max(text_lines)
    text = page_text(out.pages[0])
    start = text.text.index("943")
    assert span_source(text, start, start + 12) is Source.IMAGE
    assert span_source(text, 0, 7) is Source.TEXT


def test_blank_picture_fails_the_cheap_check_and_is_not_read() -> None:
    pdf = _pdf(
        text="Scene photograph", image=(pymupdf.Rect(100, 300, 400, 500), _png(600, 400, True))
    )
    engine = FakeEngine()
    ocr(extract_bytes(pdf, "t.pdf"), pdf, lambda: engine, OcrOptions(workers=1))
    assert engine.checked == 1
    assert engine.read_count == 0


def test_rotated_words_map_to_their_bounding_box_without_char_edges() -> None:
    region = Region(0, Box(10, 20, 110, 120), 2.0, Source.IMAGE)
    diagonal = OcrWord("ADAMS", ((0, 100), (100, 0), (110, 10), (10, 110)), 0.9)
    flat = OcrWord("DOB", ((0, 0), (60, 0), (60, 20), (0, 20)), 0.9)
    rotated, level = to_words([OcrLine((diagonal,)), OcrLine((flat,))], region, 7)
    assert rotated.box == Box(10, 20, 65, 75)
    assert rotated.char_edges == ()
    assert rotated.line == 7 and level.line == 8
    assert level.char_edges == pytest.approx((10, 20, 30, 40))


def test_garbage_text_layer_is_not_usable() -> None:
    def page(text: str) -> Page:
        return Page(0, 595, 842, (Word(text, Box(0, 0, 10, 10), 0),))

    assert usable_text_layer(page("A statement made by the witness."))
    assert not usable_text_layer(page("\ufffd\ufffd\x01\x02\ufffd\x03\ufffd"))
    assert not usable_text_layer(Page(0, 595, 842, ()))


def test_unknown_engine_is_a_usage_error() -> None:
    with pytest.raises(UsageError, match="unknown OCR engine"):
        build_engine("no-such-engine")
    # "none" turns OCR off on the command line: it is not an engine to build.
    with pytest.raises(UsageError, match="'none': choose one of auto, rapidocr, tesseract$"):
        build_engine(OcrEngineName.NONE)


def test_engine_names_come_from_the_argument_then_the_environment(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv(ENGINE_ENV, raising=False)
    assert engine_name() is OcrEngineName.AUTO
    monkeypatch.setenv(ENGINE_ENV, "tesseract")
    assert engine_name() is OcrEngineName.TESSERACT
    assert engine_name("rapidocr") is OcrEngineName.RAPIDOCR  # a plain string still works
    monkeypatch.setenv(ENGINE_ENV, "no-such-engine")
    with pytest.raises(UsageError, match="unknown OCR engine 'no-such-engine'"):
        engine_name()
    assert set(ENGINES) == set(OcrEngineName) - {OcrEngineName.NONE}
    assert all(name is factory.name for name, factory in ENGINES.items())  # type: ignore[attr-defined]


def test_pieces_of_one_line_are_joined_and_other_lines_are_not() -> None:
    from idpc_guard.ocr.lines import join_collinear

    def line(text: str, x0: float, x1: float, y: float) -> OcrLine:
        return OcrLine((OcrWord(text, ((x0, y), (x1, y), (x1, y + 10), (x0, y + 10)), 0.9),))

    label, value, below = (
        line("NHS:", 0, 40, 0),
        line("9434765919", 52, 150, 1),
        line("x", 0, 9, 30),
    )
    joined = join_collinear([label, below, value])
    assert [ln.text for ln in joined] == ["NHS: 9434765919", "x"]


def test_ocr_boxes_are_padded_and_text_boxes_trimmed() -> None:
    from idpc_guard.redact.redaction import redaction_rect

    box = Box(100, 100, 200, 120)
    text, picture = redaction_rect(box, Source.TEXT), redaction_rect(box, Source.IMAGE)
    assert text.y0 > box.y0 and text.y1 < box.y1
    assert picture.x0 < box.x0 and picture.y0 < box.y0 and picture.x1 > box.x1
    assert picture.y1 > box.y1


_STDIN_HOST = """
import sys
sys.path[:0] = [{root!r}, {src!r}]
import pymupdf
from idpc_guard.ocr.driver import OcrOptions, ocr
from idpc_guard.read.extract import extract_bytes
from tests.unit.ocr.test_driver import FakeEngine, _png

doc = pymupdf.open()
for _ in range(3):
    page = doc.new_page(width=595, height=842)
    page.insert_image(pymupdf.Rect(0, 0, 595, 842), stream=_png(620, 877))
pdf = doc.tobytes()
bundle = extract_bytes(pdf, "t.pdf")
engine = FakeEngine()
out = ocr(bundle, pdf, lambda: engine, OcrOptions(workers=2))
print(engine.read_count, [len(p.words) for p in out.pages])
"""


@pytest.mark.parametrize("main_file", ["<stdin>", None])
def test_workers_can_start_unless_the_main_module_is_not_a_file(
    monkeypatch: pytest.MonkeyPatch, main_file: str | None
) -> None:
    import sys
    import types

    from idpc_guard.ocr.driver import spawned_workers_can_start

    host = types.ModuleType("__main__")
    if main_file is not None:
        host.__file__ = main_file
    monkeypatch.setitem(sys.modules, "__main__", host)
    assert spawned_workers_can_start() is (main_file is None)


def test_ocr_runs_in_process_when_the_host_reads_its_script_from_stdin() -> None:
    # A case system embedding the library, its script piped to ``python -``: spawned
    # workers cannot re-import a main module called <stdin>, so OCR must not use them.
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parents[3]
    result = subprocess.run(
        [sys.executable, "-"],
        input=_STDIN_HOST.format(root=str(root), src=str(root / "src")),
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
        cwd=root,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.strip() == "3 [4, 4, 4]"
