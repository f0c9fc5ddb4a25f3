"""A person's merged week as calendar events (.ics), dated week by week over a range (issue 22, docs/calendar.md).

The person is an hto'er (shifts, lessons and travel), a teacher (lessons) or a staff member (shifts). Each dated
week of the range is the plan's week that holds then (solver/term/week.py: rotating rosters and school cycles
follow their cycle from its start date); the calendar file's school holidays, company shutdown weeks and leave
(solver/term/calendar.py) take out the lessons and shifts of those days, and show as all-day events marked free.
One event per occurrence (no RRULE): a week of another cycle week or with an exception is simply other events.
Times are local wall-clock times in Europe/Amsterdam, so a lesson at 08:30 stays at 08:30 across the change to
and from summer time.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, timezone
from zoneinfo import ZoneInfo

from solver.domain import Plan, PlanError, PlanIssue, Timetable
from solver.io.views.placed import placed_lessons
from solver.io.views.times import hours_minutes, span
from solver.io.views.weeks import hto_weeks, released_windows, shift_interval
from solver.term.calendar import Calendar
from solver.term.week import DatedWeek, project_week
from solver.validation.intervals import subtract

ZONE = ZoneInfo("Europe/Amsterdam")
MAX_DAYS = 731  # two school years: more is a typo in --from/--to
DAYS_PER_YEAR = 365.25


@dataclass
class Event:
    """One occurrence: timed (start, end local datetimes) or all day (`all_day`: start and end are dates)."""

    kind: str  # shift | lesson | travel | absence
    summary: str
    start: datetime | date
    end: datetime | date
    description: str = ""

    @property
    def all_day(self) -> bool:
        return not isinstance(self.start, datetime)


@dataclass
class Person:
    """Who the calendar is for: an hto'er, or a teacher or a staff member only."""

    id: str
    title: str
    teacher: str | None = None
    employer: str | None = None
    staff: str | None = None
    hto_index: int | None = None  # position in plan.htos


@dataclass
class PersonCalendar:
    person: Person
    first: date
    last: date
    events: list[Event] = field(default_factory=list)
    teaching_minutes: int = 0
    weeks: int = 0
    weeks_without_lessons: int = 0

    @property
    def title(self) -> str:
        return self.person.title

    def hours_a_year(self) -> float:
        """The teaching hours over the range, scaled to a year (the range itself when it is a year)."""
        days = (self.last - self.first).days + 1
        return self.teaching_minutes / 60 * DAYS_PER_YEAR / days

    def summary_lines(self) -> list[str]:
        lines = []
        if self.person.teacher is not None:
            lines.append(f"lesgeven / teaching over the range: {hours_minutes(self.teaching_minutes)} in {self.weeks} "
                         f"week{'s' if self.weeks != 1 else ''} ({self.weeks_without_lessons} without lessons / "
                         f"zonder lessen)")
            lines.append(f"uren per jaar / hours a year (at this rate): {self.hours_a_year():.1f} h")
        kinds = {kind: sum(e.kind == kind for e in self.events) for kind in ("shift", "lesson", "travel", "absence")}
        lines.append(", ".join(f"{kind}: {count}" for kind, count in kinds.items() if count) or "no events / geen afspraken")
        return lines

    def to_ical(self) -> bytes:
        from icalendar import Calendar as ICalendar, Event as IEvent

        cal = ICalendar()
        cal.add("prodid", "-//Hybrooster//merged week//NL")
        cal.add("version", "2.0")
        cal.add("x-wr-calname", f"Hybrooster: {self.person.title}")
        cal.add("x-wr-timezone", ZONE.key)
        stamp = datetime.now(timezone.utc).replace(microsecond=0)
        for i, event in enumerate(self.events):
            item = IEvent()
            item.add("uid", f"{self.person.id}-{event.start.isoformat()}-{event.kind}-{i}@hybrooster")
            item.add("dtstamp", stamp)
            item.add("dtstart", event.start)
            item.add("dtend", event.end)
            item.add("summary", event.summary)
            item.add("categories", [event.kind])
            if event.description:
                item.add("description", event.description)
            if event.all_day:
                item.add("transp", "TRANSPARENT")
            cal.add_component(item)
        cal.add_missing_timezones()
        return cal.to_ical()


