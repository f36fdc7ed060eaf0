"""Ranges of the text already claimed, so that an overlap test costs a binary
search, not a scan: extraction stays linear on a draft of any size."""

from __future__ import annotations

import bisect
from collections.abc import Iterable


class Taken:
    """Non-overlapping [start, end) ranges, kept sorted."""

    def __init__(self) -> None:
        self._starts: list[int] = []
        self._ends: list[int] = []

    def overlaps(self, start: int, end: int) -> bool:
        i = bisect.bisect_right(self._starts, start)
        if i > 0 and self._ends[i - 1] > start:
            return True
        return i < len(self._starts) and self._starts[i] < end

    def add(self, start: int, end: int) -> None:
        i = bisect.bisect_right(self._starts, start)
        self._starts.insert(i, start)
        self._ends.insert(i, end)

    def add_all(self, ranges: Iterable[tuple[int, int]]) -> None:
        """Add many ranges at once: one merge instead of an insertion each (which
        moves the rest of the list and made a long draft's extraction quadratic)."""
        merged = sorted([*zip(self._starts, self._ends, strict=True), *ranges])
        self._starts = [start for start, _ in merged]
        self._ends = [end for _, end in merged]

    def take(self, start: int, end: int) -> bool:
        """Claim the range if it is free; say whether it was."""
        if self.overlaps(start, end):
            return False
        self.add(start, end)
        return True
