"""The re-plan's question and answer in plan terms: the current timetable as the plan's `current`
placements, the change rules' weights (moves first), the current timetable as a CP-SAT hint, and the
diff between two timetables."""

from __future__ import annotations

from collections import Counter
from dataclasses import asdict, dataclass, field

from solver.compile.preferences import preference_bound
from solver.domain import Plan, Timetable, parse_plan
from solver.domain.cycles import plan_horizon
from solver.problem import ProblemData
from solver.result import Hint
from solver.timeline import DAYS


@dataclass(frozen=True)
class Move:
    lesson: str
    copy: int
    before: str  # "mon 3" (day, first lesuur) or "" when it was not placed
    after: str


@dataclass
class Diff:
    moved: list[Move] = field(default_factory=list)  # placed before and after, at another slot
    placed: list[Move] = field(default_factory=list)  # not placed before (e.g. a new lesson), placed now
    unplaced: list[Move] = field(default_factory=list)  # placed before, not now
    teacher_changes: list[dict] = field(default_factory=list)
    room_changes: list[dict] = field(default_factory=list)
    shifts_added: list[dict] = field(default_factory=list)
    shifts_removed: list[dict] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not (self.moved or self.placed or self.unplaced or self.teacher_changes or self.room_changes
                    or self.shifts_added or self.shifts_removed)

    def to_dict(self) -> dict:
        return {
            "moved": [asdict(m) for m in self.moved], "placed": [asdict(m) for m in self.placed],
            "unplaced": [asdict(m) for m in self.unplaced], "teacher_changes": self.teacher_changes,
            "room_changes": self.room_changes, "shifts_added": self.shifts_added,
            "shifts_removed": self.shifts_removed,
        }


def with_current(plan: Plan, current: Timetable) -> Plan:
    """The plan with the current timetable as `current` placements and flexible staff's roster."""
    return parse_plan(_with_current_data(plan, current))


def _with_current_data(plan: Plan, current: Timetable) -> dict:
    data = plan.model_dump(mode="json")
    by_lesson: dict[str, list] = {}
    for p in current.placements:
        by_lesson.setdefault(p.lesson, []).append(p)
    schools = {s.id: s for s in plan.schools}
    teachers = {t.id for t in plan.teachers}
    for lesson in data["lessons"]:
        lock = lesson.get("lock", {})
        if any(lock.values()) and lesson.get("current"):
            continue  # hand-locked placements in the plan win over the old timetable
        school = schools.get(lesson.get("school") or plan.schools[0].id)
        rooms = {r.id for r in school.rooms} if school else set()
        per_day = Counter(period.day for period in school.periods) if school else Counter()
        seen: set[int] = set()
        lesson["current"] = []
        for p in sorted(by_lesson.get(lesson["id"], []), key=lambda p: p.copy):
            # a slot that no longer exists, or a second placement of a copy, is no current placement
            if p.copy >= lesson.get("count", 1) or p.copy in seen:
                continue
            if p.period + lesson.get("duration", 1) - 1 > per_day.get(p.day, 0):
                continue
            seen.add(p.copy)
            lesson["current"].append({
                "copy": p.copy, "day": p.day, "period": p.period,
                "room": p.room if p.room in rooms else None,  # a room that is gone (remove_room)
                "teacher": p.teacher if p.teacher in teachers else None,
            })
    worked: dict[str, list[dict]] = {}
    horizon = plan_horizon(plan)
    cycles = {p.id: p.cycle or e.cycle for e in plan.employers for p in e.staff}
    for r in current.rosters:
        item = {"shift": r.shift, "day": r.day}
        if horizon.weeks > 1 and r.staff in cycles:  # a rotation: the week of their own cycle it falls in
            item["week"] = horizon.week_of(cycles[r.staff], r.week)
        if item not in worked.setdefault(r.staff, []):
            worked[r.staff].append(item)
    for employer in data["employers"]:
        shifts = {s["id"]: s for s in employer["shifts"]}
        for person in employer["staff"]:
            # A fixed roster is the company's own input (it may be the change itself): keep it.
            if person.get("may_reroster") and person["id"] in worked:
                person["roster"] = [
                    item for item in worked[person["id"]]
                    if item["shift"] in shifts and item["day"] in shifts[item["shift"]]["days"]
                ]
    return data


def change_weights(plan: Plan) -> dict[str, int]:
    """Weights of the change rules, moves first: one moved lesson outweighs every teacher and roster
    change together, so the fewest moves are found first, then the fewest other changes."""
    w = plan.weights
    teacher_w, roster_w = max(1, w.teacher_change), max(1, w.roster_change)
    copies = sum(lesson.count for lesson in plan.lessons)
    instances = sum(
        len(s.days) for e in plan.employers for person in e.staff if person.may_reroster for s in e.shifts
    ) + sum(len(person.roster) for e in plan.employers for person in e.staff if person.may_reroster)
    move_w = max(1, w.lesson_move) * (teacher_w * copies + roster_w * instances + 1)
    return {"lesson_move": move_w, "teacher_change": teacher_w, "roster_change": roster_w}


