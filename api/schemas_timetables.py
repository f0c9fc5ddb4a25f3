"""The shapes of the timetable, check, export and calendar routes' answers and requests. The timetable itself
is a dict: what the caller may see of it (api/services/visibility.py) differs per role."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, Field

from api.schemas import example

State = Literal["draft", "published", "superseded"]


class ApprovalOut(BaseModel):
    employer: str = Field(description="The employer's code (its id in the plan).")
    employer_name: str = Field(description="The employer's name.")
    by: str = Field(description="The user name of the planner who approved.")
    at: datetime = Field(description="When they approved (UTC).")


class TimetableSummary(BaseModel):
    id: str = Field(description="The timetable's id (a UUID).")
    school_id: str = Field(description="The school it is for.")
    state: State = Field(description="draft, published (in force) or superseded (in force before).")
    in_force: bool = Field(description="True for the one timetable of the school that is in force now.")
    created_at: datetime = Field(description="When it was made.")
    job_id: str | None = Field(default=None, description="The solve job that made it, if any.")
    needs_approval: list[str] = Field(description="Employer codes that must approve it before it can be published.")
    waiting_for: list[str] = Field(description="Of those, the employers that have not approved yet.")
    approvals: list[ApprovalOut] = Field(description="Who approved it, and when.")
    published_at: datetime | None = Field(default=None, description="When it was published.")
    published_by: str | None = Field(default=None, description="The user name of who published it.")
    lessons_placed: int = Field(description="Lesson copies placed.")
    lessons_total: int = Field(description="Lesson copies in the plan.")
    hto_teaching_minutes: int = Field(description="Minutes the hto'ers teach per week (a planner: their own).")


class TimetableOut(TimetableSummary):
    timetable: dict[str, Any] = Field(description="The timetable as you may see it: a roosteraar the school's "
                                                  "part and when hto'ers are busy, a planner their staff's shifts "
                                                  "and when their hto'ers teach, an hto'er their own week.")


class BusyWindow(BaseModel):
    week: int | None = Field(default=None, description="The week of the cycle; null: every week.")
    day: str = Field(description="Day of the week: mon … sun.")
    start: str = Field(description="From, HH:MM.")
    end: str = Field(description="Until, HH:MM.")


class HtoBusy(BaseModel):
    hto: str = Field(description="The hto'er's id in the plan.")
    teacher: str = Field(description="Their teacher id at school.")
    busy: list[BusyWindow] = Field(description="When they are at their company and cannot teach.")


class AvailabilityOut(BaseModel):
    school_id: str = Field(description="The school.")
    timetable_id: str | None = Field(default=None, description="The timetable in force the shifts come from; "
                                                               "null: none yet (only the marks count).")
    htos: list[HtoBusy] = Field(description="Per hto'er, when they are busy.")


class HtoWeekPart(BaseModel):
    school_id: str = Field(description="The school.")
    school: str = Field(description="The school's name.")
    timetable_id: str = Field(description="The timetable in force there.")
    week: dict[str, Any] = Field(description="Your lessons there and your shifts.")


class MyWeekOut(BaseModel):
    parts: list[HtoWeekPart] = Field(description="One part per school whose timetable in force has you in it.")


class ExplainIn(BaseModel):
    model_config = example(time_limit=10)
    time_limit: float = Field(default=10.0, gt=0, le=30, description="Seconds to search at most (up to 30).")


class CheckReport(BaseModel):
    ok: bool = Field(description="True when no hard rule is broken.")
    hard_violations: int = Field(description="Hard rules broken.")
    same_plan: bool | None = Field(default=None, description="Whether the timetable was made for this plan "
                                                             "(null: it carries no fingerprint).")
    report: dict[str, Any] = Field(description="The validator's report (company details summarised for a school).")


class CalendarOut(BaseModel):
    url: str = Field(description="Subscribe to this address in your calendar app. Keep it secret: anyone with "
                                 "it sees your week. Making a new one stops the old one.")


class RevokedOut(BaseModel):
    revoked: int = Field(description="How many subscription addresses stopped working.")


class SchoolOverview(BaseModel):
    id: str = Field(description="The school's id.")
    name: str = Field(description="Its name.")
    plan_version: int | None = Field(default=None, description="The newest version of its plan; null: none.")
    timetable_in_force: str | None = Field(default=None, description="The id of its timetable in force, if any.")
    lessons_placed: int = Field(default=0, description="Lesson copies placed in the timetable in force.")
    lessons_total: int = Field(default=0, description="Lesson copies in its plan.")
    hto_teaching_minutes: int = Field(default=0, description="Minutes the hto'ers teach per week.")
    open_vacancy_minutes: int = Field(default=0, description="Lesson-minutes without a teacher.")


class EmployerOverview(BaseModel):
    id: str = Field(description="The employer's id.")
    name: str = Field(description="Its name.")
    plan_version: int | None = Field(default=None, description="The newest version of its part; null: none.")
    htos: int = Field(default=0, description="Its staff who teach as hto'er at a school of the region.")
    staffing_windows_met: int = Field(default=0, description="Staffing windows filled in the timetables in force.")
    staffing_windows: int = Field(default=0, description="Staffing windows in those timetables.")


class RegionOverview(BaseModel):
    id: str = Field(description="The region's id.")
    name: str = Field(description="Its name.")
    schools: list[SchoolOverview] = Field(description="Per school of the region.")
    employers: list[EmployerOverview] = Field(description="Per employer of the region.")


class ExplainOut(BaseModel):
    status: str = Field(description="infeasible (the items explain why), feasible (a timetable exists) or unknown "
                                    "(no answer within the time limit).")
    minimal: bool = Field(description="Every conflict proven the smallest.")
    holds: bool = Field(description="Proven: without these items the plan has a timetable.")
    more: bool = Field(description="Proven: without these items the plan still has none (there is more).")
    seconds: float = Field(description="Seconds it took.")
    solves: int = Field(description="Searches it made.")
    conflicts: int = Field(description="Independent conflicts found.")
    summary_nl: str = Field(description="In Dutch.")
    summary_en: str = Field(description="In English.")
    items: list[dict[str, Any]] = Field(description="The rules in conflict, each in words.")
    claims: list[dict[str, Any]] = Field(description="What was proven, in words.")


class WhyOut(BaseModel):
    lesson: str = Field(description="The lesson.")
    copy_number: int = Field(alias="copy", description="Which copy of it.")
    placement: dict[str, Any] = Field(description="Where it is now.")
    soft_cost: Any = Field(default=None, description="The timetable's soft cost (by rule).")
    optimal_here: bool = Field(description="True when no other place is allowed and cheaper.")
    summary_en: str = Field(description="In English.")
    summary_nl: str = Field(description="In Dutch.")
    alternatives: list[dict[str, Any]] = Field(description="Every other place, and what it would break or cost.")
