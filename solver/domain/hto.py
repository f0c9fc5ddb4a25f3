"""The hto'er (teacher and staff member at once), the release agreement, and SME unavailable marks."""

from __future__ import annotations

from typing import Literal

from pydantic import Field, model_validator

from solver.domain.base import HHMM, WEEKDAYS, Availability, CalendarDay, Id, Strict
from solver.timeline import parse_hhmm

Qualification = Literal["qualified", "in_training", "unqualified"]


class Release(Strict):
    """What the employer and the school agreed: how much and on which days the hto'er may teach."""

    max_teaching_minutes_per_week: int | None = Field(default=None, ge=0)
    allowed_days: list[CalendarDay] = Field(default_factory=lambda: list(WEEKDAYS))
    min_teaching_minutes: int | None = Field(
        default=None, ge=0,
        description="Hard: the hto'er teaches at least this many minutes a week (rule release_min_teaching).",
    )
    target_teaching_minutes: int | None = Field(
        default=None, ge=0,
        description="Soft: each minute a week taught below this costs weights.release_target_teaching "
                    "(rule release_target_teaching).",
    )

    @model_validator(mode="after")
    def _teaching_minutes_in_order(self) -> "Release":
        """min <= target <= max, each where given: anything else cannot be meant."""
        named = [("min_teaching_minutes", self.min_teaching_minutes),
                 ("target_teaching_minutes", self.target_teaching_minutes),
                 ("max_teaching_minutes_per_week", self.max_teaching_minutes_per_week)]
        given = [(name, value) for name, value in named if value is not None]
        for (low_name, low), (high_name, high) in zip(given, given[1:]):
            if low > high:
                raise ValueError(f"{low_name} ({low}) is more than {high_name} ({high})")
        return self


class Hto(Strict):
    """A hybride techniekopleider: `teacher` at school and `staff` at `employer`."""

    id: Id
    name: str | None = None
    teacher: str
    employer: str
    staff: str
    subjects: list[str] = Field(
        default_factory=list, description="Subjects they may teach; empty: the teacher's subjects."
    )
    qualification: Qualification = "unqualified"
    release: Release = Field(default_factory=Release)
    travel_minutes: dict[str, int] = Field(
        default_factory=dict, description="Minutes between the employer's site and each school."
    )


class _MarkWindow(Strict):
    staff: str
    day: CalendarDay
    start: HHMM
    end: HHMM
    reason: str = ""

    @model_validator(mode="after")
    def _start_before_end(self) -> "_MarkWindow":
        if parse_hhmm(self.end) <= parse_hhmm(self.start):
            raise ValueError(f"ends ({self.end}) before it starts ({self.start})")
        return self


class UnavailableMark(Availability, _MarkWindow):
    """An SME planner's mark: in this window the staff member cannot leave the company (`level: hard`,
    the default), or would rather not (`level: preference`: each lesson they are away for then costs
    `weight`)."""
