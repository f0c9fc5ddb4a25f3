"""Arbeidstijdenwet on each person's merged week (company shifts + lessons + travel), one function per rule.

Work is constant on each compiled segment, so every rule is a set of clauses over the segment
literals v.work[person][e]. A free stretch of time always starts where some segment ends, so the
rest literals only need to be made at segment ends (see docs/rules.md for the exact definitions).
"""

from __future__ import annotations

from solver.cpsat.context import BuildOptions, Model, Penalty
from solver.cpsat.literals import Lit
from solver.cpsat.registry import rule
from solver.cpsat.variables import Variables
from solver.problem import ProblemData


def _law_guard(m: Model, data: ProblemData, rule_name: str, person) -> Lit | None:
    """Explain mode: the guard of one Atw rule for one person, (rule, staff id)."""
    return m.guard(rule_name, data.staff[person.staff].id) if m.explain else None


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
    for k, (person, lits) in enumerate(zip(data.law_persons, v.work)):
        segs = person.segments
        night = [_night_minutes(law, s.start, s.end) for s in segs]
        for a in range(len(segs)):
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
                guard = _law_guard(m, data, "atw_night_shift_duration", person)
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
    """At most the policy's hours of work in the week (60 by default)."""
    limit = data.law.max_week
    for person, lits in zip(data.law_persons, v.work):
        guard = _law_guard(m, data, "atw_max_week", person)
        fixed = sum(s.end - s.start for s, lit in zip(person.segments, lits) if lit is True)
        live = [(s, lit) for s, lit in zip(person.segments, lits) if not isinstance(lit, bool)]
        if fixed > limit:
            m.lits.clause([], guard)
        elif live and fixed + sum(s.end - s.start for s, _ in live) > limit:
            m.only_if(m.cp.add(sum((s.end - s.start) * lit for s, lit in live) <= limit - fixed), guard)
    return []


@rule("atw_max_shift_duration")
def atw_max_shift_duration(m: Model, data: ProblemData, v: Variables, opts: BuildOptions) -> list[Penalty]:
    """A dienst (work between two rests of 8 h or more) lasts at most the policy's maximum (12 h)."""
    law = data.law
    for k, (person, lits) in enumerate(zip(data.law_persons, v.work)):
        segs = person.segments
        for a in range(len(segs)):
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
                              _law_guard(m, data, "atw_max_shift_duration", person))
    return []


@rule("atw_daily_rest")
def atw_daily_rest(m: Model, data: ProblemData, v: Variables, opts: BuildOptions) -> list[Penalty]:
    """The policy's daily rest after a dienst (11 h); at most daily_rest_short_per_week times a shorter
    one, of at least daily_rest_short (8 h). A rest shorter than that is refused outright."""
    law = data.law
    for k, (person, lits) in enumerate(zip(data.law_persons, v.work)):
        segs = person.segments
        shorts = []
        for a in range(len(segs)):
            if lits[a] is False:
                continue
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
                    m.lits.clause(ends, _law_guard(m, data, "atw_daily_rest", person))
                    continue
                short = m.cp.new_bool_var(f"short_rest[{k}:{a}:{b}]")
                shorts.append(short)
                m.lits.clause(ends[:2] + [short] + ends[2:])
        if len(shorts) > law.daily_rest_short_per_week:
            m.only_if(m.cp.add(sum(shorts) <= law.daily_rest_short_per_week),
                      _law_guard(m, data, "atw_daily_rest", person))
    return []


@rule("atw_rest_after_night")
def atw_rest_after_night(m: Model, data: ProblemData, v: Variables, opts: BuildOptions) -> list[Penalty]:
    """14 hours of rest after a night shift ending after 02:00; 46 hours after 3+ nights in a row."""
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
                if seg.start < inst.end + rest.rest_minutes and inst.end < seg.end:
                    m.lits.clause(negated + [m.lits.negate(lit)], _law_guard(m, data, "atw_rest_after_night", person))
    return []


@rule("atw_weekly_rest")
def atw_weekly_rest(m: Model, data: ProblemData, v: Variables, opts: BuildOptions) -> list[Penalty]:
    """The policy's uninterrupted weekly rest (36 h) inside the week."""
    law = data.law
    for k, person in enumerate(data.law_persons):
        starts = sorted({0} | {s.end for s in person.segments})
        options = [v.free(m, k, b, law.weekly_rest) for b in starts if b + law.weekly_rest <= law.horizon]
        m.lits.clause(options, _law_guard(m, data, "atw_weekly_rest", person))
    return []
