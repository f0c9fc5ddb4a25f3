"""Hard consecutive and grouped for the greedy (issue 27): lessons that must stand back to back on one day,
in a given order (consecutive) or in any order (grouped, two or three lessons).

The units (units.py) keep most of them by construction. The rest, a relation that would give a copy two
offsets, are checked while placing, against the partners already placed: a partner in the wrong place is a blocker,
which the repair may take out. For grouped, the placed lessons of a group stay on one day, apart, within
a span as long as the whole group: with every lesson placed that is one block (a marked break inside it
is allowed, as in the validator's rule).
"""

from __future__ import annotations

from collections import defaultdict

from solver.problem import OptionData, ProblemData


def _in_unit(data: ProblemData, group: tuple[int, ...], unit_of: dict[int, int], offset: dict[int, int]) -> bool:
    """The copies stand in one unit back to back in this order (units.py made it so): nothing to check."""
    if len({unit_of.get(c) for c in group}) != 1 or group[0] not in unit_of:
        return False
    at = offset.get(group[0], 0)
    for a, b in zip(group, group[1:]):
        at += data.copies[a].duration
        if offset.get(b, 0) != at:
            return False
    return True


class Blocks:
    """Per copy, its consecutive partners (partner, whether the copy comes first) and its grouped groups
    (the copies, the lesuren they fill together): only the relations the units do not already keep."""

    def __init__(self, data: ProblemData, unit_of: dict[int, int], offset: dict[int, int]):
        self.data = data
        self.consecutive: dict[int, list[tuple[int, bool]]] = defaultdict(list)
        self.grouped: dict[int, list[tuple[tuple[int, ...], int]]] = defaultdict(list)
        for e in data.extras:
            if not e.hard or e.type not in ("consecutive", "grouped"):
                continue
            for group in e.groups:
                if _in_unit(data, group, unit_of, offset):
                    continue
                if e.type == "consecutive":
                    first, second = group
                    self.consecutive[first].append((second, True))
                    self.consecutive[second].append((first, False))
                else:
                    length = sum(data.copies[c].duration for c in group)
                    for c in group:
                        self.grouped[c].append((group, length))

    def __bool__(self) -> bool:
        return bool(self.consecutive or self.grouped)

    def misplaced(self, c: int, option: OptionData, placed: list[int | None]) -> list[int]:
        """The placed partners (copies) that do not stand with the copy placed by this option."""
        copies, out = self.data.copies, []
        for partner, comes_first in self.consecutive.get(c, ()):
            k = placed[partner]
            if k is None:
                continue
            o = copies[partner].options[k]
            before, after = (option, o) if comes_first else (o, option)
            if o.day != option.day or before.first + len(before.periods) != after.first:
                out.append(partner)
        for group, length in self.grouped.get(c, ()):
            low, high = option.first, option.first + len(option.periods)
            there = []
            for other in group:
                k = placed[other]
                if other == c or k is None:
                    continue
                o = copies[other].options[k]
                there.append(other)
                if o.day != option.day or (o.first < option.first + len(option.periods)
                                           and option.first < o.first + len(o.periods)):
                    out.append(other)  # another day, or overlapping
                low, high = min(low, o.first), max(high, o.first + len(o.periods))
            if high - low > length:
                out.extend(there)  # too far apart to close into one block
        return out
