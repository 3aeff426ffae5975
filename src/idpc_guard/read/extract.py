"""Read a bundle PDF into a :class:`~idpc_guard.model.Bundle`.

This is the only module that opens the input, and the one place where PyMuPDF's
errors on reading are translated into :mod:`idpc_guard.errors`. Pages are read
by :mod:`idpc_guard.read.workers`, each within its time limit.
"""

from __future__ import annotations

import contextlib
import hashlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pymupdf

from idpc_guard.errors import (
    DamagedPdfError,
    EncryptedPdfError,
    InputError,
    LimitExceededError,
    NotAPdfError,
)
from idpc_guard.model import Bundle, OutlineEntry
from idpc_guard.read.carriers import read_carriers
from idpc_guard.read.page import Limits
from idpc_guard.read.workers import read_pages
from idpc_guard.text.quality import writable

__all__ = ["Extracted", "Limits", "check_header", "extract", "extract_bytes", "open_pdf"]

# MuPDF writes its own warnings to stderr; they carry nothing the user can act on
# and the CLI owns stderr.
pymupdf.TOOLS.mupdf_display_errors(False)
pymupdf.TOOLS.mupdf_display_warnings(False)

#: A PDF's header must start within this many bytes (as PDF readers allow).
_HEADER_WINDOW = 1024

#: US Letter, for a page whose size cannot be read.
_DEFAULT_SIZE = (612.0, 792.0)


@dataclass(frozen=True, slots=True)
class Extracted:
    """A bundle as read, and the PDF bytes later stages work on (decrypted if it was)."""

    bundle: Bundle
    pdf: bytes


@contextlib.contextmanager
def map_pymupdf_errors(name: str) -> Iterator[None]:
    """Translate PyMuPDF's errors on reading into :class:`InputError` subclasses."""
    try:
        yield
    except InputError:
        raise
    except pymupdf.EmptyFileError as exc:
        raise NotAPdfError(f"{name} is empty: give the bundle PDF") from exc
    except (pymupdf.FileDataError, pymupdf.mupdf.FzErrorBase, RuntimeError, ValueError) as exc:
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


def open_pdf(
    data: bytes, name: str, limits: Limits, password: str | None = None
) -> pymupdf.Document:
    """Open PDF bytes with PyMuPDF, refusing encrypted, empty or oversized documents.

    A PDF with only an owner password (printing or copying restricted) opens
    without one. A PDF with a user password needs ``password``.
    """
    with map_pymupdf_errors(name):
        doc = pymupdf.open(stream=data, filetype="pdf")
        try:
            _check_open(doc, data, name, limits, password)
        except BaseException:
            doc.close()
            raise
        return doc


def _check_open(
    doc: pymupdf.Document, data: bytes, name: str, limits: Limits, password: str | None
) -> None:
    if doc.needs_pass:
        if password is None:
            raise EncryptedPdfError(
                f"{name} is encrypted with a password: give it with --password "
                "(or the IDPC_GUARD_PASSWORD environment variable) and retry"
            )
        if not doc.authenticate(password):
            raise EncryptedPdfError(f"the password given does not open {name}: check it and retry")
    if doc.is_repaired and b"%%EOF" not in data[-_HEADER_WINDOW:]:
        raise DamagedPdfError(
            f"{name} is truncated (the end of the file is missing): "
            "ask for the bundle to be re-exported or sent again"
        )
    if doc.page_count == 0:
        raise DamagedPdfError(f"{name} has no pages: ask for the bundle to be re-exported")
    if doc.page_count > limits.max_pages:
        raise LimitExceededError(
            f"{name} has {doc.page_count} pages, over the limit of {limits.max_pages}; "
            "raise it with --max-pages"
        )


def extract(
    path: Path, limits: Limits | None = None, password: str | None = None, *, workers: int = 0
) -> tuple[Bundle, bytes]:
    """Read the bundle at ``path`` into a :class:`Bundle`; also return the PDF bytes.

    The bytes are the file's own, or, for an encrypted bundle, a decrypted copy
    (so that the redaction stage can open it); the bundle's ``sha256`` is always
    that of the file. ``workers`` caps the processes reading pages at once (0: one
    per core, up to two).
    """
    limits = limits or Limits()
    data = read_bytes(path, limits)
    result = extract_pdf(data, str(path), limits, password, workers=workers)
    return result.bundle, result.pdf


def extract_bytes(
    data: bytes, name: str, limits: Limits | None = None, password: str | None = None
) -> Bundle:
    """Read PDF bytes into a :class:`Bundle`. ``name`` is used in messages and the report."""
    return extract_pdf(data, name, limits, password).bundle


def extract_pdf(
    data: bytes,
    name: str,
    limits: Limits | None = None,
    password: str | None = None,
    *,
    workers: int = 0,
) -> Extracted:
    """Read PDF bytes into a :class:`Bundle` and the bytes later stages work on."""
    limits = limits or Limits()
    short = Path(name).name
    check_header(data, short)
    doc = open_pdf(data, short, limits, password)
    try:
        with map_pymupdf_errors(short):
            sizes = [_page_size(doc, i) for i in range(doc.page_count)]
            outline = _outline(doc)
            carriers = read_carriers(doc)
            # An encrypted bundle (user password given, or owner password only) is
            # decrypted once here, so that the worker and the redaction stage can open it.
            encrypted = bool((doc.metadata or {}).get("encryption"))
            pdf = doc.tobytes(encryption=pymupdf.PDF_ENCRYPT_NONE) if encrypted else data
    finally:
        doc.close()
    with map_pymupdf_errors(short):
        pages = read_pages(pdf, sizes, limits, workers)
    bundle = Bundle(
        # A file name that is not valid UTF-8 reaches Python with lone surrogates
        # (os.fsdecode): the report names the file with U+FFFD in their place.
        path=writable(name),
        sha256=hashlib.sha256(data).hexdigest(),
        pages=pages,
        outline=outline,
        carriers=carriers,
    )
    return Extracted(bundle, pdf)


def _outline(doc: pymupdf.Document) -> tuple[OutlineEntry, ...]:
    """The bookmarks that point at a page of this document, in outline order."""
    entries: list[OutlineEntry] = []
    try:
        toc = doc.get_toc(simple=True)
    except (pymupdf.mupdf.FzErrorBase, RuntimeError, ValueError):
        return ()  # a broken outline is no reason to refuse the bundle
    for item in toc:
        level, title, page = int(item[0]), str(item[1]), int(item[2])
        if 1 <= page <= doc.page_count:
            entries.append(OutlineEntry(level=level, title=writable(title).strip(), page=page - 1))
    return tuple(entries)


def _page_size(doc: pymupdf.Document, index: int) -> tuple[float, float]:
    try:
        rect = doc.page_cropbox(index)
    except (pymupdf.mupdf.FzErrorBase, RuntimeError, ValueError):
        return _DEFAULT_SIZE
    return (float(abs(rect.width)), float(abs(rect.height)))
