"""The extra constraints of a plan (`Plan.constraints`), judged from the timetable alone.

Definitions in docs/rules.md ('Extra constraints'). Each check yields findings (entities, English,
Dutch, units); a constraint without a weight reports them as hard violations, one with a weight as
soft cost (weight x units) booked under the constraint's type. The one exception is the
'consecutive if same day' part of min_days_between, which stays hard (as in FET).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from itertools import combinations

from solver.timeline import DAYS, DAYS_NL, day_index
from solver.validation import extra_scoped
from solver.validation.context import Context, Slot

Finding = tuple[dict, str, str, int]  # entities, message en, message nl, units
ALWAYS_HARD = "always_hard"


def check_extras(ctx: Context) -> dict[str, int]:
    """Judge every extra constraint; return the soft cost per constraint type (weight x units)."""
    costs: dict[str, int] = {}
    for index, constraint in enumerate(ctx.plan.constraints):
        if constraint.weight == 0 and not getattr(constraint, "consecutive_if_same_day", False):
            continue  # weight 0: off, except FET's forced 'consecutive if same day'

        check = CHECKS.get(constraint.type) or extra_scoped.CHECKS[constraint.type]
        label = constraint.name or f"constraints[{index}]"
        shape = getattr(constraint, "cost_function", "linear")
        per_owner: dict[tuple, int] = defaultdict(int)  # a cost function's owners and their units
        for entities, en, nl, units in check(ctx, constraint):
            entities = {"constraint": index, **entities}
            en, nl = f"{label}: {en}", f"{label}: {nl}"
            if constraint.weight is None or entities.pop(ALWAYS_HARD, False):
                ctx.hard(constraint.type, entities, en, nl, units)
            elif shape != "linear":
                per_owner[tuple((k, entities[k]) for k in OWNER_KEYS if k in entities)] += units
                ctx.soft(constraint.type, entities, f"{en} ({SHAPE_EN[shape]})", f"{nl} ({SHAPE_NL[shape]})", units)
            else:
                ctx.soft(constraint.type, entities, en, nl, units)
                costs[constraint.type] = costs.get(constraint.type, 0) + constraint.weight * units
        for units in per_owner.values():
            costs[constraint.type] = costs.get(constraint.type, 0) + constraint.weight * shaped(shape, units)
    for constraint in ctx.plan.constraints:
        if constraint.weight:
            costs.setdefault(constraint.type, 0)
    return costs


# --- cost functions (docs/rules.md, 'Cost functions') ----------------------------------------------

OWNER_KEYS = ("teacher", "student_set", "school")  # what names an owner in a scoped finding
SHAPE_EN = {"quadratic": "quadratic cost: the owner's units added up, squared",
            "step": "step cost: the weight once if the owner has any unit"}
SHAPE_NL = {"quadratic": "kwadratische kosten: de eenheden van de eigenaar opgeteld, in het kwadraat",
            "step": "stapkosten: het gewicht één keer als de eigenaar een eenheid heeft"}


def shaped(shape: str, units: int) -> int:
    """An owner's units under a cost function: linear u, quadratic u², step 1 if u > 0 (times the weight)."""
    return units * units if shape == "quadratic" else int(units > 0) if shape == "step" else units


# --- helpers ---------------------------------------------------------------------------------------

def _names(constraint) -> list[str]:
    if constraint.type == "consecutive":
        return [constraint.first, constraint.second]
    return list(constraint.lessons)


def _slots(ctx: Context, constraint) -> list[Slot]:
    """Every placed copy (with existing periods) of the named lessons, in the order they are named."""
    order = {name: k for k, name in enumerate(_names(constraint))}
    found = [slot for slot in ctx.timed if slot.lesson.id in order]
    return sorted(found, key=lambda s: (order[s.lesson.id], s.copy, s.index))


