"""Hto'er and employer rules: shifts worked, re-rostering, release, staffing demand (docs/rules.md)."""

from __future__ import annotations

from collections import defaultdict

from solver.cpsat.context import BuildOptions, Model, Penalty, weekly
from solver.cpsat.literals import Lit
from solver.cpsat.registry import rule
from solver.cpsat.variables import Variables
from solver.problem import ProblemData
from solver.timeline import DAYS_PER_WEEK


@rule("staff_one_shift_at_a_time")
def staff_one_shift_at_a_time(m: Model, data: ProblemData, v: Variables, opts: BuildOptions) -> list[Penalty]:
    """A staff member works at most one shift at a time."""
    for person in data.staff:
        for a, b in person.overlapping_pairs:
            key = weekly(data, ("staff_one_shift_at_a_time", person.id), data.instances[a].week)
            m.lits.clause([m.lits.negate(v.w[a]), m.lits.negate(v.w[b])], m.guard(*key))
    return []


@rule("reroster_keeps_contract")
def reroster_keeps_contract(m: Model, data: ProblemData, v: Variables, opts: BuildOptions) -> list[Penalty]:
    """A re-rostered colleague keeps their contract hours (others keep their roster: constants); on a
    horizon of several weeks in each week."""
    for person in data.staff:
        if person.flexible and person.week_targets:
            for h, target in enumerate(person.week_targets, start=1):
                week = [i for i in person.instances if data.instances[i].week == h]
                minutes = sum((data.instances[i].end - data.instances[i].start) * v.w[i] for i in week)
                m.only_if(m.cp.add(minutes == target), m.guard("reroster_keeps_contract", person.id, h))
        elif person.flexible:
            minutes = sum((data.instances[i].end - data.instances[i].start) * v.w[i] for i in person.instances)
            m.only_if(m.cp.add(minutes == person.target_minutes), m.guard("reroster_keeps_contract", person.id))
    return []


@rule("roster_change")
def roster_change(m: Model, data: ProblemData, v: Variables, opts: BuildOptions) -> list[Penalty]:
    """Soft: every shift added to or taken from a current roster."""
    weight = data.weights.roster_change
    if weight <= 0:
        return []
    changed = [v.w[i].Not() if data.instances[i].current else v.w[i]
               for person in data.staff if person.flexible for i in person.instances]
    return [p for lit in changed for p in m.penalty("roster_change", weight, lit)]


def _hto_minutes(m: Model, data: ProblemData, v: Variables, opts: BuildOptions, hto,
                 periods: tuple[int, ...] | None = None) -> list:
    """(minutes, literal) pairs of the hto'er's teaching (in `periods` only, when given: one week's)."""
    periods = hto.periods if periods is None else periods
    if opts.explain:  # per placement, as the validator counts: teacher_no_clash may be off here
        inside = set(periods)
        return [
            (sum(data.periods[p].minutes for p in o.periods), lit)
            for c, copy in enumerate(data.copies) for o, lit in zip(copy.options, v.x[c])
            if hto.teacher in o.teachers and o.periods[0] in inside
        ]
    return [(data.periods[p].minutes, v.teach_lit(m, hto.teacher, p)) for p in periods]


def teaching_weeks(hto, distinct: bool = True) -> list[tuple[int | None, tuple[int, ...] | None]]:
    """(horizon week, its periods) of each teaching week of an hto'er (horizon weeks 1 ... S, the schools'
    cycles together); `distinct`: only the first of weeks that teach the same periods (a hard rule is the
    same for them). One week: [(None, None)], all their periods in the week."""
    if not hto.weeks:
        return [(None, None)]
    if not distinct:
        return list(hto.weeks)
    first: dict[tuple[int, ...], int] = {}
    for week, periods in hto.weeks:
        first.setdefault(periods, week)
    return [(week, periods) for periods, week in first.items()]


