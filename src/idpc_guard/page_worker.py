"""Read a PDF's pages in a worker process, each page within a time limit.

Why a process: PyMuPDF does its work in C. A hostile page (a content stream that
loops, a decompression bomb, a pathological font) can keep one call busy for
minutes, and a Python thread or signal cannot stop a C call. A worker process
can always be killed. So:

* the worker (a child made by :func:`~idpc_guard.bounded.forked`: it starts in
  milliseconds and runs only PyMuPDF and a pipe; should it ever block on a lock
  copied from the caller, the time limit kills it like any stuck page) opens the
  PDF once and sends back one page at a time;
* the caller waits for each page at most ``Limits.page_seconds`` (the first
  page also gets :data:`STARTUP_SECONDS` for the worker to start and open the
  file);
* a page that does not arrive in time, or whose reading kills the worker
  (a crash, or the worker's memory limit), is recorded as not scanned, the
  worker is killed, and a new worker carries on with the next page;
* a page whose reading raises an error is recorded as not scanned, and the
  same worker carries on.

Nothing is skipped silently: every page comes back either read or with the
reason it was not (:attr:`Page.unscanned`). Limits that refuse the whole
bundle (image pixels) travel back as :class:`LimitExceededError`.
"""

from __future__ import annotations

import contextlib
import resource
from multiprocessing.connection import Connection
from pathlib import Path

import pymupdf

from idpc_guard.bounded import forked
from idpc_guard.errors import LimitExceededError
from idpc_guard.model import Page
from idpc_guard.pdfpage import Limits, PackedPage, read_packed_page, unpack_page

#: Extra seconds the first page of each worker gets: starting and opening the file.
STARTUP_SECONDS = 30.0

#: What the worker may allocate on top of what it inherited: this plus four times the file.
_EXTRA_MEMORY = 3 * 1024 * 1024 * 1024


def read_pages(data: bytes, sizes: list[tuple[float, float]], limits: Limits) -> tuple[Page, ...]:
    """Read every page of the (unencrypted) PDF ``data``.

    Args:
        data: the PDF's bytes, already opened once by the caller.
        sizes: each page's ``(width, height)``, used for pages that are not scanned.
        limits: the input limits; ``page_seconds`` bounds each page.

    Raises:
        LimitExceededError: a page holds an image over the pixel limit.
    """
    pages: list[Page] = []
    while len(pages) < len(sizes):
        _run_worker(data, sizes, limits, pages)
    return tuple(pages)


def _run_worker(
    data: bytes, sizes: list[tuple[float, float]], limits: Limits, pages: list[Page]
) -> None:
    start = len(pages)
    with forked(_serve, (data, start, limits)) as receiver:
        for index in range(start, len(sizes)):
            wait = limits.page_seconds + (STARTUP_SECONDS if index == start else 0.0)
            reason = _receive(receiver, wait, pages, sizes, limits.page_seconds)
            if reason:
                width, height = sizes[index]
                pages.append(Page(index, width, height, (), has_text_layer=False, unscanned=reason))
                return


def _receive(
    receiver: Connection,
    wait: float,
    pages: list[Page],
    sizes: list[tuple[float, float]],
    limit: float,
) -> str:
    """Take the next page from the worker; return why not when the worker must go."""
    if not receiver.poll(wait):
        return f"reading it took longer than {limit:g} s; check it by eye or raise --page-timeout"
    try:
        kind, payload = receiver.recv()
    except (EOFError, OSError):
        return "reading it stopped the PDF reader (damaged or hostile content); check it by eye"
    if kind == "limit":
        raise LimitExceededError(str(payload))
    if kind == "error":
        width, height = sizes[len(pages)]
        pages.append(Page(len(pages), width, height, (), has_text_layer=False, unscanned=_DAMAGED))
    else:
        pages.append(unpack_page(payload))
    return ""


_DAMAGED = "it is damaged and could not be read; check it by eye"


def _serve(sender: Connection, data: bytes, start: int, limits: Limits) -> None:
    """Worker process: open the PDF, send ``(kind, payload)`` for each page from ``start``.

    The worker never prints: any failure just ends it, and the caller records the
    page it was on as not scanned. Ctrl-C is left to the caller, which kills it.
    """
    with contextlib.suppress(BaseException):
        _serve_pages(sender, data, start, limits)


def _serve_pages(sender: Connection, data: bytes, start: int, limits: Limits) -> None:
    # A forked worker inherits the caller's address space (a language model, thread
    # stacks): the cap is on top of that, so only what the PDF makes it allocate counts.
    memory = _address_space() + 4 * len(data) + _EXTRA_MEMORY
    with contextlib.suppress(ValueError, OSError):
        resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    pymupdf.TOOLS.mupdf_display_errors(False)
    pymupdf.TOOLS.mupdf_display_warnings(False)
    doc = pymupdf.open(stream=data, filetype="pdf")
    try:
        if doc.needs_pass:  # the caller decrypts; never read a locked file as blank pages
            raise RuntimeError("the worker was given an encrypted PDF")
        for index in range(start, doc.page_count):
            try:
                message: tuple[str, object] = ("page", read_page(doc[index], index, limits))
            except LimitExceededError as exc:
                message = ("limit", str(exc))
            except (pymupdf.mupdf.FzErrorBase, RuntimeError, ValueError, MemoryError):
                message = ("error", index)
            sender.send(message)
            if message[0] == "limit":
                return
    finally:
        doc.close()
        sender.close()


def read_page(page: pymupdf.Page, index: int, limits: Limits) -> PackedPage:
    """One page as the worker sends it: plain values, made a :class:`Page` by the caller.

    Tuples of strings and numbers travel through the pipe several times faster than
    thousands of model objects (see :func:`~idpc_guard.pdfpage.read_packed_page`).
    """
    return read_packed_page(page, index, limits)


def _address_space() -> int:
    """This process's virtual memory size in bytes (0 when it cannot be read)."""
    try:
        statm = Path("/proc/self/statm").read_text(encoding="ascii")
        return int(statm.split()[0]) * resource.getpagesize()
    except (OSError, ValueError, IndexError):
        return 0
