"""A swap for the greedy (issue 27): two windows of lesuren trade the lessons of a group of owners, so
that a lesson that fits nowhere finds its place without taking another lesson out.

On a full school (every class busy each lesuur, teachers nearly so) a lesson often has its class free
where its teacher is busy (window a), and its teacher free where its class is busy (window b). Moving
the teacher's lesson in a to b may clash with that lesson's class in b, whose lesson there must then go
to a, and so on: the chain of lessons in a and b that share a teacher or a student set. Swapping the
whole chain between a and b keeps every teacher and set clash-free (each owner's lessons in a and b
that a moved lesson lands on are in the chain) and frees the teacher in a. This is the Kempe chain of
edge colouring; FET's recursive swapping does a similar thing. The repair (greedy.py) instead takes the
teacher's lesson out and puts it back in the queue, where it often takes out another: on Namibia's full
schools, hundreds of times.

A window is one lesuur, or two for chains with double lessons: a lesson moves to the same place in the
other window. Every moved lesson is checked against the rules the greedy keeps (`Greedy._fits`); a
chain that breaks one is undone. A unit of several copies (same start, or a block) moves whole, every copy
by the same shift, when all of them lie inside one window; only a one-copy unit is placed by a swap. Plans
whose lesuren overlap across schools are left to the repair.
"""

from __future__ import annotations

from solver.constructive.greedy import Greedy, Slot

MAX_CHAIN = 12  # units in one chain: a longer one seldom holds under the other rules, and costs more
MAX_PAIRS = 16  # window pairs whose chain is looked for per lesson: most cannot move (no option there)
MAX_TRIES = 8  # chains swapped per lesson before it goes to the repair

Window = tuple[int, int, int]  # (day, first lesuur, lesuren)
Move = tuple[int, int, int]  # (copy, option now, option after the swap)


def _option_at(g: Greedy, c: int, slot: Slot, teachers: tuple[int, ...]) -> int | None:
    """The copy's option at `slot` with these teachers, if it has one."""
    options = g.data.copies[c].options
    return next((k for k in g._at(c, slot) if options[k].teachers == teachers), None)


def _across(option, here: Window, there: Window) -> Slot | None:
    """Where the option lands in `there` if it lies inside `here` (same place in the window), else None."""
    day, first, length = here
    if option.day != day or option.first < first or option.first + len(option.periods) > first + length:
        return None
    return there[0], there[1] + option.first - first


def _unit_moves(g: Greedy, w: int, a: Window, b: Window) -> list[Move] | None:
    """Every copy of unit w to the same place in the other window, as moves; None when one cannot move
    (not inside the window the unit's first copy is in, no option at its new place for its teachers, too
    close to a lesson of its group on the new day). The copies all move by one shift, so a unit's
    same start, consecutive or grouped still holds after the swap."""
    copies, moves = g.data.copies, []
    here = there = None
    for c in g.units[w]:
        k = g.option[c]
        option = copies[c].options[k]
        if here is None:
            here, there = (a, b) if _across(option, a, b) is not None else (b, a)
        target = _across(option, here, there)
        if target is None:
            return None
        k_new = _option_at(g, c, target, option.teachers)
        if k_new is None:
            return None
        if target[0] != option.day and c in g.spread and g._near_days(c).get(target[0]):
            return None  # too close to a lesson of its group on the new day (which may move too: seldom)
        moves.append((c, k, k_new))
    return moves


def _chain(g: Greedy, start: set[int], a: Window, b: Window, avoid: int) -> list[Move] | None:
    """The units in a or b linked to `start` by a teacher or set they would land on, as moves (one per
    copy: a unit of several copies moves whole); None when one cannot move (see `_unit_moves`), it is the
    unit `avoid`, or there are more than MAX_CHAIN units."""
    chain: dict[int, list[Move]] = {}
    waiting = list(start)
    copies = g.data.copies
    while waiting:
        w = waiting.pop()
        if w in chain:
            continue
        if w == avoid or len(chain) >= MAX_CHAIN:
            return None
        moves = chain[w] = _unit_moves(g, w, a, b)
        if moves is None:
            return None
        for c, k, k_new in moves:
            teachers = copies[c].options[k].teachers
            for p in copies[c].options[k_new].periods:
                waiting.extend(g.teacher_at[(t, p)] for t in teachers if (t, p) in g.teacher_at)
                waiting.extend(g.set_at[(s, p)] for s in copies[c].sets if (s, p) in g.set_at)
    return [move for moves in chain.values() for move in moves]


