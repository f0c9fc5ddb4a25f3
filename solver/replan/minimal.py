"""Minimal-change re-planning: a changed plan plus the current timetable -> a new timetable and a diff.

1. The current timetable becomes the plan's `current` placements (and the flexible staff's
   current roster), so every move, teacher change and roster change is penalised.
2. If the current timetable still meets every hard rule of the changed plan, nothing moves.
3. Otherwise the changes alone are minimised, lexicographically: fewest moved lessons first, then
   fewest teacher and roster changes (`change_weights`). The minimum is proven, in one of two ways:
   * *neighbourhood*: only the lessons near the trouble may change (every other lesson is locked to
     its current slot and teacher, so only its zero-change option is compiled; rosters stay free).
     Its proven optimum v is the global optimum when v <= LB0 + E + delta: LB0 sums, over the copies
     whose current option no longer exists (forced), the cheapest change each must make; E is what
     the copies now standing where a forced copy could go must change too (its students' or its
     teacher's lessons there; `_conflict_bound`); delta is the cheapest change of any copy outside the
     neighbourhood. A timetable that changes only neighbourhood copies costs >= v; one that changes
     a copy outside costs >= LB0 + E + delta. This is exact, and usually takes a fraction of a second
     where a full solve takes several.
   * *full*: otherwise the whole model is solved (hinted with the best neighbourhood timetable, or
     the current one); OPTIMAL proves the minimum.
   CP-SAT's presolve is known to lose or break hints (google/or-tools #4373, #4693) and hints must
   not be mixed with assumptions (#4324): we never pass assumptions here and report what happened
   to the hint.
4. Optionally (`polish_seconds`) the other soft rules are improved while the changes stay minimal.
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from dataclasses import asdict, dataclass, field
from time import perf_counter

from solver.compile import compile_plan
from solver.cpsat.solve import solve
from solver.decode import decode
from solver.domain import Plan, Timetable, parse_plan
from solver.params import SolveParams
from solver.pipeline import PlanOutcome, solve_plan
from solver.problem import ProblemData
from solver.result import Result, relative_gap
from solver.timeline import DAYS
from solver.validate import validate

CHANGE_RULES = ("lesson_move", "teacher_change", "roster_change")
INFINITY = float("inf")
SMALL_POOL = 2  # lessons needing a room kind of at most this many rooms are neighbours (a scarce kind)
CHEAP_LIMIT = 300  # at most this many copies that can change teacher are freed in every neighbourhood
REPLAN_PARAMS = SolveParams(time_limit=30.0)  # replan's default settings: 30 s for the whole re-plan


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


@dataclass
class ReplanOutcome:
    still_holds: bool
    timetable: Timetable | None
    diff: Diff
    outcome: PlanOutcome | None = None
    hint_status: str = ""
    proof: str = ""  # how the minimum was proven: "neighbourhood" | "full" ("" when not proven)
    seconds: float = 0.0  # from the call to the (proven) result, polish excluded
    timings: dict[str, float] = field(default_factory=dict)  # prepare / compile / stages, seconds
    broken: list = field(default_factory=list)  # the hard violations of `current` under the changed plan


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


def hint_from(data: ProblemData, current: Timetable) -> dict:
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
            move = Move(lesson=key[0], copy=key[1], before=slot(a), after=slot(b))
            (out.moved if a and b else out.placed if b else out.unplaced).append(move)
        if a and b and a.teacher != b.teacher:
            out.teacher_changes.append({"lesson": key[0], "copy": key[1], "before": a.teacher, "after": b.teacher})
        if a and b and a.room != b.room:
            out.room_changes.append({"lesson": key[0], "copy": key[1], "before": a.room, "after": b.room})
    shifts = lambda t: {(r.employer, r.staff, r.shift, r.day) for r in t.rosters}  # noqa: E731
    names = ("employer", "staff", "shift", "day")
    out.shifts_added = [dict(zip(names, k)) for k in sorted(shifts(after) - shifts(before))]
    out.shifts_removed = [dict(zip(names, k)) for k in sorted(shifts(before) - shifts(after))]
    return out


# --- the fewest changes, proven -------------------------------------------------------------------

def _option_costs(data: ProblemData) -> list[list[int] | None]:
    """Per copy, the change cost of each usable option (None: a copy without a current placement)."""
    w = data.weights
    out: list[list[int] | None] = []
    for copy in data.copies:
        if copy.current_slot is None and copy.current_teacher is None:
            out.append(None)
            continue
        usable = copy.options if (copy.pools or not copy.needs_room) else ()
        costs = []
        for o in usable:
            cost = 0
            if copy.current_slot is not None and (o.day, o.first) != copy.current_slot:
                cost += w.lesson_move
            if copy.current_teacher is not None and o.teacher != copy.current_teacher:
                cost += w.teacher_change
            costs.append(cost)
        out.append(costs)
    return out


@dataclass
class _Links:
    """Per lesson id: what ties it to other lessons (student sets, possible teachers, scarce rooms)."""

    keys: dict[str, set[tuple]]
    by_key: dict[tuple, set[str]]


def _links(plan: Plan) -> _Links:
    first = plan.schools[0].id
    schools = {s.id: s for s in plan.schools}
    keys: dict[str, set[tuple]] = {}
    for lesson in plan.lessons:
        school = schools[lesson.school or first]
        groups = {g.id: g for g in school.groups}
        own: set[tuple] = {("lesson", lesson.id)}
        for g in lesson.groups:
            sets = groups[g].student_sets if g in groups and groups[g].student_sets else [g]
            own |= {("set", school.id, s) for s in sets}
        own |= {("teacher", t) for t in [lesson.teacher, *lesson.candidates, *lesson.co_teachers] if t}
        if lesson.rooms is not None and len(lesson.rooms) <= SMALL_POOL:
            own |= {("room", school.id, r) for r in lesson.rooms}
        elif lesson.room_kind is not None:
            rooms = [r.id for r in school.rooms if r.kind == lesson.room_kind]
            if len(rooms) <= SMALL_POOL:
                own |= {("room", school.id, r) for r in rooms}
        keys[lesson.id] = own
    by_key: dict[tuple, set[str]] = {}
    for lesson_id, own in keys.items():
        for key in own:
            by_key.setdefault(key, set()).add(lesson_id)
    return _Links(keys, by_key)


def _free_lessons(links: _Links, seeds: set[str], rounds: int) -> set[str]:
    """The seed lessons plus, `rounds` times, every lesson sharing a student set, a possible teacher or
    a scarce room (a kind the school has at most SMALL_POOL rooms of) with one already in."""
    inside = set(seeds)
    for _ in range(rounds):
        grown = set(inside)
        for lesson_id in inside:
            for key in links.keys.get(lesson_id, ()):
                grown |= links.by_key[key]
        inside = grown
    return inside


def _seed_lessons(plan: Plan, report) -> set[str]:
    """Lessons that must or may well change: without a current placement for every copy, or named (by
    itself or by its teacher or hto'er) in a hard violation of the current timetable under the changed plan."""
    seeds = {lesson.id for lesson in plan.lessons if len(lesson.current) < lesson.count}
    lesson_ids = {lesson.id for lesson in plan.lessons}
    by_teacher: dict[str, set[str]] = {}
    for lesson in plan.lessons:
        for t in [lesson.teacher, *lesson.candidates, *lesson.co_teachers]:
            if t:
                by_teacher.setdefault(t, set()).add(lesson.id)
    by_staff = {h.staff: by_teacher.get(h.teacher, set()) for h in plan.htos}
    for violation in report.hard():
        named = set()
        for name in ("lessons", "lesson"):
            value = violation.entities.get(name, [])
            for item in value if isinstance(value, list) else [value]:
                if isinstance(item, str) and item.rsplit("#", 1)[0] in lesson_ids:
                    named.add(item.rsplit("#", 1)[0])
                elif isinstance(item, str) and item in lesson_ids:
                    named.add(item)
        if not named:  # a rule about a person's week: every lesson of theirs may help
            teacher, staff = violation.entities.get("teacher"), violation.entities.get("staff")
            named = by_teacher.get(teacher, set()) if isinstance(teacher, str) else set()
            named |= by_staff.get(staff, set()) if isinstance(staff, str) else set()
        seeds |= named
    return seeds


def _locked(question: Plan, free: set[str]) -> Plan:
    """The question with every lesson outside `free` locked to its current slot (and teacher): only its
    zero-change options are compiled. A lesson missing a current placement for some copy stays free."""
    lessons = []
    for lesson in question.lessons:
        placed = {p.copy for p in lesson.current}
        if lesson.id in free or len(placed) < lesson.count:
            lessons.append(lesson)
            continue
        teacher = all(p.teacher for p in lesson.current)
        lock = lesson.lock.model_copy(update={"slot": True, "teacher": lesson.lock.teacher or teacher})
        lessons.append(lesson.model_copy(update={"lock": lock}))
    return question.model_copy(update={"lessons": lessons})


def _conflict_bound(data: ProblemData, costs, forced: list[int], unplaced: int | None) -> int:
    """An extra lower bound for the copies that must change: wherever a forced copy goes, the copies that
    stand there now sharing its students (or its teacher, with no other teacher) must change too.

    For each forced copy f: min over its options o of cost(o) - min cost + the cheapest change of each
    such copy at o. The largest over f is returned (conflict copies of two forced copies may be the same,
    so they are not added up). Rooms, hto'ers and the other rules are left out: that only weakens it.
    """
    w = data.weights
    forced_set = set(forced)
    taken_set: dict[tuple[int, int], set[int]] = {}
    taken_teacher: dict[tuple[int, int], set[int]] = {}
    others: dict[int, bool] = {}  # copy -> it could change teacher instead of moving
    for c, copy in enumerate(data.copies):
        if c in forced_set or costs[c] is None:
            continue
        at = next((o for o, cost in zip(copy.options, costs[c]) if cost == 0), None)
        if at is None:
            continue
        others[c] = len({o.teacher for o in copy.options if (o.day, o.first) == (at.day, at.first)}) > 1
        for p in at.periods:
            for s in copy.sets:
                taken_set.setdefault((s, p), set()).add(c)
            for t in at.teachers:
                taken_teacher.setdefault((t, p), set()).add(c)
    move = min(w.lesson_move, unplaced) if unplaced is not None else w.lesson_move
    swap = min(move, w.teacher_change)
    best_extra = 0
    for f in forced:
        copy = data.copies[f]
        floor = min([*costs[f], *([unplaced] if unplaced is not None else [])])
        extra = unplaced - floor if unplaced is not None else INFINITY  # left out: nothing else must give way
        for o, cost in zip(copy.options, costs[f]):
            by_set, by_teacher = set(), set()
            for p in o.periods:
                for s in copy.sets:
                    by_set |= taken_set.get((s, p), set())
                for t in o.teachers:
                    by_teacher |= taken_teacher.get((t, p), set())
            by_teacher -= by_set
            total = cost - floor + move * len(by_set) + sum(swap if others[c] else move for c in by_teacher)
            extra = min(extra, total)
            if extra == 0:
                break
        if extra != INFINITY:
            best_extra = max(best_extra, extra)
    return best_extra


@dataclass
class _Stage:
    name: str
    data: ProblemData
    result: Result


def _fewest_changes(question: Plan, current: Timetable, report, params: SolveParams, *, started: float,
                    timings: dict) -> tuple[_Stage, str, int]:
    """Minimise the changes; return the stage that proved the minimum (or the best one), how, and a
    proven lower bound. The neighbourhoods report no progress; the full solve does."""
    time_limit = params.time_limit
    w = question.weights
    unplaced = question.policy.unplaced_lesson_penalty if question.policy.allow_unplaced_lessons else None
    links = _links(question)
    seeds = _seed_lessons(question, report)
    # Lessons that can change for less than a move (another teacher at the same slot) are few in school
    # plans; freeing them all keeps delta at a move, so a neighbourhood proves 2-move answers.
    cheap = {lesson.id for lesson in question.lessons if len(lesson.candidates) > 1}
    if sum(lesson.count for lesson in question.lessons if lesson.id in cheap) > CHEAP_LIMIT:
        cheap = set()
    tried: set[frozenset[str]] = set()
    best: _Stage | None = None
    lb0 = 0
    for rounds in (1, 2):
        free = frozenset(_free_lessons(links, seeds, rounds) | cheap)
        if free in tried or len(free) == len(question.lessons):
            break
        tried.add(free)
        left = time_limit - (perf_counter() - started)
        if left <= 0:
            break
        t0 = perf_counter()
        small = compile_plan(_locked(question, set(free)))
        timings[f"neighbourhood_{rounds}_compile"] = perf_counter() - t0
        costs = _option_costs(small)
        forced = [c for c, cs in enumerate(costs) if cs is not None and 0 not in cs]
        if any(small.lessons[small.copies[c].lesson].id not in free for c in forced):
            timings[f"neighbourhood_{rounds}"] = perf_counter() - t0
            continue  # a locked copy has lost its place: this neighbourhood cannot hold the answer
        if any(not costs[c] and unplaced is None for c in forced):
            break  # a copy has nowhere to go at all: leave it to the full model (infeasible)
        lb0 = sum(min([*costs[c], *([unplaced] if unplaced is not None else [])]) for c in forced)
        outside = [
            (w.teacher_change if len(lesson.candidates) > 1 else w.lesson_move)
            for lesson in question.lessons if lesson.id not in free
        ]
        delta = min([*outside, *([unplaced] if unplaced is not None and outside else [])], default=INFINITY)
        result = solve(small, dataclasses.replace(params, time_limit=left, on_progress=None),
                       hint=hint_from(small, current))
        timings[f"neighbourhood_{rounds}"] = perf_counter() - t0
        timings[f"neighbourhood_{rounds}_lessons"] = len(free)
        if not result.found:
            continue
        stage = _Stage(f"neighbourhood_{rounds}", small, result)
        if best is None or result.objective < best.result.objective:
            best = stage
        # A timetable that changes only free copies costs >= the neighbourhood's optimum; one that changes
        # a copy outside costs >= what the forced copies (and their conflicts) must change, plus delta.
        if result.status == "OPTIMAL" and (
            result.objective <= lb0 + delta
            or result.objective <= lb0 + _conflict_bound(small, costs, forced, unplaced) + delta
        ):
            return stage, "neighbourhood", result.objective
    t0 = perf_counter()
    data = compile_plan(question)
    timings["compile"] = perf_counter() - t0
    left = max(0.1, time_limit - (perf_counter() - started))
    t0 = perf_counter()
    hint = hint_from(data, decode(question, best.data, best.result) if best is not None else current)
    result = solve(data, dataclasses.replace(params, time_limit=left), hint=hint)
    timings["full"] = perf_counter() - t0
    if best is not None and (not result.found or result.objective > best.result.objective):
        # the full search found nothing better in time: the neighbourhood's best, not proven minimal
        bound = max(lb0, result.bound if result.bound is not None else 0)
        unproven = dataclasses.replace(best.result, status="FEASIBLE", bound=bound,
                                       gap=relative_gap(best.result.objective, bound))
        return _Stage(best.name, best.data, unproven), "", bound
    proof = "full" if result.status == "OPTIMAL" else ""
    return _Stage("full", data, result), proof, result.bound if result.bound is not None else lb0


def replan(plan: Plan, current: Timetable, params: SolveParams = REPLAN_PARAMS, *,
           polish_seconds: float = 0.0) -> ReplanOutcome:
    """Re-plan the changed `plan` with as few changes to `current` as possible.

    Phase 1 minimises the changes alone (moves first, then teacher and roster changes) and proves
    the minimum (see the module docstring) within `params.time_limit`. Phase 2 (only with `polish_seconds`) improves the other
    soft rules with change weights that dominate them, hinted with phase 1's timetable, and is kept
    only if the validator confirms it is better and changes exactly as much.
    """
    started = perf_counter()
    timings: dict[str, float] = {}
    data_json = _with_current_data(plan, current)
    planned = parse_plan(data_json)
    report = validate(planned, current)
    if report.ok:
        return ReplanOutcome(still_holds=True, timetable=current, diff=Diff(),
                             seconds=perf_counter() - started)
    question = _changes_only_plan(planned)
    timings["prepare"] = perf_counter() - started
    stage, proof, _bound = _fewest_changes(question, current, report, params, started=started, timings=timings)
    result = stage.result
    timetable = decode(question, stage.data, result) if result.found else None
    first = PlanOutcome(result=result, timetable=timetable, data=stage.data)
    seconds = perf_counter() - started
    best = first
    if first.timetable is not None and polish_seconds > 0:
        best = _polish(planned, first, dataclasses.replace(params, time_limit=polish_seconds, on_progress=None))
    timetable = _restated(plan, best.timetable)
    return ReplanOutcome(
        still_holds=False, timetable=timetable, outcome=best,
        diff=diff(current, timetable) if timetable is not None else Diff(),
        hint_status=result.hint_status, proof=proof, seconds=seconds, timings=timings, broken=report.hard(),
    )


def _restated(plan: Plan, timetable: Timetable | None) -> Timetable | None:
    """The re-planned timetable as a timetable of the changed plan: its objective and soft cost are the
    validator's under the plan's own weights (the change weights only steered the re-plan)."""
    if timetable is None:
        return None
    report = validate(plan, timetable)
    return timetable.model_copy(update={
        "objective": report.soft_cost, "bound": None,
        "soft_cost": {rule: cost for rule, cost in report.breakdown.items() if cost},
    })


def _polish(planned: Plan, first: PlanOutcome, params: SolveParams) -> PlanOutcome:
    """Improve the other soft rules with the changes kept as they are in number (validator-checked);
    `params.time_limit` is the polish's own time."""
    weighted = lexicographic_weights(planned)
    polished = solve_plan(weighted, params, hint=lambda data: hint_from(data, first.timetable))
    if polished.timetable is None:
        return first
    old = validate(weighted, first.timetable)
    new = validate(weighted, polished.timetable)
    same_changes = all(
        new.breakdown.get(rule, 0) == old.breakdown.get(rule, 0) for rule in CHANGE_RULES
    )
    if new.ok and same_changes and new.soft_cost < old.soft_cost:
        return polished
    return first
