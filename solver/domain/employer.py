"""The company side of a plan: shifts, staffing demand per window and skill, staff and roster."""

from __future__ import annotations

from pydantic import Field, model_validator

from solver.domain.base import HHMM, WEEKDAYS, CalendarDay, Id, Strict
from solver.domain.cycles import MAX_CYCLE_WEEKS, Cycle
from solver.domain.history import WorkHistory
from solver.timeline import MINUTES_PER_DAY, parse_hhmm


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


class Pause(Strict):
    """A declared pause inside a shift, e.g. 12:00-12:30. It may lie after midnight in a night shift."""

    start: HHMM = Field(description="When the pause starts (HH:MM).")
    end: HHMM = Field(description="When the pause ends (HH:MM).")


class ShiftDef(Strict):
    """A shift of the company, e.g. early 06:00-14:00 or night 22:00-06:00 (crosses_midnight)."""

    id: Id = Field(description="Unique id of the shift at this employer, e.g. 'early'.")
    name: str | None = Field(
        default=None, description="A readable name for reports and views; optional (the id is shown otherwise).",
    )
    start: HHMM = Field(description="When the shift starts, HH:MM, e.g. 06:00.")
    end: HHMM = Field(description="When the shift ends, HH:MM, e.g. 14:00 (the next day with crosses_midnight).")
    crosses_midnight: bool = Field(default=False, description="The shift ends the next day, e.g. 22:00-06:00.")
    days: list[CalendarDay] = Field(default_factory=lambda: list(WEEKDAYS), description="Days it runs.")
    weeks: list[int] = Field(default_factory=list, description=(
        "Weeks of the employer's cycle in which it runs (1 = week 1); empty: every week."))
    pauses: list[Pause] = Field(default_factory=list, description=(
        "Pauses inside the shift: not working time for the Arbeidstijdenwet (atw_breaks); each lies "
        "strictly inside the shift, not at its start or end, and they do not overlap. Staffing still "
        "counts the person as present (pauses are staggered in the crew)."))

    @model_validator(mode="after")
    def _span(self) -> "ShiftDef":
        _check_span(self.start, self.end, self.crosses_midnight)
        self.pause_offsets()
        return self

    def pause_offsets(self) -> list[tuple[int, int]]:
        """The pauses as minutes after the shift's start, in time order; a ValueError if one does not
        interrupt the shift (outside it, at its start or end, empty, or overlapping another)."""
        start = parse_hhmm(self.start)
        length = parse_hhmm(self.end) - start + (MINUTES_PER_DAY if self.crosses_midnight else 0)
        out = []
        for k, pause in enumerate(self.pauses):
            a = (parse_hhmm(pause.start) - start) % MINUTES_PER_DAY
            b = (parse_hhmm(pause.end) - start) % MINUTES_PER_DAY
            where = f"pauses[{k}] ({pause.start}-{pause.end})"
            if not (0 <= a < length and 0 < b <= length and a < b):
                raise ValueError(f"{where} is not inside the shift {self.start}-{self.end}")
            if a == 0 or b == length:
                raise ValueError(f"{where} is at the {'start' if a == 0 else 'end'} of the shift "
                                 f"{self.start}-{self.end}: a pause must interrupt the work")
            out.append((a, b, where))
        out.sort()
        for (_, b, first), (a, _, second) in zip(out, out[1:]):
            if a < b:
                raise ValueError(f"{first} and {second} overlap")
        return [(a, b) for a, b, _ in out]


class Demand(Strict):
    """At least `min_staff` people with `skill` must be at work during this window (no output loss)."""

    name: str | None = Field(default=None, description="A label for reports; optional.")
    skill: str = Field(description="The skill the people must have, e.g. 'cnc'.")
    day: CalendarDay = Field(description="Day of the week: mon … sun.")
    start: HHMM = Field(description="When the window starts, HH:MM, e.g. 06:00.")
    end: HHMM = Field(description="When the window ends, HH:MM, e.g. 14:00.")
    crosses_midnight: bool = Field(default=False, description="The window ends the next day.")
    min_staff: int = Field(ge=1, description="People with the skill at least at work at each minute of the window.")
    weeks: list[int] = Field(default_factory=list, description=(
        "Weeks of the employer's cycle in which it applies (1 = week 1); empty: every week."))

    @model_validator(mode="after")
    def _span(self) -> "Demand":
        _check_span(self.start, self.end, self.crosses_midnight)
        return self


class RosterItem(Strict):
    shift: str = Field(description="Shift id of this employer.")
    day: CalendarDay = Field(description="Day of the week it is worked: mon … sun.")
    week: int = Field(default=1, ge=1, le=MAX_CYCLE_WEEKS, description=(
        "Week of the person's cycle (their own `cycle`, else the employer's) in which they work this shift; "
        "1 without a cycle."))


class Staff(Strict):
    id: Id = Field(description="Unique id of the staff member at this employer.")
    name: str | None = Field(
        default=None, description="A readable name for reports and views; optional (the id is shown otherwise).",
    )
    skills: list[str] = Field(
        default_factory=list, description="Skills they can fill a demand window with, e.g. [\"cnc\", \"lassen\"].",
    )
    contract_hours: float | None = Field(
        default=None, ge=0, description="Hours per week on the roster; default: the current roster."
    )
    may_reroster: bool = Field(
        default=False, description="The planner allows moving this person to other shifts."
    )
    roster: list[RosterItem] = Field(default_factory=list, description=(
        "The current roster; on a rotation, the shifts of every week of the cycle (each item's `week`)."))
    cycle: Cycle | None = Field(default=None, description=(
        "A rotation of the person's own (e.g. 3 weeks, week 1 starting on a given Monday); null: the "
        "employer's cycle."))
    history: WorkHistory | None = Field(
        default=None, description="The weeks before the planned one (Atw averages and night count); "
                                  "null: those rules are not checked for this person."
    )


class Employer(Strict):
    id: Id = Field(description="Unique id of the employer (company).")
    name: str | None = Field(
        default=None, description="A readable name for reports and views; optional (the id is shown otherwise).",
    )
    site: str = Field(
        default="",
        description="Where the company is, for reports; travel times are in each hto'er's `travel_minutes`.",
    )
    shifts: list[ShiftDef] = Field(default_factory=list, description="The shifts the company works.")
    demand: list[Demand] = Field(
        default_factory=list, description="Staffing demand: people with a skill needed per window.",
    )
    staff: list[Staff] = Field(default_factory=list, description="The people who work there, hto'ers included.")
    cycle: Cycle = Field(default_factory=Cycle, description=(
        "The employer's cycle: shifts and demand may differ per week of it (their `weeks`), and staff "
        "without a cycle of their own rotate on it. One week by default."))
