"""The interval helpers the validator sweeps with: merge, subtract, overlaps, shortfall, free gaps."""

from __future__ import annotations

from solver.validation.intervals import (
    free_gaps, merge, overlap_minutes, overlapping_pairs, shortfall, subtract, total,
)


def test_merge_joins_overlapping_and_touching_intervals():
    """[0,10) and [10,20) touch and join; [30,40) stays apart; empty intervals vanish."""
    assert merge([(10, 20), (0, 10), (30, 40), (35, 38), (50, 50)]) == [(0, 20), (30, 40)]


def test_subtract_cuts_holes():
    """A shift 360-840 released 600-710 leaves 360-600 and 710-840."""
    assert subtract([(360, 840)], [(600, 710)]) == [(360, 600), (710, 840)]
    assert subtract([(0, 10), (20, 30)], [(5, 25)]) == [(0, 5), (25, 30)]
    assert subtract([(0, 10)], [(0, 10)]) == []
    assert total(subtract([(0, 100)], [(-5, 1), (99, 200)])) == 98


def test_overlap_minutes_and_pairs():
    """Overlap is counted in minutes; pairs are found only for intervals that share a minute."""
    assert overlap_minutes([(0, 10), (20, 30)], 5, 25) == 10
    assert overlap_minutes([(0, 10)], 10, 20) == 0
    assert sorted(overlapping_pairs([(0, 10, 0), (10, 20, 1), (5, 15, 2)])) == [(0, 2), (1, 2)]


def test_shortfall_counts_person_minutes_between_breakpoints():
    """Need 2 in [0,100): one person all the time, another from 40 on: 40 person-minutes short."""
    assert shortfall((0, 100), 2, [[(0, 100)], [(40, 200)]]) == 40
    assert shortfall((0, 100), 1, []) == 100


def test_free_gaps_inside_the_week():
    """Work that runs before 0 or past the end only shortens the gaps inside [lo, hi)."""
    assert free_gaps([(-10, 10), (50, 60), (90, 120)], 0, 100) == [(10, 50), (60, 90)]
