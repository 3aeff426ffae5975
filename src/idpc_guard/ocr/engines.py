"""OCR engines behind one small interface.

Two engines are supported, both without any download at run time:

* ``rapidocr`` (the default): RapidOCR on ONNX Runtime, whose PP-OCR models ship
  inside the ``rapidocr-onnxruntime`` wheel. It finds text lines at any angle, so
  it reads rotated wristbands and labels in photos.
* ``tesseract``: the Debian ``tesseract-ocr`` program, run as a child process
  (no Python binding needed). Good on straight scanned pages, weak on rotated text.

The default, ``auto``, was chosen by measurement (``benchmarks/ocr.py``): RapidOCR for
pictures and Tesseract for scanned pages (RapidOCR alone when Tesseract is missing).

Each engine reads twice where once is not enough: RapidOCR reads small or tilted
text in a photo again from a level, enlarged cut-out (:mod:`idpc_guard.ocr.zoom`),
and under ``auto`` a word Tesseract is unsure of gets RapidOCR's reading of its crop.
Images are numpy arrays of shape ``(height, width, 3)``, RGB, ``uint8``; coordinates returned are
pixels of that array.
"""

from __future__ import annotations

import os
import unicodedata
from collections.abc import Callable, Sequence
from typing import Any, Protocol

import numpy as np

from idpc_guard.errors import MissingModelError, UsageError
from idpc_guard.model import OcrEngineName
from idpc_guard.ocr.lines import (
    Image,
    OcrLine,
    OcrWord,
    Point,
    Quad,
    join_collinear,
    overlap,
    rows_to_lines,
    split_line,
    to_quad,
)
from idpc_guard.ocr.tesseract import TesseractEngine
from idpc_guard.ocr.zoom import plan_cutouts

__all__ = [
    "ENGINES",
    "Image",
    "OcrEngine",
    "OcrLine",
    "OcrWord",
    "PhotoAndPageEngine",
    "Point",
    "Quad",
    "RapidOcrEngine",
    "TesseractEngine",
    "available_engines",
    "build_engine",
    "engine_name",
]


DEFAULT_ENGINE = OcrEngineName.AUTO
ENGINE_ENV = "IDPC_GUARD_OCR_ENGINE"


class OcrEngine(Protocol):
    """What the OCR stage and verification need from an engine."""

    @property
    def name(self) -> str:
        """The engine's name (an :class:`~idpc_guard.model.OcrEngineName` for the built-in ones)."""
        ...

    def has_text(self, image: Image) -> bool:
        """A cheap check, much faster than :meth:`read`: could the image hold text at all?"""
        ...

    def read(self, image: Image, *, sparse: bool = False) -> list[OcrLine]:
        """Read every line of text in the image.

        ``sparse`` says the image is a photo with scattered text rather than a page.
        """
        ...


