"""Verification of a long copy, checked by one process or shared with a child.

Each copy here is made in code to look like a redaction that went wrong in one
place (a value left on a page with no finding, a character left under a box, a
value in an object nothing points to): whether one process reads every page or a
child reads the later ones, the copy must fail, naming the finding, and never
the value. All text is invented.
"""

from __future__ import annotations

import contextlib
import gc
import os
import signal
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

import pymupdf
import pytest

from idpc_guard.errors import RedactionNotVerifiedError
from idpc_guard.model import (
    Action,
    Box,
    Decisions,
    Detection,
    Finding,
    PageAction,
    PageActionKind,
    Severity,
    Source,
    Verdict,
)
from idpc_guard.read.extract import extract_bytes
from idpc_guard.read.layout import page_text, span_boxes
from idpc_guard.redact.plan import redaction_plan
from idpc_guard.verify import pages as verify_pages
from idpc_guard.verify.verification import verify
from tests.pdfs import LEFT, TOP, make_pdf

PAGES = verify_pages.MIN_PAGES_TO_SHARE + 12
PHONE = "07700 900461"
REFERENCE = "QX7-4419-ZT"
LINE = "Statement continued: nothing on this line is personal."


def _bundle(extra: dict[int, list[str]] | None = None) -> bytes:
    """A long copy: the same plain line on every page, plus ``extra`` lines on some pages."""
    extra = extra or {}
    return make_pdf([[LINE, *extra.get(n, [])] for n in range(PAGES)])


def _finding(number: int, value: str, page: int, boxes: tuple[Box, ...], entity: str) -> Finding:
    detection = Detection(entity, value, page, boxes, 0.9, Source.TEXT, "test", 0)
    return Finding(f"F{number:04d}", detection, Action.REDACT, "r", "reason", Severity.HIGH)


def _decisions(*findings: Finding) -> Decisions:
    return Decisions(findings, (), (), Verdict.REVIEW)


# Where a redacted value was: now blank in the copy (the box check finds nothing there).
_BLANK = (Box(LEFT, TOP + 40, LEFT + 80, TOP + 52),)


@dataclass
class Shares:
    """The pages each process read: ``here`` in this one, ``child`` in the child."""

    here: list[range] = field(default_factory=list)
    child: list[range] = field(default_factory=list)


