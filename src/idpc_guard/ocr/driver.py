"""The OCR stage: words for scanned pages and for pictures, in page space.

Scanned pages (no usable text layer, and a page image covering most of the page)
are rendered whole and read (``Source.OCR``); on other pages each image large
enough to hold text is rendered where it is drawn and read (``Source.IMAGE``).
Rendering the page region, rather than decoding the image, means any placement
(scaled, rotated, masked) maps back to the page by one scale and offset. The words
are added to the page as ordinary :class:`~idpc_guard.model.Word` values on lines
of their own, so every later
stage works on them unchanged.

Pages with a good text layer and no images are never rendered. A scanned page is
first drawn small (:mod:`idpc_guard.ocr.triage`): a blank one is not read, and one
with ink is read within the box of its ink only; a picture is first given the
engine's cheap text check. Only regions that pass are read. The
reading runs in worker processes (one engine each) when there is more than one
region and more than one worker.
"""

from __future__ import annotations

import math
import re
import sys
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, replace
from multiprocessing import get_context
from pathlib import Path

import numpy as np
import pymupdf

from idpc_guard._bounded import available_cores
from idpc_guard.model import Box, Bundle, OcrEngineName, Page, Source, Unscanned, Word
from idpc_guard.ocr.engines import Image, OcrEngine, OcrLine, build_engine
from idpc_guard.ocr.lines import repair_case
from idpc_guard.ocr.triage import ink_box

#: Progress callback: ``(regions done, regions in all)``.
Progress = Callable[[int, int], None]

#: An image smaller than this on the page (points) or in pixels holds no readable text.
MIN_IMAGE_POINTS = 28.0
MIN_IMAGE_PIXELS = 32
#: Render scale bounds: at least 2x (144 dpi), at most about 300 dpi.
MIN_ZOOM, MAX_ZOOM = 2.0, 300 / 72
#: No rendered region is larger than this many pixels on its longer side.
MAX_SIDE = 4000
#: An image covering this share of a page without text makes it a scanned page.
SCAN_COVER = 0.7
#: A text layer is garbage when fewer than this share of its characters are ordinary.
MIN_GOOD_CHARS = 0.75
#: A word read at an angle steeper than this (degrees) gets no per-character edges.
_FLAT_DEGREES = 4.0
#: Characters other than the letters, digits and punctuation of ordinary text
#: (counted in one pass: a page holds thousands).
_UNORDINARY = re.compile(r"[^A-Za-z0-9.,;:'\"()/&@£$%\-]")


@dataclass(frozen=True, slots=True)
class Region:
    """A part of a page to read: the clip in points and the scale it is rendered at."""

    page: int
    clip: Box
    zoom: float
    source: Source


@dataclass(frozen=True, slots=True, kw_only=True)
class OcrOptions:
    """How the OCR stage runs."""

    #: ``auto``, ``rapidocr`` or ``tesseract``; None: ``IDPC_GUARD_OCR_ENGINE`` or ``auto``.
    engine: OcrEngineName | None = None
    #: Worker processes; 0 means one per core.
    workers: int = 0
    #: False skips OCR altogether (text layers only).
    enabled: bool = True


def usable_text_layer(page: Page) -> bool:
    """Whether a page's text layer can be trusted: it has words and they are not garbage."""
    chars = "".join(w.text for w in page.words)
    if len(chars) < 3:
        return False
    good = len(chars) - len(_UNORDINARY.findall(chars))
    return good / len(chars) >= MIN_GOOD_CHARS