class RapidOcrEngine:
    """RapidOCR (PP-OCRv4 detection and recognition models, ONNX Runtime)."""

    name = OcrEngineName.RAPIDOCR
    #: The cheap check runs detection only on the image shrunk to this longer side.
    CHECK_SIDE = 960
    #: Lines read with less confidence than this are dropped.
    MIN_SCORE = 0.5
    #: Detection thresholds, lowered from RapidOCR's 0.5 and 1.6 (measured on the
    #: wristband fixtures: small, pale, rotated labels were missed).
    BOX_THRESHOLD = 0.3
    UNCLIP_RATIO = 2.0

    def __init__(self, threads: int = 0) -> None:
        """Load the models shipped in the wheel.

        Args:
            threads: ONNX Runtime threads per model; 0 lets it use every core.

        Raises:
            MissingModelError: ``rapidocr-onnxruntime`` is not installed.
        """
        try:
            from rapidocr_onnxruntime import RapidOCR
        except ImportError as exc:  # pragma: no cover - depends on the environment
            raise MissingModelError(
                "OCR engine 'rapidocr' is not installed: pip install 'rapidocr-onnxruntime'"
            ) from exc
        kwargs: dict[str, Any] = {"text_score": self.MIN_SCORE}
        if threads > 0:
            kwargs["intra_op_num_threads"] = threads
            kwargs["inter_op_num_threads"] = 1
        self._ocr = RapidOCR(**kwargs)

    def has_text(self, image: Image) -> bool:
        """Run text detection alone on a shrunk copy of the image."""
        small = _shrink(image, self.CHECK_SIDE)
        result, _ = self._ocr(small, use_det=True, use_cls=False, use_rec=False)
        return bool(result)

    def read(self, image: Image, *, sparse: bool = False) -> list[OcrLine]:
        """Detect lines at any angle, turn upside-down ones, recognise them.

        In a photo (``sparse``) each cluster of small or tilted text is then read
        again from a level, enlarged cut-out (:mod:`idpc_guard.ocr.zoom`); its lines
        replace the lines of the first reading that they overlap. Boxes read with any
        score count for planning: a label too small to be recognised is still found.
        """
        rows = self._run(image, 0.0 if sparse else self.MIN_SCORE)
        lines = rows_to_lines(rows, self.MIN_SCORE)
        if sparse:
            for cutout in plan_cutouts([to_quad(row[0]) for row in rows]):
                closer = self._read_level(cutout.cut(image), cutout.to_picture)
                lines = [a for a in lines if not any(overlap(a, b) for b in closer)] + closer
        return join_collinear(lines)

    def recognise(self, image: Image) -> tuple[str, float]:
        """Recognition alone on an image holding one line of text: its text and score."""
        result, _ = self._ocr(image, use_det=False, use_cls=False, use_rec=True)
        if not result:
            return "", 0.0
        text, score = result[0][0], result[0][1]
        return unicodedata.normalize("NFKC", str(text)), float(score)

    #: A level reading whose score per character is below this is tried upside down too.
    UPRIGHT_SCORE = 0.85

    def _read_level(self, pixels: Image, to_picture: Callable[[Point], Point]) -> list[OcrLine]:
        """Read a levelled cut-out as it stands, or turned half round if that reads better.

        Its lines are level, so RapidOCR's per-line direction check (which turns a
        line it takes for upside down) is not used: it is either right for every line
        of the cut-out or for none.
        """
        rows = self._run(pixels, self.MIN_SCORE, level=True)
        if _quality(rows) < self.UPRIGHT_SCORE:
            height, width = pixels.shape[:2]
            turned = self._run(np.ascontiguousarray(pixels[::-1, ::-1]), self.MIN_SCORE, level=True)
            if _quality(turned) > _quality(rows):
                return rows_to_lines(
                    turned, self.MIN_SCORE, lambda p: to_picture((width - p[0], height - p[1]))
                )
        return rows_to_lines(rows, self.MIN_SCORE, to_picture)

    def _run(self, image: Image, min_score: float, *, level: bool = False) -> list[Any]:
        """RapidOCR's rows ``[quad, text, score, chars...]`` for lines scoring ``min_score``.

        ``level`` says the image is a cut-out already turned and enlarged: no per-line
        direction check, and detection at the cut-out's own size (RapidOCR would
        otherwise enlarge any image under 736 pixels a second time).
        """
        det = self._ocr.text_det
        saved = det.limit_type
        if level:
            det.limit_type = "max"
        try:
            result, _ = self._ocr(
                image,
                use_cls=not level,
                box_thresh=self.BOX_THRESHOLD,
                unclip_ratio=self.UNCLIP_RATIO,
                text_score=min_score,
                return_word_box=True,
            )
        finally:
            det.limit_type = saved
        return list(result or ())


def _quality(rows: Sequence[Any]) -> float:
    """Mean recognition score per character of RapidOCR rows (0 when nothing was read)."""
    chars = sum(len(str(row[1])) for row in rows)
    return sum(float(row[2]) * len(str(row[1])) for row in rows) / chars if chars else 0.0


