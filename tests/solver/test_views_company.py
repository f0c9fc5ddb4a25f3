"""The views of issue 22 item 3: grids per room and hto'er with lesson ids and the hto badge, a section per
employer (roster, roster changes, marks, who fills each window), the soft cost by rule in the validator's
numbers and totals whose arithmetic adds up. Hand-made timetables for the view models (tests/solver/test_views.py's
tiny plan); one plan solved for real, certified by the validator, for the numbers against the objective."""

from __future__ import annotations

import re

import pytest

from solver.io import views
from solver.validate import validate
from tests.solver.solve_helpers import (
    demand, employer, hto, lesson, locked, only, shift, solve_and_certify, staff, tiny_plan,
)
from tests.solver.test_views import make
from tests.solver.test_validate_extra import ABC, cplan, pa, pb, pc, slot


def _evaluate(arithmetic: str) -> tuple[int, int]:
    """'2 × 50 + 1 × 100 = 200 min (...)' or '6 asked − 1 unplaced = 5' -> (the left side computed, the right
    side as written); each term's number is where it begins."""
    left, right = arithmetic.split(" = ", 1)
    tokens = re.split(r" ([+−]) ", left)
    value, sign = 0, 1
    for k, token in enumerate(tokens):
        if k % 2:
            sign = 1 if token == "+" else -1
            continue
        product = 1
        for factor in token.split(" × "):
            product *= int(re.match(r"\d+", factor.strip()).group())
        value += sign * product
    return value, int(re.match(r"\d+", right).group())


# --- grids per room and per hto'er --------------------------------------------------------------

def test_room_grid_shows_each_lesson_in_its_own_room():
    """L1 in room 101 on Monday lesuur 1; L2 moved to room 102 shows in 102's grid (both lesuren), not in 101's."""
    def second_room(plan):
        plan["schools"][0]["rooms"].append({"id": "102", "name": "Techniek"})

    def l2_elsewhere(timetable):
        timetable["placements"][1]["room"] = "102"

    plan, timetable = make(second_room, l2_elsewhere)
    grids = views.room_grids(plan, timetable)
    assert [g.title for g in grids] == ["101", "102 — Techniek"]
    room_101, room_102 = grids
    assert [(e.lesson, e.detail, e.room) for e in room_101.rows[0].cells["mon"]] == [("L1", "JAN · 2a", "")]
    assert not any(e.lesson == "L2" for r in room_101.rows for cells in r.cells.values() for e in cells or [])
    assert [[e.lesson for e in r.cells["tue"]] for r in room_102.rows] == [["L2"], ["L2"], []]
    assert "## 102 — Techniek" in views.rooms_markdown(plan, timetable)


def test_every_cell_of_every_grid_has_its_lesson_id_and_the_hto_badge_only_on_htoers_lessons():
    plan, timetable = make()
    placed = {p.lesson for p in timetable.placements}
    grids = (views.group_grids(plan, timetable) + views.teacher_grids(plan, timetable)
             + views.room_grids(plan, timetable) + views.hto_grids(plan, timetable))
    entries = [e for g in grids for r in g.rows for cells in r.cells.values() for e in cells or []]
    assert entries and all(e.lesson in placed for e in entries)
    assert {e.lesson for e in entries if e.hto} == {"L1"}  # JAN is the hto'er; PIET's L2 has no badge
    page = views.html_report(plan, timetable)
    badges = re.findall(r'<span class="lid">(\w+)</span> <span class="badge"[^>]*>hto</span>', page)
    assert badges and set(badges) == {"L1"}
    assert '<span class="lid">L2</span></div>' in page
    text = views.teachers_markdown(plan, timetable)
    assert "**wiskunde** 2a · 101 · _L1_ **hto**" in text and "_L2_ **hto**" not in text


def test_hto_grid_holds_the_htoers_lessons_and_co_taught_ones():
    """The hto'er's grid has their own lesson and one they co-teach, each with the badge."""
    def co_teach(plan):
        plan["lessons"][1]["co_teachers"] = ["JAN"]

    plan, timetable = make(co_teach)
    (grid,) = views.hto_grids(plan, timetable)
    assert grid.title.startswith("Jan — lessen op school / lessons at school (JAN, Metaal BV)")
    lessons = {e.lesson: e.hto for r in grid.rows for cells in r.cells.values() for e in cells or []}
    assert lessons == {"L1": True, "L2": True}
    (total,) = views.all_totals(plan, timetable, views.staffing_rows(plan, timetable))[0][1]
    assert total.arithmetic == "1 × 50 + 1 × 100 = 150 min"  # as the validator counts: co-teaching included


# --- the section per employer -------------------------------------------------------------------

