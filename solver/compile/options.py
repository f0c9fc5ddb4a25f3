"""Lesson options: every (day, first lesuur, teacher) a lesson copy could take, each with the
reasons compile would prune it for.

One generator (`lesson_options`) serves both forms of compile. A reason is a tuple of guard keys
that together forbid the option; a guard key is the rule's name (solver/rules.py) and the ids it
is about, e.g. ("teacher_unavailable", "JdV"), ("sme_unavailable_mark", 3). The normal compile
keeps only the options without a reason. Explain mode (`compile_plan(plan, explain=True)`, for
solver/explain/conflicts.py) keeps them all with the reasons in `OptionData.guards`; the builder
adds (not x or not g1 or ...) per reason, so with every guard on the model is the normal one.
The plan's structure (the length of a day) still bounds the options in both forms.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace

from solver.compile.periods import blocked_periods
from solver.domain import Plan, hard_windows
from solver.domain.school import Lesson
from solver.problem import OptionData, PeriodData
from solver.timeline import DAYS_PER_WEEK, WEEK_MINUTES, at, day_index, overlaps, parse_hhmm

Reason = tuple[tuple, ...]


@dataclass(frozen=True)
class Availability:
    """What the options of every lesson depend on beyond the lesson itself; made once per compile."""

    teacher_index: dict[str, int]
    teacher_blocked: list[frozenset[int]]  # per teacher: the periods they are unavailable in
    group_blocked: dict[tuple[int, str], frozenset[int]]  # (school index, group id) -> the same
    # per hto'er's teacher id: (allowed days, SME marks as (index, start, end), travel per school, hto id)
    hto: dict[str, tuple]
    breaks: frozenset[int]  # periods with a marked break before them: a blokuur may not span one
    subjects: dict[str, list[str]]  # Plan.teacher_subjects()


def availability(plan: Plan, periods: list[PeriodData], teacher_index: dict[str, int],
                 breaks: frozenset[int]) -> Availability:
    return Availability(
        teacher_index=teacher_index,
        teacher_blocked=_teacher_blocked_periods(plan, periods),
        group_blocked=_group_blocked_periods(plan, periods),
        hto=_hto_option_filter(plan),
        breaks=breaks,
        subjects=plan.teacher_subjects(),
    )


def _teacher_blocked_periods(plan: Plan, periods) -> list[frozenset[int]]:
    """Hard windows only: a preference window prunes nothing, it costs (solver/compile/preferences.py)."""
    return [blocked_periods(periods, hard_windows(t.unavailable)) for t in plan.teachers]


def _group_blocked_periods(plan: Plan, periods) -> dict[tuple[int, str], frozenset[int]]:
    """Once per group, not once per lesson (FET's schools mark many student sets unavailable, and
    each has many lessons). Hard windows only, as for teachers."""
    return {
        (school_i, group.id): blocked_periods(periods, hard_windows(group.unavailable), school_i)
        for school_i, school in enumerate(plan.schools) for group in school.groups if hard_windows(group.unavailable)
    }


def _hto_option_filter(plan: Plan) -> dict[str, tuple]:
    out = {}
    for hto in plan.htos:
        marks = [
            (k, at(m.day, parse_hhmm(m.start)), at(m.day, parse_hhmm(m.end)))
            for k, m in enumerate(plan.unavailable_marks) if m.staff == hto.staff and m.hard
        ]
        travel = [hto.travel_minutes.get(school.id, 0) for school in plan.schools]
        out[hto.teacher] = ({day_index(d) for d in hto.release.allowed_days}, marks, travel, hto.id)
    return out


def _week_of(day: int) -> tuple[int, int]:
    """(weekday, offset): a day of a school's cycle (mon2 ... for its later weeks) as a weekday, and the
    minutes from week 1's same day: allowed days and SME marks are weekly, they hold in every week."""
    return day % DAYS_PER_WEEK, day // DAYS_PER_WEEK * WEEK_MINUTES


def copy_options(plan: Plan, lesson: Lesson, school_i: int, by_school_day, periods: list[PeriodData],
                 avail: Availability, current, explain: bool) -> tuple[OptionData, ...]:
    """The options of one lesson copy: without a reason only, or (explain) all, reasons as guards."""
    return tuple(lesson_options(plan, lesson, school_i, by_school_day, periods, avail, current,
                                keep_vetoed=explain))


