"""OCR engines compared on generated wristband photos and scanned statements.

For each engine: the share of fields (DOB, NHS number, hospital number, name) that
are found *and destroyed*, and seconds of OCR per page against a baseline measured
in the same run (rendering each page to a 2x pixmap), since the machine is shared.

A field counts when (1) a detection of its entity matches its value (letters and
digits compared, with the OCR look-alikes o/0, i/l/1 and s/5 folded together), (2) the
redaction rectangles of the detections cover the middle of the field's text (the
generator knows where it drew it) and (3) OCR of the redacted copy no longer reads
the value. Every detection of the four entities is redacted here (a reviewer
accepting every proposal): which of them the default rules redact, keep or send to
review is policy, measured elsewhere. Photos with no text must raise nothing.

    python benchmarks/ocr.py [--photos 30] [--scans 10] [--blanks 5] [--seed 6]
                             [--engines auto rapidocr tesseract] [--misses]

``--seed`` draws another fixture set (6 is the default set); ``--misses`` lists each
field missed and why (not found, not covered, still legible).
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pymupdf

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "src")]

from fixtures.ocr_fixtures import Field, Picture, generate  # noqa: E402

from idpc_guard.documents.segment import segment  # noqa: E402
from idpc_guard.model import (  # noqa: E402
    Action,
    Decisions,
    Detection,
    Finding,
    Severity,
    Source,
    Verdict,
)
from idpc_guard.ocr.driver import OcrOptions, ocr, plan_regions, read_region, render  # noqa: E402
from idpc_guard.ocr.engines import OcrEngine, available_engines, build_engine  # noqa: E402
from idpc_guard.read.extract import extract_bytes  # noqa: E402
from idpc_guard.read.layout import page_text  # noqa: E402
from idpc_guard.recognizers.engine import DetectionEngine  # noqa: E402
from idpc_guard.redact.plan import redaction_plan  # noqa: E402
from idpc_guard.redact.redaction import redact, redaction_rect  # noqa: E402

FIELDS = ("DATE_OF_BIRTH", "UK_NHS", "HOSPITAL_NUMBER", "PERSON")
TARGETS = {"DATE_OF_BIRTH": 0.90, "UK_NHS": 0.90, "HOSPITAL_NUMBER": 0.90, "PERSON": 0.85}


@dataclass
class Score:
    """Counts for one engine."""

    found: dict[str, int] = field(default_factory=lambda: dict.fromkeys(FIELDS, 0))
    total: dict[str, int] = field(default_factory=lambda: dict.fromkeys(FIELDS, 0))
    blank_findings: int = 0
    seconds: float = 0.0
    pages: int = 0
    misses: list[str] = field(default_factory=list)

    def recall(self, entity: str) -> float:
        return self.found[entity] / self.total[entity] if self.total[entity] else 1.0


#: Letters OCR reads for digits and back ("0ct" for "Oct"): folded to one when comparing a
#: detection's text with the truth, so that a value misread by one look-alike character but
#: found, covered and destroyed counts. The legibility check folds too (which is stricter).
_LOOK_ALIKES = str.maketrans("oils", "0115")


def _alnum(text: str) -> str:
    return "".join(c for c in text.casefold() if c.isalnum()).translate(_LOOK_ALIKES)


def _matches(detection: Detection, truth: Field) -> bool:
    if detection.entity != truth.entity:
        return False
    got, want = _alnum(detection.text), _alnum(truth.value)
    if truth.entity == "PERSON":
        words = {_alnum(w) for w in truth.value.replace(",", " ").split()}
        return any(_alnum(w) in words for w in detection.text.replace(",", " ").split())
    return bool(got) and (got == want or (len(got) >= 6 and (got in want or want in got)))


def _covered(truth: Field, rects: Sequence[pymupdf.Rect]) -> bool:
    inside = sum(1 for x, y in truth.points if any(r.contains((x, y)) for r in rects))
    return inside >= len(truth.points) - 1


def detect(picture: Picture, engine: OcrEngine, detector: DetectionEngine) -> list[Detection]:
    """Run extract -> ocr -> segment -> detect on one picture; return the detections."""
    bundle = extract_bytes(picture.pdf, f"{picture.name}.pdf")
    bundle = ocr(bundle, picture.pdf, lambda: engine, OcrOptions(workers=1))
    texts = tuple(page_text(p) for p in bundle.pages)
    documents = segment(bundle, texts)
    return list(detector.detect(documents, texts))


def redact_all(pdf: bytes, detections: Sequence[Detection]) -> bytes:
    """The copy with every detection of the benchmark's entities redacted."""
    findings = tuple(
        Finding(f"F{i:04d}", d, Action.REDACT, "bench", "bench", Severity.HIGH)
        for i, d in enumerate(detections, start=1)
        if d.entity in FIELDS
    )
    return redact(pdf, redaction_plan(Decisions(findings, (), (), Verdict.REVIEW)))


