"""The smallest repair of a proposed roster (roster-check, docs/term.md).

1. **Roster first.** Every lesson stays where it is (slot, teacher and room locked); the employer's
   *movable* staff may change shifts: its hto'ers, its re-rosterable staff (`may_reroster`) and the
   colleagues the proposal names as `willing`. Each keeps the minutes the proposal gives them; the
   others keep the proposal, and every other employer keeps the timetable's roster. The fewest shift
   changes are found with the re-plan machinery (solver/replan/: fewest changes, proven), and an hto'er
   is released from the part of a shift their lessons cover where staffing allows, as in any plan.
2. **Only then lessons**, for that week alone (an incidental change, not a change of the timetable): the
   same, with the lessons free: fewest moved lessons first, then the fewest teacher and shift changes.

The answer says what each side must approve: the school its moved lessons and substitute teachers, each
employer its changed shifts (as swaps where two colleagues exchange shifts on a day) and the new releases.
Every repaired week is certified by the validator against the week's plan.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from datetime import date

from solver.domain import Locks, Placement, Plan, RosterItem, Timetable
from solver.params import SolveParams
from solver.replan import replan
from solver.term.roster import ProposedRoster
from solver.term.week import DatedWeek
from solver.term.words import date_en, date_nl
from solver.timeline import DAYS
from solver.validate import validate


@dataclass
class ShiftChange:
    employer: str
    staff: str
    date: date
    before: str | None  # the shift of the proposal (None: off)
    after: str | None  # the shift of the repair (None: off)
    skills: list[str] = field(default_factory=list)  # the staff member's skills, for the approval


@dataclass
class Swap:
    """Two colleagues exchange their shifts on a day: `first` works `first_to` (which was `second`'s)."""

    employer: str
    date: date
    first: str
    first_to: str | None
    second: str
    second_to: str | None


@dataclass
class NewRelease:
    employer: str
    staff: str
    shift: str
    date: date
    start: str
    end: str


@dataclass
class LessonChange:
    lesson: str
    copy: int
    before: str  # "Tue 10 Mar 2026 12:40-14:20" (the slot), or the teacher for a teacher change
    after: str
    before_nl: str
    after_nl: str


@dataclass
class Repair:
    kind: str  # "none" | "release" | "swap" | "lessons" | "impossible"
    status: str = ""
    proven: bool = False  # the fewest changes are proven (solver/replan)
    seconds: float = 0.0
    movable: list[str] = field(default_factory=list)
    changes: list[ShiftChange] = field(default_factory=list)
    swaps: list[Swap] = field(default_factory=list)
    releases: list[NewRelease] = field(default_factory=list)
    moves: list[LessonChange] = field(default_factory=list)
    teacher_changes: list[LessonChange] = field(default_factory=list)
    school_en: list[str] = field(default_factory=list)
    school_nl: list[str] = field(default_factory=list)
    employer_en: list[str] = field(default_factory=list)
    employer_nl: list[str] = field(default_factory=list)
    timetable: Timetable | None = None
    plan: Plan | None = None  # the week's plan the repair is certified against
    hard_violations: int | None = None

    @property
    def certified(self) -> bool:
        return self.timetable is not None and self.hard_violations == 0

    def to_dict(self) -> dict:
        def rows(items):
            return [{k: (v.isoformat() if isinstance(v, date) else v) for k, v in dataclasses.asdict(x).items()}
                    for x in items]
        return {
            "kind": self.kind, "status": self.status, "proven": self.proven, "seconds": round(self.seconds, 3),
            "movable": self.movable, "changes": rows(self.changes), "swaps": rows(self.swaps),
            "releases": rows(self.releases), "moves": rows(self.moves), "teacher_changes": rows(self.teacher_changes),
            "school_approves": {"en": self.school_en, "nl": self.school_nl},
            "employer_approves": {"en": self.employer_en, "nl": self.employer_nl},
            "certified": self.certified, "hard_violations": self.hard_violations,
        }


def movable_staff(plan: Plan, roster: ProposedRoster) -> list[str]:
    """Who of the employer may change shifts in the repair: its hto'ers, its re-rosterable staff and the
    colleagues the proposal names as willing."""
    employer = next(e for e in plan.employers if e.id == roster.employer)
    htos = {h.staff for h in plan.htos if h.employer == employer.id}
    return [p.id for p in employer.staff if p.id in htos or p.may_reroster or p.id in roster.willing]


def find_repair(merged: DatedWeek, roster: ProposedRoster, params: SolveParams) -> Repair:
    """Roster changes first, lesson moves only when no roster change keeps every lesson (module docstring)."""
    movable = movable_staff(merged.plan, roster)
    base = _question(merged.plan, merged.timetable, roster.employer, set(movable))
    locked = _lock_lessons(base, merged.timetable)
    seconds = 0.0
    for kind, plan in (("swap", locked), ("lessons", base)):
        outcome = replan(plan, merged.timetable, params)
        seconds += outcome.seconds
        if outcome.still_holds:
            return Repair(kind="none", status="STILL_HOLDS", seconds=seconds, movable=movable)
        if outcome.timetable is not None:
            repair = _describe(merged, plan, outcome, kind)
            repair.seconds, repair.movable = seconds, movable
            return repair
        status = outcome.outcome.result.status if outcome.outcome is not None else "UNKNOWN"
    return Repair(kind="impossible", status=status, seconds=seconds, movable=movable)


def _question(plan: Plan, timetable: Timetable, employer_id: str, movable: set[str]) -> Plan:
    """The week's plan for the repair: the employer's movable staff re-rosterable at the proposal's minutes,
    everyone else fixed (the employer's other staff at the proposal, other employers at the timetable)."""
    worked: dict[str, list[RosterItem]] = {}
    for r in timetable.rosters:
        worked.setdefault(r.staff, []).append(RosterItem(shift=r.shift, day=r.day))
    employers = []
    for employer in plan.employers:
        staff = []
        for person in employer.staff:
            if employer.id == employer_id:
                update = {"may_reroster": person.id in movable, "contract_hours": None}
            else:  # another employer keeps the week the timetable gives it
                update = {"may_reroster": False, "contract_hours": None, "roster": worked.get(person.id, [])}
            staff.append(person.model_copy(update=update))
        employers.append(employer.model_copy(update={"staff": staff}))
    return plan.model_copy(update={"employers": employers})


def _lock_lessons(plan: Plan, timetable: Timetable) -> Plan:
    """Every lesson placed as in the timetable, its slot, teacher and room locked."""
    by_lesson: dict[str, list] = {}
    for p in timetable.placements:
        by_lesson.setdefault(p.lesson, []).append(p)
    lessons = []
    for lesson in plan.lessons:
        placed = sorted(by_lesson.get(lesson.id, []), key=lambda p: p.copy)
        if len({p.copy for p in placed}) < lesson.count:
            lessons.append(lesson)  # an unplaced copy stays as it is (it cannot be locked)
            continue
        current = [Placement(copy=p.copy, day=p.day, period=p.period, room=p.room, teacher=p.teacher or None)
                   for p in placed]
        lock = Locks(slot=True, teacher=all(c.teacher for c in current), room=all(c.room for c in current))
        lessons.append(lesson.model_copy(update={"current": current, "lock": lock}))
    return plan.model_copy(update={"lessons": lessons})


def _describe(merged: DatedWeek, plan: Plan, outcome, kind: str) -> Repair:
    timetable = outcome.timetable
    report = validate(plan, timetable)
    repair = Repair(kind=kind, status=outcome.outcome.result.status, proven=bool(outcome.proof),
                    timetable=timetable, plan=plan, hard_violations=report.hard_violations)
    _shift_changes(merged, timetable, repair)
    _releases(merged, timetable, repair)
    _lesson_changes(merged, timetable, outcome.diff, repair)
    if kind == "lessons" and not (repair.moves or repair.teacher_changes):
        repair.kind = "swap"
    if repair.kind == "swap" and not repair.changes:
        repair.kind = "release" if repair.releases else "none"
    _approvals(repair)
    return repair


def _shifts_by_day(timetable: Timetable) -> dict[tuple[str, str, str], str]:
    out: dict[tuple[str, str, str], str] = {}
    for r in timetable.rosters:
        key = (r.employer, r.staff, r.day)
        out[key] = f"{out[key]}+{r.shift}" if key in out else r.shift
    return out


def _shift_changes(merged: DatedWeek, timetable: Timetable, repair: Repair) -> None:
    before, after = _shifts_by_day(merged.timetable), _shifts_by_day(timetable)
    skills = {p.id: p.skills for e in merged.plan.employers for p in e.staff}
    for key in sorted(before.keys() | after.keys(), key=lambda k: (DAYS.index(k[2]), k[0], k[1])):
        if before.get(key) != after.get(key):
            employer, staff, day = key
            repair.changes.append(ShiftChange(employer, staff, merged.date_of(day), before.get(key), after.get(key),
                                              list(skills.get(staff, []))))
    left = list(repair.changes)
    while left:
        a = left.pop(0)
        b = next((c for c in left if c.employer == a.employer and c.date == a.date and c.before == a.after
                  and c.after == a.before), None)
        if b is not None:
            left.remove(b)
            repair.swaps.append(Swap(a.employer, a.date, a.staff, a.after, b.staff, b.after))


def _releases(merged: DatedWeek, timetable: Timetable, repair: Repair) -> None:
    """Releases the repair gives that the proposal did not."""
    old = {(r.staff, r.shift, r.day, w.day, w.start, w.end) for r in merged.timetable.rosters for w in r.released}
    for r in timetable.rosters:
        for w in r.released:
            if (r.staff, r.shift, r.day, w.day, w.start, w.end) not in old:
                repair.releases.append(NewRelease(r.employer, r.staff, r.shift, merged.date_of(w.day), w.start, w.end))


def _slot(merged: DatedWeek, placement) -> tuple[str, str]:
    day = merged.date_of(placement.day)
    times = f" {placement.start}-{placement.end}" if placement.start else f" lesuur {placement.period}"
    return f"{date_en(day)}{times}", f"{date_nl(day)}{times}"


def _lesson_changes(merged: DatedWeek, timetable: Timetable, diff, repair: Repair) -> None:
    old = {(p.lesson, p.copy): p for p in merged.timetable.placements}
    new = {(p.lesson, p.copy): p for p in timetable.placements}
    for move in [*diff.moved, *diff.unplaced]:
        a, b = old.get((move.lesson, move.copy)), new.get((move.lesson, move.copy))
        before, before_nl = _slot(merged, a) if a else ("not placed", "niet ingeroosterd")
        after, after_nl = _slot(merged, b) if b else ("not given this week", "valt deze week uit")
        copy = merged.original_copy(move.lesson, move.copy)
        repair.moves.append(LessonChange(move.lesson, copy, before, after, before_nl, after_nl))
    for change in diff.teacher_changes:
        copy = merged.original_copy(change["lesson"], change["copy"])
        repair.teacher_changes.append(LessonChange(change["lesson"], copy, change["before"], change["after"],
                                                   change["before"], change["after"]))


def _approvals(repair: Repair) -> None:
    def school(en: str, nl: str) -> None:
        repair.school_en.append(en)
        repair.school_nl.append(nl)

    def employer(en: str, nl: str) -> None:
        repair.employer_en.append(en)
        repair.employer_nl.append(nl)

    for m in repair.moves:
        school(f"{m.lesson} #{m.copy}: from {m.before} to {m.after}, this week only",
               f"{m.lesson} #{m.copy}: van {m.before_nl} naar {m.after_nl}, alleen deze week")
    for t in repair.teacher_changes:
        school(f"{t.lesson} #{t.copy}: taught by {t.after} instead of {t.before}, this week only",
               f"{t.lesson} #{t.copy}: gegeven door {t.after} in plaats van {t.before}, alleen deze week")
    paired = {(s.employer, s.date, name) for s in repair.swaps for name in (s.first, s.second)}
    for s in repair.swaps:
        employer(f"{s.employer}: {s.first} and {s.second} swap shifts on {date_en(s.date)}: {s.first} works "
                 f"{_off(s.first_to)}, {s.second} works {_off(s.second_to)}",
                 f"{s.employer}: {s.first} en {s.second} ruilen diensten op {date_nl(s.date)}: {s.first} werkt "
                 f"{_off(s.first_to, 'nl')}, {s.second} werkt {_off(s.second_to, 'nl')}")
    for c in repair.changes:
        if (c.employer, c.date, c.staff) in paired:
            continue
        who = f"{c.staff} ({', '.join(c.skills)})" if c.skills else c.staff
        employer(f"{c.employer}: {who} works {_off(c.after)} instead of {_off(c.before)} on {date_en(c.date)}",
                 f"{c.employer}: {who} werkt {_off(c.after, 'nl')} in plaats van {_off(c.before, 'nl')} op "
                 f"{date_nl(c.date)}")
    for r in repair.releases:
        employer(f"{r.employer}: release {r.staff} from shift {r.shift} on {date_en(r.date)} {r.start}-{r.end} "
                 "(teaching, travel included)",
                 f"{r.employer}: {r.staff} vrijstellen van dienst {r.shift} op {date_nl(r.date)} {r.start}-{r.end} "
                 "(lesgeven, reistijd inbegrepen)")


def _off(shift: str | None, language: str = "en") -> str:
    if shift is None:
        return "no shift" if language == "en" else "geen dienst"
    return f"shift {shift}" if language == "en" else f"dienst {shift}"
