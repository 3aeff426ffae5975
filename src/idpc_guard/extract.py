"""Read a bundle PDF into a :class:`~idpc_guard.model.Bundle`.

This is the only module that opens the input, and the one place where PyMuPDF's
errors on reading are translated into :mod:`idpc_guard.errors`.
"""

from __future__ import annotations

import contextlib
import hashlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pymupdf

from idpc_guard.errors import (
    DamagedPdfError,
    EncryptedPdfError,
    InputError,
    LimitExceededError,
    NotAPdfError,
)
from idpc_guard.model import Box, Bundle, ImageInfo, OutlineEntry, Page, Source, Word

# MuPDF writes its own warnings to stderr; they carry nothing the user can act on
# and the CLI owns stderr.
pymupdf.TOOLS.mupdf_display_errors(False)
pymupdf.TOOLS.mupdf_display_warnings(False)

#: A PDF's header must start within this many bytes (as PDF readers allow).
_HEADER_WINDOW = 1024


@dataclass(frozen=True, slots=True, kw_only=True)
class Limits:
    """Input limits. Anything over a limit is refused with exit status 3."""

    max_pages: int = 5000
    max_bytes: int = 1024 * 1024 * 1024


@contextlib.contextmanager
def map_pymupdf_errors(name: str) -> Iterator[None]:
    """Translate PyMuPDF's errors on reading into :class:`InputError` subclasses."""
    try:
        yield
    except InputError:
        raise
    except pymupdf.EmptyFileError as exc:
        raise NotAPdfError(f"{name} is empty: give the bundle PDF") from exc
    except (pymupdf.FileDataError, RuntimeError, ValueError) as exc:
        raise DamagedPdfError(
            f"{name} is damaged and cannot be read: ask for the bundle to be re-exported"
        ) from exc


def read_bytes(path: Path, limits: Limits) -> bytes:
    """Read the bundle file, refusing what is not a PDF or is over the size limit."""
    try:
        size = path.stat().st_size
        if size > limits.max_bytes:
            raise LimitExceededError(
                f"{path.name} is {size} bytes, over the limit of {limits.max_bytes}; "
                "raise it with --max-bytes"
            )
        data = path.read_bytes()
    except FileNotFoundError as exc:
        raise InputError(f"{path} does not exist") from exc
    except IsADirectoryError as exc:
        raise InputError(f"{path} is a folder, not a PDF file") from exc
    except PermissionError as exc:
        raise InputError(f"{path} cannot be read: permission denied") from exc
    except OSError as exc:
        raise InputError(f"{path} cannot be read: {exc.strerror or exc}") from exc
    check_header(data, path.name)
    return data


def check_header(data: bytes, name: str) -> None:
    """Refuse input that is empty or has no PDF header."""
    if not data:
        raise NotAPdfError(f"{name} is empty: give the bundle PDF")
    if b"%PDF-" not in data[:_HEADER_WINDOW]:
        raise NotAPdfError(f"{name} is not a PDF file (no %PDF header)")


def open_pdf(data: bytes, name: str, limits: Limits) -> pymupdf.Document:
    """Open PDF bytes with PyMuPDF, refusing encrypted, empty or oversized documents."""
    with map_pymupdf_errors(name):
        doc = pymupdf.open(stream=data, filetype="pdf")
        if doc.needs_pass:
            doc.close()
            raise EncryptedPdfError(
                f"{name} is encrypted with a password: remove it "
                "(e.g. qpdf --decrypt --password=... in.pdf out.pdf) and retry"
            )
        if doc.is_repaired and b"%%EOF" not in data[-_HEADER_WINDOW:]:
            doc.close()
            raise DamagedPdfError(
                f"{name} is truncated (the end of the file is missing): "
                "ask for the bundle to be re-exported or sent again"
            )
        if doc.page_count == 0:
            doc.close()
            raise DamagedPdfError(f"{name} has no pages: ask for the bundle to be re-exported")
        if doc.page_count > limits.max_pages:
            count = doc.page_count
            doc.close()
            raise LimitExceededError(
                f"{name} has {count} pages, over the limit of {limits.max_pages}; "
                "raise it with --max-pages"
            )
        return doc


def extract(path: Path, limits: Limits | None = None) -> tuple[Bundle, bytes]:
    """Read the bundle at ``path`` into a :class:`Bundle`; also return its bytes."""
    limits = limits or Limits()
    data = read_bytes(path, limits)
    return extract_bytes(data, str(path), limits), data


def extract_bytes(data: bytes, name: str, limits: Limits | None = None) -> Bundle:
    """Read PDF bytes into a :class:`Bundle`. ``name`` is used in messages and the report."""
    limits = limits or Limits()
    check_header(data, Path(name).name)
    doc = open_pdf(data, Path(name).name, limits)
    try:
        with map_pymupdf_errors(Path(name).name):
            pages = tuple(_read_page(doc[i], i) for i in range(doc.page_count))
            outline = _outline(doc)
    finally:
        doc.close()
    return Bundle(path=name, sha256=hashlib.sha256(data).hexdigest(), pages=pages, outline=outline)


