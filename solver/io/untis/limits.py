"""Teachers' day and gap limits (GPU004 fields 8-11) and "unspecified" time requests (GPU016 without a day
and period: one free day each), read into the plan's rules and written back (issue 22, docs/untis.md).

Mapped as the FET import maps the same limits (solver/io/fet_constraints.py): max periods a day is the
teacher's `max_periods_per_day`, min periods a day a `min_periods_per_day` constraint (a day without
lessons allowed), max gaps a `max_gaps_per_week` constraint, a free day of -3 the teacher's
`max_days_per_week`. With a weight (`--limit-weight`) the limits are weighted constraints instead of hard.
"""

from __future__ import annotations

from collections import defaultdict

from solver.io.untis import layouts as L


def teacher_limits(r, row, teacher: dict, weight: int | None) -> list[dict]:
    """GPU004: the teacher's min/max periods a day and max gaps a week as plan rules; 0 or empty: none.
    `teacher` gets `max_periods_per_day` when hard; the constraints are returned."""
    out: list[dict] = []
    least = r.integer(row, L.T_MIN_PER_DAY, "min Std./Tag", 0) or 0
    most = r.integer(row, L.T_MAX_PER_DAY, "max Std./Tag", 0) or 0
    min_gaps = r.integer(row, L.T_MIN_GAPS, "min Hohlstd.", 0) or 0
    max_gaps = r.integer(row, L.T_MAX_GAPS, "max Hohlstd.", 0) or 0
    for index, value in ((L.T_MIN_PER_DAY, least), (L.T_MAX_PER_DAY, most), (L.T_MAX_GAPS, max_gaps)):
        if value < 0:
            r.problems.append(f"{row.where(index)}: {value} is negative")
            return out
    if most and least > most:
        r.problems.append(f"{row.where(L.T_MIN_PER_DAY)}: min {least} periods a day is above the max {most} "
                          f"(field {L.T_MAX_PER_DAY})")
        return out
    if min_gaps > 0:
        r.problems.append(f"{row.where(L.T_MIN_GAPS)} (min Hohlstd.): at least {min_gaps} free period(s) is not a "
                          f"rule here (only a maximum is); leave the field empty or 0")
    scope = {"teachers": [teacher["id"]], **({"weight": weight} if weight is not None else {})}
    if most and weight is None:
        teacher["max_periods_per_day"] = most
    elif most:
        out.append({"type": "max_periods_per_day", "max_periods": most, **scope})
    if least:
        out.append({"type": "min_periods_per_day", "min_periods": least, **scope})
    if max_gaps:
        out.append({"type": "max_gaps_per_week", "max_gaps": max_gaps, **scope})
    return out


def free_days(r, rows: list, known: dict, days: int, last_period: int) -> list[dict]:
    """GPU016 lines without day and period ('unspecified'): each asks one free day of the week. For a
    teacher, -3 lines lower `max_days_per_week`; for a class they are a hard `interval_max_days_per_week`
    over the whole day; -2/-1 lines are that constraint with the weight of the strongest. Returns the
    constraints; teachers are updated in `known`."""
    hard: dict[tuple[str, str], int] = defaultdict(int)
    soft: dict[tuple[str, str], list[int]] = defaultdict(list)
    where: dict[tuple[str, str], str] = {}
    for row, table, name, value in rows:
        if table == "room":
            r.problems.append(f"{row.where(L.W_DAY)}: an unspecified request (no day, no period) for a room "
                              f"has no rule here; give a day and a period")
            continue
        if value >= 0:
            continue
        key = (table, name)
        where.setdefault(key, row.where(L.W_DAY))
        if value == -3:
            hard[key] += 1
        else:
            soft[key].append(value)
    out: list[dict] = []
    for key in sorted(set(hard) | set(soft)):
        table, name = key
        wanted = hard[key] + len(soft[key])
        if wanted >= days:
            r.problems.append(f"{where[key]}: {wanted} free day(s) asked for {table} {name!r}, but the grid has "
                              f"only {days} day(s)")
            continue
        scope = {"teachers": [name]} if table == "teacher" else {"groups": [name]}
        whole_day = {"first_period": 1, "end_period": last_period + 1}
        if hard[key] and table == "teacher":
            entry = known["teacher"][name]
            entry["max_days_per_week"] = min(days - hard[key], entry.get("max_days_per_week", days))
        elif hard[key]:
            out.append({"type": "interval_max_days_per_week", **whole_day, "max_days": days - hard[key], **scope})
        if soft[key]:
            out.append({"type": "interval_max_days_per_week", **whole_day, "max_days": days - wanted,
                        "weight": L.PREFERENCE_WEIGHT[min(soft[key])], **scope})
    return out


# --- writing --------------------------------------------------------------------------------------------

def _listing(constraint, teacher_id: str) -> bool:
    return teacher_id in getattr(constraint, "teachers", ())


def gpu004_limits(plan, teacher) -> list:
    """Fields 8-11 of a teacher's GPU004 line: min and max periods a day, min gaps (never), max gaps a week.
    Each is the strictest of the teacher's field and the constraints that list them (their weight is lost)."""
    least = [c.min_periods for c in plan.constraints
             if c.type == "min_periods_per_day" and c.allow_empty_days and _listing(c, teacher.id)]
    most = [c.max_periods for c in plan.constraints if c.type == "max_periods_per_day" and _listing(c, teacher.id)]
    if teacher.max_periods_per_day:
        most.append(teacher.max_periods_per_day)
    gaps = [c.max_gaps for c in plan.constraints if c.type == "max_gaps_per_week" and _listing(c, teacher.id)]
    return [max(least, default=""), min(most, default=""), "", min(gaps, default="")]


def unspecified_requests(plan, days: int, last_period: int, value_of_weight) -> list[list]:
    """GPU016 lines without day and period, one per free day: a teacher's `max_days_per_week` and each hard
    `interval_max_days_per_week` over the whole day (-3), then each weighted one (-2/-1 by its weight) for
    the free days it asks beyond the hard ones, as `free_days` reads them back."""
    hard: dict[tuple[str, str], int] = defaultdict(int)
    soft: dict[tuple[str, str], tuple[int, int]] = {}
    for teacher in plan.teachers:
        if teacher.max_days_per_week is not None and teacher.max_days_per_week < days:
            hard[(L.KIND_TEACHER, teacher.id)] = days - teacher.max_days_per_week
    for c in plan.constraints:
        if c.type != "interval_max_days_per_week" or c.first_period != 1 or c.end_period <= last_period \
                or c.max_days >= days:
            continue
        for key in [(L.KIND_TEACHER, t) for t in c.teachers] + [(L.KIND_CLASS, g) for g in c.groups]:
            if c.weight is None:
                hard[key] = max(hard[key], days - c.max_days)
            else:
                value = value_of_weight(c.weight)
                soft[key] = max(soft.get(key, (0, 0)), (days - c.max_days, -value))
    out = [[kind, name, "", "", -3] for (kind, name), n in sorted(hard.items()) for _ in range(n)]
    for (kind, name), (wanted, value) in sorted(soft.items()):
        out += [[kind, name, "", "", -value]] * max(0, wanted - hard[(kind, name)])
    return out
