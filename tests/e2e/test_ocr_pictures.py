"""OCR end to end on a few generated pictures: found, destroyed, verified, offline.

A small subset of the benchmark's fixture set (``benchmarks/ocr.py`` measures the
whole set); pictures are generated into memory, nothing is committed.
"""

from __future__ import annotations

import shutil
import socket
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pymupdf
import pytest
from benchmarks.ocr import FIELDS, Score, detect, reread, score_picture
from fixtures.ocr_fixtures import Picture, generate

from idpc_guard.errors import RedactionNotVerifiedError
from idpc_guard.model import Action, Box, Decisions, Finding, Severity, Source, Verdict
from idpc_guard.ocr.driver import OcrOptions, ocr
from idpc_guard.ocr.engines import OcrEngine, build_engine
from idpc_guard.read.extract import extract_bytes
from idpc_guard.recognizers.engine import DetectionEngine
from idpc_guard.redact.plan import redaction_plan
from idpc_guard.redact.redaction import redact
from idpc_guard.scanner import Scanner
from idpc_guard.verify.pictures import picture_words
from idpc_guard.verify.verification import verify


@pytest.fixture(scope="module")
def pictures() -> list[Picture]:
    return generate(photos=3, scans=1, blanks=1, seed=6)


@pytest.fixture(scope="module")
def engine() -> OcrEngine:
    return build_engine()


@pytest.fixture(scope="module")
def detector() -> DetectionEngine:
    return DetectionEngine()


