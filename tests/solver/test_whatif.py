"""What-if changes: each change type applied to a plan, errors with field paths, and the re-plan it gives."""

from __future__ import annotations

import pytest

from scenarios.generator import generate_plan
from solver.params import SolveParams
from solver.domain import PlanError
from solver.validate import validate
from solver.replan.whatif import apply_change, parse_change, what_if
from tests.solver.solve_helpers import solve_and_certify
from tests.solver.test_replan import certify_replan


@pytest.fixture(scope="module")
def base():
    """A small generated school with two hto'ers at one employer, solved once."""
    plan = generate_plan(3, lesson_periods=120, n_htos=2, n_employers=1)
    outcome = solve_and_certify(plan, time_limit=20.0)
    assert outcome.timetable is not None
    return plan, outcome.timetable


def _hto_placement(plan, timetable):
    hto = {h.teacher: h for h in plan.htos}
    return next(p for p in timetable.placements if p.teacher in hto), hto


def test_unavailable_mark_moves_the_hto_lesson(base):
    """A new SME mark over an hto'er's lesson breaks the current timetable; the re-plan moves that lesson."""
    plan, current = base
    placement, hto = _hto_placement(plan, current)
    change = {"type": "unavailable_mark", "staff": hto[placement.teacher].staff, "day": placement.day,
              "start": placement.start, "end": placement.end, "reason": "audit"}
    answer = what_if(plan, current, change, SolveParams(time_limit=30, workers=1, seed=1))
    assert not answer.still_holds
    assert any(v.rule == "sme_unavailable_mark" for v in answer.replan.broken)
    certify_replan(answer.plan, current, answer.replan)
    assert (placement.lesson, placement.copy) in {(m.lesson, m.copy) for m in answer.replan.diff.moved}


def test_teacher_unavailable_moves_the_lesson(base):
    """A teacher who can no longer teach in a slot has their lesson there moved, and only as needed."""
    plan, current = base
    placement = current.placements[5]
    change = parse_change({"type": "teacher_unavailable", "teacher": placement.teacher, "day": placement.day,
                           "start": placement.start, "end": placement.end})
    answer = what_if(plan, current, change, SolveParams(time_limit=30, workers=1, seed=1))
    certify_replan(answer.plan, current, answer.replan)
    moved = {(m.lesson, m.copy) for m in answer.replan.diff.moved}
    assert (placement.lesson, placement.copy) in moved
    assert answer.replan.proof in ("neighbourhood", "full")


def test_add_lesson_places_it_without_moving_others_when_there_is_room(base):
    """A new lesson is placed; the diff shows it arriving from nowhere, and it is in the new timetable."""
    plan, current = base
    teacher = plan.lessons[0].teacher
    group = plan.lessons[0].groups[0]
    subject = plan.lessons[0].subject
    change = {"type": "add_lesson", "lesson": {"id": "NEW-1", "subject": subject, "groups": [group],
                                               "teacher": teacher, "count": 1}}
    answer = what_if(plan, current, change, SolveParams(time_limit=30, workers=1, seed=1))
    assert not answer.still_holds
    certify_replan(answer.plan, current, answer.replan)
    arrived = answer.replan.diff.placed
    assert [m.lesson for m in arrived] == ["NEW-1"] and arrived[0].before == "" and arrived[0].after
    assert all(m.lesson != "NEW-1" for m in answer.replan.diff.moved)
    assert any(p.lesson == "NEW-1" for p in answer.replan.timetable.placements)


def test_remove_room_gives_its_lessons_another_room(base):
    """Removing a used room: the re-planned timetable no longer uses it and every lesson still has a room."""
    plan, current = base
    used = [p.room for p in current.placements if p.room]
    room = max(set(used), key=used.count)
    answer = what_if(plan, current, {"type": "remove_room", "room": room}, SolveParams(time_limit=30, workers=1, seed=1))
    assert not answer.still_holds
    certify_replan(answer.plan, current, answer.replan)
    assert all(p.room != room for p in answer.replan.timetable.placements)
    assert room not in {r.id for r in answer.plan.schools[0].rooms}
    assert answer.replan.diff.room_changes


