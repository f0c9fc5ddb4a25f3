"""Staffing demand (rule staffing_demand): the places each employer's demand windows ask for, filled by
the staff present, each person one place at a time (a maximum bipartite matching), over the horizon.

The check itself is company.check_staffing_demand; this module recomputes one employer. A demand window
applies in every horizon week whose week of the employer's cycle its `weeks` allow, at that week's
offset; on a horizon of several weeks the windows and the staff's work are on the circle, so a Sunday
night window of the last week runs on into Monday of week 1.
"""

from __future__ import annotations

from dataclasses import dataclass

from solver.timeline import WEEK_MINUTES
from solver.validation.context import Context, Interval, shift_interval, when_en
from solver.validation.intervals import overlap_minutes


@dataclass(frozen=True)
class Window:
    """One demand window in one horizon week; on the circle a window over the end is two pieces."""

    demand: object  # the plan's Demand
    index: int  # its index in employer.demand
    week: int  # horizon week (1 on a horizon of one week)
    interval: Interval  # the whole window on the unrolled line (what messages show)


def windows(ctx: Context, employer) -> tuple[list[Window], list[tuple[Interval, int]]]:
    """The employer's demand windows over the horizon, and their pieces (interval, window number)."""
    horizon = ctx.horizon
    out: list[Window] = []
    pieces: list[tuple[Interval, int]] = []
    for h in horizon.weeks_range():
        offset = (h - 1) * WEEK_MINUTES
        for k, demand in enumerate(employer.demand):
            if horizon.circular and not horizon.runs_in(employer.id, demand, h):
                continue
            start, end = shift_interval(demand, demand.day)
            window = Window(demand, k, h, (start + offset, end + offset))
            pieces += [(piece, len(out)) for piece in horizon.pieces(*window.interval)]
            out.append(window)
    return out, pieces


def shortfall(ctx: Context, employer, staff, report) -> int:
    """Person-minutes short at one employer; every window short on its own and every stretch of windows
    short together is reported (report: ctx.hard or ctx.soft)."""
    found, pieces = windows(ctx, employer)
    demands = [found[w].demand for _, w in pieces]  # per piece: the demand it belongs to
    own = [0] * len(found)  # person-minutes short of a window that shared nobody
    runs: list[list] = []  # [start, end, pieces, people, places, filled] of windows sharing people
    total_short = 0
    for lo, hi in _cuts([iv for iv, _ in pieces], staff):
        active = [k for k, ((a, b), _) in enumerate(pieces) if a <= lo and hi <= b]
        present = [p for p in staff if overlap_minutes(p.work, lo, hi)] if active else []
        for group, persons in _connected(active, present, demands):
            places = sum(demands[k].min_staff for k in group)
            filled = _max_assignment(group, persons, demands)
            if filled >= places:
                continue
            total_short += (places - filled) * (hi - lo)
            if len(group) == 1:
                own[pieces[group[0]][1]] += (places - filled) * (hi - lo)
                continue
            ids = [p.id for p in persons]
            last = next((r for r in reversed(runs) if r[2] == group and r[3] == ids), None)
            if last is not None and last[1] == lo:
                last[1] = hi
            else:
                runs.append([lo, hi, group, ids, places, filled])
    for w, short in enumerate(own):
        if short:
            _window_short(ctx, report, employer, found[w], short)
    skills = {p.id: p.staff.skills for p in staff}
    for lo, hi, group, ids, places, filled in runs:
        _shared_short(ctx, report, employer, [found[pieces[k][1]] for k in group], (lo, hi),
                      [(i, skills[i]) for i in ids], places, filled)
    return total_short


def _label(demand) -> str:
    return f"'{demand.name}' " if demand.name else ""


def _window_short(ctx: Context, report, employer, window: Window, short: int) -> None:
    demand, horizon = window.demand, ctx.horizon
    ent = {"employer": employer.id, "skill": demand.skill, "day": demand.day,
           "start": demand.start, "end": demand.end, "min_staff": demand.min_staff, **horizon.week_entity(window.week)}
    tail_en = horizon.tail(window.week, "en", employer.id)
    tail_nl = horizon.tail(window.week, "nl", employer.id)
    en = (f"Staffing window {_label(demand)}at {employer.id} ({horizon.span(*window.interval, 'en')}, "
          f"{demand.min_staff} x {demand.skill}){tail_en} is {short} person-minutes short")
    nl = (f"Bezettingsvenster {_label(demand)}bij {employer.id} ({horizon.span(*window.interval, 'nl')}, "
          f"{demand.min_staff} x {demand.skill}){tail_nl} komt {short} persoonsminuten tekort")
    report("staffing_demand", ent, en, nl, short)


