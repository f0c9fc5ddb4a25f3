"""The readable views show the SME planner's marks in the hto'er's week and list the preferences used."""

from __future__ import annotations

from solver.io import views
from tests.solver.test_views import make


def _marks(plan):
    plan["unavailable_marks"] = [
        {"staff": "s1", "day": "mon", "start": "09:00", "end": "09:30", "reason": "audit", "level": "preference",
         "weight": 6},
        {"staff": "s1", "day": "tue", "start": "07:00", "end": "15:00", "reason": "storingsdienst"},
    ]


def test_hto_week_shows_marks_and_the_lesson_that_uses_a_preference():
    """Jan's Monday lesson (08:30-09:20, 30 minutes of travel) is away 08:00-09:50, inside the 09:00 mark."""
    plan, timetable = make(_marks)
    (week,) = views.hto_weeks(plan, timetable)
    (rather,) = [i for i in week.days["mon"] if i.kind == "mark"]
    assert rather.text == "liever niet weg / rather not leave (audit), gewicht / weight 6"
    assert rather.notes == ["toch weg / away anyway: wiskunde 08:30–09:20 (kosten / cost 6)"]
    (block,) = [i for i in week.days["tue"] if i.kind == "mark"]
    assert block.text == "gemarkeerd: kan niet weg / marked: cannot leave (storingsdienst)" and block.notes == []
    assert "  - toch weg / away anyway: wiskunde 08:30–09:20 (kosten / cost 6)" in views.htos_markdown(plan, timetable)


def test_html_lists_the_preferences_used_only_when_the_plan_has_any():
    plan, timetable = make(_marks)
    page = views.html_report(plan, timetable)
    assert 'href="#preferences"' in page and "Kosten / cost: 6" in page
    assert "Het bedrijf houdt s1 liever ma 09:00-09:30 (audit)" in page
    (used,) = views.preferences_used(plan, timetable)
    assert used.rule == "sme_unavailable_preference" and used.entities["cost"] == 6
    plain, timetable = make()
    assert "preferences" not in views.html_report(plain, timetable) and views.preferences_used(plain, timetable) == []