def _copywise(ctx: Context, constraint) -> Iterator[list[Slot]]:
    """Per copy number k: copy k of each named lesson that is placed, in the order they are named."""
    by_copy: dict[int, list[Slot]] = defaultdict(list)
    for slot in _slots(ctx, constraint):
        by_copy[slot.copy].append(slot)
    for k in sorted(by_copy):
        yield by_copy[k]


def _last(slot: Slot) -> int:
    return slot.first + slot.lesson.duration - 1


def _follows(ctx: Context, a: Slot, b: Slot, over_breaks: bool = True) -> bool:
    """b starts on a's day at the lesuur right after a ends (with over_breaks False: no marked break between)."""
    if (a.school.id, a.day) != (b.school.id, b.day) or b.first != _last(a) + 1:
        return False
    return over_breaks or not ctx.day_periods[(b.school.id, b.day)][b.first - 1][2]


def _pair(a: Slot, b: Slot) -> dict:
    return {"lessons": [a.key, b.key]}


# --- lesson relations ------------------------------------------------------------------------------

def check_min_days_between(ctx: Context, c) -> Iterator[Finding]:
    """Pairs of copies fewer than min_days apart; with consecutive_if_same_day, same-day pairs not back to back."""
    for a, b in combinations(_slots(ctx, c), 2):
        apart = abs(a.day - b.day)
        if apart < c.min_days and c.weight != 0:
            yield (_pair(a, b),
                   f"{a.slot_en()} and {b.slot_en()} are {apart} day(s) apart, at least {c.min_days} wanted",
                   f"{a.slot_nl()} en {b.slot_nl()} liggen {apart} dag(en) uit elkaar, minstens {c.min_days} gewenst",
                   1)
        if c.consecutive_if_same_day and c.weight is not None and apart == 0 \
                and not (_follows(ctx, a, b, False) or _follows(ctx, b, a, False)):
            yield (_pair(a, b) | {ALWAYS_HARD: True},
                   f"{a.slot_en()} and {b.slot_en()} are on the same day but not back to back",
                   f"{a.slot_nl()} en {b.slot_nl()} staan op dezelfde dag maar niet direct na elkaar", 1)


def check_preferred_starts(ctx: Context, c) -> Iterator[Finding]:
    """Copies that start at a slot that is not listed."""
    allowed = {(day_index(s.day), s.period) for s in c.slots}
    for slot in _slots(ctx, c):
        if (slot.day, slot.first) not in allowed:
            yield ({"lessons": [slot.key]}, f"{slot.slot_en()} does not start at one of its preferred times",
                   f"{slot.slot_nl()} begint niet op een van zijn voorkeurstijden", 1)


def check_preferred_slots(ctx: Context, c) -> Iterator[Finding]:
    """Copies that occupy a lesuur that is not listed."""
    allowed = {(day_index(s.day), s.period) for s in c.slots}
    for slot in _slots(ctx, c):
        if any((slot.day, n) not in allowed for n in slot.numbers):
            yield ({"lessons": [slot.key]}, f"{slot.slot_en()} lies (partly) outside its preferred times",
                   f"{slot.slot_nl()} ligt (deels) buiten zijn voorkeurstijden", 1)


def check_same_starting_time(ctx: Context, c) -> Iterator[Finding]:
    """Pairs among copy k of the named lessons that do not start at the same day and lesuur."""
    for group in _copywise(ctx, c):
        for a, b in combinations(group, 2):
            if (a.day, a.first) != (b.day, b.first):
                yield (_pair(a, b), f"{a.slot_en()} and {b.slot_en()} should start at the same time",
                       f"{a.slot_nl()} en {b.slot_nl()} moeten tegelijk beginnen", 1)


def check_same_starting_day(ctx: Context, c) -> Iterator[Finding]:
    """Pairs among copy k of the named lessons that are on different days."""
    for group in _copywise(ctx, c):
        for a, b in combinations(group, 2):
            if a.day != b.day:
                yield (_pair(a, b), f"{a.slot_en()} and {b.slot_en()} should be on the same day",
                       f"{a.slot_nl()} en {b.slot_nl()} moeten op dezelfde dag staan", 1)


