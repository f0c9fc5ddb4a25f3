"""check-term: week by week over a term, the lessons that cannot be taught and the staffing that fails.

Each dated week from `first` to `last` is projected (solver/term/week.py), the calendar applied
(solver/term/apply.py) and checked by the one-week validator on the rules of the company side: the
hto'ers' time, staffing and the Arbeidstijdenwet (WEEK_RULES). School rules are the timetable's own and
do not change from week to week (`hybrooster validate` checks them); a week in which every school day is
a holiday is skipped.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date, timedelta

from solver.domain import Plan, PlanError, PlanIssue, Timetable
from solver.term.apply import AppliedWeek, Untaught, apply_calendar
from solver.term.calendar import Calendar
from solver.term.week import MAX_TERM_WEEKS, check_monday, project_week
from solver.term.words import date_en, date_nl
from solver.timeline import MINUTES_PER_DAY, day_index, parse_hhmm
from solver.validate import validate
from solver.validation import atw, company
from solver.validation.report import Violation

# What a dated week can break: the company side (release_min_teaching left out: a week in which lessons
# fall out teaches less, and that is no failure).
WEEK_RULES = (frozenset(company.CHECKS) | frozenset(atw.CHECKS) | {"staffing_demand"}) - {"release_min_teaching"}
LESSON_RULES = ("hto_no_lesson_during_work", "sme_unavailable_mark")  # a lesson whose hto'er cannot be there


@dataclass
class Shortfall:
    """A staffing window short on a date, and who of the employer with the skill is away then."""

    employer: str
    windows: list[str]
    date: date
    start: int  # week minutes
    end: int
    person_minutes: int
    away: list[str]  # "staff (leave)" / "staff (teaching)"
    message_en: str
    message_nl: str

    def to_dict(self) -> dict:
        out = asdict(self)
        out["date"] = self.date.isoformat()
        return out


@dataclass
class TermWeek:
    monday: date
    horizon_week: int
    school_weeks: dict[str, int]
    employer_weeks: dict[str, int]
    holiday: bool = False  # every school day a holiday: skipped
    notes_en: list[str] = field(default_factory=list)
    notes_nl: list[str] = field(default_factory=list)
    untaught: list[Untaught] = field(default_factory=list)
    shortfalls: list[Shortfall] = field(default_factory=list)
    problems: list[Violation] = field(default_factory=list)  # other company rules broken that week

    @property
    def failures(self) -> int:
        return len(self.untaught) + len(self.shortfalls) + len(self.problems)

    def to_dict(self) -> dict:
        return {
            "week": self.monday.isoformat(), "horizon_week": self.horizon_week, "school_weeks": self.school_weeks,
            "employer_weeks": self.employer_weeks, "holiday": self.holiday, "failures": self.failures,
            "notes_en": self.notes_en, "notes_nl": self.notes_nl,
            "untaught": [u.to_dict() for u in self.untaught],
            "shortfalls": [s.to_dict() for s in self.shortfalls],
            "problems": [p.to_dict() for p in self.problems],
        }


@dataclass
class TermReport:
    first: date
    last: date
    weeks: list[TermWeek]

    @property
    def failures(self) -> int:
        return sum(w.failures for w in self.weeks)

    @property
    def ok(self) -> bool:
        return self.failures == 0

    def to_dict(self) -> dict:
        return {"from": self.first.isoformat(), "to": self.last.isoformat(), "ok": self.ok,
                "failures": self.failures, "weeks": [w.to_dict() for w in self.weeks]}


def term_weeks(first: date, last: date) -> list[date]:
    """The Mondays from the week of `first` to the week of `last` (--from and --to: Mondays, in order)."""
    check_monday(first, "--from")
    check_monday(last, "--to")
    if last < first:
        raise PlanError([PlanIssue(path="--to", message=f"{last.isoformat()} is before --from {first.isoformat()}")])
    count = (last - first).days // 7 + 1
    if count > MAX_TERM_WEEKS:
        raise PlanError([PlanIssue(path="--to", message=f"{count} weeks from --from; at most {MAX_TERM_WEEKS}")])
    return [first + timedelta(weeks=k) for k in range(count)]


def check_term(plan: Plan, timetable: Timetable, first: date, last: date, calendar: Calendar | None = None) -> TermReport:
    """Every week from `first` to `last` (Mondays): what cannot be taught, what staffing fails."""
    weeks = []
    for monday in term_weeks(first, last):
        applied = apply_calendar(project_week(plan, timetable, monday, "--from"), calendar)
        weeks.append(check_week(applied))
    return TermReport(first=first, last=last, weeks=weeks)


def check_week(applied: AppliedWeek) -> TermWeek:
    week = applied.week
    out = TermWeek(monday=week.monday, horizon_week=week.horizon_week, school_weeks=week.school_weeks,
                   employer_weeks=week.employer_weeks, holiday=applied.school_off)
    _notes(applied, out)
    if applied.school_off:
        return out
    out.untaught = list(applied.untaught)
    report = validate(applied.plan, applied.timetable)
    for violation in report.violations:
        if violation.kind != "hard" or violation.rule not in WEEK_RULES:
            continue
        if violation.rule == "staffing_demand":
            out.shortfalls.append(_shortfall(applied, violation))
        elif violation.rule in LESSON_RULES and violation.entities.get("lessons"):
            out.untaught.append(_lesson_violation(applied, violation))
        else:
            out.problems.append(violation)
    return out


def _notes(applied: AppliedWeek, out: TermWeek) -> None:
    def note(en: str, nl: str) -> None:
        out.notes_en.append(en)
        out.notes_nl.append(nl)

    for (school, name), first, last in _runs(((school, name), day) for school, day, name in applied.holidays):
        label = f" ({name})" if name else ""
        note(f"{school}: no lessons {_days_en(first, last)}{label}",
             f"{school}: geen lessen {_days_nl(first, last)}{label}")
    for employer, shut in applied.shutdowns.items():
        label = f" ({shut.reason})" if shut.reason else ""
        note(f"{employer}: closed this week{label}", f"{employer}: deze week gesloten{label}")
    for employer, peak in applied.peaks.items():
        label = f" ({peak.reason})" if peak.reason else ""
        more_en = more_nl = ""
        if peak.demand_factor != 1:
            more_en += f", each window x{peak.demand_factor:g}"
            more_nl += f", elk venster x{peak.demand_factor:g}"
        if peak.extra_min_staff:
            more_en += f", {peak.extra_min_staff} more per window"
            more_nl += f", {peak.extra_min_staff} extra per venster"
        note(f"{employer}: peak week{label}{more_en}, nobody released",
             f"{employer}: piekweek{label}{more_nl}, niemand vrijgesteld")
    for (employer, staff, reason), first, last in _runs(((e, s, r), d) for e, s, d, r in applied.leave):
        label = f" ({reason})" if reason else ""
        note(f"{staff} ({employer}): away {_days_en(first, last)}{label}",
             f"{staff} ({employer}): afwezig {_days_nl(first, last)}{label}")


def _runs(items) -> list[tuple[tuple, date, date]]:
    """(key, day) pairs as runs of consecutive days per key: (key, first, last)."""
    runs: list[list] = []
    for key, day in items:
        last = next((r for r in runs if r[0] == key and r[2] + timedelta(days=1) == day), None)
        if last is not None:
            last[2] = day
        else:
            runs.append([key, day, day])
    return [tuple(r) for r in runs]


def _days_en(first: date, last: date) -> str:
    return f"on {date_en(first)}" if first == last else f"{date_en(first)} - {date_en(last)}"


def _days_nl(first: date, last: date) -> str:
    return f"op {date_nl(first)}" if first == last else f"{date_nl(first)} - {date_nl(last)}"


def _span(violation: Violation) -> tuple[int, int]:
    ent = violation.entities
    if "span" in ent:
        return tuple(ent["span"])
    start = day_index(ent["day"]) * MINUTES_PER_DAY + parse_hhmm(ent["start"])
    end = day_index(ent["day"]) * MINUTES_PER_DAY + parse_hhmm(ent["end"])
    return start, end if end > start else end + MINUTES_PER_DAY


def _shortfall(applied: AppliedWeek, violation: Violation) -> Shortfall:
    ent = violation.entities
    start, end = _span(violation)
    windows = ent.get("windows") or [{"name": None, "skill": ent.get("skill")}]
    skills = {w["skill"] for w in windows}
    names = [w["name"] or w["skill"] for w in windows]
    away = sorted({f"{a.staff} ({'teaching' if a.why == 'released' else 'leave'})" for a in applied.away
                   if a.employer == ent["employer"] and a.start < end and start < a.end and skills & set(a.skills)})
    away_nl = [a.replace("(teaching)", "(lesgeven)").replace("(leave)", "(verlof)") for a in away]
    day = applied.week.monday + timedelta(days=start // MINUTES_PER_DAY)
    en, nl = f"{date_en(day)}: {violation.message_en}", f"{date_nl(day)}: {violation.message_nl}"
    if away:
        en += f"; away with the skill: {', '.join(away)}"
        nl += f"; afwezig met de vaardigheid: {', '.join(away_nl)}"
    return Shortfall(employer=ent["employer"], windows=names, date=day, start=start, end=end,
                     person_minutes=violation.amount, away=away, message_en=en, message_nl=nl)


def _lesson_violation(applied: AppliedWeek, violation: Violation) -> Untaught:
    """A lesson the validator says its hto'er cannot be at (works then, or a mark), on its date."""
    key = violation.entities["lessons"][0]
    lesson, _, copy = key.rpartition("#")
    placement = next((p for p in applied.timetable.placements if p.lesson == lesson and p.copy == int(copy)), None)
    day = applied.week.date_of(placement.day) if placement else applied.week.monday
    hto = next((h for h in applied.plan.htos if h.staff == violation.entities.get("staff")), None)
    return Untaught(
        lesson=lesson, copy=applied.week.original_copy(lesson, int(copy)),
        school=placement.school if placement else "", date=day,
        start=placement.start if placement else "", end=placement.end if placement else "",
        teacher=violation.entities.get("teacher", ""), staff=violation.entities.get("staff", ""),
        employer=hto.employer if hto else "", reason=violation.rule,
        message_en=f"{date_en(day)}: {violation.message_en}", message_nl=f"{date_nl(day)}: {violation.message_nl}",
    )
