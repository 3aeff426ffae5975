"""A mutation fuzzer for the PDF stages: extract, segment, decide, redact, verify, report.

Seeds are the fixture bundles (as stored and with every stream decompressed, so
that mutations reach content streams too) and the small files of the hostile
corpus. Each input is one to three stacked mutations of a seed. The target runs
the whole pipeline except the language model (which only ever sees text) with
one synthetic redaction per page, and accepts exactly two outcomes: a result, or
an :class:`~idpc_guard.errors.IdpcGuardError` (which the CLI turns into a status
and one line). Anything else is a crash; an input that runs longer than
``input_seconds`` is a hang. Both are saved under ``crashes`` to become
regression fixtures in ``tests/fuzz/regressions/``.

By hand: ``python benchmarks/fuzz.py --seconds 600`` (see ``--help``).
"""

from __future__ import annotations

import json
import os
import random
import re
import sys
import threading
import time
import traceback
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pymupdf

from idpc_guard.documents.case import infer_case
from idpc_guard.documents.covered_text import covered_text
from idpc_guard.documents.segment import segment
from idpc_guard.errors import IdpcGuardError
from idpc_guard.model import Case, Detection, Report, Source
from idpc_guard.policy.bundle_checks import check_documents
from idpc_guard.policy.decide import decide
from idpc_guard.policy.defects import with_input_defects
from idpc_guard.policy.finalise import finalise
from idpc_guard.policy.loader import load_rules
from idpc_guard.policy.unscanned import unscanned_issues, with_unscanned_pages
from idpc_guard.read.extract import Limits, extract_pdf
from idpc_guard.read.input_defects import inspect_input
from idpc_guard.read.layout import page_text, span_boxes
from idpc_guard.report.json import render_json
from idpc_guard.verified_copy import CopyInput, make_verified_copy

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "fixtures"
REGRESSIONS = Path(__file__).resolve().parent / "regressions"

#: Limits used while fuzzing: small, so a mutated size cannot make an input slow.
FUZZ_LIMITS = Limits(max_pages=200, max_image_pixels=20_000_000, page_seconds=2.0)

_RULES = load_rules()
_NUMBER = re.compile(rb"-?\d+(?:\.\d+)?")
_KEYWORDS = (
    b"obj",
    b"endobj",
    b"stream",
    b"endstream",
    b"xref",
    b"trailer",
    b"startxref",
    b" R",
    b"/Length",
    b"/Filter",
    b"/FlateDecode",
    b"/Kids",
    b"/Count",
    b"/Parent",
    b"/Type",
    b"/Page",
    b"/Pages",
    b"/Contents",
    b"/Resources",
    b"/Font",
    b"/MediaBox",
    b"/Root",
    b"/XObject",
    b"/Subtype",
    b"/Image",
    b"/Width",
    b"/Height",
    b"/ObjStm",
    b"/Prev",
    b"/Encrypt",
    b"/ToUnicode",
    b"BT",
    b"ET",
    b"Tj",
    b"TJ",
    b"Tf",
    b"Td",
    b"cm",
    b"Do",
    b"<<",
    b">>",
    b"[",
    b"]",
    b"(",
    b")",
    b"null",
    b"true",
)
_EXTREMES = (
    b"0",
    b"-1",
    b"1",
    b"2147483647",
    b"2147483648",
    b"-2147483649",
    b"99999999999999999999",
    b"1e308",
    b"0.000001",
    b"65535",
    b"4294967296",
)


def seeds() -> list[bytes]:
    """The seed PDFs: fixtures (stored and expanded) and small hostile-corpus files."""
    from tests.hostile.corpus import corpus

    found: list[bytes] = []
    for path in sorted(FIXTURES.glob("*.pdf")):
        data = path.read_bytes()
        found.append(data)
        doc = pymupdf.open(stream=data, filetype="pdf")
        found.append(doc.tobytes(expand=255))
        doc.close()
    skip = {"thousands-of-pages", "right-to-left-and-mixed", "decompression-bomb-content"}
    for item in corpus():
        if item.name not in skip:
            data = item.build()
            if 0 < len(data) < 300_000:
                found.append(data)
    return found


def _flip(rng: random.Random, data: bytes, _: list[bytes]) -> bytes:
    out = bytearray(data)
    for _i in range(rng.randint(1, 16)):
        pos = rng.randrange(len(out))
        out[pos] ^= 1 << rng.randrange(8)
    return bytes(out)


def _overwrite(rng: random.Random, data: bytes, _: list[bytes]) -> bytes:
    pos = rng.randrange(len(data))
    return data[:pos] + rng.randbytes(rng.randint(1, 64)) + data[pos + 64 :]