def test_add_hto_taking_over_a_lesson_changes_its_teacher(base):
    """A new hto'er (with a new staff member) who takes over a lesson becomes its teacher in the re-plan."""
    plan, current = base
    employer = plan.employers[0].id
    target = next(p for p in current.placements if p.copy == 0 and not plan.hto_of_teacher(p.teacher))
    lesson = next(item for item in plan.lessons if item.id == target.lesson)
    change = {
        "type": "add_hto",
        "hto": {"id": "hto-new", "teacher": "NEWT", "employer": employer, "staff": "new-1",
                "qualification": "qualified", "travel_minutes": {plan.schools[0].id: 15}},
        "teacher": {"id": "NEWT", "subjects": [lesson.subject]},
        "staff": {"id": "new-1", "skills": []},
        "takes_over": [lesson.id],
    }
    answer = what_if(plan, current, change, SolveParams(time_limit=30, workers=1, seed=1))
    assert not answer.still_holds
    certify_replan(answer.plan, current, answer.replan)
    changed = {(t["lesson"], t["after"]) for t in answer.replan.diff.teacher_changes}
    assert (lesson.id, "NEWT") in changed
    assert answer.plan.hto_of_teacher("NEWT") is not None


def test_a_change_that_breaks_nothing_still_holds(base):
    """An unavailable window in which the teacher teaches nothing leaves the timetable as it is."""
    plan, current = base
    # The base timetable depends on how far the solver got, so find any teacher with a free day.
    taught = {(p.teacher, p.day) for p in current.placements}
    teacher, day = next(
        (t.id, d) for t in plan.teachers for d in ("mon", "tue", "wed", "thu", "fri") if (t.id, d) not in taught
    )
    answer = what_if(plan, current, {"type": "teacher_unavailable", "teacher": teacher, "day": day,
                                     "start": "08:00", "end": "17:00"}, SolveParams(time_limit=10))
    assert answer.still_holds and answer.replan.diff.empty
    assert validate(answer.plan, current).ok


def test_a_preference_over_a_lesson_still_holds_at_a_cost(base):
    """A teacher who would rather not teach in a slot (level preference) keeps the lesson there: the timetable
    still holds, and the validator prices the window; the same window hard moves the lesson."""
    plan, current = base
    placement = current.placements[5]
    window = {"type": "teacher_unavailable", "teacher": placement.teacher, "day": placement.day,
              "start": placement.start, "end": placement.end, "reason": "overleg"}
    answer = what_if(plan, current, window | {"level": "preference", "weight": 4}, SolveParams(time_limit=10))
    assert answer.still_holds and answer.replan.diff.empty
    report = validate(answer.plan, current)
    assert report.ok and report.breakdown["teacher_unavailable_preference"] >= 4
    hard = apply_change(plan, parse_change(window))
    assert validate(hard, current).hard_by_rule() == {"teacher_unavailable": 1}


def test_apply_change_leaves_the_original_plan_alone(base):
    """apply_change returns a new plan; the plan it was given is unchanged."""
    plan, _ = base
    before = plan.model_dump_json()
    new = apply_change(plan, parse_change({"type": "remove_room", "room": plan.schools[0].rooms[0].id}))
    assert plan.model_dump_json() == before
    assert len(new.schools[0].rooms) == len(plan.schools[0].rooms) - 1


@pytest.mark.parametrize("change, path", [
    ({"type": "unavailable_mark", "staff": "nobody", "day": "mon", "start": "08:00", "end": "09:00"}, "staff"),
    ({"type": "teacher_unavailable", "teacher": "nobody", "day": "mon", "start": "08:00", "end": "09:00"},
     "teacher"),
    ({"type": "add_lesson", "lesson": {"id": "X", "subject": "wi", "groups": ["no-such-group"],
                                       "teacher": "nobody"}}, "lesson.groups[0]"),
    ({"type": "remove_room", "room": "no-such-room"}, "room"),
    ({"type": "add_hto", "hto": {"id": "h", "teacher": "T9", "employer": "nope", "staff": "s"},
      "teacher": {"id": "T9"}}, "hto.employer"),
])
def test_apply_change_names_the_field_path(base, change, path):
    """A change that does not fit the plan raises PlanError whose issue names the change's field path."""
    plan, _ = base
    with pytest.raises(PlanError) as error:
        apply_change(plan, parse_change(change))
    assert path in [issue.path for issue in error.value.issues]


@pytest.mark.parametrize("data, path", [
    ({"type": "holiday"}, "type"),
    ({"staff": "x"}, "type"),
    ({"type": "unavailable_mark", "staff": "x", "day": "mon", "start": "9:00x", "end": "10:00"}, "start"),
    ({"type": "unavailable_mark", "staff": "x", "day": "mon", "start": "10:00", "end": "09:00"}, ""),
    ({"type": "teacher_unavailable", "teacher": "x", "day": "mon", "start": "08:00", "end": "09:00",
      "colour": "red"}, "colour"),
    ({"type": "add_lesson", "lesson": {"id": "X", "subject": "wi", "duration": 0}}, "lesson.duration"),
])
def test_parse_change_names_the_field_path(data, path):
    """A malformed change raises PlanError naming the field path (the union's tag left out)."""
    with pytest.raises(PlanError) as error:
        parse_change(data)
    assert path in [issue.path for issue in error.value.issues]
