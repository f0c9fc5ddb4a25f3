"""Arbeidstijdenwet on each person's merged week (company shifts + lessons + travel), one function per rule.

Work is constant on each compiled segment, so every rule is a set of clauses over the segment
literals v.work[person][e]. A free stretch of time always starts where some segment ends, so the
rest literals only need to be made at segment ends (see docs/rules.md for the exact definitions).

A horizon of several weeks is a circle (docs/rules.md, "Cycles and the horizon"): the rules that look
along the line (diensten, rests, breaks) scan it through `_line`, which puts the segments near its end
once more before its start and those near its start once more after its end; the week rules count
each horizon week on its own.
"""

from __future__ import annotations

from dataclasses import replace

from solver.cpsat.context import BuildOptions, Model, Penalty, weekly
from solver.cpsat.literals import Lit
from solver.cpsat.registry import rule
from solver.cpsat.variables import Variables
from solver.problem import ProblemData
from solver.timeline import MINUTES_PER_DAY, WEEK_MINUTES


def _law_guard(m: Model, data: ProblemData, rule_name: str, person, week: int = 1) -> Lit | None:
    """Explain mode: the guard of one Atw rule for one person, (rule, staff id), on a horizon of several
    weeks with the horizon week it is about: (rule, staff id, week)."""
    return m.guard(*weekly(data, (rule_name, data.staff[person.staff].id), week)) if m.explain else None


def _line(data: ProblemData, person, lits: list) -> tuple[list, list, range]:
    """The segments and work literals the rules that look along the line scan, and the indices from which
    a scan starts. One week: the person's own, all of them. Several weeks: the segments within reach of
    the circle's end come once more before its start, and those within reach of its start once more
    after its end (shifted by the circle's length, the same literals); a scan starts only from the
    segments themselves, so a dienst, rest or break across the end of the last week counts once."""
    segs = list(person.segments)
    if data.weeks == 1:
        return segs, list(lits), range(len(segs))
    turn, law = data.weeks * WEEK_MINUTES, data.law
    reach = 2 * MINUTES_PER_DAY + law.max_shift + law.dienst_rest + law.daily_rest  # past any dienst and rest
    before = [e for e, s in enumerate(segs) if s.end > turn - reach]
    after = [e for e, s in enumerate(segs) if s.start < reach]
    moved = lambda e, by: replace(segs[e], start=segs[e].start + by, end=segs[e].end + by)  # noqa: E731
    line = [moved(e, -turn) for e in before] + segs + [moved(e, turn) for e in after]
    line_lits = [lits[e] for e in before] + list(lits) + [lits[e] for e in after]
    return line, line_lits, range(len(before), len(before) + len(segs))


def _week(minute: int) -> int:
    return minute // WEEK_MINUTES + 1