def _swap(g: Greedy, moves: list[Move]) -> bool:
    """Every move made, each checked by `_fits` once the chain is out; False when one does not fit, with
    every lesson of the chain back where (and in the room) it was."""
    copies = g.data.copies
    pools = [-1 if g.pool[c] is None else g.pool[c] for c, _, _ in moves]
    for u in {g.unit_of[c] for c, _, _ in moves}:
        g.unplace(u)
    done = []
    for c, _, k_new in moves:
        if not g._fits(c, copies[c].options[k_new]):
            break
        g._put(g.unit_of[c], c, k_new)
        g.placed.add(g.unit_of[c])
        done.append(c)
    else:
        return True
    for u in {g.unit_of[c] for c in done}:
        g.unplace(u)
    for (c, k, _), pool in zip(moves, pools):
        g._put(g.unit_of[c], c, k, pool)
        g.placed.add(g.unit_of[c])
    return False


def _pairs(g: Greedy, u: int) -> list[tuple[Window, Window, int, set[int]]]:
    """Window pairs worth a chain for the one-copy unit u, in the order to try them: u's option k there
    has its sets free in a and every other rule lets it in, its teachers are busy in a (the units
    `busy`) and free at the same place in b. Pairs on one day first (moves within a day keep every rule
    on days apart), then at random; windows of the option's length before windows of two lesuren."""
    c = g.units[u][0]
    copy = g.data.copies[c]
    found = []
    for a in g.slots[u]:
        for k in g._at(c, a):
            option = copy.options[k]
            if any((s, p) in g.set_at for p in option.periods for s in copy.sets):
                continue
            busy = {g.teacher_at[(t, p)] for p in option.periods for t in option.teachers if (t, p) in g.teacher_at}
            if not busy or g._rest(c, option, set(), 0) != set():
                continue  # the teachers are free (something else is in the way), or another rule is
            for b in g.slots[u]:
                k_b = _option_at(g, c, b, option.teachers) if b != a else None
                if k_b is None or any((t, p) in g.teacher_at for p in copy.options[k_b].periods
                                      for t in option.teachers):
                    continue
                for length in sorted({len(option.periods), 2}):
                    found.append(((a[0] != b[0], length, g.rng.random()), (*a, length), (*b, length), k, busy))
    found.sort(key=lambda pair: pair[0])
    return [pair[1:] for pair in found[:MAX_PAIRS]]


def swap_in(g: Greedy, u: int) -> bool:
    """Place the one-copy unit u by swapping a chain of lessons between a window where its sets are free
    and one where its teachers are free; False if no chain of at most MAX_CHAIN lessons does it within
    MAX_PAIRS pairs and MAX_TRIES swaps. Every chain tried is swapped back; in the rare case where the way
    back does not fit (a room taken meanwhile), the chain stays swapped, which keeps every rule too."""
    if len(g.units[u]) != 1 or g.overlaps:
        return False
    c = g.units[u][0]
    tries = 0
    for a, b, k, busy in _pairs(g, u):
        moves = _chain(g, busy, a, b, u)
        if moves is None:
            continue
        if _swap(g, moves):
            if g._fits(c, g.data.copies[c].options[k]):
                g._put(u, c, k)
                g.placed.add(u)
                return True
            _swap(g, [(c2, k_new, k_old) for c2, k_old, k_new in moves])  # back: the old places held before
        tries += 1
        if tries >= MAX_TRIES:
            break
    return False
