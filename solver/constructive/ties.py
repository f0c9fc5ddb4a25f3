"""Which copies the greedy's rules tie together (issue 27): per copy, the hard spreads (min_days_apart,
min_days_between), the soft ones its placing score counts, the groups kept back to back on one day, the
groups that start on one day, and the not_overlapping rules it is in. Built once per greedy run."""

from __future__ import annotations

from collections import defaultdict

from solver.problem import ProblemData

Group = tuple[int, ...]


def ties(data: ProblemData) -> tuple[dict, dict, dict, dict, dict]:
    """(spread, soft_spread, adjacent, same_day, apart): spread and soft_spread map a copy to its (group,
    days apart); adjacent and same_day to its groups; apart to the indices of its not_overlapping rules."""
    spread: dict[int, list[tuple[Group, int]]] = defaultdict(list)
    for lesson in data.lessons:
        if lesson.min_days_apart > 0 and len(lesson.copies) > 1:
            for c in lesson.copies:
                spread[c].append((lesson.copies, lesson.min_days_apart))
    soft_spread: dict[int, list[tuple[Group, int]]] = defaultdict(list)
    adjacent: dict[int, list[Group]] = defaultdict(list)
    for e in data.extras:
        if e.type != "min_days_between" or e.amount <= 0:
            continue
        for c in e.groups[0]:
            if e.hard:
                spread[c].append((e.groups[0], e.amount))
                continue
            soft_spread[c].append((e.groups[0], e.amount))
            if e.flag:  # two copies on one day must be back to back, whatever the weight: the greedy
                # keeps them on other days where there are days enough, else back to back
                days_free = {o.day for other in e.groups[0] for o in data.copies[other].options}
                if len(days_free) >= len(e.groups[0]):
                    spread[c].append((e.groups[0], 1))
                else:
                    adjacent[c].append(e.groups[0])
    same_day: dict[int, list[Group]] = defaultdict(list)
    apart: dict[int, list[int]] = defaultdict(list)
    for i, e in enumerate(data.extras):
        if e.hard and e.type == "same_starting_day":
            for group in e.groups:
                for c in group:
                    same_day[c].append(group)
        elif e.hard and e.type == "not_overlapping":
            for c in {c for group in e.groups for c in group}:
                apart[c].append(i)
    return spread, soft_spread, adjacent, same_day, apart
