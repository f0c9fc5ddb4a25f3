"""The history rules' numbers per law person: what the weeks before leave for the planned week.

A rule over n weeks needs the n - 1 weeks before the planned one (Staff.history); without them it is
not stated, and the validation report lists it as not checked (docs/rules.md, "History").
"""

from __future__ import annotations

from dataclasses import replace

from solver.domain import Plan
from solver.problem import LawHistory, LawPerson, StaffData


def with_history(plan: Plan, staff: tuple[StaffData, ...], law_persons: tuple[LawPerson, ...]) -> tuple[LawPerson, ...]:
    """The law persons, each with the LawHistory of their Staff.history (unchanged without one)."""
    records = {person.id: person for employer in plan.employers for person in employer.staff}
    policy = plan.policy
    out = []
    for person in law_persons:
        history = records[staff[person.staff].id].history
        limits = None
        if history is not None:
            last_3, last_15 = history.last_weeks(3), history.last_weeks(15)
            nights = history.previous_night_shifts
            limits = LawHistory(
                minutes_4_weeks=None if last_3 is None else 4 * policy.max_average_4_weeks_minutes - last_3,
                minutes_16_weeks=None if last_15 is None else 16 * policy.max_average_16_weeks_minutes - last_15,
                night_shifts=None if nights is None else policy.max_night_shifts_16_weeks - nights,
            )
            if limits == LawHistory(None, None, None):
                limits = None
        out.append(replace(person, history=limits) if limits is not None else person)
    return tuple(out)