def plan_regions(bundle: Bundle) -> list[Region]:
    """Every region of the bundle that needs OCR, in page order."""
    regions: list[Region] = []
    for page in bundle.pages:
        if not usable_text_layer(page) and _looks_scanned(page):
            zoom = max((i.width / max(i.box.width, 1.0) for i in page.images), default=MIN_ZOOM)
            whole = Box(0.0, 0.0, page.width, page.height)
            regions.append(Region(page.index, whole, _zoom(zoom, whole), Source.OCR))
            continue
        regions += untrusted_regions(page)
        seen: set[tuple[float, ...]] = set()
        for image in page.images:
            shown = _clip(image.box, page)
            if shown is None or min(image.width, image.height) < MIN_IMAGE_PIXELS:
                continue
            if min(shown.width, shown.height) < MIN_IMAGE_POINTS or shown.as_tuple() in seen:
                continue
            seen.add(shown.as_tuple())
            native = max(image.width / image.box.width, image.height / image.box.height)
            regions.append(Region(page.index, shown, _zoom(native, shown), Source.IMAGE))
    return regions


#: Untrusted boxes are read with this margin (points), and at this scale (300 dpi).
_UNTRUSTED_MARGIN = 6.0
_UNTRUSTED_ZOOM = 300 / 72
#: Untrusted boxes closer than this (points, vertically) are read as one region.
_UNTRUSTED_GAP = 30.0


def untrusted_regions(page: Page) -> list[Region]:
    """Regions of a page whose text layer may lie (:mod:`idpc_guard.read.trust`), to OCR.

    Nearby boxes are read together (a statement's block of lines in one go); the
    words read are added beside the text layer's, so detection sees both.
    """
    regions: list[Region] = []
    for group in _bands(sorted(page.untrusted, key=lambda b: b.y0)):
        x0 = max(0.0, min(b.x0 for b in group) - _UNTRUSTED_MARGIN)
        y0 = max(0.0, min(b.y0 for b in group) - _UNTRUSTED_MARGIN)
        x1 = min(page.width, max(b.x1 for b in group) + _UNTRUSTED_MARGIN)
        y1 = min(page.height, max(b.y1 for b in group) + _UNTRUSTED_MARGIN)
        if x1 - x0 < 4 or y1 - y0 < 4:
            continue
        clip = Box(x0, y0, x1, y1)
        regions.append(Region(page.index, clip, _zoom(_UNTRUSTED_ZOOM, clip), Source.OCR))
    return regions


def _bands(boxes: Sequence[Box]) -> Iterator[list[Box]]:
    """Boxes (sorted by top) in groups whose vertical gaps are under :data:`_UNTRUSTED_GAP`."""
    group: list[Box] = []
    bottom = 0.0
    for box in boxes:
        if group and box.y0 - bottom > _UNTRUSTED_GAP:
            yield group
            group = []
        group.append(box)
        bottom = max(bottom, box.y1) if len(group) > 1 else box.y1
    if group:
        yield group


def _looks_scanned(page: Page) -> bool:
    """A page image covering most of the page, or no image at all (text drawn as paths).

    A photo placed on an otherwise empty page is read as a picture instead.
    """
    area = page.width * page.height
    return not page.images or max(i.box.width * i.box.height for i in page.images) >= (
        SCAN_COVER * area
    )


def _clip(box: Box, page: Page) -> Box | None:
    x0, y0 = max(box.x0, 0.0), max(box.y0, 0.0)
    x1, y1 = min(box.x1, page.width), min(box.y1, page.height)
    return Box(x0, y0, x1, y1) if x1 > x0 and y1 > y0 else None


def _zoom(native: float, clip: Box) -> float:
    zoom = min(max(native, MIN_ZOOM), MAX_ZOOM)
    return min(zoom, MAX_SIDE / max(clip.width, clip.height, 1.0))


def render(doc: pymupdf.Document, region: Region) -> Image:
    """Render a region of a page as an RGB array."""
    page = doc[region.page]
    clip = pymupdf.Rect(*region.clip.as_tuple())
    pix = page.get_pixmap(matrix=pymupdf.Matrix(region.zoom, region.zoom), clip=clip, alpha=False)
    array = np.frombuffer(pix.samples, dtype=np.uint8).reshape(pix.height, pix.width, pix.n)
    return np.ascontiguousarray(array[:, :, :3])