def _delete(rng: random.Random, data: bytes, _: list[bytes]) -> bytes:
    pos = rng.randrange(len(data))
    return data[:pos] + data[pos + rng.randint(1, max(1, len(data) // 8)) :]


def _insert(rng: random.Random, data: bytes, pool: list[bytes]) -> bytes:
    other = rng.choice(pool)
    start = rng.randrange(len(other))
    chunk = other[start : start + rng.randint(1, 4096)]
    pos = rng.randrange(len(data))
    return data[:pos] + chunk * rng.choice((1, 1, 1, 2, 16)) + data[pos:]


def _truncate(rng: random.Random, data: bytes, _: list[bytes]) -> bytes:
    return data[: rng.randrange(9, len(data))] if len(data) > 10 else data


def _number(rng: random.Random, data: bytes, _: list[bytes]) -> bytes:
    matches = list(_NUMBER.finditer(data))
    if not matches:
        return data
    for _i in range(rng.randint(1, 4)):
        m = rng.choice(matches)
        data = data[: m.start()] + rng.choice(_EXTREMES) + data[m.end() :]
        matches = list(_NUMBER.finditer(data)) or matches
    return data


def _keyword(rng: random.Random, data: bytes, _: list[bytes]) -> bytes:
    old = rng.choice(_KEYWORDS)
    positions = [m.start() for m in re.finditer(re.escape(old), data)]
    if not positions:
        return data
    pos = rng.choice(positions)
    return data[:pos] + rng.choice(_KEYWORDS) + data[pos + len(old) :]


def _splice(rng: random.Random, data: bytes, pool: list[bytes]) -> bytes:
    other = rng.choice(pool)
    return data[: rng.randrange(len(data))] + other[rng.randrange(len(other)) :]


MUTATORS: tuple[Callable[[random.Random, bytes, list[bytes]], bytes], ...] = (
    _flip,
    _overwrite,
    _delete,
    _insert,
    _truncate,
    _number,
    _number,
    _keyword,
    _keyword,
    _splice,
)


def mutate(rng: random.Random, pool: list[bytes]) -> bytes:
    """One input: a seed with one to three stacked mutations."""
    data = rng.choice(pool)
    for _i in range(rng.randint(1, 3)):
        if data:
            data = rng.choice(MUTATORS)(rng, data, pool)
    return data


def run_pipeline(data: bytes) -> str:
    """Run every stage but the language model on ``data``; return the outcome's name.

    Raises whatever a stage raises that is not an :class:`IdpcGuardError`: a crash.
    """
    started = time.monotonic()
    try:
        extracted = extract_pdf(data, "fuzz.pdf", FUZZ_LIMITS)
    except IdpcGuardError as exc:
        return f"refused:{type(exc).__name__}"
    read_seconds = time.monotonic() - started
    bundle = extracted.bundle
    texts = tuple(page_text(page) for page in bundle.pages)
    documents = segment(bundle, texts)
    case = infer_case(documents, texts)
    owner = {p: d.index for d in documents for p in d.pages}
    detections = []
    for text in texts:
        if text.words:
            end = text.spans[0][1]
            boxes = span_boxes(text, 0, end)
            detections.append(
                Detection(
                    "EMAIL_ADDRESS",
                    text.text[:end],
                    text.page,
                    boxes,
                    0.9,
                    Source.TEXT,
                    "fuzz",
                    owner.get(text.page, 0),
                    0,
                    end,
                )
            )
    issues = check_documents(documents, case, texts) + unscanned_issues(
        bundle, documents, FUZZ_LIMITS.page_seconds
    )
    covered = covered_text(bundle, texts, documents)
    draft = decide(detections, documents, texts, Case(), _RULES, issues, covered)
    draft = with_input_defects(draft, inspect_input(extracted.pdf), documents)
    decisions = finalise(with_unscanned_pages(draft, bundle))
    report = Report("fuzz", "0" * 16, bundle, case, documents, decisions)
    json.loads(render_json(report), parse_constant=_no_constant)
    try:
        source = CopyInput(
            extracted.pdf,
            bundle.page_count,
            decisions,
            limits=FUZZ_LIMITS,
            read_seconds=read_seconds,
        )
        make_verified_copy(source, pages=bundle.pages)
    except IdpcGuardError as exc:
        return f"copy-refused:{type(exc).__name__}"
    return "scanned"


def _no_constant(name: str) -> None:
    raise ValueError(f"the report holds {name}, which is not JSON")


@dataclass
class FuzzResult:
    """What a fuzzing run did."""

    inputs: int = 0
    seconds: float = 0.0
    outcomes: Counter[str] = field(default_factory=Counter)
    crashes: list[Path] = field(default_factory=list)


def fuzz(
    *,
    seconds: float,
    count: int | None = None,
    seed: int = 0,
    crashes: Path | None = None,
    input_seconds: float = 120.0,
    progress: bool = False,
) -> FuzzResult:
    """Fuzz for ``seconds`` (or ``count`` inputs, whichever ends first)."""
    rng = random.Random(seed)
    pool = seeds()
    result = FuzzResult()
    crash_dir = crashes or Path("fuzz-crashes")
    current: dict[str, object] = {}
    stop = threading.Event()

    def watchdog() -> None:
        while not stop.wait(1.0):
            started = current.get("started")
            if isinstance(started, float) and time.monotonic() - started > input_seconds:
                path = _save(crash_dir, "hang", current["data"])  # type: ignore[arg-type]
                print(f"HANG: input saved to {path}", file=sys.stderr, flush=True)
                os._exit(3)

    threading.Thread(target=watchdog, daemon=True).start()
    start = time.monotonic()
    try:
        while time.monotonic() - start < seconds and (count is None or result.inputs < count):
            data = mutate(rng, pool)
            current.update(data=data, started=time.monotonic())
            try:
                outcome = run_pipeline(data)
            except Exception:
                path = _save(crash_dir, "crash", data, traceback.format_exc())
                result.crashes.append(path)
                outcome = "CRASH"
            current.pop("started", None)
            result.inputs += 1
            result.outcomes[outcome] += 1
            if progress and result.inputs % 500 == 0:
                print(f"{result.inputs} inputs, {dict(result.outcomes)}", flush=True)
    finally:
        stop.set()
    result.seconds = time.monotonic() - start
    return result


def _save(folder: Path, kind: str, data: bytes, detail: str = "") -> Path:
    import hashlib

    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{kind}-{hashlib.sha256(data).hexdigest()[:16]}.pdf"
    path.write_bytes(data)
    if detail:
        path.with_suffix(".txt").write_text(detail)
    return path
