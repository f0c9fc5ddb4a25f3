"""The hto'er (teacher and staff member at once), the release agreement, and SME unavailable marks."""

from __future__ import annotations

from typing import Literal

from pydantic import Field, model_validator

from solver.domain.base import HHMM, WEEKDAYS, Availability, CalendarDay, Id, Strict
from solver.timeline import parse_hhmm

Qualification = Literal["qualified", "in_training", "unqualified"]


class Release(Strict):
    """What the employer and the school agreed: how much and on which days the hto'er may teach."""

    max_teaching_minutes_per_week: int | None = Field(
        default=None, ge=0, description="Minutes of teaching at most a week, e.g. 360; null: no limit.",
    )
    allowed_days: list[CalendarDay] = Field(
        default_factory=lambda: list(WEEKDAYS),
        description="Days the employer lets them teach, e.g. [\"tue\", \"thu\"].",
    )
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

    id: Id = Field(description="Unique id of the hto'er.")
    name: str | None = Field(
        default=None, description="A readable name for reports and views; optional (the id is shown otherwise).",
    )
    teacher: str = Field(description="Their teacher id at school.")
    employer: str = Field(description="The employer's id.")
    staff: str = Field(description="Their staff id at that employer.")
    subjects: list[str] = Field(
        default_factory=list, description="Subjects they may teach; empty: the teacher's subjects."
    )
    qualification: Qualification = Field(
        default="unqualified",
        description="qualified, in_training or unqualified (then teaching at most "
                    "policy.unqualified_max_teaching_minutes a week).",
    )
    release: Release = Field(
        default_factory=Release, description="What employer and school agreed about their teaching.",
    )
    travel_minutes: dict[str, int] = Field(
        default_factory=dict, description="Minutes between the employer's site and each school."
    )


class _MarkWindow(Strict):
    staff: str = Field(description="Staff id of the person who cannot leave the company.")
    day: CalendarDay = Field(description="Day of the week: mon … sun.")
    start: HHMM = Field(description="Start of the window, HH:MM, e.g. 08:00.")
    end: HHMM = Field(description="End of the window, HH:MM, e.g. 12:00.")
    reason: str = Field(default="", description="Why, for the reports (e.g. 'audit').")

    @model_validator(mode="after")
    def _start_before_end(self) -> "_MarkWindow":
        if parse_hhmm(self.end) <= parse_hhmm(self.start):
            raise ValueError(f"ends ({self.end}) before it starts ({self.start})")
        return self


class UnavailableMark(Availability, _MarkWindow):
    """An SME planner's mark: in this window the staff member cannot leave the company (`level: hard`,
    the default), or would rather not (`level: preference`: each lesson they are away for then costs
    `weight`)."""
