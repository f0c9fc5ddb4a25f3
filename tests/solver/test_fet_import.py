"""The FET importer on small hand-made .fet files: grid, students, activities, constraints, rooms."""

from __future__ import annotations

import re

import pytest

from benchmarks.fet_run import fet_cl, run_fet_cl
from solver.io.fet_import import FetUnsupportedError, import_fet, soft_weight, write_import
from solver.timeline import DAYS

HEAD = """<?xml version="1.0" encoding="UTF-8"?>
<fet version="6.8.5">
<Institution_Name>Test school</Institution_Name>
<Days_List><Number_of_Days>2</Number_of_Days><Day><Name>Mo</Name></Day><Day><Name>Tu</Name></Day></Days_List>
<Hours_List><Number_of_Hours>4</Number_of_Hours>
<Hour><Name>h1</Name></Hour><Hour><Name>h2</Name></Hour><Hour><Name>h3</Name></Hour><Hour><Name>h4</Name></Hour>
</Hours_List>
<Subjects_List><Subject><Name>Math</Name></Subject><Subject><Name>Art</Name></Subject></Subjects_List>
<Activity_Tags_List><Activity_Tag><Name>lab</Name></Activity_Tag></Activity_Tags_List>
<Teachers_List><Teacher><Name>T1</Name></Teacher><Teacher><Name>T2</Name></Teacher></Teachers_List>
<Students_List>
<Year><Name>Y1</Name><Number_of_Students>40</Number_of_Students>
  <Group><Name>Y1a</Name><Number_of_Students>20</Number_of_Students>
    <Subgroup><Name>Y1a-x</Name><Number_of_Students>10</Number_of_Students></Subgroup>
    <Subgroup><Name>Y1a-y</Name><Number_of_Students>10</Number_of_Students></Subgroup>
  </Group>
  <Group><Name>Y1b</Name><Number_of_Students>20</Number_of_Students></Group>
</Year>
<Year><Name>Y2</Name><Number_of_Students>25</Number_of_Students></Year>
</Students_List>
<Activities_List>
<Activity><Teacher>T1</Teacher><Subject>Math</Subject><Students>Y1</Students>
  <Duration>1</Duration><Total_Duration>2</Total_Duration><Id>1</Id><Activity_Group_Id>1</Activity_Group_Id><Active>true</Active></Activity>
<Activity><Teacher>T1</Teacher><Subject>Math</Subject><Students>Y1</Students>
  <Duration>1</Duration><Total_Duration>2</Total_Duration><Id>2</Id><Activity_Group_Id>1</Activity_Group_Id><Active>true</Active></Activity>
<Activity><Teacher>T1</Teacher><Teacher>T2</Teacher><Subject>Art</Subject><Activity_Tag>lab</Activity_Tag>
  <Students>Y1a-x</Students><Students>Y2</Students>
  <Duration>2</Duration><Total_Duration>2</Total_Duration><Id>3</Id><Activity_Group_Id>0</Activity_Group_Id><Active>true</Active></Activity>
<Activity><Subject>Art</Subject><Students>Y1b</Students><Number_Of_Students>7</Number_Of_Students>
  <Duration>1</Duration><Total_Duration>1</Total_Duration><Id>4</Id><Activity_Group_Id>0</Activity_Group_Id><Active>true</Active></Activity>
<Activity><Teacher>T2</Teacher><Subject>Art</Subject><Students>Y2</Students>
  <Duration>1</Duration><Total_Duration>1</Total_Duration><Id>5</Id><Activity_Group_Id>0</Activity_Group_Id><Active>false</Active></Activity>
</Activities_List>
<Buildings_List></Buildings_List>
<Rooms_List>
<Room><Name>R1</Name><Building></Building><Capacity>30</Capacity><Virtual>false</Virtual></Room>
<Room><Name>Lab</Name><Building></Building><Capacity>50</Capacity><Virtual>false</Virtual></Room>
</Rooms_List>
"""


def fet_file(tmp_path, time: str = "", space: str = "", days: list[str] | None = None) -> str:
    """HEAD with these constraints; `days` replaces its two days (Mo, Tu)."""
    head = HEAD
    if days is not None:
        listed = "".join(f"<Day><Name>{d}</Name></Day>" for d in days)
        head = re.sub("<Days_List>.*</Days_List>",
                      f"<Days_List><Number_of_Days>{len(days)}</Number_of_Days>{listed}</Days_List>", HEAD)
    path = tmp_path / "test.fet"
    path.write_text(
        head
        + "<Time_Constraints_List><ConstraintBasicCompulsoryTime><Weight_Percentage>100</Weight_Percentage>"
          "</ConstraintBasicCompulsoryTime>" + time + "</Time_Constraints_List>\n"
        + "<Space_Constraints_List><ConstraintBasicCompulsorySpace><Weight_Percentage>100</Weight_Percentage>"
          "</ConstraintBasicCompulsorySpace>" + space + "</Space_Constraints_List>\n</fet>\n",
        encoding="utf-8",
    )
    return str(path)


