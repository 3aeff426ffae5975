"""Read a PDF's pages in a worker process, each page within a time limit.

Why a process: PyMuPDF does its work in C. A hostile page (a content stream that
loops, a decompression bomb, a pathological font) can keep one call busy for
minutes, and a Python thread or signal cannot stop a C call. A worker process
can always be killed. So:

* the worker (a child made by :func:`~idpc_guard._bounded.forked`: it starts in
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

A bundle of 8 pages or more is read by two such workers at once (when the process may use two
cores), each taking a run of consecutive pages.

Nothing is skipped silently: every page comes back either read or with the
reason it was not (:attr:`Page.unscanned`). Limits that refuse the whole
bundle (image pixels) travel back as :class:`LimitExceededError`.
"""

from __future__ import annotations

import contextlib
import gc
import resource
import time
from multiprocessing.connection import Connection, wait
from pathlib import Path

import pymupdf

from idpc_guard._bounded import available_cores, collector_paused, forked
from idpc_guard.errors import LimitExceededError
from idpc_guard.model import Page, Unscanned
from idpc_guard.read.page import Limits, PackedPage, read_packed_page, unpack_page

#: Extra seconds the first page of each worker gets: starting and opening the file.
STARTUP_SECONDS = 30.0

#: What the worker may allocate on top of what it inherited: this plus four times the file.
_EXTRA_MEMORY = 3 * 1024 * 1024 * 1024


def read_pages(
    data: bytes, sizes: list[tuple[float, float]], limits: Limits, workers: int = 0
) -> tuple[Page, ...]:
    """Read every page of the (unencrypted) PDF ``data``.

    A long bundle is split into runs of pages, each read by its own worker at the
    same time (one per core this process may use, at most :data:`MAX_WORKERS`, each
    with at least :data:`MIN_PAGES_PER_WORKER` pages); the pages come back in order.

    Args:
        data: the PDF's bytes, already opened once by the caller.
        sizes: each page's ``(width, height)``, used for pages that are not scanned.
        limits: the input limits; ``page_seconds`` bounds each page.
        workers: how many workers at most (0: one per core, up to two; 1: one, as in a batch).

    Raises:
        LimitExceededError: a page holds an image over the pixel limit.
    """
    count = len(sizes)
    most = workers or available_cores()
    runs = max(1, min(most, MAX_WORKERS, count // MIN_PAGES_PER_WORKER))
    bounds = [count * i // runs for i in range(runs + 1)]
    readers = [_Reader(data, sizes, limits, bounds[i], bounds[i + 1]) for i in range(runs)]
    # Pages arrive as hundreds of thousands of small objects (words, boxes), and
    # the workers, forked inside, inherit the paused collector too.
    with collector_paused():
        try:
            while active := [r for r in readers if r.next < r.stop]:
                for reader in active:
                    reader.start()
                soonest = min(r.deadline for r in active)
                receivers = [r.receiver for r in active if r.receiver is not None]
                ready = wait(receivers, max(0.0, soonest - time.monotonic()))
                for reader in active:
                    if reader.receiver in ready:
                        reader.receive()
                    elif time.monotonic() >= reader.deadline:
                        reader.give_up(Unscanned.TIMED_OUT)
        finally:
            for reader in readers:
                reader.stop_worker()
    return tuple(page for reader in readers for page in reader.pages)


#: At most this many page workers per bundle, each given at least this many pages.
MAX_WORKERS = 2
MIN_PAGES_PER_WORKER = 4


class _Reader:
    """The pages ``[start, stop)``, read by one worker at a time (a new one after a failure)."""

    def __init__(
        self,
        data: bytes,
        sizes: list[tuple[float, float]],
        limits: Limits,
        start: int,
        stop: int,
    ) -> None:
        self._data, self._sizes, self._limits = data, sizes, limits
        self.next, self.stop = start, stop
        self.pages: list[Page] = []
        self._worker: contextlib.AbstractContextManager[Connection] | None = None
        self.receiver: Connection | None = None
        self.deadline = 0.0

    def start(self) -> None:
        """Start a worker at the next page, unless one is running."""
        if self._worker is None:
            self._worker = forked(_serve, (self._data, self.next, self._limits, self.stop))
            self.receiver = self._worker.__enter__()
            self.deadline = time.monotonic() + self._limits.page_seconds + STARTUP_SECONDS

    def receive(self) -> None:
        """Take the next page from the worker (it has something to say)."""
        assert self.receiver is not None
        try:
            kind, payload = self.receiver.recv()
        except (EOFError, OSError):
            self.give_up(Unscanned.READER_STOPPED)
            return
        if kind == "limit":
            raise LimitExceededError(str(payload))
        if kind == "error":
            self._unscanned(Unscanned.DAMAGED)
        else:
            self.pages.append(unpack_page(payload))
            self.next += 1
        self.deadline = time.monotonic() + self._limits.page_seconds
        if self.next >= self.stop:
            self.stop_worker()

    def give_up(self, reason: Unscanned) -> None:
        """Record the next page as not scanned, for ``reason``, and stop the worker."""
        self._unscanned(reason)
        self.stop_worker()

    def stop_worker(self) -> None:
        """Kill and reap the worker, if one is running."""
        if self._worker is not None:
            worker, self._worker, self.receiver = self._worker, None, None
            worker.__exit__(None, None, None)

    def _unscanned(self, reason: Unscanned) -> None:
        width, height = self._sizes[self.next]
        self.pages.append(
            Page(self.next, width, height, (), has_text_layer=False, unscanned=reason)
        )
        self.next += 1


def _serve(
    sender: Connection, data: bytes, start: int, limits: Limits, stop: int | None = None
) -> None:
    """Worker process: open the PDF, send ``(kind, payload)`` for each page from ``start``.

    The worker never prints: any failure just ends it, and the caller records the
    page it was on as not scanned. Ctrl-C is left to the caller, which kills it.
    """
    with contextlib.suppress(BaseException):
        _serve_pages(sender, data, start, limits, stop)


def _serve_pages(
    sender: Connection, data: bytes, start: int, limits: Limits, stop: int | None
) -> None:
    # A forked worker inherits the caller's address space (a language model, thread
    # stacks): the cap is on top of that, so only what the PDF makes it allocate counts.
    memory = _address_space() + 4 * len(data) + _EXTRA_MEMORY
    with contextlib.suppress(ValueError, OSError):
        resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    pymupdf.TOOLS.mupdf_display_errors(False)
    pymupdf.TOOLS.mupdf_display_warnings(False)
    gc.disable()  # a page's characters are many small objects, none in a cycle
    doc = pymupdf.open(stream=data, filetype="pdf")
    try:
        if doc.needs_pass:  # the caller decrypts; never read a locked file as blank pages
            raise RuntimeError("the worker was given an encrypted PDF")
        end = doc.page_count if stop is None else min(stop, doc.page_count)
        for index in range(start, end):
            try:
                message: tuple[str, object] = ("page", read_page(doc[index], index, limits))
            except LimitExceededError as exc:
                message = ("limit", str(exc))
            except (pymupdf.mupdf.FzErrorBase, RuntimeError, ValueError, IndexError, MemoryError):
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
    thousands of model objects (see :func:`~idpc_guard.read.page.read_packed_page`).
    """
    return read_packed_page(page, index, limits)


def _address_space() -> int:
    """This process's virtual memory size in bytes (0 when it cannot be read)."""
    try:
        statm = Path("/proc/self/statm").read_text(encoding="ascii")
        return int(statm.split()[0]) * resource.getpagesize()
    except (OSError, ValueError, IndexError):
        return 0
