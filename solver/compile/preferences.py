"""The cost of each lesson option that uses a preference window or mark (level "preference").

A hard window or mark forbids: options.py leaves out every option it hits. A preference costs: each
option keeps its place and gets its cost here, once, under the rule it falls under (docs/rules.md):

* `teacher_unavailable_preference`: per teacher of the option (teacher and co-teachers) and per
  preference window of theirs, the window's weight × the option's lesuren that overlap it;
* `group_unavailable_preference`: the same per group of the lesson and per preference window of the
  group (lesuren of the lesson's school);
* `sme_unavailable_preference`: per hto'er among the option's teachers and per preference mark of their
  staff id that overlaps the option's busy window (the lesson with travel on both sides), its weight;
  marks are weekly, so a lesson of a later school week (mon2 ...) meets them on its weekday, and in a
  horizon of several weeks the cost counts once per horizon week that teaches the lesson's school week.

Each is multiplied by the rule's `Plan.weights` entry (0: no cost). The model adds weight × the
option's literal (solver/cpsat/preferences.py): a constant per option, so no variable is made, and a
plan without preferences gets no term at all.
"""

from __future__ import annotations

from collections import defaultdict

from solver.compile.horizon import HorizonWeeks
from solver.domain import Plan, preference_windows
from solver.domain.cycles import plan_horizon
from solver.problem import CopyData, OptionCost, PeriodData
from solver.timeline import DAYS_PER_WEEK, WEEK_MINUTES, at, overlaps, parse_hhmm

PREFERENCE_RULES = ("teacher_unavailable_preference", "group_unavailable_preference", "sme_unavailable_preference")


def period_weights(periods: list[PeriodData], windows, school: int | None = None) -> dict[int, int]:
    """Per period (of the school, if given): the sum of the weights of the windows that overlap it."""
    out: dict[int, int] = defaultdict(int)
    for w in windows:
        a, b = at(w.day, parse_hhmm(w.start)), at(w.day, parse_hhmm(w.end))
        for i, p in enumerate(periods):
            if (school is None or p.school == school) and overlaps(p.start, p.end, a, b):
                out[i] += w.preference_weight
    return dict(out)


def _teachers(plan: Plan, periods: list[PeriodData]) -> dict[int, dict[int, int]]:
    if not plan.weights.teacher_unavailable_preference:
        return {}
    out = {t: period_weights(periods, preference_windows(teacher.unavailable))
           for t, teacher in enumerate(plan.teachers)}
    return {t: weights for t, weights in out.items() if weights}


def _groups(plan: Plan, periods: list[PeriodData]) -> dict[tuple[int, str], dict[int, int]]:
    if not plan.weights.group_unavailable_preference:
        return {}
    out = {(school_i, group.id): period_weights(periods, preference_windows(group.unavailable), school_i)
           for school_i, school in enumerate(plan.schools) for group in school.groups}
    return {key: weights for key, weights in out.items() if weights}


def _marks(plan: Plan, teacher_index: dict[str, int]) -> dict[int, tuple[list[tuple[int, int, int]], list[int]]]:
    """Per hto'er's teacher index: their preference marks as (start, end, weight), and travel per school."""
    if not plan.weights.sme_unavailable_preference:
        return {}
    out = {}
    for hto in plan.htos:
        marks = [(at(m.day, parse_hhmm(m.start)), at(m.day, parse_hhmm(m.end)), m.preference_weight)
                 for m in plan.unavailable_marks if m.staff == hto.staff and not m.hard]
        if marks:
            out[teacher_index[hto.teacher]] = (marks, [hto.travel_minutes.get(s.id, 0) for s in plan.schools])
    return out


def preference_costs(plan: Plan, periods: list[PeriodData], copies: list[CopyData],
                     teacher_index: dict[str, int], hz: HorizonWeeks | None = None) -> tuple[OptionCost, ...]:
    """Every option's cost under each preference rule (only the options that cost something)."""
    teachers, groups, marks = _teachers(plan, periods), _groups(plan, periods), _marks(plan, teacher_index)
    if not (teachers or groups or marks):
        return ()
    scale = plan.weights
    out: list[OptionCost] = []
    for c, copy in enumerate(copies):
        lesson = plan.lessons[copy.lesson]  # compile makes one LessonData per plan lesson, in order
        own_groups = [groups[(copy.school, g)] for g in dict.fromkeys(lesson.groups) if (copy.school, g) in groups]
        for k, o in enumerate(copy.options):
            teacher = sum(teachers[t].get(p, 0) for t in o.teachers if t in teachers for p in o.periods)
            group = sum(weights.get(p, 0) for weights in own_groups for p in o.periods)
            away = 0
            for t in o.teachers:
                if t in marks:
                    hto_marks, travel = marks[t]
                    week = o.day // DAYS_PER_WEEK * WEEK_MINUTES  # the marks of its own weekday
                    start = periods[o.periods[0]].start - travel[copy.school] - week
                    end = periods[o.periods[-1]].end + travel[copy.school] - week
                    away += sum(weight for a, b, weight in hto_marks if overlaps(start, end, a, b))
            if away and hz is not None and hz.circular:
                away *= len(hz.school_weeks(copy.school, o.day))
            for rule, units in zip(PREFERENCE_RULES, (teacher, group, away)):
                if units:
                    out.append(OptionCost(rule, c, k, units * getattr(scale, rule)))
    return tuple(out)


def preference_bound(plan: Plan) -> int:
    """An upper bound on the preference cost of any timetable of the plan (for lexicographic weights):
    a teacher or group has at most one lesson in a lesuur, and an hto'er's marks cost at most once per
    copy they could teach (in each horizon week)."""
    lesuren = sum(len(s.periods) for s in plan.schools)
    copies = sum(lesson.count for lesson in plan.lessons)
    w = plan.weights
    teachers = sum(x.preference_weight for t in plan.teachers for x in preference_windows(t.unavailable))
    groups = sum(x.preference_weight for s in plan.schools for g in s.groups for x in preference_windows(g.unavailable))
    marks = sum(m.preference_weight for m in plan.unavailable_marks if not m.hard)
    return (w.teacher_unavailable_preference * teachers * lesuren + w.group_unavailable_preference * groups * lesuren
            + w.sme_unavailable_preference * marks * copies * plan_horizon(plan).weeks)