def constraint(tag: str, weight: float = 100, **fields) -> str:
    body = "".join(
        "".join(f"<{k}>{x}</{k}>" for x in v) if isinstance(v, list) else f"<{k}>{v}</{k}>"
        for k, v in fields.items()
    )
    return f"<{tag}><Weight_Percentage>{weight}</Weight_Percentage>{body}<Active>true</Active></{tag}>"


def slots(item: str, day: str, hour: str, pairs: list[tuple[str, str]]) -> list[str]:
    return [f"<{day}>{d}</{day}><{hour}>{h}</{hour}>" for d, h in pairs]


def test_grid_students_and_activities(tmp_path):
    """Days x hours become one school's periods; leaves become student sets; activities become lessons."""
    plan = import_fet(fet_file(tmp_path)).plan
    school = plan.schools[0]
    assert [(p.day, p.start, p.end, p.name) for p in school.periods][:2] == [
        ("mon", "08:00", "09:00", "h1"), ("mon", "09:00", "10:00", "h2")]
    assert len(school.periods) == 8
    assert sorted(s.id for s in school.student_sets) == ["Y1a-x", "Y1a-y", "Y1b", "Y2"]
    groups = {g.id: g for g in school.groups}
    assert groups["Y1"].student_sets == ["Y1a-x", "Y1a-y", "Y1b"] and groups["Y1"].size == 40
    assert groups["Y1a-x"].student_sets == ["Y1a-x"]
    lessons = {lesson.id: lesson for lesson in plan.lessons}
    assert sorted(lessons) == ["1", "2", "3", "4"]  # 5 is inactive
    art = lessons["3"]
    assert (art.teacher, art.co_teachers, art.duration, art.tags, art.size) == ("T1", ["T2"], 2, ["lab"], 35)
    assert art.groups == ["Y1a-x", "Y2"] and art.room_kind is None and art.rooms is None
    assert lessons["4"].teacherless and lessons["4"].teacher is None and lessons["4"].size == 7
    assert plan.weights.student_gaps == plan.weights.teacher_gaps == 0


def test_breaks_leave_the_grid(tmp_path):
    """A break slot is no period; the period after it gets break_before, and slot constraints skip it."""
    breaks = constraint("ConstraintBreakTimes", Number_of_Break_Times=1,
                        Break_Time=slots("Break_Time", "Day", "Hour", [("Mo", "h2")]))
    prefs = constraint("ConstraintActivityPreferredTimeSlots", Activity_Id=1, Number_of_Preferred_Time_Slots=2,
                       Preferred_Time_Slot=slots("", "Preferred_Day", "Preferred_Hour", [("Mo", "h2"), ("Mo", "h3")]))
    plan = import_fet(fet_file(tmp_path, time=breaks + prefs)).plan
    monday = [p for p in plan.schools[0].periods if p.day == "mon"]
    assert [(p.name, p.break_before) for p in monday] == [("h1", False), ("h3", True), ("h4", False)]
    (c,) = plan.constraints
    assert c.type == "preferred_slots" and [(s.day, s.period) for s in c.slots] == [("mon", 2)]


def test_not_available_times(tmp_path):
    """Teacher and students-set unavailability become windows; lessons of partly unavailable groups keep out too."""
    time = constraint("ConstraintTeacherNotAvailableTimes", Teacher="T1", Number_of_Not_Available_Times=2,
                      Not_Available_Time=slots("", "Day", "Hour", [("Tu", "h1"), ("Tu", "h2")]))
    time += constraint("ConstraintStudentsSetNotAvailableTimes", Students="Y1a-y", Number_of_Not_Available_Times=1,
                       Not_Available_Time=slots("", "Day", "Hour", [("Mo", "h4")]))
    plan = import_fet(fet_file(tmp_path, time=time)).plan
    t1 = next(t for t in plan.teachers if t.id == "T1")
    assert [(w.day, w.start, w.end) for w in t1.unavailable] == [("tue", "08:00", "10:00")]
    groups = {g.id: g for g in plan.schools[0].groups}
    assert [(w.day, w.start) for w in groups["Y1a-y"].unavailable] == [("mon", "11:00")]
    assert groups["Y1"].unavailable == groups["Y1a"].unavailable == groups["Y1a-x"].unavailable == []
    # the year's lessons (1, 2: students Y1, which holds Y1a-y) may not be at mon h4
    (c,) = plan.constraints
    assert (c.type, c.lessons, c.weight) == ("preferred_slots", ["1", "2"], None)
    assert ("mon", 4) not in [(s.day, s.period) for s in c.slots] and len(c.slots) == 7


