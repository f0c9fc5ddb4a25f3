"""The history rules' numbers per law person: what the weeks before leave for the planned week.

A rule over n weeks needs the n - 1 weeks before the planned one (Staff.history); without them it is
not stated, and the validation report lists it as not checked (docs/rules.md, "History"). A horizon of
several weeks: the weeks before horizon week h are the history followed by horizon weeks 1 ... h-1, so
week h's window needs only the history weeks it reaches back to.
"""

from __future__ import annotations

from dataclasses import replace

from solver.domain import Plan
from solver.problem import LawHistory, LawPerson, StaffData, WeekLimit

AVERAGES = (("atw_average_4_weeks", 4, "max_average_4_weeks_minutes"),
            ("atw_average_16_weeks", 16, "max_average_16_weeks_minutes"))


def with_history(plan: Plan, staff: tuple[StaffData, ...], law_persons: tuple[LawPerson, ...],
                 weeks: int = 1) -> tuple[LawPerson, ...]:
    """The law persons, each with the LawHistory of their Staff.history (unchanged without one)."""
    records = {person.id: person for employer in plan.employers for person in employer.staff}
    policy = plan.policy
    out = []
    for person in law_persons:
        history = records[staff[person.staff].id].history
        limits, windows = None, ()
        if history is not None:
            nights = history.previous_night_shifts
            if weeks > 1:
                windows = _week_limits(history, policy, weeks)
                limits = LawHistory(None, None, None if nights is None else policy.max_night_shifts_16_weeks - nights)
            else:
                last_3, last_15 = history.last_weeks(3), history.last_weeks(15)
                limits = LawHistory(
                    minutes_4_weeks=None if last_3 is None else 4 * policy.max_average_4_weeks_minutes - last_3,
                    minutes_16_weeks=None if last_15 is None else 16 * policy.max_average_16_weeks_minutes - last_15,
                    night_shifts=None if nights is None else policy.max_night_shifts_16_weeks - nights,
                )
            if limits == LawHistory(None, None, None):
                limits = None
        if limits is not None or windows:
            person = replace(person, history=limits, week_limits=windows)
        out.append(person)
    return tuple(out)


def _week_limits(history, policy, weeks: int) -> tuple[WeekLimit, ...]:
    """Per average rule and horizon week h: the window of n weeks ending with h takes horizon weeks
    max(1, h-n+1) ... h and the last n-h history weeks (none from h = n on); it is stated when the
    history has those weeks."""
    out = []
    for rule, n, field in AVERAGES:
        for h in range(1, weeks + 1):
            before = history.last_weeks(max(0, n - h))
            if before is not None:
                out.append(WeekLimit(rule=rule, week=h, first=max(1, h - n + 1),
                                     left=n * getattr(policy, field) - before))
    return tuple(out)