def _teaching_at_most(m: Model, data: ProblemData, v: Variables, opts: BuildOptions, rule_name: str,
                      limit_of) -> list[Penalty]:
    """Each hto'er with a limit (limit_of(hto) not None) teaches at most that many minutes a week."""
    for hto in data.htos:
        limit = limit_of(hto)
        if limit is None:
            continue
        for week, periods in teaching_weeks(hto):
            terms = [minutes * lit for minutes, lit in _hto_minutes(m, data, v, opts, hto, periods) if lit is not False]
            if terms:
                m.only_if(m.cp.add(sum(terms) <= limit), m.guard(rule_name, hto.id, *(week,) * (week is not None)))
    return []


@rule("release_agreement")
def release_agreement(m: Model, data: ProblemData, v: Variables, opts: BuildOptions) -> list[Penalty]:
    """An hto'er teaches at most the agreed minutes a week (agreed days are filtered in compile)."""
    return _teaching_at_most(m, data, v, opts, "release_agreement", lambda hto: hto.release_max_minutes)


@rule("unqualified_teaching_limit")
def unqualified_teaching_limit(m: Model, data: ProblemData, v: Variables, opts: BuildOptions) -> list[Penalty]:
    """An unqualified hto'er teaches at most the policy's limit a week (6 klokuren by default)."""
    return _teaching_at_most(m, data, v, opts, "unqualified_teaching_limit", lambda hto: hto.unqualified_max_minutes)


@rule("release_min_teaching")
def release_min_teaching(m: Model, data: ProblemData, v: Variables, opts: BuildOptions) -> list[Penalty]:
    """An hto'er teaches at least the agreed minimum minutes a week."""
    for hto in data.htos:
        need = hto.release_min_minutes
        if not need:
            continue
        for week, periods in teaching_weeks(hto):
            guard = m.guard("release_min_teaching", hto.id, *(week,) * (week is not None))
            terms = [minutes * lit for minutes, lit in _hto_minutes(m, data, v, opts, hto, periods) if lit is not False]
            if not terms:
                m.lits.clause([], guard)  # no lesson could ever be theirs
            else:
                m.only_if(m.cp.add(sum(terms) >= need), guard)
    return []


@rule("release_target_teaching")
def release_target_teaching(m: Model, data: ProblemData, v: Variables, opts: BuildOptions) -> list[Penalty]:
    """Soft: each minute an hto'er teaches below the agreed target, max(0, target - taught) exactly."""
    weight, out = data.weights.release_target_teaching, []
    if weight <= 0:
        return out
    for hto in data.htos:
        target = hto.release_target_minutes
        if not target:
            continue
        for week, periods in teaching_weeks(hto, distinct=False):  # per school-cycle week: the teaching repeats
            taught = sum(minutes * lit for minutes, lit in _hto_minutes(m, data, v, opts, hto, periods)
                         if lit is not False)
            short = m.cp.new_int_var(0, target, f"short_teaching[{hto.id}{'' if week is None else f':{week}'}]")
            m.cp.add_max_equality(short, [0, target - taught])
            out += m.penalty("release_target_teaching", weight, short)
    return out


@rule("compact_release")
def compact_release(m: Model, data: ProblemData, v: Variables, opts: BuildOptions) -> list[Penalty]:
    """Soft: each day and each half-day on which an hto'er teaches; on a horizon, per school-cycle week
    (horizon weeks 1 ... S: the days of week h are the weekdays of the lessons taught in it, of any school)."""
    weight, out = data.weights.compact_release, []
    if weight <= 0:
        return out
    for hto in data.htos:
        days, halves = defaultdict(list), defaultdict(list)
        for week, periods in teaching_weeks(hto, distinct=False):
            for p in hto.periods if periods is None else periods:
                period = data.periods[p]
                day = period.day if week is None else (week, period.day % DAYS_PER_WEEK)
                lit = v.teach_lit(m, hto.teacher, p)
                days[day].append(lit)
                halves[(day, period.morning)].append(lit)
        for key, lits in list(days.items()) + list(halves.items()):
            out += m.penalty("compact_release", weight, m.lits.or_of(lits, f"release[{hto.id}:{key}]"))
    return out


