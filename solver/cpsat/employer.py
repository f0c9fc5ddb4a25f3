"""Hto'er and employer rules: shifts worked, re-rostering, release, staffing demand (docs/rules.md)."""

from __future__ import annotations

from collections import defaultdict

from solver.cpsat.context import BuildOptions, Model, Penalty
from solver.cpsat.literals import Lit
from solver.cpsat.registry import rule
from solver.cpsat.variables import Variables
from solver.problem import ProblemData


@rule("staff_one_shift_at_a_time")
def staff_one_shift_at_a_time(m: Model, data: ProblemData, v: Variables, opts: BuildOptions) -> list[Penalty]:
    """A staff member works at most one shift at a time."""
    for person in data.staff:
        for a, b in person.overlapping_pairs:
            m.lits.clause([m.lits.negate(v.w[a]), m.lits.negate(v.w[b])], m.guard("staff_one_shift_at_a_time", person.id))
    return []


@rule("reroster_keeps_contract")
def reroster_keeps_contract(m: Model, data: ProblemData, v: Variables, opts: BuildOptions) -> list[Penalty]:
    """A re-rostered colleague keeps their contract hours (others keep their roster: constants)."""
    for person in data.staff:
        if person.flexible:
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


def _hto_minutes(m: Model, data: ProblemData, v: Variables, opts: BuildOptions, hto) -> list:
    """(minutes, literal) pairs of the hto'er's teaching."""
    if opts.explain:  # per placement, as the validator counts: teacher_no_clash may be off here
        return [
            (sum(data.periods[p].minutes for p in o.periods), lit)
            for c, copy in enumerate(data.copies) for o, lit in zip(copy.options, v.x[c])
            if hto.teacher in o.teachers
        ]
    return [(data.periods[p].minutes, v.teach_lit(m, hto.teacher, p)) for p in hto.periods]


def _teaching_at_most(m: Model, data: ProblemData, v: Variables, opts: BuildOptions, rule_name: str,
                      limit_of) -> list[Penalty]:
    """Each hto'er with a limit (limit_of(hto) not None) teaches at most that many minutes a week."""
    for hto in data.htos:
        limit = limit_of(hto)
        if limit is not None:
            terms = [minutes * lit for minutes, lit in _hto_minutes(m, data, v, opts, hto) if lit is not False]
            if terms:
                m.only_if(m.cp.add(sum(terms) <= limit), m.guard(rule_name, hto.id))
    return []


@rule("release_agreement")
def release_agreement(m: Model, data: ProblemData, v: Variables, opts: BuildOptions) -> list[Penalty]:
    """An hto'er teaches at most the agreed minutes a week (agreed days are filtered in compile)."""
    return _teaching_at_most(m, data, v, opts, "release_agreement", lambda hto: hto.release_max_minutes)


@rule("unqualified_teaching_limit")
def unqualified_teaching_limit(m: Model, data: ProblemData, v: Variables, opts: BuildOptions) -> list[Penalty]:
    """An unqualified hto'er teaches at most the policy's limit a week (6 klokuren by default)."""
    return _teaching_at_most(m, data, v, opts, "unqualified_teaching_limit", lambda hto: hto.unqualified_max_minutes)


@rule("compact_release")
def compact_release(m: Model, data: ProblemData, v: Variables, opts: BuildOptions) -> list[Penalty]:
    """Soft: each day and each half-day on which an hto'er teaches."""
    weight, out = data.weights.compact_release, []
    if weight <= 0:
        return out
    for hto in data.htos:
        days, halves = defaultdict(list), defaultdict(list)
        for p in hto.periods:
            period = data.periods[p]
            lit = v.teach_lit(m, hto.teacher, p)
            days[period.day].append(lit)
            halves[(period.day, period.morning)].append(lit)
        for key, lits in list(days.items()) + list(halves.items()):
            out += m.penalty("compact_release", weight, m.lits.or_of(lits, f"release[{hto.id}:{key}]"))
    return out


@rule("staffing_demand")
def staffing_demand(m: Model, data: ProblemData, v: Variables, opts: BuildOptions) -> list[Penalty]:
    """Every staffing window has enough people with the skill at every minute (zero output loss)."""
    penalty, out = data.weights.output_loss, []
    presence: dict[tuple, Lit] = {}
    for k, seg in enumerate(data.demand_segments):
        present = [_present(m, v, presence, term) for term in seg.terms]
        fixed = sum(1 for lit in present if lit is True)
        live = [lit for lit in present if not isinstance(lit, bool)]
        need = seg.min_staff - fixed
        if need <= 0:
            continue
        if penalty is None:
            guard = m.guard("staffing_demand", data.employers[seg.employer], seg.demand) if opts.explain else None
            if len(live) < need:
                m.lits.clause([], guard)  # not enough skilled staff could ever be there
            else:
                m.only_if(m.cp.add(sum(live) >= need), guard)
        else:
            short = m.cp.new_int_var(0, need, f"short[{k}]")
            m.cp.add_max_equality(short, [0, need - sum(live)])
            out += m.penalty("staffing_demand", penalty * (seg.end - seg.start), short)
    return out


def _present(m: Model, v: Variables, presence: dict, term) -> Lit:
    """'This person is at work here': on a shift that covers the segment and not released."""
    key = (term.staff, term.shifts, term.busy_spans)
    if key not in presence:
        on_shift = m.lits.sum_as_bool([v.w[i] for i in term.shifts])
        busy = [v.busy_lit(m, term.hto, k) for k in term.busy_spans] if term.hto is not None else []
        presence[key] = m.lits.and_of([on_shift] + [m.lits.negate(b) for b in busy])
    return presence[key]