def test_weights_locks_and_relations(tmp_path):
    """100% is hard, less is soft with soft_weight, 0% is left out; a 100% starting time locks the lesson."""
    time = constraint("ConstraintMinDaysBetweenActivities", 95, Consecutive_If_Same_Day="true",
                      Number_of_Activities=2, Activity_Id=["1", "2"], MinDays=1)
    time += constraint("ConstraintActivityPreferredStartingTime", Activity_Id=3, Preferred_Day="Tu",
                       Preferred_Hour="h2", Permanently_Locked="true")
    time += constraint("ConstraintActivitiesSameStartingTime", 0, Number_of_Activities=2, Activity_Id=["1", "4"])
    time += constraint("ConstraintTeachersMaxGapsPerDay", Max_Gaps=1)
    time += constraint("ConstraintStudentsSetMaxHoursDaily", 80, Students="Y1a", Maximum_Hours_Daily=3)
    result = import_fet(fet_file(tmp_path, time=time))
    by_type = {c.type: c for c in result.plan.constraints}
    assert set(by_type) == {"min_days_between", "max_gaps_per_day", "max_periods_per_day"}
    assert by_type["min_days_between"].weight == soft_weight(95) == 130
    assert by_type["min_days_between"].consecutive_if_same_day
    assert by_type["max_gaps_per_day"].weight is None and by_type["max_gaps_per_day"].teachers == ["T1", "T2"]
    assert by_type["max_periods_per_day"].groups == ["Y1a-x", "Y1a-y"]
    art = next(lesson for lesson in result.plan.lessons if lesson.id == "3")
    assert art.lock.slot and [(p.day, p.period) for p in art.current] == [("tue", 2)]
    assert [(d.type, d.count) for d in result.ignored] == [("ConstraintActivitiesSameStartingTime", 1)]


def test_min_days_at_zero_percent_keeps_consecutive_if_same_day(tmp_path):
    """FET keeps "consecutive if same day" at 0%: imported with weight 0; without that flag, left out."""
    time = constraint("ConstraintMinDaysBetweenActivities", 0, Consecutive_If_Same_Day="true",
                      Number_of_Activities=2, Activity_Id=["1", "2"], MinDays=1)
    time += constraint("ConstraintMinDaysBetweenActivities", 0, Consecutive_If_Same_Day="false",
                       Number_of_Activities=2, Activity_Id=["1", "4"], MinDays=1)
    result = import_fet(fet_file(tmp_path, time=time))
    (kept,) = result.plan.constraints
    assert (kept.type, kept.weight, kept.lessons, kept.consecutive_if_same_day) == (
        "min_days_between", 0, ["1", "2"], True)
    assert [(d.type, d.count) for d in result.ignored] == [("ConstraintMinDaysBetweenActivities", 1)]


def test_soft_weight_formula():
    """The weight grows with -log10 of FET's failure chance: 90% -> 100, 99% -> 200."""
    assert soft_weight(100) is None
    assert (soft_weight(50), soft_weight(90), soft_weight(99), soft_weight(99.9)) == (30, 100, 200, 300)
    assert soft_weight(0.01) == 1


def test_rooms(tmp_path):
    """Hard preferred rooms intersect; only-soft rooms allow a pseudo 'no room'; home rooms need one teacher."""
    space = constraint("ConstraintSubjectPreferredRooms", Subject="Math", Number_of_Preferred_Rooms=2,
                       Preferred_Room=["R1", "Lab"])
    space += constraint("ConstraintActivityPreferredRoom", Activity_Id=1, Room="R1", Permanently_Locked="false")
    space += constraint("ConstraintActivityTagPreferredRoom", 90, Activity_Tag="lab", Room="Lab")
    space += constraint("ConstraintTeacherHomeRoom", Teacher="T1", Room="R1")
    result = import_fet(fet_file(tmp_path, space=space))
    lessons = {lesson.id: lesson for lesson in result.plan.lessons}
    assert lessons["1"].rooms == ["R1"] and lessons["2"].rooms == ["Lab", "R1"]
    # activity 3: two teachers, so T1's home room does not apply; the lab preference is soft
    assert lessons["3"].rooms == ["(no room) 3", "Lab"]
    (pref,) = result.plan.constraints
    assert (pref.type, pref.lessons, pref.rooms, pref.weight) == ("preferred_rooms", ["3"], ["Lab"], 100)
    assert lessons["4"].rooms is None
    assert result.mapping["no_room"] == ["(no room) 3"]