def reread(pdf: bytes, engine: OcrEngine) -> str:
    """OCR text of every picture and scanned page of a PDF."""
    bundle = extract_bytes(pdf, "copy.pdf")
    doc = pymupdf.open(stream=pdf, filetype="pdf")
    try:
        return "\n".join(
            line.text
            for region in plan_regions(bundle)
            for line in read_region(engine, render(doc, region), region)
        )
    finally:
        doc.close()


def score_picture(
    picture: Picture, engine: OcrEngine, detector: DetectionEngine, score: Score
) -> None:
    """Add one picture's results to ``score``."""
    t0 = time.perf_counter()
    detections = detect(picture, engine, detector)
    score.seconds += time.perf_counter() - t0
    score.pages += 1
    if picture.kind == "blank_photo":
        score.blank_findings += sum(1 for d in detections if d.source is not Source.TEXT)
        return
    copy = redact_all(picture.pdf, detections)
    left = _alnum(reread(copy, engine))
    for truth in picture.fields:
        score.total[truth.entity] += 1
        hits = [d for d in detections if _matches(d, truth)]
        rects = [redaction_rect(b, d.source) for d in detections for b in d.boxes]
        if not hits:
            score.misses.append(f"{picture.name}:{truth.entity}:not found")
        elif not _covered(truth, rects):
            score.misses.append(f"{picture.name}:{truth.entity}:not covered")
        elif len(_alnum(truth.value)) >= 6 and _alnum(truth.value) in left:
            score.misses.append(f"{picture.name}:{truth.entity}:still legible")
        else:
            score.found[truth.entity] += 1


def baseline(pictures: Sequence[Picture]) -> float:
    """Seconds per page to render each page to a 2x pixmap: the least OCR must do."""
    t0 = time.perf_counter()
    for picture in pictures:
        doc = pymupdf.open(stream=picture.pdf, filetype="pdf")
        doc[0].get_pixmap(matrix=pymupdf.Matrix(2, 2))
        doc.close()
    return (time.perf_counter() - t0) / len(pictures)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--photos", type=int, default=30)
    parser.add_argument("--scans", type=int, default=10)
    parser.add_argument("--blanks", type=int, default=5)
    parser.add_argument("--seed", type=int, default=6)
    parser.add_argument("--engines", nargs="*", default=None)
    parser.add_argument("--misses", action="store_true", help="list fields missed")
    args = parser.parse_args(argv)
    pictures = generate(args.photos, args.scans, args.blanks, args.seed)
    detector = DetectionEngine()
    engines = args.engines or list(available_engines())
    base = baseline(pictures)
    rows = []
    kinds = [k for k in ("photo", "scan") if any(p.kind == k for p in pictures)]
    for name in engines:
        engine = build_engine(name)
        for kind in kinds:
            score = Score()
            for picture in pictures:
                if picture.kind == kind or (kind == "photo" and picture.kind == "blank_photo"):
                    score_picture(picture, engine, detector, score)
            rows.append((name, kind, score))
    header = f"{'engine':<10} {'set':<6} " + " ".join(f"{e[:8]:>8}" for e in FIELDS)
    header += f" {'blank':>5} {'s/page':>7} {'x base':>7}"
    print(f"baseline (render page at 2x): {base * 1000:.1f} ms/page")
    print(header)
    for name, kind, score in rows:
        recalls = " ".join(
            f"{score.recall(e):>8.0%}" if score.total[e] else f"{'-':>8}" for e in FIELDS
        )
        per_page = score.seconds / max(score.pages, 1)
        print(
            f"{name:<10} {kind:<6} {recalls} {score.blank_findings:>5} "
            f"{per_page:>7.2f} {per_page / base:>7.0f}"
        )
        if args.misses:
            for miss in score.misses:
                print("    miss", miss)
    return 0


if __name__ == "__main__":
    sys.exit(main())