def read_region(engine: OcrEngine, image: Image, region: Region) -> list[OcrLine]:
    """Read a region; a picture is first given the engine's cheap check for text.

    A scanned page or region has had its glance already (:func:`triaged`): the
    engine's check (a text detector) would cost a good part of reading it.
    """
    if image.size == 0:
        return []
    sparse = region.source is Source.IMAGE
    if sparse and not engine.has_text(image):
        return []
    return engine.read(image, sparse=sparse)


def triaged(doc: pymupdf.Document, region: Region) -> Region | None:
    """The region cut down to its ink, or None when it is blank (:mod:`~idpc_guard.ocr.triage`).

    Pictures on a page are left whole: the engine's own check decides for them.
    """
    if region.source is Source.IMAGE:
        return region
    box = ink_box(doc[region.page], region.clip)
    return None if box is None else replace(region, clip=box)


def to_words(lines: Sequence[OcrLine], region: Region, first_line: int) -> list[Word]:
    """Map lines read from a region's pixels to words on the page, numbering lines on."""
    words: list[Word] = []
    ox, oy, zoom = region.clip.x0, region.clip.y0, region.zoom
    for offset, line in enumerate(lines):
        for ocr_word in line.words:
            points = [(ox + x / zoom, oy + y / zoom) for x, y in ocr_word.quad]
            xs, ys = [p[0] for p in points], [p[1] for p in points]
            box = Box(min(xs), min(ys), max(xs), max(ys))
            (ax, ay), (bx, by) = points[0], points[1]
            angle = math.degrees(math.atan2(by - ay, bx - ax)) if bx != ax or by != ay else 0.0
            edges: tuple[float, ...] = ()
            n = len(ocr_word.text)
            if abs(angle) <= _FLAT_DEGREES and n:
                edges = tuple(box.x0 + box.width * k / n for k in range(n + 1))
            text = repair_case(ocr_word.text)
            words.append(Word(text, box, first_line + offset, region.source, edges))
    return words


def _drop_covered(words: list[Word], page: Page) -> list[Word]:
    """OCR words whose centre lies on a text-layer word are that word again (a caption)."""
    text_boxes = [w.box for w in page.words if w.source is Source.TEXT]
    if not text_boxes:
        return words

    def covered(word: Word) -> bool:
        cx, cy = (word.box.x0 + word.box.x1) / 2, (word.box.y0 + word.box.y1) / 2
        return any(b.x0 <= cx <= b.x1 and b.y0 <= cy <= b.y1 for b in text_boxes)

    return [w for w in words if not covered(w)]


# --- worker processes ------------------------------------------------------------

_WORKER_ENGINE: OcrEngine | None = None


def _init_worker(name: str | None) -> None:
    global _WORKER_ENGINE
    _WORKER_ENGINE = build_engine(name, threads=1)


def _work(image: Image, region: Region) -> list[OcrLine]:
    assert _WORKER_ENGINE is not None
    return read_region(_WORKER_ENGINE, image, region)


def spawned_workers_can_start() -> bool:
    """Whether spawned OCR workers can start in this host process.

    A spawned worker first imports the caller's main module again, by its module name
    or from its file. A host whose main module has a file name that is not a file (a
    script piped to ``python -``, ``<stdin>``; some notebook and embedding hosts) would
    kill every worker as it starts: OCR then runs in this process instead.
    """
    main = sys.modules.get("__main__")
    if main is None or getattr(getattr(main, "__spec__", None), "name", None):
        return True
    path = getattr(main, "__file__", None)
    return path is None or Path(path).is_file()


def _renderable(doc: pymupdf.Document, regions: Sequence[Region]) -> list[Region]:
    """The regions whose page MuPDF can load (a broken page is reported by extraction)."""
    good: list[Region] = []
    for region in regions:
        try:
            doc[region.page].rect  # noqa: B018 - loading the page is the test
        except (pymupdf.mupdf.FzErrorBase, RuntimeError, ValueError, IndexError):
            continue
        good.append(region)
    return good