class PhotoAndPageEngine:
    """RapidOCR for pictures, Tesseract for scanned pages: each where it measured best.

    On the fixtures (``benchmarks/ocr.py``) RapidOCR reads rotated, small, pale
    wristband text that Tesseract misses, while Tesseract reads straight typed
    pages with their spaces and punctuation where RapidOCR drops spaces. A word
    Tesseract is unsure of (an identifier at 150 dpi: "RU682722" for "RJ682722",
    or dropped) gets a second opinion from RapidOCR's recogniser on an enlarged
    crop of the word, and the surer reading wins; only a word that could be
    personal data (:func:`could_be_personal`) is worth one. Without Tesseract
    installed, RapidOCR reads both.
    """

    name = OcrEngineName.AUTO
    #: Tesseract words below this confidence (0-1) get RapidOCR's second opinion.
    DOUBT = 0.6
    #: Padding around a doubtful word's box, in box heights.
    PAD = 0.4

    def __init__(self, threads: int = 0) -> None:
        """Build RapidOCR, and Tesseract when it is installed.

        Raises:
            MissingModelError: RapidOCR is not installed.
        """
        self._photos = RapidOcrEngine(threads)
        self._pages: TesseractEngine | None
        try:
            self._pages = TesseractEngine(threads)
        except MissingModelError:
            self._pages = None

    def has_text(self, image: Image) -> bool:
        """RapidOCR's detector on a shrunk copy."""
        return self._photos.has_text(image)

    def read(self, image: Image, *, sparse: bool = False) -> list[OcrLine]:
        """Photos (``sparse``) with RapidOCR, pages with Tesseract and second opinions."""
        if sparse or self._pages is None:
            return self._photos.read(image, sparse=sparse)
        floor = self._pages.MIN_CONFIDENCE / 100
        lines = []
        for line in self._pages.read(image, min_confidence=0.0):
            words: list[OcrWord] = []
            for word in line.words:
                if word.score < self.DOUBT and could_be_personal(word.text):
                    word = self._second_opinion(image, word)
                if word.score >= floor:
                    words.extend(split_line(word.text, word.quad, word.score))
            if words:
                lines.append(OcrLine(tuple(words)))
        return lines

    def _second_opinion(self, image: Image, word: OcrWord) -> OcrWord:
        """The word as RapidOCR reads it from a padded crop, when it is surer than Tesseract."""
        xs, ys = [p[0] for p in word.quad], [p[1] for p in word.quad]
        pad = self.PAD * (max(ys) - min(ys))
        top, bottom = max(0, int(min(ys) - pad)), min(image.shape[0], int(max(ys) + pad) + 1)
        left, right = max(0, int(min(xs) - pad)), min(image.shape[1], int(max(xs) + pad) + 1)
        if bottom - top < 4 or right - left < 4:
            return word
        text, score = self._photos.recognise(np.ascontiguousarray(image[top:bottom, left:right]))
        if score > word.score and score >= self._photos.MIN_SCORE and text.strip():
            return OcrWord(" ".join(text.split()), word.quad, score)
        return word


def could_be_personal(text: str) -> bool:
    """Whether a word read could be (part of) personal data, and so worth a second opinion.

    Names, identifiers, dates, postcodes and e-mail addresses have a capital letter,
    a digit or an ``@``; a word in small letters alone ("the", "ward") does not, nor
    does a stray mark ("|", "-"): a second reading of those would change nothing
    the recognisers look for.
    """
    if sum(1 for c in text if c.isalnum()) < 2:
        return False
    return any(c.isdigit() or c.isupper() or c == "@" for c in text)


def _shrink(image: Image, side: int) -> Image:
    height, width = image.shape[:2]
    step = max(1, -(-max(height, width) // side))
    return image[::step, ::step] if step > 1 else image


#: Engine names and how to build one (``threads`` per engine). ``none`` is not an
#: engine: it turns OCR off before any engine is asked for.
ENGINES: dict[OcrEngineName, Callable[[int], OcrEngine]] = {
    PhotoAndPageEngine.name: PhotoAndPageEngine,
    RapidOcrEngine.name: RapidOcrEngine,
    TesseractEngine.name: TesseractEngine,
}


def engine_name(explicit: str | None = None) -> OcrEngineName:
    """The engine to use: the argument, else ``IDPC_GUARD_OCR_ENGINE``, else the default.

    Raises:
        UsageError: the name is not one of :class:`~idpc_guard.model.OcrEngineName`.
    """
    chosen = explicit or os.environ.get(ENGINE_ENV) or DEFAULT_ENGINE
    try:
        return OcrEngineName(chosen)
    except ValueError:
        raise _unknown(chosen) from None


def build_engine(name: str | None = None, threads: int = 0) -> OcrEngine:
    """Build the named engine.

    Raises:
        UsageError: no engine has that name.
        MissingModelError: the engine is not installed.
    """
    chosen = engine_name(name)
    factory = ENGINES.get(chosen)
    if factory is None:
        raise _unknown(chosen)
    return factory(threads)


def _unknown(name: str) -> UsageError:
    return UsageError(f"unknown OCR engine '{name}': choose one of {', '.join(sorted(ENGINES))}")


class EngineOnDemand:
    """The named engine, built the first time it is asked for and kept.

    Loading an engine takes seconds and most bundles never need one: a scan or a copy
    holds one of these and calls it only when a page or picture has to be read.
    """

    def __init__(self, name: OcrEngineName | None = None) -> None:
        self.name = name
        self._engine: OcrEngine | None = None

    def __call__(self) -> OcrEngine:
        """The engine (built now if it was not yet)."""
        if self._engine is None:
            self._engine = build_engine(self.name)
        return self._engine


def available_engines() -> Sequence[OcrEngineName]:
    """Names of the engines that can be built here."""
    names = []
    for name in sorted(ENGINES):
        try:
            build_engine(name)
        except MissingModelError:
            continue
        names.append(name)
    return names