def check_not_overlapping(ctx: Context, c) -> Iterator[Finding]:
    """Per lesuur, the copies of the named lessons in it beyond the first."""
    holders: dict[tuple[int, int], list[Slot]] = defaultdict(list)
    for slot in _slots(ctx, c):
        for n in slot.numbers:
            holders[(slot.day, n)].append(slot)
    for (day, n), slots in sorted(holders.items()):
        if len(slots) > 1:
            names = ", ".join(s.name() for s in slots)
            yield ({"lessons": [s.key for s in slots], "day": DAYS[day], "period": n},
                   f"{names} overlap in {DAYS[day]} lesuur {n}",
                   f"{names} overlappen op {DAYS_NL[day]} het {n}e uur", len(slots) - 1)


def check_consecutive(ctx: Context, c) -> Iterator[Finding]:
    """Copy k of `second` not right after copy k of `first` (both placed)."""
    for group in _copywise(ctx, c):
        if len(group) == 2 and group[0].lesson.id == c.first:
            a, b = group
            if not _follows(ctx, a, b):
                yield (_pair(a, b), f"{b.slot_en()} should follow {a.slot_en()} directly",
                       f"{b.slot_nl()} moet direct na {a.slot_nl()} komen", 1)


def check_grouped(ctx: Context, c) -> Iterator[Finding]:
    """Copy k of the named lessons (all placed) not forming one block on one day."""
    for group in _copywise(ctx, c):
        if len(group) != len(c.lessons):
            continue
        ordered = sorted(group, key=lambda s: (s.day, s.first))
        if not all(_follows(ctx, a, b) for a, b in zip(ordered, ordered[1:])):
            names = ", ".join(s.slot_en() for s in group)
            names_nl = ", ".join(s.slot_nl() for s in group)
            yield ({"lessons": [s.key for s in group]}, f"{names} should form one block",
                   f"{names_nl} moeten één blok vormen", 1)


def _place(ctx: Context, slot: Slot, number: int) -> int:
    """The place of a lesuur in its day when every marked break counts as one free lesuur."""
    periods = ctx.day_periods[(slot.school.id, slot.day)]
    return number - 1 + sum(1 for _, _, brk in periods[:number] if brk)


def check_min_gaps_between(ctx: Context, c) -> Iterator[Finding]:
    """Pairs of copies on one day with fewer than min_gaps free lesuren (a marked break counts as one) between."""
    n = c.min_gaps
    for a, b in combinations(_slots(ctx, c), 2):
        if (a.school.id, a.day) != (b.school.id, b.day):
            continue
        lo_a, hi_a = _place(ctx, a, a.first), _place(ctx, a, _last(a))
        lo_b, hi_b = _place(ctx, b, b.first), _place(ctx, b, _last(b))
        if lo_b <= hi_a + n and hi_b >= lo_a - n:
            between = max(0, lo_b - hi_a - 1, lo_a - hi_b - 1)
            yield (_pair(a, b), f"{a.slot_en()} and {b.slot_en()} have {between} free lesuren between them, "
                                f"at least {n} wanted",
                   f"{a.slot_nl()} en {b.slot_nl()} hebben {between} vrije lesuren ertussen, minstens {n} gewenst",
                   1)


def check_ends_students_day(ctx: Context, c) -> Iterator[Finding]:
    """Copies after which one of their student sets has another lesson that day."""
    latest: dict[tuple, int] = {}
    for slot in ctx.timed:
        for key in ctx.lesson_sets(slot.lesson):
            where = (key, slot.day)
            latest[where] = max(latest.get(where, 0), _last(slot))
    for slot in _slots(ctx, c):
        later = sorted(s for school, s in ctx.lesson_sets(slot.lesson) if latest[((school, s), slot.day)] > _last(slot))
        if later:
            sets = ", ".join(later)
            yield ({"lessons": [slot.key], "student_sets": later},
                   f"{slot.slot_en()} should end the day, but {sets} have a later lesson",
                   f"{slot.slot_nl()} moet de dag afsluiten, maar {sets} hebben daarna nog les", 1)