def find_person(plan: Plan, person_id: str) -> Person:
    """An hto'er by their id, teacher id or staff id; else a teacher; else a staff member (PlanError naming
    --person with the ids it could be)."""
    for i, hto in enumerate(plan.htos):
        if person_id in (hto.id, hto.teacher, hto.staff):
            title = f"{hto.name or hto.id} (hto'er; docent / teacher {hto.teacher}, medewerker / staff {hto.staff})"
            return Person(hto.id, title, hto.teacher, hto.employer, hto.staff, i)
    teacher = next((t for t in plan.teachers if t.id == person_id), None)
    if teacher is not None:
        return Person(teacher.id, f"{teacher.name or teacher.id} (docent / teacher)", teacher=teacher.id)
    staff = [(e, p) for e in plan.employers for p in e.staff if p.id == person_id]
    if len(staff) > 1:
        where = ", ".join(e.id for e, _ in staff)
        raise PlanError([PlanIssue(path="--person", message=f"staff id '{person_id}' is at several employers "
                                                            f"({where}); a calendar is for one person")])
    if staff:
        employer, member = staff[0]
        return Person(member.id, f"{member.name or member.id} (medewerker / staff @ {employer.name or employer.id})",
                      employer=employer.id, staff=member.id)
    known = sorted({h.id for h in plan.htos} | {t.id for t in plan.teachers})
    shown = ", ".join(known[:12]) + (", ..." if len(known) > 12 else "")
    raise PlanError([PlanIssue(path="--person", message=f"unknown person '{person_id}': give an hto'er id, a teacher "
                                                        f"id or a staff id (known hto'ers and teachers: {shown})")])


def _local(monday: date, minutes: int) -> datetime:
    """Week minutes from the Monday's midnight as local wall-clock time (DST-safe: no arithmetic on aware times)."""
    return (datetime.combine(monday, time()) + timedelta(minutes=minutes)).replace(tzinfo=ZONE)


def _days(first: date, last: date):
    day = first
    while day <= last:
        yield day
        day += timedelta(days=1)


class _Absences:
    """The calendar's days off for one person: school holidays per school, leave, shutdown weeks."""

    def __init__(self, calendar: Calendar | None, person: Person):
        self.holidays: dict[str, list] = {}
        self.leave: list = []
        self.shutdowns: list = []
        if calendar is None:
            return
        for entry in calendar.schools:
            self.holidays[entry.school] = calendar.holidays_of(entry.school)
        if person.employer is not None:
            mine = calendar.employer(person.employer)
            if mine is not None:
                self.leave = [spell for spell in mine.leave if spell.staff == person.staff]
                self.shutdowns = list(mine.shutdown_weeks)

    def holiday(self, school: str, day: date):
        return next((h for h in self.holidays.get(school, []) if h.holds(day)), None)

    def on_leave(self, day: date):
        return next((spell for spell in self.leave if spell.holds(day)), None)

    def shutdown(self, monday: date):
        return next((s for s in self.shutdowns if s.week == monday), None)


def person_calendar(plan: Plan, timetable: Timetable, person_id: str, first: date, last: date,
                    calendar: Calendar | None = None) -> PersonCalendar:
    """The person's events from `first` to `last` (both included), week by week (see the module docstring)."""
    person = find_person(plan, person_id)
    absences = _Absences(calendar, person)
    result = PersonCalendar(person, first, last)
    monday = first - timedelta(days=first.weekday())
    schools: set[str] = set()
    while monday <= last:
        week = project_week(plan, timetable, monday, path="--from")
        events, minutes, taught_at = _week_events(week, person, absences)
        inside = [e for e in events if first <= e.start.date() <= last]
        result.events += inside
        taught = sum(m for e, m in zip(events, minutes) if first <= e.start.date() <= last)
        result.teaching_minutes += taught
        result.weeks += 1
        result.weeks_without_lessons += person.teacher is not None and taught == 0
        schools |= taught_at
        monday += timedelta(days=7)
    result.events += _absence_events(absences, person, schools, first, last)
    result.events.sort(key=lambda e: (e.start if isinstance(e.start, datetime)
                                      else datetime.combine(e.start, time()).replace(tzinfo=ZONE), e.kind))
    return result


