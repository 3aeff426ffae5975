"""How long each stage of a scan took: names and seconds only, never data.

The scanner starts a :class:`Stopwatch` and calls :meth:`Stopwatch.lap` after each
stage; :attr:`Stopwatch.laps` ends up in :attr:`ScanResult.timings
<idpc_guard.scanner.ScanResult.timings>`. Stages timed in another process (the
redacted copy is made in a bounded child) are added with :meth:`Stopwatch.add`.
"""

from __future__ import annotations

import time
from collections.abc import Iterable

#: ``(stage, seconds)`` pairs, in the order the stages ran.
Timings = tuple[tuple[str, float], ...]


class Stopwatch:
    """Wall-clock seconds per stage, measured as laps from one stage's end to the next's."""

    def __init__(self) -> None:
        """Start timing now."""
        self._last = time.perf_counter()
        self._laps: list[tuple[str, float]] = []

    def lap(self, stage: str) -> float:
        """Record the time since the previous lap (or the start) as ``stage``'s; return it."""
        now = time.perf_counter()
        seconds = now - self._last
        self._laps.append((stage, seconds))
        self._last = now
        return seconds

    def add(self, timings: Iterable[tuple[str, float]], rest: str | None = None) -> None:
        """Record stages timed elsewhere; the rest of the time since the last lap is ``rest``.

        With ``rest`` (say "redact: start-up and transfer"), the time since the last lap
        not covered by ``timings`` is recorded under that name, so the laps still add
        up to the wall-clock time.
        """
        now = time.perf_counter()
        added = tuple(timings)
        if rest is not None:
            spent = sum(seconds for _, seconds in added)
            self._laps.append((rest, max(0.0, now - self._last - spent)))
        self._laps.extend(added)
        self._last = now

    @property
    def laps(self) -> Timings:
        """The stages recorded so far, in order."""
        return tuple(self._laps)