def check_occupy_max_slots(ctx: Context, c) -> Iterator[Finding]:
    """Listed slots occupied by the named lessons beyond max_occupied."""
    listed = {(day_index(s.day), s.period) for s in c.slots}
    used = sorted({(slot.day, n) for slot in _slots(ctx, c) for n in slot.numbers} & listed)
    if len(used) > c.max_occupied:
        yield ({"slots": [f"{DAYS[d]} {n}" for d, n in used]},
               f"the lessons occupy {len(used)} of the listed lesuren, at most {c.max_occupied} allowed",
               f"de lessen bezetten {len(used)} van de genoemde lesuren, hooguit {c.max_occupied} toegestaan",
               len(used) - c.max_occupied)


def check_preferred_rooms(ctx: Context, c) -> Iterator[Finding]:
    """Copies not in one of the listed rooms (a copy without a room included)."""
    for slot in _slots(ctx, c):
        if slot.room not in c.rooms:
            where_en = f"room {slot.room}" if slot.room else "no room"
            where_nl = f"lokaal {slot.room}" if slot.room else "geen lokaal"
            yield ({"lessons": [slot.key], "room": slot.room or ""},
                   f"{slot.slot_en()} is in {where_en}, not one of its preferred rooms",
                   f"{slot.slot_nl()} staat in {where_nl}, niet een van zijn voorkeurslokalen", 1)


def check_same_teacher(ctx: Context, c) -> Iterator[Finding]:
    """The copies of the lessons with more than one teacher (their main teachers; co-teachers are fixed)."""
    teachers = sorted({slot.teacher for slot in _slots(ctx, c) if slot.teacher})
    if len(teachers) > 1:
        yield ({"teachers": teachers}, f"the copies have {len(teachers)} teachers ({', '.join(teachers)}), one wanted",
               f"de lessen hebben {len(teachers)} docenten ({', '.join(teachers)}), één gevraagd", len(teachers) - 1)


def check_spread_events(ctx: Context, c) -> Iterator[Finding]:
    """Per time group, the starts of the copies in it outside [min_starts, max_starts]."""
    placed = _slots(ctx, c)
    for k, group in enumerate(c.time_groups):
        days = {day_index(d) for d in group.days}
        slots = {(day_index(s.day), s.period) for s in group.slots}
        inside = [slot for slot in placed if slot.day in days or (slot.day, slot.first) in slots]
        n, most = len(inside), group.max_starts
        if n < group.min_starts or (most is not None and n > most):
            bound_en, bound_nl = (f"at least {group.min_starts}", f"minstens {group.min_starts}") \
                if n < group.min_starts else (f"at most {most}", f"hooguit {most}")
            yield ({"lessons": [slot.key for slot in inside], "time_group": k},
                   f"{n} {'copy starts' if n == 1 else 'copies start'} in time group {k + 1}, {bound_en}",
                   f"{n} {'les begint' if n == 1 else 'lessen beginnen'} in tijdgroep {k + 1}, {bound_nl}",
                   group.min_starts - n if n < group.min_starts else n - most)


CHECKS = {
    "spread_events": check_spread_events,
    "same_teacher": check_same_teacher,
    "min_days_between": check_min_days_between,
    "preferred_starts": check_preferred_starts,
    "preferred_slots": check_preferred_slots,
    "same_starting_time": check_same_starting_time,
    "same_starting_day": check_same_starting_day,
    "not_overlapping": check_not_overlapping,
    "consecutive": check_consecutive,
    "grouped": check_grouped,
    "min_gaps_between": check_min_gaps_between,
    "ends_students_day": check_ends_students_day,
    "occupy_max_slots": check_occupy_max_slots,
    "preferred_rooms": check_preferred_rooms,
}

