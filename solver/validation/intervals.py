"""Half-open minute intervals [start, end) on the week line: merge, subtract, overlap, sweep."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable

Interval = tuple[int, int]


def merge(intervals: Iterable[Interval]) -> list[Interval]:
    """Sorted maximal disjoint intervals covering the same minutes (touching ones are joined)."""
    out: list[list[int]] = []
    for start, end in sorted(i for i in intervals if i[1] > i[0]):
        if out and start <= out[-1][1]:
            out[-1][1] = max(out[-1][1], end)
        else:
            out.append([start, end])
    return [(s, e) for s, e in out]


def subtract(intervals: Iterable[Interval], cuts: Iterable[Interval]) -> list[Interval]:
    """The minutes of `intervals` that are in none of `cuts`, as merged intervals."""
    base = merge(intervals)
    holes = merge(cuts)
    out: list[Interval] = []
    k = 0
    for start, end in base:
        cur = start
        while k < len(holes) and holes[k][1] <= cur:
            k += 1
        j = k
        while j < len(holes) and holes[j][0] < end:
            hs, he = holes[j]
            if hs > cur:
                out.append((cur, hs))
            cur = max(cur, he)
            if cur >= end:
                break
            j += 1
        if cur < end:
            out.append((cur, end))
    return out


def total(intervals: Iterable[Interval]) -> int:
    return sum(e - s for s, e in intervals)


def overlap_minutes(merged: list[Interval], start: int, end: int) -> int:
    """Minutes of [start, end) covered by the sorted disjoint intervals `merged`."""
    if end <= start or not merged:
        return 0
    k = max(bisect_right(merged, (start, float("inf"))) - 1, 0)
    covered = 0
    while k < len(merged) and merged[k][0] < end:
        s, e = merged[k]
        covered += max(0, min(e, end) - max(s, start))
        k += 1
    return covered


def overlapping_pairs(items: list[tuple[int, int, int]]) -> list[tuple[int, int]]:
    """Pairs (i, j), i < j, of the keys of items (start, end, key) whose intervals share a minute."""
    pairs: list[tuple[int, int]] = []
    active: list[tuple[int, int, int]] = []
    for start, end, key in sorted(items):
        if end <= start:
            continue
        active = [a for a in active if a[1] > start]
        for _, _, other in active:
            pairs.append((min(key, other), max(key, other)))
        active.append((start, end, key))
    return pairs


def shortfall(window: Interval, need: int, covers: list[list[Interval]]) -> int:
    """Person-minutes in `window` where fewer than `need` of the interval lists `covers` cover a minute.

    Counts are constant between consecutive breakpoints, so one sweep over them is exact.
    """
    lo, hi = window
    if hi <= lo or need <= 0:
        return 0
    events: dict[int, int] = {}
    for intervals in covers:
        for s, e in intervals:
            s, e = max(s, lo), min(e, hi)
            if s < e:
                events[s] = events.get(s, 0) + 1
                events[e] = events.get(e, 0) - 1
    points = sorted(set(events) | {lo, hi})
    short = 0
    count = 0
    for a, b in zip(points, points[1:]):
        count += events.get(a, 0)
        if count < need:
            short += (need - count) * (b - a)
    return short


def free_gaps(merged: list[Interval], lo: int, hi: int) -> list[Interval]:
    """The gaps in [lo, hi) not covered by the sorted disjoint intervals `merged`."""
    gaps: list[Interval] = []
    cur = lo
    for s, e in merged:
        if e <= lo:
            continue
        if s >= hi:
            break
        if s > cur:
            gaps.append((cur, s))
        cur = max(cur, e)
    if cur < hi:
        gaps.append((cur, hi))
    return gaps
