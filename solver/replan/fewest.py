"""The fewest changes, proven (solver/replan/minimal.py's docstring, step 3): a neighbourhood of the
lessons near the trouble whose optimum is proven global by a lower bound, else the full model."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from time import perf_counter

from solver.compile import compile_plan
from solver.cpsat.solve import solve
from solver.decode import decode
from solver.domain import Plan, Timetable
from solver.params import SolveParams
from solver.problem import ProblemData
from solver.replan.changes import hint_from
from solver.result import Result, relative_gap

INFINITY = float("inf")
SMALL_POOL = 2  # lessons needing a room kind of at most this many rooms are neighbours (a scarce kind)
CHEAP_LIMIT = 300  # at most this many copies that can change teacher are freed in every neighbourhood


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
    # a vacancy may be left open at a cost the neighbourhood's bounds do not count: then the full model proves it
    vacancies = any(lesson.optional for lesson in question.lessons)
    for rounds in () if vacancies else (1, 2):
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