@rule("staffing_demand")
def staffing_demand(m: Model, data: ProblemData, v: Variables, opts: BuildOptions) -> list[Penalty]:
    """Every staffing window has enough people with the skill at every minute (zero output loss), each
    person filling one window at a time: where windows overlap, the people they share are assigned."""
    out: list[Penalty] = []
    presence: dict[tuple, Lit] = {}
    together: dict[tuple, list[int]] = defaultdict(list)  # (employer, start, end) -> segments there
    for k, seg in enumerate(data.demand_segments):
        together[(seg.employer, seg.start, seg.end)].append(k)
    for k, seg in enumerate(data.demand_segments):
        ks = together[(seg.employer, seg.start, seg.end)]
        if len(ks) == 1:
            present = [_present(m, v, presence, term) for term in seg.terms]
            fixed = sum(1 for lit in present if lit is True)
            live = [lit for lit in present if not isinstance(lit, bool)]
            out += _enough(m, data, opts, k, live, seg.min_staff - fixed)
        elif k == ks[0]:
            out += _assigned(m, data, v, opts, presence, ks)
    return out


def _enough(m: Model, data: ProblemData, opts: BuildOptions, k: int, live: list, need: int) -> list[Penalty]:
    """sum(live) >= need on segment k: hard under its window's guard, or the shortfall at its cost."""
    if need <= 0:
        return []
    seg, penalty = data.demand_segments[k], data.weights.output_loss
    if penalty is None:
        guard = m.guard(*_demand_key(data, seg)) if opts.explain else None
        if len(live) < need:
            m.lits.clause([], guard)  # not enough skilled staff could ever be there
        else:
            m.only_if(m.cp.add(sum(live) >= need), guard)
        return []
    short = m.cp.new_int_var(0, need, f"short[{k}]")
    m.cp.add_max_equality(short, [0, need - sum(live)])
    return m.penalty("staffing_demand", penalty * (seg.end - seg.start), short)


HALL_MAX_WINDOWS = 6  # windows sharing people beyond this many get assignment literals instead


def _assigned(m: Model, data: ProblemData, v: Variables, opts: BuildOptions, presence: dict,
              ks: list[int]) -> list[Penalty]:
    """Segments ks, of windows that overlap here: each person present fills at most one of them.

    Someone surely present who can fill only one window still short fills it (never worse), which may
    close that window and leave others with one choice less. The windows still open then split into
    groups linked by people who could fill several of them. A window alone in its group counts its
    people as before issue 20. A group of windows has people enough when Hall's condition holds: every
    set W of its windows has at least as many people present who can fill one of them as W has places;
    the shortfall is the largest lack over those sets, which is exactly the places left open by the
    best assignment (the validator's matching). Larger groups get an assignment instead."""
    lit_of: dict[int, Lit] = {}
    can: dict[int, list[int]] = {}  # staff -> positions in ks of the windows they could fill
    for j, k in enumerate(ks):
        for term in data.demand_segments[k].terms:
            lit = _present(m, v, presence, term)
            if lit is not False:
                lit_of[term.staff] = lit
                can.setdefault(term.staff, []).append(j)
    need = [data.demand_segments[k].min_staff for k in ks]
    surely = [s for s, lit in lit_of.items() if lit is True]
    folded = True
    while folded:
        folded = False
        for s in list(surely):
            open_ = [j for j in can[s] if need[j] > 0]
            if len(open_) <= 1:
                surely.remove(s)
                if open_:
                    need[open_[0]] -= 1
                folded = True
    people = {s: [j for j in can[s] if need[j] > 0] for s in lit_of if lit_of[s] is not True or s in surely}
    out: list[Penalty] = []
    for js in _linked([j for j in range(len(ks)) if need[j] > 0], people):
        mine = {s: [js.index(j) for j in choice if j in js] for s, choice in people.items()
                if any(j in js for j in choice)}
        if len(js) == 1:  # only people who can fill this window alone, none of them surely present
            out += _enough(m, data, opts, ks[js[0]], [lit_of[s] for s in mine], need[js[0]])
        elif len(js) <= HALL_MAX_WINDOWS:
            out += _hall(m, data, opts, [ks[j] for j in js], [need[j] for j in js], mine, lit_of)
        else:
            out += _assignment(m, data, opts, [ks[j] for j in js], [need[j] for j in js], mine, lit_of)
    return out


