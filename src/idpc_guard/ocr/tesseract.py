"""Tesseract 5 as an OCR engine: the ``tesseract`` program run as a child process.

The Debian ``tesseract-ocr`` package; no Python binding is needed. Good on straight
scanned pages, weak on rotated text in photos. A page scanned askew (a degree or
three) is turned level first: Tesseract's layout analysis otherwise cuts long
lines into blocks and reads the ends of lines after the page ("his hospital" far
from "number is RA8301395"). Word boxes map back to the page as read.
"""

from __future__ import annotations

import csv
import io
import os
import shutil
import subprocess

from idpc_guard.errors import MissingModelError
from idpc_guard.model import OcrEngineName
from idpc_guard.ocr.lines import Image, OcrLine, OcrWord, Point
from idpc_guard.ocr.zoom import level_page

__all__ = ["TesseractEngine"]


class TesseractEngine:
    """Tesseract 5 (the ``tesseract`` program), word boxes from its TSV output."""

    name = OcrEngineName.TESSERACT
    #: Words read with less confidence than this (0-100) are dropped.
    MIN_CONFIDENCE = 30.0

    def __init__(self, threads: int = 0) -> None:
        """Find the ``tesseract`` program.

        Args:
            threads: OpenMP threads for tesseract; 0: one, unless ``OMP_THREAD_LIMIT``
                says otherwise.

        Raises:
            MissingModelError: the program is not installed.
        """
        program = shutil.which("tesseract")
        if program is None:
            raise MissingModelError(
                "OCR engine 'tesseract' is not installed: apt-get install tesseract-ocr"
            )
        self._program = program
        self._env = dict(os.environ)
        if threads > 0:
            self._env["OMP_THREAD_LIMIT"] = str(threads)
        else:
            # Tesseract's OpenMP threads cost twice the CPU for no shorter wall time on
            # a page (measured on 2 cores); pages are shared across processes instead.
            self._env.setdefault("OMP_THREAD_LIMIT", "1")

    def has_text(self, image: Image) -> bool:
        """Tesseract has no cheap detector: a picture of one colour holds no text."""
        return bool(int(image.max()) - int(image.min()) > 40)

    def read(
        self, image: Image, *, sparse: bool = False, min_confidence: float | None = None
    ) -> list[OcrLine]:
        """Run tesseract (sparse-text mode for photos) and group its words into lines.

        Words read with less confidence than ``min_confidence`` (0-100; default
        :attr:`MIN_CONFIDENCE`) are dropped.
        """
        floor = self.MIN_CONFIDENCE if min_confidence is None else min_confidence
        from PIL import Image as PilImage

        level = None if sparse else level_page(image)
        pixels = image if level is None else level.cut(image, stretch=False)

        def back(point: Point) -> Point:
            return point if level is None else level.to_picture(point)

        # Uncompressed (PNM): compressing a 300 dpi page as PNG cost as long as reading it.
        buffer = io.BytesIO()
        PilImage.fromarray(pixels).save(buffer, "PPM")
        psm = "11" if sparse else "3"
        done = subprocess.run(
            [self._program, "stdin", "stdout", "--psm", psm, "-l", "eng", "tsv"],
            input=buffer.getvalue(),
            capture_output=True,
            env=self._env,
            check=False,
            timeout=300,
        )
        if done.returncode != 0:
            raise MissingModelError("tesseract failed to run: check its installation")
        rows = csv.DictReader(io.StringIO(done.stdout.decode("utf-8", "replace")), delimiter="\t")
        grouped: dict[tuple[str, str, str], list[OcrWord]] = {}
        for row in rows:
            text = (row.get("text") or "").strip()
            if not text or float(row.get("conf") or -1) < floor:
                continue
            left, top = float(row["left"]), float(row["top"])
            right, bottom = left + float(row["width"]), top + float(row["height"])
            quad = (
                back((left, top)),
                back((right, top)),
                back((right, bottom)),
                back((left, bottom)),
            )
            key = (row["block_num"], row["par_num"], row["line_num"])
            grouped.setdefault(key, []).append(OcrWord(text, quad, float(row["conf"]) / 100))
        return [OcrLine(tuple(words)) for words in grouped.values()]
