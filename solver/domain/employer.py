"""The company side of a plan: shifts, staffing demand per window and skill, staff and roster."""

from __future__ import annotations

from pydantic import Field, model_validator

from solver.domain.base import HHMM, WEEKDAYS, CalendarDay, Id, Strict
from solver.domain.history import WorkHistory
from solver.timeline import parse_hhmm


def _check_span(start: str, end: str, crosses_midnight: bool) -> None:
    s, e = parse_hhmm(start), parse_hhmm(end)
    if crosses_midnight:
        if e > s:
            raise ValueError(
                f"crosses_midnight is set but it ends ({end}) after it starts ({start}) on the same day"
            )
    elif e <= s:
        raise ValueError(
            f"ends ({end}) before it starts ({start}); set crosses_midnight: true for a night shift"
        )


class ShiftDef(Strict):
    """A shift of the company, e.g. early 06:00-14:00 or night 22:00-06:00 (crosses_midnight)."""

    id: Id
    name: str | None = None
    start: HHMM
    end: HHMM
    crosses_midnight: bool = False
    days: list[CalendarDay] = Field(default_factory=lambda: list(WEEKDAYS), description="Days it runs.")

    @model_validator(mode="after")
    def _span(self) -> "ShiftDef":
        _check_span(self.start, self.end, self.crosses_midnight)
        return self


class Demand(Strict):
    """At least `min_staff` people with `skill` must be at work during this window (no output loss)."""

    name: str | None = None
    skill: str
    day: CalendarDay
    start: HHMM
    end: HHMM
    crosses_midnight: bool = False
    min_staff: int = Field(ge=1)

    @model_validator(mode="after")
    def _span(self) -> "Demand":
        _check_span(self.start, self.end, self.crosses_midnight)
        return self


class RosterItem(Strict):
    shift: str
    day: CalendarDay


class Staff(Strict):
    id: Id
    name: str | None = None
    skills: list[str] = Field(default_factory=list)
    contract_hours: float | None = Field(
        default=None, ge=0, description="Hours per week on the roster; default: the current roster."
    )
    may_reroster: bool = Field(
        default=False, description="The planner allows moving this person to other shifts."
    )
    roster: list[RosterItem] = Field(default_factory=list, description="The current roster.")
    history: WorkHistory | None = Field(
        default=None, description="The weeks before the planned one (Atw averages and night count); "
                                  "null: those rules are not checked for this person."
    )


class Employer(Strict):
    id: Id
    name: str | None = None
    site: str = ""
    shifts: list[ShiftDef] = Field(default_factory=list)
    demand: list[Demand] = Field(default_factory=list)
    staff: list[Staff] = Field(default_factory=list)
