"""Minimal-change re-planning: a changed plan plus the current timetable -> a new timetable and a diff.

1. The current timetable becomes the plan's `current` placements (and the flexible staff's
   current roster), so every move, teacher change and roster change is penalised.
2. If the current timetable still meets every hard rule of the changed plan, nothing moves.
3. Otherwise the plan is solved with change weights that dominate every other soft cost
   (lexicographic: fewest changes first, then the usual soft rules), with the current timetable
   as a solution hint. CP-SAT's presolve is known to lose or break hints (google/or-tools
   #4373, #4693) and hints must not be mixed with assumptions (#4324): we never pass
   assumptions here, ask CP-SAT to repair a broken hint, and report what happened to the hint.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

from solver.domain import Plan, Timetable, parse_plan
from solver.pipeline import PlanOutcome, solve_plan
from solver.problem import ProblemData
from solver.timeline import DAYS
from solver.validate import validate

CHANGE_RULES = ("lesson_move", "teacher_change", "roster_change")


@dataclass(frozen=True)
class Move:
    lesson: str
    copy: int
    before: str  # "mon 3" (day, first lesuur) or "" when it was not placed
    after: str


@dataclass
class Diff:
    moved: list[Move] = field(default_factory=list)
    teacher_changes: list[dict] = field(default_factory=list)
    room_changes: list[dict] = field(default_factory=list)
    shifts_added: list[dict] = field(default_factory=list)
    shifts_removed: list[dict] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not (self.moved or self.teacher_changes or self.room_changes or self.shifts_added
                    or self.shifts_removed)

    def to_dict(self) -> dict:
        return {
            "moved": [asdict(m) for m in self.moved], "teacher_changes": self.teacher_changes,
            "room_changes": self.room_changes, "shifts_added": self.shifts_added,
            "shifts_removed": self.shifts_removed,
        }


@dataclass
class ReplanOutcome:
    still_holds: bool
    timetable: Timetable | None
    diff: Diff
    outcome: PlanOutcome | None = None
    hint_status: str = ""


def with_current(plan: Plan, current: Timetable) -> Plan:
    """The plan with the current timetable as `current` placements and flexible staff's roster."""
    data = plan.model_dump(mode="json")
    by_lesson: dict[str, list] = {}
    for p in current.placements:
        by_lesson.setdefault(p.lesson, []).append(p)
    for lesson in data["lessons"]:
        lock = lesson.get("lock", {})
        if any(lock.values()) and lesson.get("current"):
            continue  # hand-locked placements in the plan win over the old timetable
        lesson["current"] = [
            {"copy": p.copy, "day": p.day, "period": p.period, "room": p.room, "teacher": p.teacher}
            for p in sorted(by_lesson.get(lesson["id"], []), key=lambda p: p.copy)
            if p.copy < lesson.get("count", 1)
        ]
    worked: dict[str, list[dict]] = {}
    for r in current.rosters:
        worked.setdefault(r.staff, []).append({"shift": r.shift, "day": r.day})
    for employer in data["employers"]:
        shifts = {s["id"]: s for s in employer["shifts"]}
        for person in employer["staff"]:
            # A fixed roster is the company's own input (it may be the change itself): keep it.
            if person.get("may_reroster") and person["id"] in worked:
                person["roster"] = [
                    item for item in worked[person["id"]]
                    if item["shift"] in shifts and item["day"] in shifts[item["shift"]]["days"]
                ]
    return parse_plan(data)


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
    )
    big = others + 1
    for rule in CHANGE_RULES:
        weights[rule] = max(1, weights[rule]) * big
    return parse_plan(data)


