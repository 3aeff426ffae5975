"""The page checks of verification: characters under the boxes, values in the text.

Each page of the redacted copy is loaded once and checked twice:

* on a page with redaction boxes, no character drawn on the page (shown or not:
  PyMuPDF's text trace sees invisible, clipped and covered text too) may have its
  centre inside a box, except the characters of the boxes' own labels;
* on every page, no redacted value may be in the text of the page's whole content
  stream, clipped away or outside the page included (as the redaction stage finds
  values: whole words, any whitespace between).

A long copy is shared out when the process may use a second core (unless told
to use one, as each worker of a batch is): a forked child checks the later pages
while this process checks the earlier ones (and whatever else the caller gives it
to do meanwhile). The child dies with this process; if it cannot
start, fails, or does not answer in time, this process checks its pages itself, so
the result, and any error, is the same as in one process.
"""

from __future__ import annotations

import contextlib
import ctypes
import itertools
import os
import signal
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from multiprocessing.connection import Connection

import numpy as np
import pymupdf

from idpc_guard._bounded import available_cores, collector_paused, forked
from idpc_guard.read.layout import ValueFinder

#: Text extraction of everything the content stream draws: text clipped away, and text
#: outside the page (below the CropBox, beyond the MediaBox) too, as ``pdftotext`` reads it.
WHOLE_STREAM = pymupdf.TEXTFLAGS_TEXT & ~pymupdf.TEXT_CLIP & ~pymupdf.TEXT_MEDIABOX_CLIP
EVERYWHERE = pymupdf.Rect(-1.0e6, -1.0e6, 1.0e6, 1.0e6)
#: A rectangle on the page of the copy: ``(x0, y0, x1, y1)``.
Rect = tuple[float, float, float, float]

#: Fewest pages worth a child of their own (forking and opening the copy cost a few pages).
MIN_PAGES_TO_SHARE = 48
#: How much more a page with boxes costs than a page without (the text trace).
_BOX_PAGE_WEIGHT = 4
#: The share of the page work this process keeps: it also does the caller's other checks.
_OWN_SHARE = 0.45
_PR_SET_PDEATHSIG = 1
#: Seconds a child may take over four times what this process took for its own share.
CHILD_GRACE = 10.0


@dataclass(frozen=True, slots=True)
class PageChecks:
    """What to look for on the pages of a copy.

    Attributes:
        boxes: for each page of the copy (0-based) with boxes, ``(finding id, rect)``
            for each box: no character may have its centre inside.
        values: each redacted value mapped to the finding id to report.
        labels: the texts of the boxes' labels (the only characters allowed inside).
    """

    boxes: Mapping[int, Sequence[tuple[str, Rect]]]
    values: Mapping[str, str]
    labels: frozenset[str]


def page_failures(
    redacted: bytes,
    doc: pymupdf.Document,
    checks: PageChecks,
    meanwhile: Callable[[], set[str]] = set,
    workers: int = 0,
) -> set[str]:
    """The ids of the findings still on some page of the copy, plus what ``meanwhile`` found.

    Args:
        redacted: the copy's bytes (a child opens its own document from them).
        doc: the copy, opened.
        checks: what to look for.
        meanwhile: other checks, run in this process while a child reads its pages.
        workers: processes at most (0: one per core this process may use, so two
            on two cores; 1: this process only, as in each worker of a batch).
    """
    with collector_paused():
        return _page_failures(redacted, doc, checks, meanwhile, workers)


def _page_failures(
    redacted: bytes,
    doc: pymupdf.Document,
    checks: PageChecks,
    meanwhile: Callable[[], set[str]],
    workers: int,
) -> set[str]:
    finder = ValueFinder(checks.values)
    count = doc.page_count
    split = _split(count, checks, workers or available_cores())
    if split >= count:
        return _check_pages(doc, checks, finder, range(count)) | meanwhile()
    share = range(split, count)
    with contextlib.ExitStack() as stack:
        try:
            child = stack.enter_context(
                forked(_check_in_child, (redacted, checks, finder, share, os.getpid()))
            )
        except OSError:  # no process to spare: every page is read here
            return _check_pages(doc, checks, finder, range(count)) | meanwhile()
        started = time.monotonic()
        failed = _check_pages(doc, checks, finder, range(split)) | meanwhile()
        ok, theirs = _answer(child, CHILD_GRACE + 4 * (time.monotonic() - started))
    if not ok:  # check them here: the same answer, or the same error, as in one process
        theirs = _check_pages(doc, checks, finder, share)
    return failed | theirs


