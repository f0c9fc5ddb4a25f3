"""The greedy's units (issue 27): the lesson copies it places together, and where each starts in its unit.

Hard same_starting_time joins copies that start at one lesuur; hard consecutive and grouped join copies
that stand back to back on one day (grouped in the order the rule names them, one of the orders it
allows). Placed as one unit, such a block never waits for a partner that has gone elsewhere: checked one
by one, the repair traded grouped lessons back and forth (Goreangab: two of three seeds stalled). A
relation that would give a copy two offsets is left to the check in solver/constructive/blocks.py; it is
never a same_starting_time relation, which are joined first.
Copies of optional lessons are left out (they may stay open).
"""

from __future__ import annotations

from collections import defaultdict

from solver.problem import ProblemData


def _relations(data: ProblemData):
    """(copy a, copy b, lesuren b starts after a) for every hard rule that fixes where b starts.
    same_starting_time comes first: joined first, it always holds in a unit (offsets of 0 never disagree),
    so only a consecutive or grouped relation is ever left out, and blocks.py checks those. Nothing else in
    the greedy checks same_starting_time."""
    hard = [e for e in data.extras if e.hard]
    for e in hard:
        if e.type == "same_starting_time":
            for group in e.groups:
                yield from ((group[0], c, 0) for c in group[1:])
    for e in hard:
        if e.type in ("consecutive", "grouped"):
            for group in e.groups:
                after = 0
                for a, b in zip(group, group[1:]):
                    after += data.copies[a].duration
                    yield group[0], b, after


def units(data: ProblemData) -> tuple[list[tuple[int, ...]], dict[int, int]]:
    """The units (copies) and each copy's lesuur offset from its unit's first lesuur (only where not 0).
    A union-find that keeps each copy's offset from its root."""
    parent = list(range(len(data.copies)))
    shift = [0] * len(data.copies)  # lesuren after the parent's start

    def find(c: int) -> tuple[int, int]:
        total, root = 0, c
        while parent[root] != root:
            total += shift[root]
            root = parent[root]
        parent[c], shift[c] = (root, total) if c != root else (c, 0)  # straight to the root next time
        return root, total

    for a, b, after in _relations(data):
        (ra, oa), (rb, ob) = find(a), find(b)
        if ra != rb:
            parent[rb], shift[rb] = ra, oa + after - ob  # b's start = a's + after
    members: dict[int, list[int]] = defaultdict(list)
    offset: dict[int, int] = {}
    for c, copy in enumerate(data.copies):
        if not data.lessons[copy.lesson].optional:
            root, off = find(c)
            members[root].append(c)
            offset[c] = off
    out: dict[int, int] = {}
    for group in members.values():
        low = min(offset[c] for c in group)
        out.update((c, offset[c] - low) for c in group if offset[c] != low)
    return [tuple(m) for m in members.values()], out
