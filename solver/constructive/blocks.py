"""Hard consecutive and grouped for the greedy (issue 27): lessons that must stand back to back on one day,
in a given order (consecutive) or in any order (grouped, two or three lessons).

Checked while placing, against the partners already placed: a partner in the wrong place is a blocker,
which the repair may take out. For grouped, the placed lessons of a group stay on one day, apart, within
a span as long as the whole group: with every lesson placed that is one block (a marked break inside it
is allowed, as in the validator's rule).
"""

from __future__ import annotations

from collections import defaultdict

from solver.problem import OptionData, ProblemData


class Blocks:
    """Per copy, its consecutive partners (partner, whether the copy comes first) and its grouped groups
    (the copies, the lesuren they fill together)."""

    def __init__(self, data: ProblemData):
        self.data = data
        self.consecutive: dict[int, list[tuple[int, bool]]] = defaultdict(list)
        self.grouped: dict[int, list[tuple[tuple[int, ...], int]]] = defaultdict(list)
        for e in data.extras:
            if not e.hard:
                continue
            if e.type == "consecutive":
                for first, second in e.groups:
                    self.consecutive[first].append((second, True))
                    self.consecutive[second].append((first, False))
            elif e.type == "grouped":
                for group in e.groups:
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