def _week_events(week: DatedWeek, person: Person, absences: _Absences) -> tuple[list[Event], list[int], set[str]]:
    """One dated week's events, the teaching minutes of each (0 for all but lessons) and the schools taught at
    in the plan's week (holidays included: their holidays are shown)."""
    plan, timetable = week.plan, week.timetable
    mine = [p for p in timetable.placements if person.teacher is not None and p.teacher == person.teacher]
    taught_at = {p.school for p in mine}
    placements = [p for p in timetable.placements
                  if not (p.teacher == person.teacher and (absences.holiday(p.school, week.date_of(p.day))
                                                           or absences.on_leave(week.date_of(p.day))))]
    rosters = [] if absences.shutdown(week.monday) else \
        [r for r in timetable.rosters if not (r.employer == person.employer and r.staff == person.staff
                                              and absences.on_leave(week.date_of(r.day)))]
    kept = timetable.model_copy(update={"placements": placements, "rosters": rosters})
    events: list[Event] = []
    minutes: list[int] = []
    if person.employer is not None:
        shift_names = {s.id: s.name or s.id for e in plan.employers if e.id == person.employer for s in e.shifts}
        where = next((e.name or e.id for e in plan.employers if e.id == person.employer), person.employer)
        for ra in rosters:
            if ra.employer != person.employer or ra.staff != person.staff:
                continue
            interval = shift_interval(plan, ra)
            released = sorted(released_windows(ra, interval))
            note = "; ".join(f"vrijgesteld / released {span(s, e)}" for s, e in released)
            for s, e in subtract([interval], released):
                events.append(Event("shift", f"dienst / shift {shift_names.get(ra.shift, ra.shift)} @ {where}",
                                    _local(week.monday, s), _local(week.monday, e), note))
                minutes.append(0)
    if person.hto_index is not None:
        merged = hto_weeks(plan, kept)[person.hto_index]
        for items in merged.days.values():
            for item in items:
                if item.kind in ("lesson", "travel"):
                    events.append(Event(item.kind, item.text, _local(week.monday, item.start),
                                        _local(week.monday, item.end), "; ".join(item.notes)))
                    minutes.append(0)
        lessons = [p for p in placed_lessons(plan, kept) if p.teacher == person.teacher]
        _count_lessons(events, minutes, lessons, week)
    elif person.teacher is not None:
        schools = {s.id: s.name or s.id for s in plan.schools}
        for p in placed_lessons(plan, kept):
            if p.teacher != person.teacher:
                continue
            room = f", lokaal / room {p.room}" if p.room else ""
            text = f"les / lesson {p.subject} · {'+'.join(p.groups) or '—'}{room} @ {schools.get(p.school, p.school)}"
            events.append(Event("lesson", text, _local(week.monday, p.start), _local(week.monday, p.end)))
            minutes.append(p.teaching_minutes)
    return events, minutes, taught_at


def _count_lessons(events: list[Event], minutes: list[int], lessons, week: DatedWeek) -> None:
    """The hto'er's lesson events get their teaching minutes (matched by start and end)."""
    left = {(_local(week.monday, p.start), _local(week.monday, p.end)): p.teaching_minutes for p in lessons}
    for i, event in enumerate(events):
        if event.kind == "lesson":
            minutes[i] = left.pop((event.start, event.end), 0)


def _absence_events(absences: _Absences, person: Person, schools: set[str], first: date, last: date) -> list[Event]:
    """All-day events for the holidays of the schools taught at, the person's leave and the shutdown weeks."""
    out = []

    def add(summary: str, start: date, end: date) -> None:
        start, end = max(start, first), min(end, last)
        if start <= end:
            out.append(Event("absence", summary, start, end + timedelta(days=1)))

    if person.teacher is not None:
        for school in sorted(schools):
            for h in absences.holidays.get(school, []):
                add(f"vakantie / holiday: {h.name or 'vrij'} ({school})", h.first_day, h.last)
    for spell in absences.leave:
        add(f"afwezig / away: {spell.reason or 'verlof / leave'}", spell.first_day, spell.last)
    for shut in absences.shutdowns:
        add(f"bedrijf dicht / company closed: {shut.reason or 'sluiting / shutdown'}", shut.week,
            shut.week + timedelta(days=6))
    return out
