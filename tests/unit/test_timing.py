"""Per-stage timings: the stopwatch, and what a scan records."""

from __future__ import annotations

import time
from typing import Any

from idpc_guard.scanner import ScanOptions
from idpc_guard.timing import Stopwatch
from tests.conftest import FIXTURES

#: Every stage a full scan of a text bundle times, in the order they run.
FULL_SCAN = (
    "read",
    "ocr",
    "layout",
    "segment",
    "case",
    "detect",
    "checks",
    "covered text",
    "decide",
    "inspect input",
    "outside the pages",
    "unscanned pages",
    "finalise",
    "report",
    "copy process",
    "redact",
    "verify",
)


def test_laps_are_the_time_between_calls() -> None:
    clock = Stopwatch()
    time.sleep(0.02)
    clock.lap("first")
    clock.lap("second")
    (first, a), (second, b) = clock.laps
    assert (first, second) == ("first", "second")
    assert a >= 0.02
    assert 0.0 <= b < a


def test_added_stages_keep_the_laps_adding_up_to_the_wall_clock() -> None:
    started = time.perf_counter()
    clock = Stopwatch()
    time.sleep(0.03)
    clock.add((("redact", 0.01),), rest="copy process")
    elapsed = time.perf_counter() - started
    assert [name for name, _ in clock.laps] == ["copy process", "redact"]
    total = sum(seconds for _, seconds in clock.laps)
    assert 0.03 <= total <= elapsed
    assert clock.laps[0][1] >= 0.02 - 1e-9


def test_a_full_scan_times_every_stage(scanner: Any) -> None:
    started = time.perf_counter()
    result = scanner.scan(FIXTURES / "sample_bundle.pdf")
    elapsed = time.perf_counter() - started
    names = tuple(name for name, _ in result.timings)
    assert names == FULL_SCAN
    assert all(seconds >= 0.0 for _, seconds in result.timings)
    assert sum(seconds for _, seconds in result.timings) <= elapsed
    assert dict(result.timings)["detect"] > 0.0
    assert dict(result.timings)["redact"] > 0.0


def test_a_scan_without_redaction_stops_timing_at_its_last_stage(scanner: Any) -> None:
    result = scanner.scan(FIXTURES / "clean_bundle.pdf", ScanOptions(redact=False))
    names = tuple(name for name, _ in result.timings)
    assert names == FULL_SCAN[: FULL_SCAN.index("report") + 1]


def test_a_review_copy_times_marking(scanner: Any) -> None:
    result = scanner.scan(FIXTURES / "clean_bundle.pdf", ScanOptions(mark_only=True))
    assert result.timings[-1][0] == "mark"
    assert "redact" not in dict(result.timings)
