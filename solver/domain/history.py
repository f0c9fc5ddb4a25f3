"""What a person worked before the planned week, for the Arbeidstijdenwet's averages over 4 and 16
weeks and its count of night shifts over 16 weeks (docs/rules.md, "History").

The law counts per person, not per job (../shared/domain-nl.md §1e): for an hto'er the history is
the merged hours of the company and the school together, given once on their Staff record.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import AfterValidator, Field, field_validator

from solver.domain.base import Strict

HISTORY_WEEKS = 15  # the 16-week window is the planned week and the 15 before it
WEEK_MINUTES_MAX = 7 * 24 * 60



def _week(minutes: int) -> int:
    if minutes > WEEK_MINUTES_MAX:
        raise ValueError(f"{minutes} minutes is more than a week has ({WEEK_MINUTES_MAX})")
    return minutes


WeekMinutes = Annotated[int, Field(ge=0), AfterValidator(_week)]


class WorkHistory(Strict):
    """The weeks before the planned one. A rule over n weeks is checked only when the n - 1 weeks
    before the planned one are known; otherwise the validation report lists it as not checked."""

    previous_weeks_minutes: list[WeekMinutes] = Field(
        default_factory=list,
        description="Minutes worked in each week before the planned one, most recent last, all jobs "
                    "together (an hto'er: company and school merged, travel included as in the planned "
                    "week); at most 15 weeks, each 0-10080. 3 weeks check the 4-week average, 15 the "
                    "16-week average.",
    )
    previous_night_shifts: int | None = Field(
        default=None, ge=0,
        description="Night shifts ending after 02:00 worked in the 15 weeks before the planned one, all "
                    "jobs together; null: unknown, and the 36-per-16-weeks rule is not checked.",
    )

    @field_validator("previous_weeks_minutes")
    @classmethod
    def _at_most_15(cls, weeks: list[int]) -> list[int]:
        if len(weeks) > HISTORY_WEEKS:
            raise ValueError(f"{len(weeks)} weeks; give the last {HISTORY_WEEKS} at most (the 16-week window "
                             f"is the planned week and the {HISTORY_WEEKS} before it)")
        return weeks

    @field_validator("previous_night_shifts")
    @classmethod
    def _one_a_day(cls, nights: int | None) -> int | None:
        if nights is not None and nights > HISTORY_WEEKS * 7:
            raise ValueError(f"{nights} night shifts in {HISTORY_WEEKS} weeks is more than one a day "
                             f"({HISTORY_WEEKS * 7})")
        return nights

    def last_weeks(self, weeks: int) -> int | None:
        """The minutes of the last `weeks` weeks together; None when fewer are known."""
        if len(self.previous_weeks_minutes) < weeks:
            return None
        return sum(self.previous_weeks_minutes[len(self.previous_weeks_minutes) - weeks:])