@pytest.fixture(params=[1, 2], ids=["one process", "shared with a child"])
def workers(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> Iterator[Shares]:
    """Verification with one process, or with a child reading the later pages."""
    monkeypatch.setattr(verify_pages, "available_cores", lambda: request.param)
    shares = Shares()
    real_fork, real_check = verify_pages.forked, verify_pages._check_pages

    def counted(
        target: Callable[..., None], args: tuple[Any, ...]
    ) -> AbstractContextManager[Connection]:
        shares.child.append(args[3])
        return real_fork(target, args)

    def check(*args: Any) -> set[str]:
        shares.here.append(args[-1])  # in the child, this list is the child's own copy
        return real_check(*args)

    monkeypatch.setattr(verify_pages, "forked", counted)
    monkeypatch.setattr(verify_pages, "_check_pages", check)
    yield shares
    assert len(shares.child) == request.param - 1


def test_a_clean_long_copy_passes_with_the_same_counts(workers: Shares) -> None:
    findings = [
        _finding(1, PHONE, 3, _BLANK, "PHONE_NUMBER"),
        _finding(2, REFERENCE, PAGES - 2, _BLANK, "HIDDEN_TEXT"),
    ]
    result = verify(PAGES, _bundle(), redaction_plan(_decisions(*findings)))
    assert (result.boxes_checked, result.values_checked, result.pages) == (2, 1, PAGES)
    # Every page is read, once: the first ones here, the rest (if shared) in the child.
    read = [n for share in workers.here + workers.child for n in share]
    assert sorted(read) == list(range(PAGES))
    assert all(n < child.start for here in workers.here for n in here for child in workers.child)


@pytest.mark.parametrize("left_on", [1, PAGES - 1])
def test_a_value_left_on_a_page_with_no_finding_fails(workers: Shares, left_on: int) -> None:
    copy = _bundle({left_on: [f"Call him on {PHONE} after six."]})
    finding = _finding(7, PHONE, 5, _BLANK, "PHONE_NUMBER")
    with pytest.raises(RedactionNotVerifiedError, match="F0007") as info:
        verify(PAGES, copy, redaction_plan(_decisions(finding)))
    assert PHONE not in str(info.value) and "900461" not in str(info.value)
    if workers.child:  # the page is read by the process it was meant to test
        assert (left_on in workers.child[0]) == (left_on == PAGES - 1)


def test_a_value_drawn_in_two_pieces_on_a_late_page_fails(workers: Shares) -> None:
    doc = pymupdf.open(stream=_bundle(), filetype="pdf")
    page = doc[PAGES - 1]
    first, second = PHONE.split()
    y = TOP + 60
    page.insert_text((LEFT, y), f"Tel {first}", fontname="helv", fontsize=11)
    gap = pymupdf.get_text_length(f"Tel {first} ", fontname="helv", fontsize=11)
    page.insert_text((LEFT + gap, y), f"{second} daytime", fontname="tiro", fontsize=11)
    copy = doc.tobytes(garbage=4, deflate=True)
    spans = pymupdf.open(stream=copy, filetype="pdf")[PAGES - 1].get_texttrace()
    assert not any(PHONE in "".join(chr(c[0]) for c in s["chars"]) for s in spans)
    with pytest.raises(RedactionNotVerifiedError, match="F0003"):
        verify(
            PAGES, copy, redaction_plan(_decisions(_finding(3, PHONE, 0, _BLANK, "PHONE_NUMBER")))
        )


@pytest.mark.parametrize("page", [2, PAGES - 3])
def test_a_character_left_under_a_box_fails_only_that_finding(workers: Shares, page: int) -> None:
    copy = _bundle({page: [f"Ref {REFERENCE} stays here"], 4: ["Ref blank here"]})
    text = page_text(extract_bytes(copy, "x.pdf").pages[page])
    start = text.text.index(REFERENCE)
    boxes = span_boxes(text, start, start + len(REFERENCE))
    missed = _finding(5, REFERENCE, page, boxes, "HIDDEN_TEXT")  # box-only: no text search
    done = _finding(6, REFERENCE, 4, _BLANK, "HIDDEN_TEXT")
    with pytest.raises(RedactionNotVerifiedError, match="F0005") as info:
        verify(PAGES, copy, redaction_plan(_decisions(done, missed)))
    assert "F0006" not in str(info.value) and REFERENCE not in str(info.value)


def test_boxes_are_checked_on_the_page_they_moved_to_when_pages_were_removed(
    workers: Shares,
) -> None:
    # The bundle had two more pages (1 and 2), removed from the copy: a box on the
    # bundle's last page is checked on the copy's last page.
    page = PAGES - 1
    copy = _bundle({page: [f"Ref {REFERENCE} stays here"]})
    text = page_text(extract_bytes(copy, "x.pdf").pages[page])
    start = text.text.index(REFERENCE)
    boxes = span_boxes(text, start, start + len(REFERENCE))
    missed = _finding(5, REFERENCE, page + 2, boxes, "HIDDEN_TEXT")
    removed = tuple(PageAction(p, PageActionKind.REMOVE, "contact page") for p in (1, 2))
    decisions = Decisions((missed,), removed, (), Verdict.REVIEW)
    with pytest.raises(RedactionNotVerifiedError, match="F0005"):
        verify(PAGES + 2, copy, redaction_plan(decisions))


@pytest.mark.parametrize("packed", [False, True], ids=["plain object", "object stream"])
def test_a_value_in_an_object_nothing_points_to_fails(workers: Shares, packed: bool) -> None:
    # Not on any page, not in any carrier verification names: only the file's bytes hold it.
    doc = pymupdf.open(stream=_bundle(), filetype="pdf")
    xref = doc.get_new_xref()
    doc.update_object(xref, f"<< /Note (Witness line {PHONE} ends) >>")
    copy = doc.tobytes(garbage=0, use_objstms=int(packed))
    assert PHONE not in "".join(p.get_text() for p in pymupdf.open(stream=copy, filetype="pdf"))
    with pytest.raises(RedactionNotVerifiedError, match="F0009"):
        verify(
            PAGES, copy, redaction_plan(_decisions(_finding(9, PHONE, 2, _BLANK, "PHONE_NUMBER")))
        )


def _dies(sender: Connection, *args: object) -> None:
    os._exit(1)


def _sticks(sender: Connection, *args: object) -> None:
    time.sleep(60)  # as if stuck on a lock copied at the fork


@contextlib.contextmanager
def _no_fork(target: Callable[..., None], args: tuple[Any, ...]) -> Iterator[Connection]:
    raise OSError("no process to spare")
    yield  # pragma: no cover


@pytest.mark.parametrize("child", ["dies", "sticks", "never starts"])
def test_a_childs_pages_are_read_here_when_it_does_not_answer(
    monkeypatch: pytest.MonkeyPatch, child: str
) -> None:
    monkeypatch.setattr(verify_pages, "available_cores", lambda: 2)
    monkeypatch.setattr(verify_pages, "CHILD_GRACE", 0.5)
    if child == "never starts":
        monkeypatch.setattr(verify_pages, "forked", _no_fork)
    else:
        monkeypatch.setattr(verify_pages, "_check_in_child", _dies if child == "dies" else _sticks)
    copy = _bundle({PAGES - 1: [f"Call him on {PHONE} after six."]})
    started = time.monotonic()
    with pytest.raises(RedactionNotVerifiedError, match="F0007"):
        verify(
            PAGES, copy, redaction_plan(_decisions(_finding(7, PHONE, 5, _BLANK, "PHONE_NUMBER")))
        )
    assert time.monotonic() - started < 20


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="prctl is Linux only")
def test_a_child_does_not_outlive_its_parent() -> None:
    # A parent killed over its time limit must not leave a child reading a hostile page.
    reader, writer = os.pipe()
    pid = os.fork()
    if pid == 0:  # the parent: starts a child, waits until it is ready, is killed
        try:
            os.close(reader)
            with verify_pages.forked(_ready_then_wait, (writer, os.getpid())) as child:
                child.recv()
                os.kill(os.getpid(), signal.SIGKILL)
        finally:
            os._exit(1)
    os.close(writer)
    child = int(os.read(reader, 32))
    os.waitpid(pid, 0)
    deadline = time.monotonic() + 5
    while _alive(child) and time.monotonic() < deadline:
        time.sleep(0.01)
    assert not _alive(child)