@pytest.fixture
def offline(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("network use attempted")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    yield


def test_engines_load_and_read_without_network(offline: None) -> None:
    for name in ("rapidocr", "auto"):
        engine = build_engine(name)
        assert engine.read(np.full((64, 256, 3), 255, np.uint8)) == []


@pytest.mark.skipif(
    shutil.which("tesseract") is None,
    reason="scanned typed pages are read with Tesseract (Debian package tesseract-ocr)",
)
def test_scanned_statement_fields_are_found_and_destroyed(
    pictures: list[Picture], engine: OcrEngine, detector: DetectionEngine
) -> None:
    score = Score()
    for picture in pictures:
        if picture.kind == "scan":
            score_picture(picture, engine, detector, score)
    assert score.total == dict.fromkeys(FIELDS, 1)
    assert score.found == dict.fromkeys(FIELDS, 1), score.misses


def test_wristband_photos_mostly_found_and_blank_photo_raises_nothing(
    pictures: list[Picture], engine: OcrEngine, detector: DetectionEngine
) -> None:
    score = Score()
    for picture in pictures:
        if picture.kind in ("photo", "blank_photo"):
            score_picture(picture, engine, detector, score)
    assert score.blank_findings == 0
    numbers = sum(score.found[e] for e in FIELDS if e != "PERSON")
    assert numbers >= 8, score.misses  # of 9 DOB/NHS/hospital fields on three photos
    assert score.found["PERSON"] >= 2, score.misses


def test_scan_reports_ocr_source_and_destroys_only_the_pixels_under_findings(
    pictures: list[Picture], tmp_path: Path
) -> None:
    scan = next(p for p in pictures if p.kind == "scan")
    path = tmp_path / "scan.pdf"
    path.write_bytes(scan.pdf)
    result = Scanner(ocr=OcrOptions(workers=1)).scan(path)
    redacted = [f for f in result.report.decisions.findings if f.action is Action.REDACT]
    assert redacted and all(f.detection.source is Source.OCR for f in redacted)
    assert result.verification is not None and result.redacted_pdf is not None
    before, after = _pixels(scan.pdf), _pixels(result.redacted_pdf)
    box = redacted[0].detection.boxes[0]
    y, x = int((box.y0 + box.y1) / 2), int((box.x0 + box.x1) / 2)
    assert abs(int(before[y, x]) - int(after[y, x])) > 0 or after[y, x] < 30
    untouched = np.ones(before.shape, bool)
    for f in redacted:
        for b in f.detection.boxes:
            untouched[int(b.y0) - 4 : int(b.y1) + 5, int(b.x0) - 4 : int(b.x1) + 5] = False
    diff = np.abs(before.astype(int) - after.astype(int))[untouched]
    assert np.mean(diff) < 3  # the rest of the page stays (up to JPEG re-encoding)
    with pymupdf.open(stream=result.redacted_pdf) as doc:
        assert not doc[0].first_annot  # destroyed, not covered by an annotation


def test_verification_reads_pictures_and_catches_a_value_left_legible(
    pictures: list[Picture], engine: OcrEngine, detector: DetectionEngine
) -> None:
    scan = next(p for p in pictures if p.kind == "scan")
    nhs = next(d for d in detect(scan, engine, detector) if d.entity == "UK_NHS")
    # A box in the wrong place: the number stays on the picture.
    wrong = Box(20, 20, 60, 30)
    misplaced = type(nhs)(**{**_fields(nhs), "boxes": (wrong,)})
    decisions = Decisions(
        (Finding("F0001", misplaced, Action.REDACT, "r", "r", Severity.HIGH),),
        (),
        (),
        Verdict.REVIEW,
    )
    copy = redact(scan.pdf, redaction_plan(decisions))
    assert "".join(nhs.text.split()) in "".join(reread(copy, engine).split())
    with pytest.raises(RedactionNotVerifiedError):
        verify(1, copy, redaction_plan(decisions), ocr_engine=lambda: engine)
    good = Decisions(
        (Finding("F0001", nhs, Action.REDACT, "r", "r", Severity.HIGH),), (), (), Verdict.REVIEW
    )
    assert (
        verify(
            1,
            redact(scan.pdf, redaction_plan(good)),
            redaction_plan(good),
            ocr_engine=lambda: engine,
        ).values_checked
        == 1
    )


def test_checks_against_the_scans_own_words_catch_a_box_in_the_wrong_place(
    pictures: list[Picture], engine: OcrEngine, detector: DetectionEngine
) -> None:
    scan = next(p for p in pictures if p.kind == "scan")
    read = ocr(extract_bytes(scan.pdf, "scan.pdf"), scan.pdf, lambda: engine, OcrOptions(workers=1))
    words = picture_words(read.pages)
    nhs = next(d for d in detect(scan, engine, detector) if d.entity == "UK_NHS")
    misplaced = type(nhs)(**{**_fields(nhs), "boxes": (Box(20, 20, 60, 30),)})
    for detection, passes in ((misplaced, False), (nhs, True)):
        decisions = Decisions(
            (Finding("F0001", detection, Action.REDACT, "r", "r", Severity.HIGH),),
            (),
            (),
            Verdict.REVIEW,
        )
        plan = redaction_plan(decisions)
        copy = redact(scan.pdf, plan)
        options = {"ocr_engine": lambda: engine, "original": scan.pdf, "picture_words": words}
        if passes:
            assert verify(1, copy, plan, **options).values_checked == 1  # type: ignore[arg-type]
        else:
            with pytest.raises(RedactionNotVerifiedError, match="F0001"):
                verify(1, copy, plan, **options)  # type: ignore[arg-type]


@pytest.mark.slow
def test_parallel_workers_read_the_same_words(pictures: list[Picture]) -> None:
    doc = pymupdf.open()
    for picture in pictures[:2]:
        with pymupdf.open(stream=picture.pdf) as one:
            doc.insert_pdf(one)
    pdf = doc.tobytes()
    bundle = extract_bytes(pdf, "two.pdf")
    calls: list[tuple[int, int]] = []
    serial = ocr(bundle, pdf, build_engine, OcrOptions(workers=1))
    parallel = ocr(
        bundle, pdf, build_engine, OcrOptions(workers=2), lambda d, t: calls.append((d, t))
    )
    assert [p.words for p in parallel.pages] == [p.words for p in serial.pages]
    assert calls == [(1, 2), (2, 2)]


def _pixels(pdf: bytes) -> np.ndarray:
    with pymupdf.open(stream=pdf) as doc:
        pix = doc[0].get_pixmap(colorspace=pymupdf.csGRAY)
        return np.frombuffer(pix.samples, np.uint8).reshape(pix.height, pix.width).copy()


def _fields(detection: object) -> dict[str, object]:
    return {name: getattr(detection, name) for name in detection.__slots__}  # type: ignore[attr-defined]