def _read_all(
    pdf: bytes,
    regions: Sequence[Region],
    engine: Callable[[], OcrEngine],
    options: OcrOptions,
    progress: Progress | None,
) -> Iterator[tuple[Region, list[OcrLine]]]:
    """Read every region, in order; in worker processes when that pays."""
    workers = options.workers or available_cores()
    doc = pymupdf.open(stream=pdf, filetype="pdf")
    try:
        regions = _renderable(doc, regions)
        if workers <= 1 or len(regions) <= 1 or not spawned_workers_can_start():
            for done, region in enumerate(regions, start=1):
                shown = triaged(doc, region)
                if shown is None:
                    yield region, []
                else:
                    yield shown, read_region(engine(), render(doc, shown), shown)
                if progress:
                    progress(done, len(regions))
            return
        # spawn, not fork: ONNX Runtime's threads do not survive a fork.
        with ProcessPoolExecutor(
            max_workers=min(workers, len(regions)),
            mp_context=get_context("spawn"),
            initializer=_init_worker,
            initargs=(options.engine,),
        ) as pool:
            pending: list[tuple[Region, Future[list[OcrLine]] | None]] = []
            queue = iter(regions)
            done = 0
            for region in queue:
                shown = triaged(doc, region)
                if shown is None:
                    pending.append((region, None))
                else:
                    pending.append((shown, pool.submit(_work, render(doc, shown), shown)))
                # Keep a few renders in flight per worker, not the whole bundle in memory.
                while len(pending) >= workers * 2:
                    first, future = pending.pop(0)
                    yield first, future.result() if future is not None else []
                    done += 1
                    if progress:
                        progress(done, len(regions))
            for first, future in pending:
                yield first, future.result() if future is not None else []
                done += 1
                if progress:
                    progress(done, len(regions))
    finally:
        doc.close()


def _untrusted_left_unread(bundle: Bundle) -> Bundle:
    """With OCR off, pages whose text layer may lie are marked as not fully scanned."""
    if not any(page.untrusted and page.unscanned is None for page in bundle.pages):
        return bundle
    pages = tuple(
        replace(page, unscanned=Unscanned.UNTRUSTED_TEXT)
        if page.untrusted and page.unscanned is None
        else page
        for page in bundle.pages
    )
    return replace(bundle, pages=pages)


def ocr(
    bundle: Bundle,
    pdf: bytes,
    engine: Callable[[], OcrEngine],
    options: OcrOptions | None = None,
    progress: Progress | None = None,
) -> Bundle:
    """The bundle with OCR words added to scanned pages and to pages with pictures.

    Args:
        bundle: the extracted bundle.
        pdf: the bundle's bytes (regions are rendered from them).
        engine: builds the engine for reading in this process (called at most once,
            and only if a region is read here rather than in workers).
        options: engine name and number of worker processes.
        progress: called with ``(done, total)`` after each region.
    """
    options = options or OcrOptions()
    if not options.enabled:
        return _untrusted_left_unread(bundle)
    regions = plan_regions(bundle)
    if not regions:
        return bundle
    built: list[OcrEngine] = []

    def local() -> OcrEngine:
        if not built:
            built.append(engine())
        return built[0]

    added: dict[int, list[Word]] = {}
    for region, lines in _read_all(pdf, regions, local, options, progress):
        page = bundle.pages[region.page]
        existing = added.setdefault(region.page, [])
        first = 1 + max((w.line for w in (*page.words, *existing)), default=-1)
        words = to_words(lines, region, first)
        if region.source is Source.IMAGE:
            words = _drop_covered(words, page)
        existing.extend(words)
    pages = tuple(
        replace(page, words=(*page.words, *added[page.index])) if added.get(page.index) else page
        for page in bundle.pages
    )
    return replace(bundle, pages=pages)