def _employer_changes(plan):
    employer_ = plan["employers"][0]
    employer_["staff"][1]["roster"] = [{"shift": "day", "day": "wed"}, {"shift": "day", "day": "thu"}]
    plan["unavailable_marks"] = [{"staff": "s2", "day": "fri", "start": "08:00", "end": "12:00", "reason": "audit"},
                                 {"staff": "s1", "day": "tue", "start": "13:00", "end": "15:00", "level": "preference",
                                  "weight": 2}]


def _moved(timetable):
    """s2: Wednesday's day shift moved to Friday, Thursday's day shift became a night shift."""
    timetable["rosters"] += [{"employer": "E1", "staff": "s2", "shift": "day", "day": "fri", "change": "added"},
                             {"employer": "E1", "staff": "s2", "shift": "night", "day": "thu", "change": "added"}]


def test_employer_section_lists_roster_changes_and_marks():
    plan, timetable = make(_employer_changes, _moved)
    (view,) = views.employer_views(plan, timetable)
    s2 = next(p for p in view.weeks[0].people if p.staff == "s2")
    assert s2.days["thu"] == ["Nacht (nieuw / new)"] and s2.days["fri"] == ["Dag (nieuw / new)"] and not s2.days["wed"]
    assert [c.text for c in view.changes] == [
        "s2: Dag wo / Wed → Dag vr / Fri (verschoven / moved)",
        "s2, do / Thu: Dag → Nacht (andere dienst / other shift)",
    ]
    # the same changes the validator counts for rule roster_change
    report = validate(plan, timetable)
    assert report.breakdown["roster_change"] == plan.weights.roster_change * 4  # 2 shifts away, 2 added
    assert [(m.staff, m.day, m.level, m.reason) for m in view.marks] == [
        ("s2", "fri", "blokkade / block", "audit"), ("s1", "tue", "voorkeur / preference, gewicht / weight 2", "")]
    text = views.employers_markdown(plan, timetable)
    assert "- s2: Dag wo / Wed → Dag vr / Fri (verschoven / moved)" in text
    assert "- s2 vr / Fri 08:00–12:00: blokkade / block (audit)" in text


def test_who_fills_each_window_adds_up_to_what_the_window_asks():
    """A colleague covers the hto'er's release: s1 fills the window before and after, s2 during; the minutes
    filled add up to the window's minutes (1 place), and the section shows it."""
    def colleague(timetable):
        timetable["rosters"].append({"employer": "E1", "staff": "s2", "shift": "day", "day": "mon"})

    plan, timetable = make(timetable_changes=colleague)
    (view,) = views.employer_views(plan, timetable)
    (window,) = view.windows
    assert window.row.ok
    assert [(f.staff, f.skill, [views.span(*s) for s in f.spans]) for f in window.fills] == [
        ("s1", "cnc", ["07:00–08:00", "09:50–15:30"]), ("s2", "cnc", ["08:00–09:50"])]
    assert sum(f.minutes for f in window.fills) == window.row.required * (window.row.end - window.row.start)
    assert "s2 als / as cnc: 08:00–09:50" in views.html_report(plan, timetable)


def test_a_short_window_is_filled_for_what_is_there_and_short_for_the_rest():
    """Alone, the released hto'er fills the window except while away: filled + short = asked, as the validator."""
    plan, timetable = make()
    (view,) = views.employer_views(plan, timetable)
    (window,) = view.windows
    filled = sum(f.minutes for f in window.fills)
    (short,) = validate(plan, timetable).hard("staffing_demand")
    assert filled + short.amount == window.row.end - window.row.start and short.amount == 110


def test_one_person_with_two_skills_fills_one_window_at_a_time():
    """Issue 20's case: s2 (cnc and lassen) alone on Tuesday fills the cnc window or the lassen one, never both."""
    def both_skills(plan):
        e = plan["employers"][0]
        e["staff"][1].update(skills=["cnc", "lassen"], roster=[{"shift": "day", "day": "tue"}])
        e["demand"] += [{"skill": s, "day": "tue", "start": "07:00", "end": "15:30", "min_staff": 1}
                        for s in ("cnc", "lassen")]

    def tuesday(timetable):
        timetable["rosters"].append({"employer": "E1", "staff": "s2", "shift": "day", "day": "tue"})

    plan, timetable = make(both_skills, tuesday)
    (view,) = views.employer_views(plan, timetable)
    tue = [w for w in view.windows if w.row.day == "tue"]
    assert sum(f.minutes for w in tue for f in w.fills) == 510  # one place at a time, for 07:00-15:30
    assert {f.staff for w in tue for f in w.fills} == {"s2"}