def _night_minutes(law, start: int, end: int) -> int:
    """Minutes of [start, end) inside the night window of any day (00:00-06:00 by default)."""
    window_start, window_end = law.night_window
    total = 0
    for day in range(start // 1440 - 1, end // 1440 + 1):
        a, b = day * 1440 + window_start, day * 1440 + window_end
        total += max(0, min(end, b) - max(start, a))
    return total


@rule("atw_night_shift_duration")
def atw_night_shift_duration(m: Model, data: ProblemData, v: Variables, opts: BuildOptions) -> list[Penalty]:
    """A dienst with more than night_min minutes of work in the night window lasts at most max_night_dienst.
    For segments a and b both worked with no dienst-separating rest between them (one dienst, which spans
    longer than the limit): the night minutes worked from a to b stay within night_min."""
    law = data.law
    for k, (person, own) in enumerate(zip(data.law_persons, v.work)):
        segs, lits, starts = _line(data, person, own)
        night = [_night_minutes(law, s.start, s.end) for s in segs]
        for a in starts:
            if lits[a] is False:
                continue
            for b in range(a, len(segs)):
                if segs[b].start - segs[a].start >= law.max_shift + law.dienst_rest:
                    break  # longer than a dienst may be at all (atw_max_shift_duration)
                if segs[b].end - segs[a].start <= law.max_night_dienst or lits[b] is False:
                    continue
                terms = [(night[e], lits[e]) for e in range(a, b + 1) if night[e] and lits[e] is not False]
                if sum(minutes for minutes, _ in terms) <= law.night_min:
                    continue
                rests = [v.free(m, k, segs[e].end, law.dienst_rest) for e in range(a, b)
                         if segs[e].end + law.dienst_rest <= segs[b].start]
                if any(rest is True for rest in rests):
                    continue  # a rest always separates them: never one dienst
                fixed = sum(minutes for minutes, lit in terms if lit is True)
                live = [(minutes, lit) for minutes, lit in terms if lit is not True]
                when = [lit for lit in (lits[a], lits[b]) if lit is not True]
                when += [m.lits.negate(rest) for rest in rests if rest is not False]
                guard = _law_guard(m, data, "atw_night_shift_duration", person, _week(segs[a].start))
                if guard is not None:
                    when.append(guard)
                if not live:  # the night minutes are fixed and too many: a and b may not both be worked
                    m.lits.clause([m.lits.negate(lit) for lit in when])
                    continue
                constraint = m.cp.add(sum(minutes * lit for minutes, lit in live) <= law.night_min - fixed)
                if when:
                    constraint.only_enforce_if(when)
    return []


@rule("atw_max_week")
def atw_max_week(m: Model, data: ProblemData, v: Variables, opts: BuildOptions) -> list[Penalty]:
    """At most the policy's hours of work in the week (60 by default); in each week of a horizon."""
    limit = data.law.max_week
    for person, lits in zip(data.law_persons, v.work):
        for week in range(1, data.weeks + 1):
            pairs = list(zip(person.segments, lits))
            if data.weeks > 1:  # each segment lies in one horizon week
                pairs = [(s, lit) for s, lit in pairs if _week(s.start) == week]
            guard = _law_guard(m, data, "atw_max_week", person, week)
            fixed = sum(s.end - s.start for s, lit in pairs if lit is True)
            live = [(s, lit) for s, lit in pairs if not isinstance(lit, bool)]
            if fixed > limit:
                m.lits.clause([], guard)
            elif live and fixed + sum(s.end - s.start for s, _ in live) > limit:
                m.only_if(m.cp.add(sum((s.end - s.start) * lit for s, lit in live) <= limit - fixed), guard)
    return []


@rule("atw_max_shift_duration")
def atw_max_shift_duration(m: Model, data: ProblemData, v: Variables, opts: BuildOptions) -> list[Penalty]:
    """A dienst (work between two rests of 8 h or more) lasts at most the policy's maximum (12 h)."""
    law = data.law
    for k, (person, own) in enumerate(zip(data.law_persons, v.work)):
        segs, lits, starts = _line(data, person, own)
        for a in starts:
            if lits[a] is False:
                continue
            for b in range(a, len(segs)):
                if segs[b].start - segs[a].start >= law.max_shift + law.dienst_rest:
                    break
                if segs[b].end - segs[a].start <= law.max_shift or lits[b] is False:
                    continue
                rests = [v.free(m, k, segs[e].end, law.dienst_rest) for e in range(a, b)
                         if segs[e].end + law.dienst_rest <= segs[b].start]
                m.lits.clause([m.lits.negate(lits[a]), m.lits.negate(lits[b])] + rests,
                              _law_guard(m, data, "atw_max_shift_duration", person, _week(segs[a].start)))
    return []


@rule("atw_daily_rest")
def atw_daily_rest(m: Model, data: ProblemData, v: Variables, opts: BuildOptions) -> list[Penalty]:
    """The policy's daily rest after a dienst (11 h); at most daily_rest_short_per_week times a shorter
    one, of at least daily_rest_short (8 h). A rest shorter than that is refused outright. On a horizon
    the shorter rests count in the week in which they begin, and the rest after the last dienst of the
    last week runs on into week 1."""
    law = data.law
    for k, (person, own) in enumerate(zip(data.law_persons, v.work)):
        segs, lits, starts = _line(data, person, own)
        shorts: dict[int, list] = {}  # horizon week -> its shorter rests
        for a in starts:
            if lits[a] is False:
                continue
            week = _week(segs[a].end % (data.weeks * WEEK_MINUTES)) if data.weeks > 1 else 1
            for b in range(a + 1, len(segs)):
                gap = segs[b].start - segs[a].end
                if gap >= law.daily_rest:
                    break
                if gap < law.dienst_rest or lits[b] is False:
                    continue
                between = [lits[e] for e in range(a + 1, b)]
                if any(lit is True for lit in between):
                    continue
                ends = [m.lits.negate(lits[a]), m.lits.negate(lits[b])] + [lit for lit in between if lit is not False]
                if gap < law.daily_rest_short:  # a rest, but shorter than even the short daily rest
                    m.lits.clause(ends, _law_guard(m, data, "atw_daily_rest", person, week))
                    continue
                short = m.cp.new_bool_var(f"short_rest[{k}:{a}:{b}]")
                shorts.setdefault(week, []).append(short)
                m.lits.clause(ends[:2] + [short] + ends[2:])
        for week, lits_of_week in shorts.items():
            if len(lits_of_week) > law.daily_rest_short_per_week:
                m.only_if(m.cp.add(sum(lits_of_week) <= law.daily_rest_short_per_week),
                          _law_guard(m, data, "atw_daily_rest", person, week))
    return []


@rule("atw_rest_after_night")
def atw_rest_after_night(m: Model, data: ProblemData, v: Variables, opts: BuildOptions) -> list[Penalty]:
    """14 hours of rest after a night shift ending after 02:00; 46 hours after 3+ nights in a row. On a
    horizon the rest after the last week's nights runs on into week 1."""
    turn = data.weeks * WEEK_MINUTES if data.weeks > 1 else 0
    for person, lits in zip(data.law_persons, v.work):
        for rest in person.night_rests:
            inst = data.instances[rest.instance]
            condition = [v.w[rest.instance]]
            condition += [m.lits.or_of([v.w[i] for i in day]) for day in rest.previous_nights]
            condition += [m.lits.negate(v.w[i]) for i in rest.next_nights]
            if any(c is False for c in condition):
                continue
            negated = [m.lits.negate(c) for c in condition]
            for seg, lit in zip(person.segments, lits):
                if (seg.start < inst.end + rest.rest_minutes and inst.end < seg.end
                        or turn and seg.start + turn < inst.end + rest.rest_minutes and inst.end < seg.end + turn):
                    m.lits.clause(negated + [m.lits.negate(lit)],
                                  _law_guard(m, data, "atw_rest_after_night", person, inst.week))
    return []


@rule("atw_weekly_rest")
def atw_weekly_rest(m: Model, data: ProblemData, v: Variables, opts: BuildOptions) -> list[Penalty]:
    """The policy's uninterrupted weekly rest (36 h) inside the week; inside each week of a horizon."""
    law = data.law
    for k, person in enumerate(data.law_persons):
        for week in range(1, data.weeks + 1):
            lo = (week - 1) * law.horizon
            starts = sorted({lo} | {s.end for s in person.segments if s.end >= lo})
            options = [v.free(m, k, b, law.weekly_rest) for b in starts if b + law.weekly_rest <= lo + law.horizon]
            m.lits.clause(options, _law_guard(m, data, "atw_weekly_rest", person, week))
    return []


@rule("atw_breaks")
def atw_breaks(m: Model, data: ProblemData, v: Variables, opts: BuildOptions) -> list[Penalty]:
    """A dienst with more than break_after minutes of work has at least break_total minutes of break, one
    with more than long_break_after at least long_break_total; a break is a free stretch of at least
    break_block minutes inside the dienst. Stated for every two segments a and b that may be the first and
    the last worked segment of one dienst (no work in the dienst_rest before a and after b, no such rest
    between them): when both are, and the work from a to b is over a limit, the breaks between reach its total."""
    law = data.law
    needs = sorted({(law.break_after, law.break_total), (law.long_break_after, law.long_break_total)})
    needs = [(after, total) for after, total in needs if total > 0]
    if not needs:
        return []
    for k, (person, own) in enumerate(zip(data.law_persons, v.work)):
        segs, lits, starts = _line(data, person, own)
        ends = sorted({s.end for s in segs})
        before = [_worked_near(segs, lits, i, -law.dienst_rest) for i in range(len(segs))]
        after = [_worked_near(segs, lits, i, law.dienst_rest) for i in range(len(segs))]
        rest_after = _surely_rests(segs, lits, law.dienst_rest)
        for a in starts:
            if lits[a] is False or before[a] is None:
                continue  # never worked, or never the first of a dienst
            most = 0  # the most work from a to b
            for b in range(a, len(segs)):
                if rest_after[a] < b:
                    break  # a rest always follows a segment from a on: never one dienst with b or later
                if lits[b] is False:
                    continue
                most += segs[b].end - segs[b].start
                if most <= needs[0][0] or after[b] is None:
                    continue
                rests = [v.free(m, k, segs[e].end, law.dienst_rest) for e in range(a, b)
                         if segs[e].end + law.dienst_rest <= segs[b].start]
                when = [lits[a], lits[b]] + [m.lits.negate(lit) for lit in before[a] + after[b] + rests]
                when = [lit for lit in when if lit is not True]
                guard = _law_guard(m, data, "atw_breaks", person, _week(segs[a].start))
                if guard is not None:
                    when.append(guard)
                _dienst_breaks(m, v, k, ends, lits, segs, a, b, when, needs)
    return []


def _surely_rests(segs, lits, rest: int) -> list[float]:
    """Per segment i: the first segment e >= i after which no segment may be worked for `rest` minutes
    (inf if none), i.e. a rest always separates e from every later segment."""
    out: list[float] = [float("inf")] * len(segs)
    next_start, first = float("inf"), float("inf")
    for e in range(len(segs) - 1, -1, -1):
        if next_start >= segs[e].end + rest:
            first = e
        out[e] = first
        if lits[e] is not False:
            next_start = segs[e].start
    return out


def _worked_near(segs, lits, i: int, reach: int) -> list[Lit] | None:
    """The live work literals of the segments within `reach` minutes before segment i (reach < 0) or after
    it; None when one of them is always worked (then i never starts or ends a dienst)."""
    if reach < 0:
        near = [lit for s, lit in zip(segs[:i], lits[:i]) if s.end > segs[i].start + reach]
    else:
        near = [lit for s, lit in zip(segs[i + 1:], lits[i + 1:]) if s.start < segs[i].end + reach]
    if any(lit is True for lit in near):
        return None
    return [lit for lit in near if lit is not False]


def _dienst_breaks(m: Model, v: Variables, k: int, ends: list[int], lits, segs, a: int, b: int,
                   when: list, needs: list[tuple[int, int]]) -> None:
    """Under `when` (a and b first and last of one dienst): each limit the work from a to b passes
    needs its break total, counted over the free stretches between them."""
    block = v.data.law.break_block
    work = [(segs[e].end - segs[e].start, lits[e]) for e in range(a, b + 1) if lits[e] is not False]
    fixed_work = sum(minutes for minutes, lit in work if lit is True)
    live_work = [(minutes, lit) for minutes, lit in work if lit is not True]
    units = [(segs[e].start, segs[e].end, lits[e]) for e in range(a + 1, b)]
    units += [(segs[e].end, segs[e + 1].start, False) for e in range(a, b) if segs[e].end < segs[e + 1].start]
    breaks = [(end - start, _break_lit(m, v, k, ends, block, start, end, lit)) for start, end, lit in units]
    taken = sum(minutes for minutes, lit in breaks if lit is True)
    live_breaks = [(minutes, lit) for minutes, lit in breaks if not isinstance(lit, bool)]
    negated = [m.lits.negate(lit) for lit in when]
    for after, total in needs:
        if fixed_work + sum(minutes for minutes, _ in live_work) <= after or taken >= total:
            continue
        if taken + sum(minutes for minutes, _ in live_breaks) < total:  # too little break: stay within the limit
            if fixed_work > after:
                m.lits.clause(negated)
            else:
                _enforced(m.cp.add(sum(n * lit for n, lit in live_work) <= after - fixed_work), when)
            continue
        enough = sum(n * lit for n, lit in live_breaks) >= total - taken
        if fixed_work > after:
            _enforced(m.cp.add(enough), when)
            continue
        over = m.cp.new_bool_var(f"over[{k}:{a}:{b}:{after}]")
        _enforced(m.cp.add(sum(n * lit for n, lit in live_work) <= after - fixed_work), when + [over.Not()])
        _enforced(m.cp.add(enough), when + [over])


def _enforced(constraint, when: list) -> None:
    if when:
        constraint.only_enforce_if(when)


def _break_lit(m: Model, v: Variables, k: int, ends: list[int], block: int, start: int, end: int, worked) -> Lit:
    """A literal that implies [start, end) (one segment, or time no segment covers) lies in a free stretch
    of at least `block` minutes. A shorter piece needs a free window of `block` around it: one starts at a
    segment end (where every free stretch starts) or ends where the piece does."""
    if worked is True:
        return False
    if end - start >= block:
        return m.lits.negate(worked)

    def make() -> Lit:
        starts = {x for x in ends if end - block <= x <= start} | {end - block}
        return m.lits.or_of([v.free(m, k, x, block) for x in sorted(starts)], f"break[{k}:{start}]")
    return v.cached(("atw_break", k, start, end), make)