def test_unsupported_constraints_fail_the_import(tmp_path):
    """An active constraint without a mapping fails the import, listing type and count; or is left out."""
    time = constraint("ConstraintTwoActivitiesOrdered", First_Activity_Id=1, Second_Activity_Id=2) * 2
    time += constraint("ConstraintRoomNotAvailableTimes", 50, Room="R1", Number_of_Not_Available_Times=1,
                       Not_Available_Time=slots("", "Day", "Hour", [("Mo", "h1")]))
    path = fet_file(tmp_path, time=time)
    with pytest.raises(FetUnsupportedError) as error:
        import_fet(path)
    found = {(d.type, d.count) for d in error.value.unsupported}
    assert found == {("ConstraintTwoActivitiesOrdered", 2), ("ConstraintRoomNotAvailableTimes", 1)}
    assert "ConstraintTwoActivitiesOrdered x2" in str(error.value)
    result = import_fet(path, ignore_unsupported=True)
    assert len(result.plan.lessons) == 4 and {d.type for d in result.unsupported} == {t for t, _ in found}


TEN_DAYS = [f"D{i}" for i in range(1, 11)]


def ten_day_file(tmp_path) -> str:
    """Ten FET days: T1 away on D9, activity 3 locked on D10, the two Math parts 8 days apart."""
    time = constraint("ConstraintTeacherNotAvailableTimes", Teacher="T1", Number_of_Not_Available_Times=1,
                      Not_Available_Time=slots("", "Day", "Hour", [("D9", "h1")]))
    time += constraint("ConstraintActivityPreferredStartingTime", Activity_Id=3, Preferred_Day="D10",
                       Preferred_Hour="h1", Permanently_Locked="true")
    time += constraint("ConstraintMinDaysBetweenActivities", Consecutive_If_Same_Day="false",
                       Number_of_Activities=2, Activity_Id=["1", "2"], MinDays=8)
    return fet_file(tmp_path, time=time, days=TEN_DAYS)


def test_more_than_seven_days_make_a_cycle_of_weeks(tmp_path):
    """FET day i is DAYS[i]: D8 .. D10 are mon2 .. wed2, and every day reference follows."""
    result = import_fet(ten_day_file(tmp_path))
    plan = result.plan
    assert list(dict.fromkeys(p.day for p in plan.schools[0].periods)) == [
        "mon", "tue", "wed", "thu", "fri", "sat", "sun", "mon2", "tue2", "wed2"]
    t1 = next(t for t in plan.teachers if t.id == "T1")
    assert [(w.day, w.start, w.end) for w in t1.unavailable] == [("tue2", "08:00", "09:00")]
    art = next(lesson for lesson in plan.lessons if lesson.id == "3")
    assert [(p.day, p.period) for p in art.current] == [("wed2", 1)]
    (apart,) = plan.constraints
    assert (apart.type, apart.min_days) == ("min_days_between", 8)
    assert result.mapping["days"] == TEN_DAYS and list(result.mapping["periods"])[-1] == "wed2"


def test_more_days_than_a_cycle_is_unsupported(tmp_path):
    """29 FET days are more than four weeks: the import names the limit instead of guessing."""
    with pytest.raises(FetUnsupportedError) as error:
        import_fet(fet_file(tmp_path, days=[f"D{i}" for i in range(1, 30)]))
    (days,) = error.value.unsupported
    assert (days.type, days.reason) == ("Days_List", "29 days: a Hybrooster cycle has at most 28 (4 weeks)")


@pytest.mark.skipif(fet_cl() is None, reason="fet (fet-cl) is not installed")
def test_ten_day_cycle_round_trips_through_fet(tmp_path):
    """Ten days: our certified timetable, exported with every activity locked, is accepted by fet-cl at
    once, and the timetable FET makes of the original passes our validator on the imported plan."""
    from benchmarks.fet_result import read_fet_timetable
    from solver.domain import load_plan
    from solver.io.fet_export import export_fet_file
    from solver.validate import validate
    from tests.solver.solve_helpers import solve_and_certify

    source = ten_day_file(tmp_path)
    imported = import_fet(source)
    plan_path, _ = write_import(imported, tmp_path / "plan.json")
    plan = load_plan(plan_path)
    timetable = solve_and_certify(plan, expect="OPTIMAL").timetable
    first, second = sorted(DAYS.index(p.day) for p in timetable.placements if p.lesson in ("1", "2"))
    assert second - first >= 8  # one in each week
    export = export_fet_file(plan, timetable, plan_path=plan_path, out_path=tmp_path / "out.fet")
    assert export.locked_times == 3 and not export.warnings  # activity 3 was locked in the original
    check = run_fet_cl(tmp_path / "out.fet", time_limit=30, output_dir=tmp_path / "check")
    assert check.status == "solved", check.message

    run = run_fet_cl(source, time_limit=30, output_dir=tmp_path / "fet")
    assert run.status == "solved" and run.activities_xml is not None, run.message
    theirs = read_fet_timetable(run.activities_xml, imported.plan, imported.mapping)
    assert len(theirs.placements) == 4 and any(p.day == "wed2" for p in theirs.placements)
    assert validate(imported.plan, theirs).hard_violations == 0
