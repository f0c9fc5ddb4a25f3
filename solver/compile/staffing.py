"""Compile the company side: shift instances, hto'ers, law segments and staffing segments.

A *segment* is a stretch of time between two boundaries in which the same shift instances and
the same teaching periods (with travel) would cover a person. Work and presence are constant
on a segment, so checking each segment is checking each minute.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from solver.compile.horizon import HorizonWeeks, horizon_weeks
from solver.domain import Plan
from solver.problem import (
    CopyData, CoverTerm, DemandSegment, HtoData, LawPerson, NightRest, PeriodData, Segment,
    ShiftInstance, StaffData,
)
from solver.timeline import DAYS_PER_WEEK, MINUTES_PER_DAY, WEEK_MINUTES, at, day_index, overlaps, parse_hhmm


@dataclass(frozen=True)
class CompiledStaffing:
    staff: tuple[StaffData, ...]
    instances: tuple[ShiftInstance, ...]
    htos: tuple[HtoData, ...]
    law_persons: tuple[LawPerson, ...]
    demand_segments: tuple[DemandSegment, ...]


def shift_span(day: int, start: str, end: str, crosses_midnight: bool) -> tuple[int, int]:
    s, e = at(day, parse_hhmm(start)), at(day, parse_hhmm(end))
    return s, e + (MINUTES_PER_DAY if crosses_midnight else 0)


def night_minutes(start: int, end: int, window_start: int, window_end: int) -> int:
    """Minutes of [start, end) inside the night window of any day."""
    total = 0
    for day in range(start // MINUTES_PER_DAY - 1, end // MINUTES_PER_DAY + 1):
        a, b = day * MINUTES_PER_DAY + window_start, day * MINUTES_PER_DAY + window_end
        total += max(0, min(end, b) - max(start, a))
    return total


def compile_staffing(plan: Plan, periods: list[PeriodData], copies: list[CopyData],
                     teacher_index: dict[str, int], hz: HorizonWeeks | None = None) -> CompiledStaffing:
    """The company side over the horizon `hz` (default: the plan's): per horizon week each person's shift
    instances, the hto'ers' busy windows of the school week taught then, the demand windows that apply."""
    hz = hz or horizon_weeks(plan)
    policy = plan.policy
    window = parse_hhmm(policy.night_window_start), parse_hhmm(policy.night_window_end)
    late_after = parse_hhmm(policy.night_rest_after_end)

    staff: list[StaffData] = []
    instances: list[ShiftInstance] = []
    staff_index: dict[str, int] = {}
    is_night: dict[int, bool] = {}
    pieces: dict[int, list[tuple[int, int]]] = {}  # instance -> its work: the shift minus its pauses
    for e_i, employer in enumerate(plan.employers):
        shifts = {s.id: s for s in employer.shifts}
        for person in employer.staff:
            mine, targets = [], []
            for h in range(1, hz.weeks + 1):
                own = hz.staff[person.id][h - 1]
                current = {(r.shift, day_index(r.day)) for r in person.roster if r.week == own}
                if person.may_reroster:  # any shift that runs this week (and their own roster's)
                    runs = hz.employer[e_i][h - 1]
                    wanted = [(s.id, day_index(d)) for s in employer.shifts if not s.weeks or runs in s.weeks
                              for d in s.days] + sorted(current)
                else:
                    wanted = sorted(current, key=lambda k: (k[1], k[0]))
                offset = (h - 1) * WEEK_MINUTES
                first = len(instances)
                for shift_id, day in sorted(set(wanted), key=lambda k: (k[1], shifts[k[0]].start, k[0])):
                    shift = shifts[shift_id]
                    start, end = shift_span(day, shift.start, shift.end, shift.crosses_midnight)
                    night = night_minutes(start, end, *window) > policy.night_min_work_in_window_minutes
                    is_night[len(instances)] = night
                    pieces[len(instances)] = _work_pieces(start + offset, end + offset, shift.pause_offsets())
                    instances.append(ShiftInstance(
                        staff=len(staff), shift=shift_id, day=day, start=start + offset, end=end + offset,
                        current=(shift_id, day) in current,
                        night_late=night and (end % MINUTES_PER_DAY) > late_after, week=h,
                    ))
                    mine.append(len(instances) - 1)
                week = range(first, len(instances))
                if person.may_reroster:  # contract hours a week, else the current roster of the week
                    targets.append(round(person.contract_hours * 60) if person.contract_hours is not None else
                                   sum(instances[i].end - instances[i].start for i in week if instances[i].current))
            pairs = tuple(
                (a, b) for k, a in enumerate(mine) for b in mine[k + 1:]
                if any(overlaps(x, y, u, v) for x, y in hz.wrap(instances[a].start, instances[a].end)
                       for u, v in hz.wrap(instances[b].start, instances[b].end))
            )
            staff_index[person.id] = len(staff)
            staff.append(StaffData(
                id=person.id, employer=e_i, flexible=person.may_reroster, target_minutes=targets[0] if targets else None,
                instances=tuple(mine), overlapping_pairs=pairs,
                week_targets=tuple(targets) if hz.circular and targets else (),
            ))

    htos: list[HtoData] = []
    busy: dict[int, list[tuple[int, int, int]]] = {}  # staff index -> (span, start, end) on the line
    for hto in plan.htos:
        t = teacher_index[hto.teacher]
        options = [o for c in copies for o in c.options if t in o.teachers]
        teach_periods = sorted({p for o in options for p in o.periods})
        spans = sorted({o.periods for o in options})
        s = staff_index[hto.staff]
        htos.append(HtoData(
            id=hto.id, teacher=t, staff=s,
            release_max_minutes=hto.release.max_teaching_minutes_per_week,
            unqualified_max_minutes=(
                policy.unqualified_max_teaching_minutes if hto.qualification == "unqualified" else None
            ),
            periods=tuple(teach_periods), spans=tuple(spans),
            release_min_minutes=hto.release.min_teaching_minutes,
            release_target_minutes=hto.release.target_teaching_minutes,
            weeks=_teaching_weeks(hz, periods, teach_periods) if hz.circular else (),
        ))
        travel = [hto.travel_minutes.get(school.id, 0) for school in plan.schools]
        # one busy window per placement (docs/rules.md), not per period: a break inside a blokuur
        # is away time too; once in every horizon week that teaches its school week
        busy[s] = [
            (k, x, y)
            for k, span in enumerate(spans)
            for _, offset in hz.school_weeks(periods[span[0]].school, periods[span[0]].day)
            for x, y in hz.wrap(periods[span[0]].start - travel[periods[span[0]].school] + offset,
                                periods[span[-1]].end + travel[periods[span[0]].school] + offset)
        ]
    hto_of_staff = {h.staff: i for i, h in enumerate(htos)}

    cuts = frozenset(h * WEEK_MINUTES for h in range(1, hz.weeks))  # each segment in one horizon week
    law_persons = []
    for s, data in enumerate(staff):
        if s not in hto_of_staff and not data.flexible:
            continue
        atoms = [(x, y, ("shift", i)) for i in data.instances for a, b in pieces[i] for x, y in hz.wrap(a, b)]
        atoms += [(a, b, ("span", k)) for k, a, b in busy.get(s, [])]
        law_persons.append(LawPerson(
            staff=s, hto=hto_of_staff.get(s), segments=_segments(atoms, cuts),
            night_rests=_night_rests(data, instances, is_night, policy, hz.weeks),
        ))

    cover = {i: hz.wrap(inst.start, inst.end) for i, inst in enumerate(instances)}
    demand_segments = []
    for e_i, employer in enumerate(plan.employers):
        members = [s for s, d in enumerate(staff) if d.employer == e_i]
        skills = {p.id: set(p.skills) for p in employer.staff}
        windows = []
        for d_i, demand in enumerate(employer.demand):
            a, b = shift_span(day_index(demand.day), demand.start, demand.end, demand.crosses_midnight)
            having = tuple(s for s in members if demand.skill in skills[staff[s].id])
            for h in range(1, hz.weeks + 1):
                if demand.weeks and hz.employer[e_i][h - 1] not in demand.weeks:
                    continue
                offset = (h - 1) * WEEK_MINUTES
                windows += [_Window(d_i, x, y, demand.min_staff, having, h) for x, y in hz.wrap(a + offset, b + offset)]
        demand_segments += _employer_segments(e_i, windows, staff, cover, busy, hto_of_staff)
    return CompiledStaffing(
        staff=tuple(staff), instances=tuple(instances), htos=tuple(htos),
        law_persons=tuple(law_persons), demand_segments=tuple(demand_segments),
    )


def _teaching_weeks(hz: HorizonWeeks, periods: list[PeriodData], teach: list[int]) -> tuple:
    """(horizon week, the periods of `teach` taught in it) for horizon weeks 1 ... S, S the least common
    multiple of the schools' cycles: the teaching repeats every S weeks (S divides the horizon), and the
    school weeks taught in a horizon week decide which of an hto'er's periods happen in it."""
    span = math.lcm(*(max(week) for week in hz.school)) if hz.school else 1
    return tuple(
        (h, tuple(p for p in teach if hz.school[periods[p].school][h - 1] == periods[p].day // DAYS_PER_WEEK + 1))
        for h in range(1, span + 1))


def _work_pieces(start: int, end: int, pauses: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The shift [start, end) without its pauses (offsets from the start): the Atw's work in it."""
    out, cur = [], start
    for a, b in pauses:
        out.append((cur, start + a))
        cur = start + b
    return out + [(cur, end)]


def _segments(atoms: list[tuple[int, int, tuple[str, int]]], cuts: frozenset[int] = frozenset()) -> tuple[Segment, ...]:
    """Split time at every atom boundary; merge neighbours with the same cover, except across `cuts` (the
    boundaries of horizon weeks: each segment lies in one week); drop empty ones."""
    bounds = sorted({x for a, b, _ in atoms for x in (a, b)} | {c for c in cuts if any(a < c < b for a, b, _ in atoms)})
    out: list[Segment] = []
    for a, b in zip(bounds, bounds[1:]):
        shifts = tuple(sorted(k for s, e, (kind, k) in atoms if kind == "shift" and s <= a and b <= e))
        pers = tuple(sorted(k for s, e, (kind, k) in atoms if kind == "span" and s <= a and b <= e))
        if not shifts and not pers:
            continue
        if out and out[-1].end == a and a not in cuts and out[-1].shifts == shifts and out[-1].spans == pers:
            out[-1] = Segment(out[-1].start, b, shifts, pers)
        else:
            out.append(Segment(a, b, shifts, pers))
    return tuple(out)


def _night_rests(data: StaffData, instances, is_night: dict[int, bool], policy, weeks: int = 1) -> tuple[NightRest, ...]:
    """The rests after this person's night shifts. Days count on along the horizon; with several weeks
    they go round (the day before Monday of week 1 is Sunday of the last week)."""
    days = weeks * DAYS_PER_WEEK

    def on(day: int) -> int:
        return day % days if weeks > 1 else day

    nights_by_day: dict[int, list[int]] = {}
    for i in data.instances:
        if is_night[i]:
            nights_by_day.setdefault(_day(instances[i]), []).append(i)
    rests = []
    for i in data.instances:
        if not is_night[i]:
            continue
        day = _day(instances[i])
        if instances[i].night_late:  # 14 h only after a night ending after 02:00
            rests.append(NightRest(instance=i, rest_minutes=policy.night_rest_minutes,
                                   previous_nights=(), next_nights=()))
        # 46 h after a series of 3+ nights, whatever the time the last one ends (domain-nl, Atw 5:8)
        needed = policy.night_series_length - 1
        previous = tuple(tuple(nights_by_day.get(on(day - k), ())) for k in range(1, needed + 1))
        longer = policy.night_series_rest_minutes > policy.night_rest_minutes or not instances[i].night_late
        if all(previous) and longer:
            rests.append(NightRest(
                instance=i, rest_minutes=policy.night_series_rest_minutes,
                previous_nights=previous, next_nights=tuple(nights_by_day.get(on(day + 1), ())),
            ))
    return tuple(rests)


def _day(instance: ShiftInstance) -> int:
    """The day the instance starts on, counted along the horizon (week 1's Monday is 0)."""
    return (instance.week - 1) * DAYS_PER_WEEK + instance.day


@dataclass(frozen=True)
class _Window:
    demand: int  # index into the employer's demand list
    start: int
    end: int
    min_staff: int
    having: tuple[int, ...]  # staff indices with the skill
    week: int = 1  # the horizon week it applies in


def _employer_segments(e_i: int, windows: list[_Window], staff, cover, busy, hto_of_staff) -> list[DemandSegment]:
    """The employer's demand windows as segments, in window order and then in time.

    A window that overlaps no other is cut at every boundary of the shifts and busy windows of its
    skilled staff, and neighbours with the same cover are merged. Windows that overlap are cut
    together, at the boundaries of all of them, and merged only where every window active there keeps
    its cover: their segments then coincide or are disjoint (see DemandSegment). `cover`: per shift
    instance the pieces of the line it covers (one, unless it wraps round a horizon's end)."""
    out: list[DemandSegment] = []
    for group in _overlapping(windows):
        bounds = sorted(set().union(*(_bounds(w, staff, cover, busy) for w in group)))
        pieces: list[tuple[int, int, tuple]] = []  # (lo, hi, ((window, terms), ...))
        for lo, hi in zip(bounds, bounds[1:]):
            active = tuple(
                (w, _terms(w.having, lo, hi, staff, cover, busy, hto_of_staff))
                for w in group if w.start <= lo and hi <= w.end
            )
            if pieces and pieces[-1][1] == lo and pieces[-1][2] == active:
                pieces[-1] = (pieces[-1][0], hi, active)
            else:
                pieces.append((lo, hi, active))
        out += [DemandSegment(e_i, w.demand, lo, hi, w.min_staff, terms, w.week)
                for lo, hi, active in pieces for w, terms in active]
    out.sort(key=lambda seg: (seg.demand, seg.start))
    return out


def _overlapping(windows: list[_Window]) -> list[list[_Window]]:
    """The windows in groups that overlap in a chain (touching is not overlapping), each in window order."""
    groups: list[list[_Window]] = []
    end = None
    for w in sorted(windows, key=lambda w: (w.start, w.demand)):
        if groups and w.start < end:
            groups[-1].append(w)
            end = max(end, w.end)
        else:
            groups.append([w])
            end = w.end
    return [sorted(g, key=lambda w: w.demand) for g in groups]


def _bounds(w: _Window, staff, cover, busy) -> set[int]:
    """The window's ends and every boundary of its skilled staff's shifts and busy windows inside it."""
    bounds = {w.start, w.end}
    for s in w.having:
        for i in staff[s].instances:
            for a, b in cover[i]:
                bounds.update(x for x in (a, b) if w.start < x < w.end)
        for _, x, y in busy.get(s, []):
            bounds.update(v for v in (x, y) if w.start < v < w.end)
    return bounds


def _terms(having, lo: int, hi: int, staff, cover, busy, hto_of_staff) -> tuple[CoverTerm, ...]:
    """Who could be at work all of [lo, hi): the shifts that cover it and the busy windows that would take them away."""
    terms = []
    for s in having:
        shifts = tuple(i for i in staff[s].instances if any(a <= lo and hi <= b for a, b in cover[i]))
        if not shifts:
            continue
        spans = tuple(k for k, x, y in busy.get(s, []) if x <= lo and hi <= y)
        terms.append(CoverTerm(staff=s, hto=hto_of_staff.get(s), shifts=shifts, busy_spans=spans))
    return tuple(terms)