def _ready_then_wait(sender: Connection, writer: int, parent: int) -> None:
    verify_pages._die_with(parent)
    os.write(writer, str(os.getpid()).encode())
    sender.send("ready")
    time.sleep(30)


def _alive(pid: int) -> bool:
    """Whether a process runs (a zombie waiting to be reaped does not)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text(encoding="ascii")
        return stat.rsplit(")", 1)[1].split()[0] != "Z"
    except FileNotFoundError:
        return False


def _must_not_fork(target: Callable[..., None], args: tuple[Any, ...]) -> Any:
    raise AssertionError("verification forked although told to use one process")


def test_one_worker_reads_every_page_here_whatever_the_cores(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Each worker of a batch verifies with workers=1: the pool already uses the cores.
    monkeypatch.setattr(verify_pages, "available_cores", lambda: 8)
    monkeypatch.setattr(verify_pages, "forked", _must_not_fork)
    copy = _bundle({PAGES - 1: [f"Call him on {PHONE} after six."]})
    decisions = _decisions(_finding(7, PHONE, 5, _BLANK, "PHONE_NUMBER"))
    with pytest.raises(RedactionNotVerifiedError, match="F0007"):
        verify(PAGES, copy, redaction_plan(decisions), workers=1)


@pytest.mark.parametrize("enabled", [True, False])
def test_the_collector_is_paused_for_the_pages_and_then_as_it_was(
    monkeypatch: pytest.MonkeyPatch, enabled: bool
) -> None:
    seen: list[bool] = []
    real = verify_pages._check_pages

    def check(*args: Any) -> set[str]:
        seen.append(gc.isenabled())
        return real(*args)

    monkeypatch.setattr(verify_pages, "_check_pages", check)
    (gc.enable if enabled else gc.disable)()
    try:
        verify(
            PAGES,
            _bundle(),
            redaction_plan(_decisions(_finding(1, PHONE, 3, _BLANK, "PHONE_NUMBER"))),
        )
        assert gc.isenabled() is enabled
    finally:
        gc.enable()
    assert seen and not any(seen)