def _linked(windows: list[int], people: dict[int, list[int]]) -> list[list[int]]:
    """The windows in groups linked by people who could fill more than one of them, in window order."""
    root = {j: j for j in windows}

    def find(j: int) -> int:
        while root[j] != j:
            j = root[j]
        return j

    for choice in people.values():
        for j in choice[1:]:
            root[find(j)] = find(choice[0])
    groups: dict[int, list[int]] = {}
    for j in windows:
        groups.setdefault(find(j), []).append(j)
    return list(groups.values())


def _guards(m: Model, data: ProblemData, opts: BuildOptions, ks: list[int]) -> list[Lit]:
    if not opts.explain:
        return []
    return [m.guard(*_demand_key(data, data.demand_segments[k])) for k in ks]


def _demand_key(data: ProblemData, seg) -> tuple:
    """The guard key of a demand window: ("staffing_demand", employer, demand index[, horizon week])."""
    return weekly(data, ("staffing_demand", data.employers[seg.employer], seg.demand), seg.week)


def _hall(m: Model, data: ProblemData, opts: BuildOptions, ks: list[int], need: list[int],
          people: dict[int, list[int]], lit_of: dict[int, Lit]) -> list[Penalty]:
    """Every set W of the windows ks: the people present who can fill one of W number at least W's places
    (each under the guards of W's windows), or the largest lack costs its person-minutes."""
    lacks = []  # (windows of W, places not surely filled, live presence literals)
    for mask in range(1, 1 << len(ks)):
        w = [i for i in range(len(ks)) if mask >> i & 1]
        around = [lit_of[s] for s, choice in people.items() if any(mask >> i & 1 for i in choice)]
        gap = sum(need[i] for i in w) - sum(1 for lit in around if lit is True)
        if gap > 0:
            lacks.append((w, gap, [lit for lit in around if lit is not True]))
    penalty = data.weights.output_loss
    if penalty is None:
        for w, gap, live in lacks:
            guards = _guards(m, data, opts, [ks[i] for i in w])
            if len(live) < gap:
                m.lits.clause([g.Not() for g in guards])  # never enough of them could be there
            else:
                constraint = m.cp.add(sum(live) >= gap)
                if guards:
                    constraint.only_enforce_if(guards)
        return []
    if not lacks:
        return []
    seg = data.demand_segments[ks[0]]
    short = m.cp.new_int_var(0, sum(need), f"short[{ks[0]}]")
    m.cp.add_max_equality(short, [0] + [gap - sum(live) for _, gap, live in lacks])
    return m.penalty("staffing_demand", penalty * (seg.end - seg.start), short)


def _assignment(m: Model, data: ProblemData, opts: BuildOptions, ks: list[int], need: list[int],
                people: dict[int, list[int]], lit_of: dict[int, Lit]) -> list[Penalty]:
    """The windows ks with a literal assign[k:staff] per person and window they could fill, at most one
    of them true per person, none when absent; each window counts its assigned people. (With output
    loss a solution that is not optimal may assign worse than the best assignment.)"""
    take: dict[int, list] = defaultdict(list)  # position in ks -> literals of the people it could have
    for s, choice in people.items():
        if len(choice) == 1:
            take[choice[0]].append(lit_of[s])  # a live person with one window simply counts for it
            continue
        lits = [m.cp.new_bool_var(f"assign[{ks[i]}:{data.staff[s].id}]") for i in choice]
        m.cp.add(sum(lits) <= (1 if lit_of[s] is True else lit_of[s]))
        for i, lit in zip(choice, lits):
            take[i].append(lit)
    out: list[Penalty] = []
    for i, k in enumerate(ks):
        out += _enough(m, data, opts, k, take[i], need[i])
    return out


def _present(m: Model, v: Variables, presence: dict, term) -> Lit:
    """'This person is at work here': on a shift that covers the segment and not released."""
    key = (term.staff, term.shifts, term.busy_spans)
    if key not in presence:
        on_shift = m.lits.sum_as_bool([v.w[i] for i in term.shifts])
        busy = [v.busy_lit(m, term.hto, k) for k in term.busy_spans] if term.hto is not None else []
        presence[key] = m.lits.and_of([on_shift] + [m.lits.negate(b) for b in busy])
    return presence[key]