def _outline(doc: pymupdf.Document) -> tuple[OutlineEntry, ...]:
    """The bookmarks that point at a page of this document, in outline order."""
    entries: list[OutlineEntry] = []
    for item in doc.get_toc(simple=True):
        level, title, page = int(item[0]), str(item[1]), int(item[2])
        if 1 <= page <= doc.page_count:
            entries.append(OutlineEntry(level=level, title=title.strip(), page=page - 1))
    return tuple(entries)


def _read_page(page: pymupdf.Page, index: int) -> Page:
    raw = page.get_text("rawdict", sort=True)
    words = tuple(_words(raw))
    images = tuple(_images(page))
    rect = page.rect
    return Page(
        index=index,
        width=float(rect.width),
        height=float(rect.height),
        words=words,
        images=images,
        has_text_layer=bool(words),
        covers=tuple(_covers(page, _light_text(raw))),
    )


#: A redaction box: filled, nearly black, at least a word wide and a line high.
_COVER_DARKNESS = 0.25
_COVER_MIN_WIDTH = 8.0
_COVER_HEIGHT = (5.0, 80.0)


def _light_text(raw: dict[str, Any]) -> list[tuple[float, float, float, float]]:
    """Boxes of text spans drawn in a light colour (white on a dark band is visible)."""
    boxes: list[tuple[float, float, float, float]] = []
    for block in raw.get("blocks", ()):
        for line in block.get("lines", ()):
            for span in line.get("spans", ()):
                color = int(span.get("color", 0))
                r, g, b = (color >> 16) & 255, (color >> 8) & 255, color & 255
                if 0.299 * r + 0.587 * g + 0.114 * b > 150:
                    x0, y0, x1, y1 = (float(v) for v in span["bbox"])
                    boxes.append((x0, y0, x1, y1))
    return boxes


def _covers(
    page: pymupdf.Page,
    light: list[tuple[float, float, float, float]] = (),  # type: ignore[assignment]
) -> Iterator[Box]:
    """Dark filled rectangles that could hide text (not dark bands under light text)."""
    for path in page.get_drawings():
        fill = path.get("fill")
        if not fill or max(fill) > _COVER_DARKNESS or (path.get("fill_opacity") or 1.0) < 0.9:
            continue
        rect = path["rect"]
        if not (
            rect.width >= _COVER_MIN_WIDTH and _COVER_HEIGHT[0] <= rect.height <= _COVER_HEIGHT[1]
        ):
            continue
        box = Box(float(rect.x0), float(rect.y0), float(rect.x1), float(rect.y1))
        if any(box.intersects(Box(*span)) for span in light):
            continue
        yield box


def _words(raw: dict[str, Any]) -> Iterator[Word]:
    """Group the characters of each line into whitespace-separated words."""
    line_no = 0
    for block in raw.get("blocks", ()):
        if block.get("type", 0) != 0:
            continue
        for line in block.get("lines", ()):
            horizontal = abs(line["dir"][1]) < 1e-3 and line["dir"][0] > 0
            chars: list[dict[str, Any]] = []
            for span in line["spans"]:
                chars.extend(span["chars"])
            yield from _split_words(chars, line_no, horizontal)
            line_no += 1


def _split_words(chars: list[dict[str, Any]], line_no: int, horizontal: bool) -> Iterator[Word]:
    run: list[dict[str, Any]] = []
    for char in [*chars, None]:
        if char is None or char["c"].isspace():
            if run:
                yield _make_word(run, line_no, horizontal)
                run = []
            continue
        run.append(char)


def _make_word(run: list[dict[str, Any]], line_no: int, horizontal: bool) -> Word:
    x0 = min(c["bbox"][0] for c in run)
    y0 = min(c["bbox"][1] for c in run)
    x1 = max(c["bbox"][2] for c in run)
    y1 = max(c["bbox"][3] for c in run)
    text = "".join(c["c"] for c in run)
    edges: tuple[float, ...] = ()
    if horizontal and len(text) == len(run):
        edges = (*(float(c["bbox"][0]) for c in run), float(run[-1]["bbox"][2]))
    return Word(
        text=text,
        box=Box(float(x0), float(y0), float(max(x0, x1)), float(max(y0, y1))),
        line=line_no,
        source=Source.TEXT,
        char_edges=edges,
    )


def _images(page: pymupdf.Page) -> Iterator[ImageInfo]:
    for info in page.get_image_info(xrefs=True):
        x0, y0, x1, y1 = info["bbox"]
        if x1 < x0 or y1 < y0:
            continue
        yield ImageInfo(
            xref=int(info.get("xref", 0)),
            box=Box(float(x0), float(y0), float(x1), float(y1)),
            width=int(info.get("width", 0)),
            height=int(info.get("height", 0)),
        )
