"""The hto'er's pages: their merged week in force (shifts, released time, travel, lessons) as a week grid, the
hours against the release agreement and the Arbeidstijdenwet, and their calendar (.ics) download and secret
subscription address. The data is what GET /me/week gives: publishing.in_force_for_hto and hto_timetable."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from fastapi import APIRouter, HTTPException, Request, Response, status

from api.deps import SessionDep, SettingsDep, committed
from api.services import publishing
from api.services.calendars import merged_ics, new_subscription, this_monday
from api.services.visibility import hto_timetable
from api.store.models import Organisation
from api.web.deps import FormPageDep, Page, PageDep
from api.web.render import render
from solver.domain import PlanError
from solver.domain.timetable import LessonPlacement, RosterAssignment
from solver.io.views.placed import placed_lessons
from solver.io.views.weeks import released_windows, shift_interval
from solver.term.week import project_week
from solver.timeline import DAYS_PER_WEEK, MINUTES_PER_DAY, fmt_hhmm
from solver.validation.intervals import merge, subtract, total

router = APIRouter(prefix="/app", include_in_schema=False)

NAV = {"hto": [("hto.title", "/app/me")]}
START = {"hto": "/app/me"}

WEEK = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
ICS_WEEKS = 8


@dataclass
class Item:
    start: int
    end: int
    kind: str  # shift | released | lesson | travel
    what: str
    where: str = ""

    @property
    def times(self) -> str:
        return f"{fmt_hhmm(self.start)}–{fmt_hhmm(self.end)}"


@dataclass
class Day:
    key: str
    items: list[Item] = field(default_factory=list)
    worked: int = 0
    teaching: int = 0
    limit: int = 0

    @property
    def margin(self) -> int:
        return self.limit - self.worked


@dataclass
class Week:
    schools: list[str]
    days: list[Day]
    worked: int
    limit: int
    teaching: int
    company: int
    travel: int
    release_max: int | None
    release_min: int | None
    release_target: int | None

    @property
    def margin(self) -> int:
        return self.limit - self.worked


def _clip(intervals, day: int) -> list[tuple[int, int]]:
    lo, hi = day * MINUTES_PER_DAY, (day + 1) * MINUTES_PER_DAY
    return [(max(s, lo), min(e, hi)) for s, e in intervals if s < hi and e > lo]


def _dated(plan, timetable, monday: date):
    """The plan's week as it holds in the calendar week of `monday` (rotating rosters and school cycles)."""
    try:
        week = project_week(plan, timetable, monday)
    except PlanError:  # a date the plan's horizon cannot place: its first week, as the plan is written
        return plan, timetable.model_copy(update={"rosters": [r for r in timetable.rosters if r.week == 1]})
    return week.plan, week.timetable


