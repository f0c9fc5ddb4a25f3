"""Policy (labour law, qualification limits, tier penalties) and the weights of the soft rules.

Defaults come from ../shared/domain-nl.md: Arbeidstijdenwet (section 1) and the 6-klokuren rule
for teachers without a qualification (section 2a).
"""

from __future__ import annotations

from pydantic import Field

from solver.domain.base import HHMM, Strict


class Policy(Strict):
    # Arbeidstijdenwet, evaluated on the merged week (company work + lessons + travel).
    max_shift_minutes: int = Field(default=12 * 60, ge=0, description="Atw: max 12 h per dienst.")
    max_week_minutes: int = Field(default=60 * 60, ge=0, description="Atw: max 60 h in a week.")
    # Over several weeks, with a person's Staff.history (domain-nl §1a, §1d; docs/rules.md "History").
    max_average_4_weeks_minutes: int = Field(
        default=55 * 60, ge=0, description="Atw: on average at most 55 h a week over any 4 weeks."
    )
    max_average_16_weeks_minutes: int = Field(
        default=48 * 60, ge=0, description="Atw: on average at most 48 h a week over any 16 weeks."
    )
    max_night_shifts_16_weeks: int = Field(
        default=36, ge=0, description="Atw: at most 36 night shifts ending after 02:00 in any 16 weeks."
    )
    dienst_separating_rest_minutes: int = Field(
        default=8 * 60, ge=0, description="A rest this long ends a dienst (Atw definition)."
    )
    daily_rest_minutes: int = Field(default=11 * 60, ge=0, description="Atw: 11 h after a dienst.")
    daily_rest_short_minutes: int = Field(default=8 * 60, ge=0, description="Atw: shortened rest.")
    daily_rest_short_per_week: int = Field(default=1, ge=0, description="Atw: once per 7x24 h.")
    night_window_start: HHMM = Field(default="00:00", description="Start of the Atw night window, HH:MM.")
    night_window_end: HHMM = Field(default="06:00", description="End of the Atw night window, HH:MM.")
    night_min_work_in_window_minutes: int = Field(
        default=60, ge=0, description="Atw: a night shift has more than 1 h of work in 00:00-06:00."
    )
    max_night_dienst_minutes: int = Field(
        default=10 * 60, ge=0, description="Atw: a night dienst (more than 1 h of work in 00:00-06:00) lasts at most 10 h."
    )
    night_rest_after_end: HHMM = Field(
        default="02:00", description="Atw: the 14 h rest applies to a night shift ending after this."
    )
    night_rest_minutes: int = Field(default=14 * 60, ge=0, description="Atw: 14 h after a night.")
    night_series_length: int = Field(default=3, ge=1, description="Atw: a series of 3+ nights ...")
    night_series_rest_minutes: int = Field(default=46 * 60, ge=0, description="... needs 46 h rest.")
    weekly_rest_minutes: int = Field(default=36 * 60, ge=0, description="Atw: 36 h in the week.")
    # Atw pauses (atw_breaks): a break is a free stretch inside a dienst of at least the block.
    break_after_minutes: int = Field(
        default=330, ge=0, description="Atw: a dienst with more than 5.5 h of work needs a break ..."
    )
    break_minutes: int = Field(default=30, ge=0, description="... of 30 min in all (may be 2 x 15).")
    long_break_after_minutes: int = Field(
        default=600, ge=0, description="Atw: a dienst with more than 10 h of work needs ..."
    )
    long_break_minutes: int = Field(default=45, ge=0, description="... 45 min of break in all.")
    break_min_block_minutes: int = Field(
        default=15, ge=1, description="Atw: a pause is at least 15 min uninterrupted; shorter ones do not count."
    )
    # Teaching without a qualification (WEB 4.2.1 lid 6, WVO 7.19): max 6 klokuren a week.
    unqualified_max_teaching_minutes: int = Field(
        default=360, ge=0, description="Minutes a week at most that an unqualified hto'er teaches (6 klokuren).",
    )
    # Where the morning ends for compact release (half-days away from the company).
    halfday_split: HHMM = Field(default="12:30", description="Where the morning ends for half-days away, HH:MM.")
    # Tiers: placing every lesson first, then no output loss, then the weighted soft rules.
    allow_unplaced_lessons: bool = Field(
        default=False, description="If true a lesson may stay unplaced at a tier-1 penalty."
    )
    unplaced_lesson_penalty: int = Field(
        default=1_000_000, ge=0,
        description="Cost per unplaced copy of a required lesson (with allow_unplaced_lessons).",
    )
    allow_output_loss: bool = Field(
        default=False, description="If true staffing shortfall is allowed at a tier-2 penalty."
    )
    output_loss_penalty_per_person_minute: int = Field(
        default=1_000, ge=0, description="Cost per person-minute short of staffing demand (with allow_output_loss).",
    )
    # Tier 3: an optional lesson (a vacancy) left open, per lesson-minute: a tenth of a person-minute of
    # output lost (1,000) and 1/200 of a minute of an unplaced required lesson (1,000,000 for a 50-minute
    # copy). A 50-minute lesuur left open costs 5,000, far above the soft rules (a tussenuur costs 20).
    vacancy_penalty_per_minute: int = Field(
        default=100, ge=0, description="Per minute of an optional lesson (vacancy) left open: a tier-3 penalty."
    )
    # Cost parameters (reported as KPIs).
    secondment_vat: float = Field(default=0.21, ge=0, description="21% btw on secondment.")
    hto_hourly_rate_eur: float = Field(default=58.0, ge=0, description="Rekenkamer 2024, loondienst.")


class Weights(Strict):
    """Non-negative integer weight per soft rule; 0 switches the rule off."""

    student_gaps: int = Field(default=20, ge=0, description="Per free period between lessons of a student set.")
    teacher_gaps: int = Field(default=2, ge=0, description="Per free period between lessons of a teacher.")
    compact_release: int = Field(default=10, ge=0, description="Per day and per half-day an hto'er teaches.")
    roster_change: int = Field(default=5, ge=0, description="Per shift added to or taken from a roster.")
    lesson_move: int = Field(default=3, ge=0, description="Per lesson copy moved from its current slot.")
    teacher_change: int = Field(default=3, ge=0, description="Per lesson copy given another teacher.")
    teacher_unavailable_preference: int = Field(
        default=1, ge=0, description="Times each window weight a teacher's preference window costs per lesuur.")
    group_unavailable_preference: int = Field(
        default=1, ge=0, description="Times each window weight a group's preference window costs per lesuur.")
    sme_unavailable_preference: int = Field(
        default=1, ge=0, description="Times each mark weight an SME preference mark costs per lesson away in it.")
    release_target_teaching: int = Field(
        default=1, ge=0, description="Per minute an hto'er teaches below release.target_teaching_minutes."
    )
    teacher_preference: int = Field(
        default=50, ge=0, description="Per lesson copy given a candidate outside the lesson's preferred_teachers."
    )
