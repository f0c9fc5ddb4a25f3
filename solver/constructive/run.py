"""The greedy's run (issue 27): which plans it keeps every hard rule of, in what order it places, when it gives
up, and `construct`, the whole run on a compiled plan (the placing itself is solver/constructive/greedy.py)."""

from __future__ import annotations

from collections import defaultdict
from time import perf_counter

from solver.constructive.greedy import Greedy
from solver.constructive.idle import IDLE_RULES
from solver.constructive.kempe import swap_in
from solver.problem import ProblemData
from solver.result import Solution


def _order(g: Greedy, data: ProblemData) -> list[int]:
    """Most constrained first: fewest slots, then the lessons of the busiest teacher and student set
    (on full schools these are the ones a late start leaves nowhere to go), then the longest."""
    teacher_load: dict[int, int] = defaultdict(int)
    set_load: dict[int, int] = defaultdict(int)
    for copy in data.copies:
        for t in {t for o in copy.options for t in o.teachers}:
            teacher_load[t] += copy.duration
        for s in copy.sets:
            set_load[s] += copy.duration

    def key(u: int):
        copies = [data.copies[c] for c in g.units[u]]
        teachers = max((teacher_load[t] for copy in copies for o in copy.options for t in o.teachers), default=0)
        sets = max((set_load[s] for copy in copies for s in copy.sets), default=0)
        return (len(g.slots[u]), -teachers, -sets, -sum(copy.duration for copy in copies))

    return sorted(range(len(g.units)), key=key)


# The hard rule types (data.extras) a placement by the greedy never breaks: kept while placing, or pruned
# from the options at compile time (solver/compile/prune.py). Under any other hard rule a complete
# placement is luck, which the validator decides.
KEPT_RULES = frozenset(("min_days_between", "same_starting_time", "same_starting_day", "not_overlapping",
                        "consecutive", "grouped", "preferred_starts", "preferred_slots", "preferred_rooms")) | IDLE_RULES


def keeps_every_hard_rule(data: ProblemData) -> bool:
    return all(e.type in KEPT_RULES for e in data.extras if e.hard)


def worth_a_long_run(data: ProblemData) -> bool:
    """Whether the greedy earns its long budget here: it keeps every hard rule and none is a rule on an
    owner's day or week (idle.py), where it seldom gets through. Of the 26 fet-broad schools whose only hard
    rules it did not keep before were those, it certified 2 within 3 s (Tg-Mures 2006-2007 in 0.1 s,
    Computers-Craiova in 0.7-2.2 s, where CP-SAT needs 1.7 s); most of the others would lose the whole budget
    (issue 27, benchmarks/RESULTS.md)."""
    return keeps_every_hard_rule(data) and not any(e.hard and e.type in IDLE_RULES for e in data.extras)


def stall_steps(units: int) -> int:
    """Steps without a new fewest-unplaced after which the greedy gives up. On seed 0 of FET's and XHSTT's
    schools, the longest wait before a success was 1.7x the units (Spain's secondary-school: 1,723 steps,
    991 units), and failures did not get closer again in 10,000-37,000 steps. Over three seeds of fet-broad,
    four times 500 + 2 per unit certifies 71 runs where once certified 63, for 0.5 s more a run in the mean
    (issue 27, benchmarks/RESULTS.md): on other seeds a success waits longer."""
    return 4 * (500 + 2 * units)


# A unit bumped this often: the repair goes round in a circle it does not leave. Over 3 seeds of 29 fet-broad
# schools (issue 27), no success bumped one unit more than 98 times before the swaps (kempe.py), and 46 with
# them (3 seeds of 41 files); most failures pass 200 long before they stall (VietNamHungYen: after 560-800
# steps of 4,000-5,500; MHS_Covid_Final: 4,600-6,700 of 15,000-34,000). At 100 a failing greedy gives up
# sooner: Goreangab's in 0.9 s instead of 1.6 s.
MAX_BUMPS = 100


def construct(data: ProblemData, seconds: float, seed: int = 0, max_blockers: int = 6,
              max_steps: int | None = None) -> Solution | None:
    """Every required copy placed by the greedy with swaps and repair, as a Solution without costs (None:
    not within `seconds` or `max_steps` units taken from the queue, or stalled: no new fewest-unplaced
    within `stall_steps`, or one unit bumped more than MAX_BUMPS times). Optional lessons (vacancies) are
    left open; shifts are kept as rostered."""
    deadline = perf_counter() + seconds
    if any(not c.options or (c.needs_room and not c.pools) for c in data.copies
           if not data.lessons[c.lesson].optional):
        return None  # a copy with nowhere to go
    g = Greedy(data, seed)
    if any(not slots for slots in g.slots):
        return None
    order = _order(g, data)
    queue = list(reversed(order))  # a stack: pop() takes the most constrained; bumped units go on top
    bumped: dict[int, int] = defaultdict(int)
    steps, fewest, fewest_at, patience = 0, len(order), 0, stall_steps(len(order))
    while queue:
        steps += 1
        if (steps % 16 == 0 and perf_counter() > deadline) or (max_steps is not None and steps > max_steps):
            return None
        if steps - fewest_at > patience:
            return None
        u = queue.pop()
        if u not in g.placed and not g.place(u) and not swap_in(g, u):
            out = g.repair(u, bumped, max_blockers)
            if out is None:
                return None
            for b in out:
                bumped[b] += 1
                queue.append(b)
                if bumped[b] > MAX_BUMPS:
                    return None
        if len(order) - len(g.placed) < fewest:
            fewest, fewest_at = len(order) - len(g.placed), steps
    return Solution(options=tuple(g.option), shifts=tuple(inst.current for inst in data.instances),
                    pools=tuple(g.pool), costs={})