def _answer(child: Connection, seconds: float) -> tuple[bool, set[str]]:
    """The child's ``(ok, failed ids)``; not ok if it died, failed or is still busy.

    A child still busy long after this process finished a similar share is stuck
    (on a lock held, at the fork, by a thread of a caller that has threads): its
    pages are then read here instead.
    """
    try:
        if child.poll(seconds):
            ok, theirs = child.recv()
            return bool(ok), set(theirs)
    except (EOFError, OSError):
        pass
    return False, set()


def _split(count: int, checks: PageChecks, workers: int) -> int:
    """The first page the child checks (``count``: no child)."""
    if workers < 2 or count < MIN_PAGES_TO_SHARE:
        return count
    weights = [1 + _BOX_PAGE_WEIGHT * (n in checks.boxes) for n in range(count)]
    own, total = 0.0, sum(weights)
    for number, weight in enumerate(weights):
        own += weight
        if own >= _OWN_SHARE * total:
            return number + 1
    return count  # pragma: no cover - the loop always reaches the share


def _check_in_child(
    sender: Connection,
    redacted: bytes,
    checks: PageChecks,
    finder: ValueFinder,
    pages: range,
    parent: int,
) -> None:
    """Child process: check ``pages``, send ``(ok, failed ids)``."""
    _die_with(parent)
    try:
        doc = pymupdf.open(stream=redacted, filetype="pdf")
        try:
            message = (True, _check_pages(doc, checks, finder, pages))
        finally:
            doc.close()
    except Exception:
        message = (False, set())
    sender.send(message)


def _die_with(parent: int) -> None:
    """Be killed when the parent dies (it may be killed over its time limit).

    Linux only (``prctl``); elsewhere the child ends when it is done.
    """
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() != parent:  # the parent died before the request took effect
        os._exit(0)


def _check_pages(
    doc: pymupdf.Document, checks: PageChecks, finder: ValueFinder, pages: range
) -> set[str]:
    failed: set[str] = set()
    for number in pages:
        page = doc[number]
        boxes = checks.boxes.get(number)
        if boxes:
            chars = PageChars(page, checks.labels)
            answers: dict[Rect, bool] = {}  # a box shared by many findings is looked at once
            for fid, rect in boxes:
                found = answers.get(rect)
                if found is None:
                    found = answers[rect] = chars.any_in(*rect)
                if found:
                    failed.add(fid)
        text = page.get_text("text", flags=WHOLE_STREAM, clip=EVERYWHERE)
        failed.update(checks.values[value] for value, _, _ in finder.finditer(text))
    return failed


class PageChars:
    """Centres of every character drawn on a page (shown or not), except the boxes' labels."""

    def __init__(self, page: pymupdf.Page, labels: frozenset[str]) -> None:
        """Trace the page's text (every character, visible or not)."""
        self._spans = page.get_texttrace()
        self._labels = labels
        self._label_span: dict[int, bool] = {}
        boxes: list[tuple[float, float, float, float]] = []
        counts: list[int] = []
        for span in self._spans:
            drawn = [c[3] for c in span["chars"] if c[0] > 32]
            boxes += drawn
            counts.append(len(drawn))
        self._owners = np.repeat(np.arange(len(counts)), counts)
        # A flat run of numbers reads several times faster than a list of 4-tuples.
        flat = itertools.chain.from_iterable(boxes)
        corners = np.fromiter(flat, dtype=np.float64, count=4 * len(boxes)).reshape(-1, 4)
        self._x = (corners[:, 0] + corners[:, 2]) / 2
        self._y = (corners[:, 1] + corners[:, 3]) / 2

    def any_in(self, x0: float, y0: float, x1: float, y1: float) -> bool:
        """Whether a character (not a label) has its centre in the rectangle, edges included."""
        inside = (self._x >= x0) & (self._x <= x1) & (self._y >= y0) & (self._y <= y1)
        owners = np.unique(self._owners[inside]).tolist()
        return any(not self._is_label(span) for span in owners)

    def _is_label(self, span: int) -> bool:
        if not self._labels:
            return False
        if span not in self._label_span:
            chars = self._spans[span]["chars"]
            text = "".join(chr(c[0]) for c in chars if c[0] > 0)
            self._label_span[span] = only_labels(text, self._labels)
        return self._label_span[span]


def only_labels(text: str, labels: frozenset[str]) -> bool:
    """True when a span is made of box labels only (labels of several boxes may share a span)."""
    for label in sorted(labels, key=len, reverse=True):
        text = text.replace(label, "")
    return not text.strip()