def hint_from(data: ProblemData, current: Timetable) -> dict:
    """The current timetable as a CP-SAT hint: chosen option per copy, worked shift instances."""
    teacher_index = {t.id: i for i, t in enumerate(data.teachers)}
    where = {(p.lesson, p.copy): (DAYS.index(p.day), p.period, teacher_index.get(p.teacher)) for p in current.placements}
    options = {}
    for c, copy in enumerate(data.copies):
        want = where.get((data.lessons[copy.lesson].id, copy.copy))
        if want is None:
            continue
        for k, o in enumerate(copy.options):
            if (o.day, o.first, o.teacher) == want:
                options[c] = k
                break
    worked = {(r.staff, r.shift, DAYS.index(r.day)) for r in current.rosters}
    shifts = {
        i: (data.staff[inst.staff].id, inst.shift, inst.day) in worked for i, inst in enumerate(data.instances)
    }
    return {"options": options, "shifts": shifts}


def diff(before: Timetable, after: Timetable) -> Diff:
    """What changed between two timetables: moved lessons, teachers, rooms, shifts."""
    old = {(p.lesson, p.copy): p for p in before.placements}
    new = {(p.lesson, p.copy): p for p in after.placements}
    out = Diff()
    for key in sorted(old.keys() | new.keys()):
        a, b = old.get(key), new.get(key)
        slot = lambda p: f"{p.day} {p.period}" if p else ""  # noqa: E731
        if slot(a) != slot(b):
            out.moved.append(Move(lesson=key[0], copy=key[1], before=slot(a), after=slot(b)))
        if a and b and a.teacher != b.teacher:
            out.teacher_changes.append({"lesson": key[0], "copy": key[1], "before": a.teacher, "after": b.teacher})
        if a and b and a.room != b.room:
            out.room_changes.append({"lesson": key[0], "copy": key[1], "before": a.room, "after": b.room})
    shifts = lambda t: {(r.employer, r.staff, r.shift, r.day) for r in t.rosters}  # noqa: E731
    names = ("employer", "staff", "shift", "day")
    out.shifts_added = [dict(zip(names, k)) for k in sorted(shifts(after) - shifts(before))]
    out.shifts_removed = [dict(zip(names, k)) for k in sorted(shifts(before) - shifts(after))]
    return out


def changes_only(plan: Plan) -> Plan:
    """The plan with every soft rule off except the change rules: the fewest-changes question."""
    data = plan.model_dump(mode="json")
    data["weights"] = {k: (max(1, v) if k in CHANGE_RULES else 0) for k, v in data["weights"].items()}
    return parse_plan(data)


def replan(plan: Plan, current: Timetable, *, time_limit: float = 30.0, polish_seconds: float = 0.0,
           workers: int = 0, seed: int = 0, on_progress=None) -> ReplanOutcome:
    """Re-plan the changed `plan` with as few changes to `current` as possible.

    Phase 1 minimises the changes alone (moves, teacher changes, roster changes), hinted with the
    current timetable; OPTIMAL means the number of changes is proven minimal. Phase 2 (only with
    `polish_seconds`) improves the other soft rules with change weights that dominate them, hinted
    with phase 1's timetable, and is kept only if the validator confirms it is better.
    """
    planned = with_current(plan, current)
    if validate(planned, current).ok:
        return ReplanOutcome(still_holds=True, timetable=current, diff=Diff())
    first = solve_plan(changes_only(planned), time_limit=time_limit, workers=workers, seed=seed,
                       hint=lambda data: hint_from(data, current), on_progress=on_progress)
    best = first
    if first.timetable is not None and polish_seconds > 0:
        weighted = lexicographic_weights(planned)
        polished = solve_plan(weighted, time_limit=polish_seconds, workers=workers, seed=seed,
                              hint=lambda data: hint_from(data, first.timetable))
        if polished.timetable is not None:
            old_cost = validate(weighted, first.timetable).soft_cost
            new = validate(weighted, polished.timetable)
            if new.ok and new.soft_cost < old_cost:
                best = polished
    timetable = best.timetable
    return ReplanOutcome(
        still_holds=False, timetable=timetable, outcome=best,
        diff=diff(current, timetable) if timetable is not None else Diff(),
        hint_status=first.result.hint_status,
    )