# --- soft cost by rule and the totals, on a certified solve --------------------------------------

@pytest.fixture(scope="module")
def solved():
    """Two hto'er lessons during their current shift (released: compact release costs), school lessons, and two
    lessons of group C locked at Monday lesuur 1 and 3: a gap for teacher T2 and for C, whatever the solver does."""
    early = shift("early", "06:00", "14:00")
    late = shift("late", "14:00", "22:00")
    plan = tiny_plan(
        periods={d: ["08:30-09:20", "09:20-10:10", "10:30-11:20", "11:20-12:10"] for d in ("mon", "tue")},
        lessons=[lesson("L1", "H", ["A"], count=2), lesson("L2", "T1", ["A"], count=3),
                 lesson("L3", "T1", ["B"], duration=2),
                 locked("C1", "mon", 1, teacher="T2", groups=["C"]), locked("C3", "mon", 3, teacher="T2", groups=["C"])],
        employers=[employer([early, late], [staff("H", [("early", "mon"), ("early", "tue")]),
                                            staff("W", [("late", "mon")])],
                            [demand("mon", "14:00", "22:00")])],
        htos=[hto(travel_minutes={"S": 20})],
        weights=only(compact_release=10, roster_change=5, student_gaps=3, teacher_gaps=2),
    )
    outcome = solve_and_certify(plan)
    return plan, outcome.timetable, validate(plan, outcome.timetable)


def test_soft_cost_by_rule_adds_up_to_the_validators_total_and_the_objective(solved):
    plan, timetable, report = solved
    summary = views.cost_summary(plan, timetable)
    assert summary.total == report.soft_cost == timetable.objective and summary.matches_objective
    assert {"teacher_gaps", "student_gaps"} <= {line.rule for line in summary.lines}
    assert sum(line.cost for line in summary.lines) == summary.total
    assert {line.rule: line.cost for line in summary.lines} == {k: v for k, v in report.breakdown.items() if v}
    for line in summary.lines:
        assert _evaluate(line.arithmetic) == (line.cost, line.cost)
        assert line.terms == ((line.cost // getattr(plan.weights, line.rule), getattr(plan.weights, line.rule)),)
        assert line.nl and line.en and line.nl != line.en
    assert _evaluate(summary.arithmetic) == (summary.total, summary.total)
    text = views.costs_markdown(plan, timetable)
    assert f"**{summary.arithmetic}**" in text and f"objective {timetable.objective}" in text
    page = views.html_report(plan, timetable)
    assert summary.arithmetic in page and "equal to the timetable&#x27;s objective" in page


def test_totals_add_up_and_match_the_timetable(solved):
    plan, timetable, _ = solved
    kinds = dict(views.all_totals(plan, timetable, views.staffing_rows(plan, timetable)))
    totals = [t for ts in kinds.values() for t in ts]
    for t in totals:
        assert _evaluate(t.arithmetic) == (t.value, t.value), t.line()
    (teaching,) = kinds["Lesminuten per hto'er (lessen × minuten) / Teaching minutes per hto'er (lessons × minutes)"]
    assert teaching.value == timetable.hto_teaching[0].minutes == 100  # 2 × 50
    groups = {t.label: t for t in kinds["Lessen per klas / Lessons per group"]}
    assert (groups["A"].value, groups["A"].of, groups["B"].value, groups["C"].arithmetic) == (
        5, 5, 1, "1 (C1) + 1 (C3) = 2 lessen / lessons (van / of 2)")
    (everything,) = kinds["Alle lessen / All lessons"]
    assert everything.arithmetic == "8 gevraagd / asked − 0 niet ingeroosterd / unplaced = 8 (van / of 8)"
    staffed = kinds["Bezettingsvensters gedekt / Staffing windows met"]
    assert staffed[-1].value == sum(t.value for t in staffed[:-1]) == 1


def test_extra_constraints_of_one_type_with_two_weights_show_a_term_each():
    """Two preferred_starts constraints, weights 4 and 7, each broken once: 1 × 4 + 1 × 7 = 11."""
    plan = cplan({"type": "preferred_starts", "lessons": ["A"], "slots": [slot("mon", 1)], "weight": 4},
                 {"type": "preferred_starts", "lessons": ["B"], "slots": [slot("mon", 1)], "weight": 7}, lessons=ABC)
    from tests.solver.factories import make_timetable

    timetable = make_timetable([pa("tue", 1), pb("tue", 2), pc("mon", 1)])
    (line,) = views.cost_summary(plan, timetable).lines
    assert (line.rule, line.arithmetic) == ("preferred_starts", "1 × 4 + 1 × 7 = 11")
    assert validate(plan, timetable).breakdown["preferred_starts"] == 11
