"""Character intervals indexed by start, so a lookup costs the intervals near it, not all of them.

Linking stages ask, for each event, figure or entity, which mentions overlap or contain a span.
Scanning every mention for every query is quadratic in the article's length (issue 14): a
100k-character article has thousands of each. The index sorts intervals by start and uses the
longest interval's length to bound where a match can start, so a query reads only the
intervals starting within that distance. Results come back in the order the intervals were
given, so callers that break ties by order keep their exact answers.
"""
from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable


class SpanIndex:
    """Intervals ``[start, end)`` given in order; queries return their positions in that order."""

    __slots__ = ("_starts", "_ends", "_order", "_longest")

    def __init__(self, intervals: Iterable[tuple[int, int]]) -> None:
        pairs = list(intervals)
        self._order = sorted(range(len(pairs)), key=lambda k: pairs[k][0])
        self._starts = [pairs[k][0] for k in self._order]
        self._ends = [pairs[k][1] for k in self._order]
        self._longest = max((e - s for s, e in pairs), default=0)

    def __len__(self) -> int:
        return len(self._order)

    def overlapping(self, start: int, end: int) -> list[int]:
        """Positions of the intervals with ``s < end and start < e``, ascending."""
        lo = bisect_right(self._starts, start - self._longest)
        hi = bisect_left(self._starts, end)
        ends = self._ends
        return sorted(self._order[k] for k in range(lo, hi) if ends[k] > start)

    def containing(self, start: int, end: int) -> list[int]:
        """Positions of the intervals with ``s <= start and end <= e``, ascending."""
        lo = bisect_left(self._starts, end - self._longest)
        hi = bisect_right(self._starts, start)
        ends = self._ends
        return sorted(self._order[k] for k in range(lo, hi) if ends[k] >= end)