def merged_week(session, page: Page, monday: date) -> Week | None:
    """The hto'er's calendar week from `monday` over the timetables in force that have them in (shifts once);
    None while none is."""
    caller = page.caller
    staff, employer = caller.user.staff_code, caller.org.code
    items: dict[tuple, Item] = {}
    work, busy, travel, lessons = [], [], [], []
    schools, policy, release = [], None, None
    for record in publishing.in_force_for_hto(session, caller):
        plan, timetable = publishing.plan_and_timetable(record)
        mine = hto_timetable(plan, timetable, staff, employer)
        hto = next((h for h in plan.htos if h.id == mine["hto"]), None)
        if hto is None:
            continue
        schools.append(session.get(Organisation, record.org_id).name)
        policy, release = plan.policy, hto.release
        plan, shown = _dated(plan, timetable.model_copy(update={
            "placements": [LessonPlacement.model_validate(p) for p in mine["placements"]],
            "rosters": [RosterAssignment.model_validate(r) for r in mine["rosters"]]}), monday)
        company = next((e for e in plan.employers if e.id == employer), None)
        names = {s.id: s.name or s.id for s in company.shifts} if company else {}
        site = (company.name or company.id) if company else employer
        for roster in shown.rosters:
            interval = shift_interval(plan, roster)
            released = released_windows(roster, interval)
            key = ("shift", *interval)
            if key not in items:
                items[key] = Item(*interval, "shift", names.get(roster.shift, roster.shift), site)
                work.extend(subtract([interval], released))
                for start, end in released:
                    items[("released", start, end)] = Item(start, end, "released", "")
        school_names = {s.id: s.name or s.id for s in plan.schools}
        placed = placed_lessons(plan, shown)
        for p in placed:
            room = f" · {p.room}" if p.room else ""
            items[("lesson", p.start, p.end, p.school)] = Item(
                p.start, p.end, "lesson", f"{p.subject} · {'+'.join(p.groups) or '—'}",
                f"{school_names.get(p.school, p.school)}{room}")
            lessons.append((p.start, p.end, p.teaching_minutes))
        for school in sorted({p.school for p in placed}):
            minutes = hto.travel_minutes.get(school, 0)
            windows = merge([(p.start - minutes, p.end + minutes) for p in placed if p.school == school])
            busy.extend(windows)
            for start, end in (windows if minutes > 0 else ()):
                for leg in ((start, start + minutes), (end - minutes, end)):
                    items[("travel", *leg)] = Item(*leg, "travel", school_names.get(school, school))
                    travel.append(leg)
    if policy is None:
        return None
    worked = merge(work + busy)
    days = []
    for index, key in enumerate(WEEK):
        day = Day(key, limit=policy.max_shift_minutes)
        day.items = sorted((i for i in items.values() if min(i.start // MINUTES_PER_DAY, DAYS_PER_WEEK - 1) == index),
                           key=lambda i: (i.start, i.end, i.kind))
        day.worked = total(_clip(worked, index))
        day.teaching = sum(m for s, _, m in lessons if s // MINUTES_PER_DAY == index)
        days.append(day)
    return Week(schools=schools, days=days, worked=total(worked), limit=policy.max_week_minutes,
                teaching=sum(m for *_, m in lessons), company=total(merge(work)), travel=total(merge(travel)),
                release_max=release.max_teaching_minutes_per_week, release_min=release.min_teaching_minutes,
                release_target=release.target_teaching_minutes)


def hours(minutes: int) -> str:
    sign = "−" if minutes < 0 else ""
    minutes = abs(minutes)
    return f"{sign}{minutes // 60}:{minutes % 60:02d}"


def _hto_only(page: Page) -> None:
    """Only an hto'er has a week of their own: for anyone else the page is not there (as /me/week refuses)."""
    if page.caller.role != "hto" or page.caller.org is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, "not found")


def _monday(chosen: str | None) -> date:
    """The Monday of the chosen date's week (?week=2026-12-07), else of this week."""
    try:
        day = date.fromisoformat(chosen) if chosen else this_monday()
    except ValueError:
        day = this_monday()
    return day - timedelta(days=day.weekday())


def _week_page(request: Request, page: Page, session, monday: date, **context) -> Response:
    week = merged_week(session, page, monday)
    shown = [d for d in week.days if d.items or d.key in WEEK[:5]] if week else []
    return render(request, page, "hto/week.html", week=week, days=shown, hours=hours, monday=monday,
                  sunday=monday + timedelta(days=6), before=monday - timedelta(days=7),
                  after=monday + timedelta(days=7), this_week=monday == this_monday(), **context)


@router.get("/me")
def my_week(request: Request, page: PageDep, session: SessionDep, week: str | None = None) -> Response:
    _hto_only(page)
    return _week_page(request, page, session, _monday(week), subscription=None)


@router.post("/me/calendar")
def subscribe(request: Request, page: FormPageDep, session: SessionDep, settings: SettingsDep) -> Response:
    """A new secret calendar address (the old one stops working), shown once: only its hash is kept."""
    _hto_only(page)
    secret = committed(session, new_subscription(session, user=page.caller.user))
    url = f"{settings.public_url.rstrip('/')}/calendar/{secret}.ics"
    if request.headers.get("HX-Request") == "true":
        return render(request, page, "hto/subscription.html", subscription=url)
    return _week_page(request, page, session, this_monday(), subscription=url)


@router.get("/me/week.ics")
def week_ics(page: PageDep, session: SessionDep) -> Response:
    """The week in force as a calendar file, downloaded with the page's login (the next weeks, as the feed)."""
    _hto_only(page)
    caller = page.caller
    content = merged_ics(publishing.in_force_for_hto(session, caller), staff=caller.user.staff_code,
                         employer=caller.org.code, first=this_monday(), weeks=ICS_WEEKS)
    return Response(content, media_type="text/calendar",
                    headers={"Content-Disposition": 'attachment; filename="mijn-week.ics"'})
