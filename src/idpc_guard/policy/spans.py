"""The character spans of a page text already taken, asked about in logarithmic time.

Deciding looks for other occurrences of each withheld value and keeps only those
that no detection covers yet. A damaged page can hold tens of thousands of
detections; comparing every occurrence with every detection of its page took
minutes there.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable


class SpanSet:
    """A set of half-open character spans ``[start, end)``.

    Held as disjoint spans sorted by start (spans that overlap are merged as they
    are added), so their ends are sorted too and both questions are a bisection.
    """

    def __init__(self, spans: Iterable[tuple[int, int]] = ()) -> None:
        """Start with ``spans`` (in any order, overlapping or not)."""
        self._starts: list[int] = []
        self._ends: list[int] = []
        for start, end in spans:
            self.add(start, end)

    def overlaps(self, start: int, end: int) -> bool:
        """Whether any span added shares a character with ``[start, end)``.

        Exactly ``any(s < end and start < e for s, e in added)``.
        """
        before = bisect.bisect_left(self._starts, end)  # spans starting before ``end``
        return before > 0 and self._ends[before - 1] > start

    def add(self, start: int, end: int) -> None:
        """Add ``[start, end)``, merged with every span it overlaps."""
        first = bisect.bisect_right(self._ends, start)  # the first span ending after ``start``
        stop = bisect.bisect_left(self._starts, end)
        if first < stop:
            start = min(start, self._starts[first])
            end = max(end, self._ends[stop - 1])
        self._starts[first:stop] = [start]
        self._ends[first:stop] = [end]
