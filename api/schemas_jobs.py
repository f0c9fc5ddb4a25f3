"""The shapes of the job routes: what starts a solve, re-plan, what-if or regional batch, and what a job
looks like while it waits, runs and after it ends. Every request model carries an example (shown in /docs)."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, Field

from api.schemas import example

JobKind = Literal["solve", "replan", "whatif", "batch"]
JobState = Literal["queued", "running", "done", "failed", "cancelled"]
DayName = Literal["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
HHMM_PATTERN = r"^([01][0-9]|2[0-3]):[0-5][0-9]$"


class SolveRequest(BaseModel):
    model_config = example(time_limit=30, seed=0, workers=1)
    time_limit: float | None = Field(default=None, gt=0, le=3600, description=(
        "Seconds the solver may search at most; the service's own limit applies when it is lower. "
        "Unset: the service's limit."))
    seed: int = Field(default=0, ge=0, le=2**31 - 1, description="The solver's random seed; the same seed "
                                                                 "and one worker give the same timetable.")
    workers: int | None = Field(default=None, ge=1, le=64, description=(
        "Search threads for this solve, at most the service's own limit. Unset: the service's setting."))


class ReplanRequest(BaseModel):
    model_config = example(based_on=None, change={"type": "unavailable_mark", "staff": "mh-hofman", "day": "wed",
                                                  "start": "13:00", "end": "17:00", "reason": "audit"},
                           polish_seconds=0, time_limit=30)
    based_on: str | None = Field(default=None, description=(
        "The timetable (its id) to change as little as possible; unset: the one in force, else the newest draft."))
    change: dict[str, Any] | None = Field(default=None, description=(
        "Optionally one change to make first, as in `hybrooster replan --change` (its `type`: unavailable_mark, "
        "teacher_unavailable, add_lesson, remove_room or add_hto). Without it, the plan as it is in the store "
        "now (with every mark the planners have added) is re-planned."))
    polish_seconds: float = Field(default=0, ge=0, le=600, description=(
        "Seconds to improve the other wishes afterwards, keeping the number of changes as small."))
    time_limit: float | None = Field(default=None, gt=0, le=3600, description=(
        "Seconds the re-plan may search at most; unset: the service's limit."))


class SchoolWhatIfRequest(BaseModel):
    model_config = example(change={"type": "teacher_unavailable", "teacher": "HOFM", "day": "mon",
                                   "start": "13:00", "end": "16:00", "reason": "cursus"})
    change: dict[str, Any] = Field(description=(
        "One change, as in `hybrooster replan --change` (its `type`: unavailable_mark, teacher_unavailable, "
        "add_lesson, remove_room or add_hto). Nothing is kept: the answer says what would move."))


class MarkIn(BaseModel):
    model_config = example(staff="mh-hofman", day="wed", start="13:00", end="17:00", level="hard")
    staff: str = Field(min_length=1, max_length=200, description="Your staff member's id.")
    day: DayName = Field(description="The day: mon, tue, wed, thu, fri, sat or sun.")
    start: str = Field(pattern=HHMM_PATTERN, description="From, as HH:MM.")
    end: str = Field(pattern=HHMM_PATTERN, description="Until, as HH:MM (after the start).")
    level: Literal["hard", "preference"] = Field(default="hard", description=(
        "hard: they cannot leave the company then; preference: you would rather they did not."))
    weight: int | None = Field(default=None, ge=1, le=1000, description="For a preference: how much it counts.")


class EmployerWhatIfRequest(BaseModel):
    model_config = example(mark={"staff": "mh-hofman", "day": "wed", "start": "13:00", "end": "17:00",
                                 "level": "hard"})
    mark: MarkIn = Field(description="The mark you are thinking of adding; nothing is kept.")


class BatchRequest(BaseModel):
    model_config = example(regions=["twente"], levers=["baseline", "no_vat"], scale=0.3, school_seconds=10,
                           rounds=1, seed=1, three_way=False)
    regions: list[str] = Field(min_length=1, max_length=10, description=(
        "Region presets to run: brainport, rijnmond, twente."))
    levers: list[str] | None = Field(default=None, max_length=20, description=(
        "Policy levers to compare, e.g. baseline, no_vat, unqualified=480, compensation=20,elasticity=1.0, "
        "shorter_route, own_network. Unset: all of them."))
    scale: float = Field(default=1.0, gt=0, le=2, description="The size of the generated regions (1: as the preset).")
    school_seconds: float = Field(default=20, gt=0, le=600, description="Seconds for each school's solve.")
    rounds: int = Field(default=3, ge=1, le=10, description="Rounds of matching and scheduling.")
    seed: int = Field(default=1, ge=0, le=2**31 - 1, description="The seed of the generated regions.")
    three_way: bool = Field(default=True, description=(
        "Also run the baseline sequentially and with a fixed free day, to compare the three."))


class ProgressPoint(BaseModel):
    seconds: float = Field(description="Seconds since the job started.")
    objective: int | None = Field(default=None, description="The best timetable's cost so far (lower is better).")
    bound: int | None = Field(default=None, description="No timetable can cost less than this.")
    gap: float | None = Field(default=None, description="How far the best may still be from the best possible "
                                                        "(0: proven best).")
    done: int | None = Field(default=None, description="A batch: units finished so far.")
    total: int | None = Field(default=None, description="A batch: units in all.")


class JobLinks(BaseModel):
    self: str = Field(description="This job.")
    events: str = Field(description="Its progress as a stream of server-sent events.")
    result: str = Field(description="Its result, once it has ended.")
    cancel: str = Field(description="POST here to stop it (the best timetable so far is kept).")
    report: str | None = Field(default=None, description="A batch: its report, as a zip file.")


class JobOut(BaseModel):
    id: str = Field(description="The job's id (a UUID).")
    kind: JobKind = Field(description="solve, replan, whatif or batch.")
    state: JobState = Field(description="queued, running, done, failed or cancelled.")
    org_id: str = Field(description="The school, employer or region it is for.")
    created_at: datetime = Field(description="When it was asked for.")
    started_at: datetime | None = Field(default=None, description="When a worker began it.")
    finished_at: datetime | None = Field(default=None, description="When it ended.")
    attempts: int = Field(description="How often a worker began it (2: it ran again after a restart).")
    queue_position: int | None = Field(default=None, description="While queued: jobs before it (0: next).")
    progress: list[ProgressPoint] = Field(default_factory=list, description=(
        "A time series: for a solve the best cost, the bound and the gap; for a batch the units done."))
    error: str | None = Field(default=None, description="Why it failed, in words.")
    timetable_id: str | None = Field(default=None, description="The timetable it made (kept as a draft).")
    result: dict[str, Any] | None = Field(default=None, description=(
        "What it found, as you may see it: counts, the changes, or (a what-if) what would move."))
    links: JobLinks = Field(description="Where to follow it.")


class JobResultOut(BaseModel):
    job_id: str = Field(description="The job.")
    kind: JobKind = Field(description="solve, replan, whatif or batch.")
    state: JobState = Field(description="done or cancelled (the best found before it was stopped).")
    timetable_id: str | None = Field(default=None, description="The draft timetable it made, if any.")
    timetable: dict[str, Any] | None = Field(default=None, description="That timetable, as you may see it.")
    diff: dict[str, Any] | None = Field(default=None, description="A re-plan: what changed, as you may see it.")
    answer: dict[str, Any] | None = Field(default=None, description="A what-if or batch: its answer.")