def lexicographic_weights(plan: Plan) -> Plan:
    """Change weights larger than every other soft cost could ever be: fewest changes first."""
    data = plan.model_dump(mode="json")
    weights = data["weights"]
    periods = max(1, sum(len(s.periods) for s in plan.schools))
    sets = sum(max(1, len(s.student_sets)) + len(s.groups) for s in plan.schools)
    others = (
        weights["student_gaps"] * sets * periods
        + weights["teacher_gaps"] * len(plan.teachers) * periods
        + weights["compact_release"] * len(plan.htos) * 21
        + preference_bound(plan)
        + weights["release_target_teaching"] * sum(h.release.target_teaching_minutes or 0 for h in plan.htos)
        + weights["teacher_preference"] * sum(lesson.count for lesson in plan.lessons if lesson.preferred_teachers)
    )
    big = others + 1
    for rule, weight in change_weights(plan).items():
        weights[rule] = weight * big
    return parse_plan(data)


def changes_only(plan: Plan) -> Plan:
    """The plan with every soft rule off except the change rules (moves first): the fewest-changes
    question. Soft extra constraints are switched off too (weight 0)."""
    return parse_plan(_changes_only_data(plan.model_dump(mode="json"), plan))


def _changes_only_plan(plan: Plan) -> Plan:
    """changes_only without a round trip through JSON (the plan is already checked)."""
    changes = change_weights(plan)
    weights = plan.weights.model_copy(update={name: changes.get(name, 0) for name in type(plan.weights).model_fields})
    constraints = [c.model_copy(update={"weight": 0}) if c.weight is not None else c for c in plan.constraints]
    return plan.model_copy(update={"weights": weights, "constraints": constraints})


def _changes_only_data(data: dict, plan: Plan) -> dict:
    changes = change_weights(plan)
    data["weights"] = {k: changes.get(k, 0) for k in data["weights"]}
    for constraint in data.get("constraints", []):
        if constraint.get("weight") is not None:
            constraint["weight"] = 0
    return data


def hint_from(data: ProblemData, current: Timetable) -> Hint:
    """The current timetable as a CP-SAT hint: chosen option per copy, worked shift instances."""
    teacher_index = {t.id: i for i, t in enumerate(data.teachers)}
    where = {(p.lesson, p.copy): (DAYS.index(p.day), p.period, teacher_index.get(p.teacher, -1))
             for p in current.placements}
    options = {}
    for c, copy in enumerate(data.copies):
        want = where.get((data.lessons[copy.lesson].id, copy.copy))
        if want is None:
            continue
        for k, o in enumerate(copy.options):
            if (o.day, o.first, o.teacher) == want:
                options[c] = k
                break
    worked = {(r.staff, r.shift, DAYS.index(r.day), r.week) for r in current.rosters}
    shifts = {
        i: (data.staff[inst.staff].id, inst.shift, inst.day, inst.week) in worked
        for i, inst in enumerate(data.instances)
    }
    return Hint(options=options, shifts=shifts)


def diff(before: Timetable, after: Timetable) -> Diff:
    """What changed between two timetables: moved lessons, teachers, rooms, shifts."""
    old = {(p.lesson, p.copy): p for p in before.placements}
    new = {(p.lesson, p.copy): p for p in after.placements}
    out = Diff()
    for key in sorted(old.keys() | new.keys()):
        a, b = old.get(key), new.get(key)
        slot = lambda p: f"{p.day} {p.period}" if p else ""  # noqa: E731
        if slot(a) != slot(b):
            move = Move(lesson=key[0], copy=key[1], before=slot(a), after=slot(b))
            (out.moved if a and b else out.placed if b else out.unplaced).append(move)
        if a and b and a.teacher != b.teacher:
            out.teacher_changes.append({"lesson": key[0], "copy": key[1], "before": a.teacher, "after": b.teacher})
        if a and b and a.room != b.room:
            out.room_changes.append({"lesson": key[0], "copy": key[1], "before": a.room, "after": b.room})
    shifts = lambda t: {(r.employer, r.staff, r.shift, r.day, r.week) for r in t.rosters}  # noqa: E731
    names = ("employer", "staff", "shift", "day", "week")
    shown = lambda k: {n: v for n, v in zip(names, k) if n != "week" or v > 1}  # noqa: E731  (week 2 on: a horizon)
    out.shifts_added = [shown(k) for k in sorted(shifts(after) - shifts(before))]
    out.shifts_removed = [shown(k) for k in sorted(shifts(before) - shifts(after))]
    return out
