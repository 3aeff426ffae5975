"""The page worker and bounded stages: slow, crashing and failing pages are reported,
never skipped, and never hang the caller."""

from __future__ import annotations

import contextlib
import gc
import os
import time
from pathlib import Path
from typing import Any

import pymupdf
import pytest

from idpc_guard._bounded import collector_paused, run_bounded
from idpc_guard.errors import DamagedPdfError, LimitExceededError
from idpc_guard.model import Unscanned
from idpc_guard.read.extract import Limits, extract_bytes
from tests.bad_pages import misbehave_on
from tests.pdfs import make_pdf

PDF = make_pdf([["page one"], ["page two"], ["page three"]])


@pytest.mark.parametrize(
    ("how", "reason"),
    [
        ("hang", Unscanned.TIMED_OUT),
        ("crash", Unscanned.READER_STOPPED),
        ("error", Unscanned.DAMAGED),
    ],
)
def test_a_bad_page_is_reported_and_the_others_are_read(
    monkeypatch: pytest.MonkeyPatch, how: str, reason: Unscanned
) -> None:
    misbehave_on(monkeypatch, {1}, how)
    start = time.monotonic()
    bundle = extract_bytes(PDF, "b.pdf", Limits(page_seconds=0.5))
    assert time.monotonic() - start < 10
    first, second, third = bundle.pages
    assert [w.text for w in first.words] == ["page", "one"]
    assert [w.text for w in third.words] == ["page", "three"]
    assert first.unscanned is third.unscanned is None
    assert second.unscanned is reason
    assert second.words == () and not second.has_text_layer
    assert (second.width, second.height) == (first.width, first.height)


def test_a_limit_on_a_page_refuses_the_bundle(monkeypatch: pytest.MonkeyPatch) -> None:
    misbehave_on(monkeypatch, {1}, "limit")
    with pytest.raises(LimitExceededError, match="page 2"):
        extract_bytes(PDF, "b.pdf")


def _slow(seconds: float) -> str:
    time.sleep(seconds)
    return "done"


def _fail() -> None:
    raise DamagedPdfError("cannot")


def _die() -> None:
    os._exit(9)


def test_run_bounded_returns_raises_and_stops() -> None:
    assert run_bounded(_slow, (0.0,), 10, "a stage") == "done"
    with pytest.raises(DamagedPdfError, match="cannot"):
        run_bounded(_fail, (), 10, "a stage")
    with pytest.raises(DamagedPdfError, match="a stage stopped the PDF library"):
        run_bounded(_die, (), 10, "a stage")
    start = time.monotonic()
    with pytest.raises(LimitExceededError, match="a stage took longer than 0.3 s"):
        run_bounded(_slow, (30.0,), 0.3, "a stage")
    assert time.monotonic() - start < 5


def _zombies() -> set[int]:
    """This process's children that have exited but are not reaped."""
    found = set()
    for status in Path("/proc").glob("[0-9]*/stat"):
        with contextlib.suppress(OSError):
            fields = status.read_text().rsplit(")", 1)[1].split()
            if fields[0] == "Z" and int(fields[1]) == os.getpid():
                found.add(int(status.parent.name))
    return found


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs Linux /proc")
def test_children_are_reaped_without_waiting_for_their_exit() -> None:
    # The caller does not wait for a child's exit, but each fork reaps the children
    # that have gone since: they never pile up as zombies.
    for _ in range(6):
        assert run_bounded(_slow, (0.0,), 10, "a stage") == "done"
        time.sleep(0.05)
    assert len(_zombies()) <= 1
    with contextlib.suppress(ChildProcessError):  # the last one, when it has gone
        os.waitpid(-1, os.WNOHANG)


def test_unpicklable_error_becomes_a_runtime_error() -> None:
    def fail() -> Any:
        raise pymupdf.mupdf.FzErrorSyntax("bad")

    with pytest.raises(RuntimeError):
        run_bounded(fail, (), 10, "a stage")


def _pages_in(pdf: bytes) -> int:
    return extract_bytes(pdf, "b.pdf").page_count


def test_works_inside_a_daemonic_pool_worker() -> None:
    import multiprocessing

    with multiprocessing.get_context("fork").Pool(1) as pool:
        assert pool.apply(_pages_in, (PDF,)) == 3


@pytest.mark.parametrize("enabled", [True, False])
def test_collector_paused_inside_and_restored_after(enabled: bool) -> None:
    (gc.enable if enabled else gc.disable)()
    try:
        with collector_paused():
            assert not gc.isenabled()
        assert gc.isenabled() is enabled
        with pytest.raises(ValueError), collector_paused():
            raise ValueError("a failing stage")
        assert gc.isenabled() is enabled
    finally:
        gc.enable()


def test_reading_pages_leaves_the_collector_as_it_was() -> None:
    assert gc.isenabled()
    assert _pages_in(PDF) == 3
    assert gc.isenabled()


@pytest.mark.parametrize("enabled", [True, False])
def test_a_scan_runs_without_the_collector_and_leaves_it_as_it_was(
    scanner: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, enabled: bool
) -> None:
    from idpc_guard import ScanOptions
    from idpc_guard.recognizers.engine import DetectionEngine

    seen: list[bool] = []
    detect = DetectionEngine.detect

    def watched(self: Any, *args: Any, **kwargs: Any) -> Any:
        seen.append(gc.isenabled())
        return detect(self, *args, **kwargs)

    monkeypatch.setattr(DetectionEngine, "detect", watched)
    bundle = tmp_path / "b.pdf"
    bundle.write_bytes(PDF)
    (gc.enable if enabled else gc.disable)()
    try:
        scanner.scan(bundle, ScanOptions(redact=False))
        assert gc.isenabled() is enabled
    finally:
        gc.enable()
    assert seen == [False]