def _shared_short(ctx: Context, report, employer, found: list[Window], span: Interval,
                  present: list[tuple[str, list[str]]], places: int, filled: int) -> None:
    """Windows that share people, short together on `span`: who was there and how many places they fill."""
    horizon = ctx.horizon
    demands = [w.demand for w in found]
    week = min(w.week for w in found)  # the week of the windows (1 on a horizon of one week)
    short = (places - filled) * (span[1] - span[0])
    asked = [f"{_label(d)}({d.min_staff} x {d.skill})" for d in demands]
    there = ", ".join(f"{staff_id} ({'/'.join(skills)})" for staff_id, skills in present)
    ent = {"employer": employer.id, "from": when_en(span[0]), "to": when_en(span[1]), "span": list(span),
           "windows": [{"name": d.name, "skill": d.skill, "day": d.day, "start": d.start, "end": d.end,
                        "min_staff": d.min_staff} for d in demands],
           "present": [staff_id for staff_id, _ in present], "places": places, "filled": filled,
           **horizon.week_entity(week)}
    if horizon.circular:
        ent["from"], ent["to"] = horizon.when(span[0], "en"), horizon.when(span[1], "en")
    en = (f"Staffing windows {' and '.join(asked)} at {employer.id}, {horizon.span(*span, 'en')}"
          f"{horizon.tail(week, 'en', employer.id)}: {places} places, but the people there, {there}, fill only "
          f"{filled}, each one place at a time; {short} person-minutes short")
    nl = (f"Bezettingsvensters {' en '.join(asked)} bij {employer.id}, {horizon.span(*span, 'nl')}"
          f"{horizon.tail(week, 'nl', employer.id)}: {places} plaatsen, maar de aanwezigen, {there}, vullen er "
          f"maar {filled}, ieder één plaats tegelijk; {short} persoonsminuten tekort")
    report("staffing_demand", ent, en, nl, short)


def _cuts(windows: list[Interval], staff) -> list[Interval]:
    """Time cut at every window boundary and every boundary of the staff's company work."""
    points = {x for w in windows for x in w} | {x for p in staff for iv in p.work for x in iv}
    points = sorted(points)
    return list(zip(points, points[1:]))


def _connected(active: list[int], present, demands) -> list[tuple[list[int], list]]:
    """The active windows in groups linked by present people who have the skills of both, with those people."""
    groups, seen = [], set()
    for first in active:
        if first in seen:
            continue
        seen.add(first)
        group, mine, to_visit = [first], set(), [first]
        while to_visit:
            k = to_visit.pop()
            for i, p in enumerate(present):
                if i in mine or demands[k].skill not in p.staff.skills:
                    continue
                mine.add(i)
                for j in active:
                    if j not in seen and demands[j].skill in p.staff.skills:
                        seen.add(j)
                        group.append(j)
                        to_visit.append(j)
        groups.append((sorted(group), [p for i, p in enumerate(present) if i in mine]))
    return groups


def _max_assignment(group: list[int], persons, demands) -> int:
    """How many places of the windows `group` the persons fill, each at most one (augmenting paths)."""
    return sum(len(held) for held in assignment(group, persons, demands).values())


def assignment(group: list[int], persons, demands) -> dict[int, list[int]]:
    """Per window of `group` the persons (indices) who fill its places, each person at most one place: the
    maximum matching by augmenting paths (the views show who fills which window under which skill)."""
    holders: dict[int, list[int]] = {k: [] for k in group}

    def place(i: int, tried: set[int]) -> bool:
        for k in group:
            if k in tried or demands[k].skill not in persons[i].staff.skills:
                continue
            tried.add(k)
            if len(holders[k]) < demands[k].min_staff:
                holders[k].append(i)
                return True
            for other in list(holders[k]):
                if place(other, tried):
                    holders[k].remove(other)
                    holders[k].append(i)
                    return True
        return False

    for i in range(len(persons)):
        place(i, set())
    return holders