def lesson_options(plan: Plan, lesson: Lesson, school_i: int, by_school_day, periods: list[PeriodData],
                   avail: Availability, current, keep_vetoed: bool = True) -> Iterator[OptionData]:
    """Every option of a copy whose current placement is `current` (or None), in the order the
    model lists them, each with `guards` = the reasons it would be pruned for: a lock (slot or
    teacher), a break inside the blokuur, an unavailable group, teacher or co-teacher, a release
    day, an SME mark. Each reason once, in that order. Without `keep_vetoed` an option with a
    reason is not made at all (the normal compile): the rest come out the same, in the same order,
    and a locked lesson costs one option instead of a week of them (Hopwood: 17 ms -> 5 ms)."""
    teachers = plan.qualified_teachers(lesson, avail.subjects)
    teacher_locked = lesson.lock.teacher and current is not None
    if lesson.teacher is None and not lesson.candidates:
        teachers = [None]  # a lesson without a (main) teacher: teacherless, or co-teachers only
    slot_locked = lesson.lock.slot and current is not None
    current_day = day_index(current.day) if slot_locked else None
    locked = (("lesson_locked", lesson.id),)
    co_teachers = tuple(avail.teacher_index[t] for t in lesson.co_teachers)
    group_blocked: dict[int, list[str]] = {}  # period -> the lesson's groups unavailable in it
    for group_id in dict.fromkeys(lesson.groups):
        for p in avail.group_blocked.get((school_i, group_id), ()):
            group_blocked.setdefault(p, []).append(group_id)
    for (s_i, day), indices in sorted(by_school_day.items()):
        if s_i != school_i or (slot_locked and day != current_day and not keep_vetoed):
            continue
        for first in range(1, len(indices) - lesson.duration + 2):
            reasons: list[Reason] = []
            if slot_locked and (day != current_day or first != current.period):
                if not keep_vetoed:
                    continue
                reasons.append(locked)
            occupied = tuple(indices[first - 1:first - 1 + lesson.duration])
            if any(p in avail.breaks for p in occupied[1:]):
                reasons.append((("block_consecutive", lesson.id),))
            if group_blocked and any(p in group_blocked for p in occupied):
                reasons += [(("group_unavailable", g),)
                            for g in sorted({g for p in occupied for g in group_blocked.get(p, ())})]
            start, end = periods[occupied[0]].start, periods[occupied[-1]].end
            for co in lesson.co_teachers:
                reasons += _teacher_reasons(co, day, occupied, start, end, school_i, avail)
            if reasons and not keep_vetoed:
                continue
            for teacher_id in teachers:
                t = -1 if teacher_id is None else avail.teacher_index[teacher_id]
                mine = reasons
                if t >= 0:
                    mine = reasons + _teacher_reasons(teacher_id, day, occupied, start, end, school_i, avail)
                    if teacher_locked and teacher_id != current.teacher:
                        mine.append(locked)
                if mine and not keep_vetoed:
                    continue
                yield OptionData(day=day, first=first, periods=occupied, teacher=t,
                                 teachers=(t,) * (t >= 0) + co_teachers,
                                 guards=tuple(dict.fromkeys(mine)) if mine else ())


def _teacher_reasons(teacher_id: str, day: int, occupied: tuple[int, ...], start: int, end: int,
                     school_i: int, avail: Availability) -> list[Reason]:
    """Unavailable; for an hto'er also: a day outside the release agreement, an SME mark in the
    busy window (the placement with travel on both sides)."""
    unavailable = avail.teacher_blocked[avail.teacher_index[teacher_id]]
    if not unavailable and teacher_id not in avail.hto:
        return []  # most teachers: nothing to check
    out: list[Reason] = []
    if unavailable and any(p in unavailable for p in occupied):
        out.append((("teacher_unavailable", teacher_id),))
    if teacher_id in avail.hto:
        allowed_days, marks, travel, hto_id = avail.hto[teacher_id]
        weekday, week = _week_of(day)
        if weekday not in allowed_days:
            out.append((("release_agreement", hto_id),))
        busy = (start - travel[school_i] - week, end + travel[school_i] - week)
        out += [(("sme_unavailable_mark", k),) for k, a, b in marks if overlaps(busy[0], busy[1], a, b)]
    return out


def with_reasons(option: OptionData, reasons: Iterable[Reason]) -> OptionData:
    """The option with each reason it does not carry yet added to its guards."""
    new = tuple(r for r in dict.fromkeys(reasons) if r not in option.guards)
    return replace(option, guards=option.guards + new) if new else option


def drop_or_guard(options: tuple[OptionData, ...], reasons_of: Callable[[OptionData], list[Reason]],
                  explain: bool) -> tuple[OptionData, ...]:
    """A later filter on options: the normal compile drops each option that has a reason, explain
    mode keeps it with the reasons added to its guards."""
    if explain:
        return tuple(with_reasons(o, reasons_of(o)) for o in options)
    return tuple(o for o in options if not reasons_of(o))
