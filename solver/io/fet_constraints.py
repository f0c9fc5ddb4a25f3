"""One handler per FET time constraint: read its fields, state it on the Plan being built.

Conventions in fet_handlers.py; room constraints are in fet_room_constraints.py. Teacher
and Teachers variants (Students and StudentsSet) share one handler. Students sets are always named
by their leaves (the groups whose only student set is themselves), so a rule "for each subgroup of
X", as FET means it, reads the same whatever a group-level rule would mean.
"""

from __future__ import annotations

from solver.io.fet_builder import Builder, Unsupported
from solver.io.fet_handlers import Handler, int_field, registrar
from solver.io.fet_xml import text, texts
from solver.timeline import DAYS

HANDLERS: dict[str, Handler] = {}
handles = registrar(HANDLERS)


def _hard_only(weight: int | None, what: str) -> None:
    if weight is not None:
        raise Unsupported(f"soft {what}: Hybrooster states it only as a hard rule")


def _slots(b: Builder, el, item: str, day_tag: str, hour_tag: str) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for node in el.findall(item):
        for slot in b.slot(text(node, day_tag), text(node, hour_tag)):
            if slot not in out:
                out.append(slot)
    return out


def _refs(b: Builder, slots: list[tuple[int, int]]) -> list[dict]:
    """Our {day, period} of the FET slots that are not breaks (nothing can be placed in a break)."""
    return [ref for ref in (b.slot_ref(d, h) for d, h in slots) if ref is not None]


# --- breaks, availability -------------------------------------------------------------------------

def handle_breaks(b: Builder, el, weight: int | None) -> None:
    """ConstraintBreakTimes: these slots leave the grid; the next period gets break_before."""
    _hard_only(weight, "break")
    for d, h in _slots(b, el, "Break_Time", "Day", "Hour"):
        b.breaks.add((d, h))


@handles("ConstraintBasicCompulsoryTime", "ConstraintBasicCompulsorySpace")
def _basic(b: Builder, el, weight: int | None) -> None:
    """No clashes of teachers, students and rooms, rooms big enough: our rules do this always."""
    _hard_only(weight, "basic compulsory constraint")


@handles("ConstraintTeacherNotAvailableTimes")
def _teacher_not_available(b: Builder, el, weight: int | None) -> None:
    _hard_only(weight, "not-available time")
    teacher = b.teacher(text(el, "Teacher"))
    b.teacher_unavailable[teacher].update(_slots(b, el, "Not_Available_Time", "Day", "Hour"))


@handles("ConstraintStudentsSetNotAvailableTimes")
def _students_not_available(b: Builder, el, weight: int | None) -> None:
    _hard_only(weight, "not-available time")
    slots = _slots(b, el, "Not_Available_Time", "Day", "Hour")
    for leaf in b.leaves(text(el, "Students")):
        b.leaf_unavailable[leaf].update(slots)


@handles("ConstraintRoomNotAvailableTimes")
def _room_not_available(b: Builder, el, weight: int | None) -> None:
    _hard_only(weight, "room not-available time")
    room = text(el, "Room")
    if room not in b.fet.rooms:
        raise Unsupported(f"refers to an unknown room '{room}'")
    b.room_unavailable[room].update(_slots(b, el, "Not_Available_Time", "Day", "Hour"))


# --- when an activity may start ------------------------------------------------------------------

@handles("ConstraintActivityPreferredStartingTime")
def _activity_start(b: Builder, el, weight: int | None) -> None:
    """Weight 100% (locked or permanently locked in FET): a slot lock. Otherwise a soft preferred start."""
    ids = b.activity_ids([text(el, "Activity_Id")])
    if not ids:
        return
    slots = b.slot(text(el, "Preferred_Day"), text(el, "Preferred_Hour"))
    act = int(ids[0])
    if weight is None and len(slots) == 1 and act not in b.locked and b.slot_ref(*slots[0]) is not None:
        b.locked[act] = slots[0]
        return
    b.add("preferred_starts", weight, lessons=ids, slots=_refs(b, slots))


@handles("ConstraintActivityPreferredStartingTimes")
def _activity_starts(b: Builder, el, weight: int | None) -> None:
    ids = b.activity_ids([text(el, "Activity_Id")])
    if ids:
        slots = _slots(b, el, "Preferred_Starting_Time", "Preferred_Starting_Day", "Preferred_Starting_Hour")
        b.add("preferred_starts", weight, lessons=ids, slots=_refs(b, slots))


@handles("ConstraintActivitiesPreferredStartingTimes", "ConstraintSubactivitiesPreferredStartingTimes")
def _activities_starts(b: Builder, el, weight: int | None) -> None:
    component = int_field(el, "Component_Number") if el.find("Component_Number") is not None else None
    ids = b.select(el, component=component)
    if ids:
        slots = _slots(b, el, "Preferred_Starting_Time", "Preferred_Starting_Day", "Preferred_Starting_Hour")
        b.add("preferred_starts", weight, lessons=ids, slots=_refs(b, slots))


@handles("ConstraintActivityPreferredTimeSlots")
def _activity_slots(b: Builder, el, weight: int | None) -> None:
    ids = b.activity_ids([text(el, "Activity_Id")])
    if ids:
        slots = _slots(b, el, "Preferred_Time_Slot", "Preferred_Day", "Preferred_Hour")
        b.add("preferred_slots", weight, lessons=ids, slots=_refs(b, slots))


@handles("ConstraintActivitiesPreferredTimeSlots", "ConstraintSubactivitiesPreferredTimeSlots")
def _activities_slots(b: Builder, el, weight: int | None) -> None:
    component = int_field(el, "Component_Number") if el.find("Component_Number") is not None else None
    ids = b.select(el, component=component)
    if ids:
        slots = _slots(b, el, "Preferred_Time_Slot", "Preferred_Day", "Preferred_Hour")
        b.add("preferred_slots", weight, lessons=ids, slots=_refs(b, slots))


@handles("ConstraintActivitiesOccupyMaxTimeSlotsFromSelection")
def _occupy_max(b: Builder, el, weight: int | None) -> None:
    ids = b.activity_ids(texts(el, "Activity_Id"))
    if ids:
        slots = _slots(b, el, "Selected_Time_Slot", "Selected_Day", "Selected_Hour")
        b.add("occupy_max_slots", weight, lessons=ids, slots=_refs(b, slots),
              max_occupied=int_field(el, "Max_Number_of_Occupied_Time_Slots"))


# --- relations between activities ----------------------------------------------------------------

@handles("ConstraintMinDaysBetweenActivities")
def _min_days(b: Builder, el, weight: int | None) -> None:
    ids = b.activity_ids(texts(el, "Activity_Id"))
    min_days = int_field(el, "MinDays")
    if len(ids) < 2 or min_days < 1:
        return
    if min_days > len(DAYS) - 1:
        raise Unsupported(f"min days {min_days} is more than a cycle of {len(DAYS)} days allows")
    b.add("min_days_between", weight, lessons=ids, min_days=min_days,
          consecutive_if_same_day=text(el, "Consecutive_If_Same_Day", "false").strip().lower() == "true")


def _lesson_set(ctype: str):
    def handler(b: Builder, el, weight: int | None) -> None:
        ids = b.activity_ids(texts(el, "Activity_Id"))
        if len(ids) >= 2:
            b.add(ctype, weight, lessons=ids)
    return handler


handles("ConstraintActivitiesSameStartingTime")(_lesson_set("same_starting_time"))
handles("ConstraintActivitiesSameStartingDay")(_lesson_set("same_starting_day"))
handles("ConstraintActivitiesNotOverlapping")(_lesson_set("not_overlapping"))


@handles("ConstraintMinGapsBetweenActivities")
def _min_gaps(b: Builder, el, weight: int | None) -> None:
    ids = b.activity_ids(texts(el, "Activity_Id"))
    gaps = int_field(el, "MinGaps")
    if len(ids) >= 2 and gaps >= 1:
        b.add("min_gaps_between", weight, lessons=ids, min_gaps=gaps)


@handles("ConstraintTwoActivitiesConsecutive")
def _consecutive(b: Builder, el, weight: int | None) -> None:
    first = b.activity_ids([text(el, "First_Activity_Id")])
    second = b.activity_ids([text(el, "Second_Activity_Id")])
    if first and second and first != second:
        b.add("consecutive", weight, first=first[0], second=second[0])


@handles("ConstraintTwoActivitiesGrouped", "ConstraintThreeActivitiesGrouped")
def _grouped(b: Builder, el, weight: int | None) -> None:
    ids = b.activity_ids([text(el, "First_Activity_Id"), text(el, "Second_Activity_Id"),
                          text(el, "Third_Activity_Id")] if el.find("Third_Activity_Id") is not None
                         else [text(el, "First_Activity_Id"), text(el, "Second_Activity_Id")])
    if len(ids) >= 2:
        b.add("grouped", weight, lessons=ids)


@handles("ConstraintActivityEndsStudentsDay")
def _ends_day(b: Builder, el, weight: int | None) -> None:
    ids = b.activity_ids([text(el, "Activity_Id")])
    if ids:
        b.add("ends_students_day", weight, lessons=ids)


@handles("ConstraintActivitiesEndStudentsDay")
def _activities_end_day(b: Builder, el, weight: int | None) -> None:
    ids = b.select(el)
    if ids:
        b.add("ends_students_day", weight, lessons=ids)


@handles("ConstraintActivitiesMaxSimultaneousInSelectedTimeSlots")
def _max_simultaneous(b: Builder, el, weight: int | None) -> None:
    """Always met when no two of the activities can run at once anyway (a shared teacher or students)."""
    ids = [int(i) for i in b.activity_ids(texts(el, "Activity_Id"))]
    limit = int_field(el, "Max_Number_of_Simultaneous_Activities")
    if limit >= len(ids):
        return
    acts = [b.activities[i] for i in ids]
    clash = all(
        set(x.teachers) & set(y.teachers) or any(b.shares_students(s, t) for s in x.students for t in y.students)
        for k, x in enumerate(acts) for y in acts[k + 1:]
    )
    if limit < 1 or not clash:
        raise Unsupported("no Hybrooster rule limits simultaneous lessons in chosen slots")


# --- teachers and students ------------------------------------------------------------------------

def _scope(b: Builder, el) -> dict:
    """Who a Teacher(s)/Students(Set) constraint is about: teachers, or leaf groups."""
    tag = el.tag
    if tag.startswith("ConstraintTeachers"):
        return {"teachers": list(b.fet.teachers)}
    if tag.startswith("ConstraintTeacher"):
        name = text(el, "Teacher_Name") or text(el, "Teacher")
        return {"teachers": [b.teacher(name)]}
    if tag.startswith("ConstraintStudentsSet"):
        return {"groups": b.leaves(text(el, "Students"))}
    if tag.startswith("ConstraintStudents"):
        return {"groups": b.all_leaves()}
    raise Unsupported("cannot tell whom this constraint is about")


def _variants(middle: str) -> tuple[str, ...]:
    return tuple(f"Constraint{who}{middle}" for who in ("Teacher", "Teachers", "Students", "StudentsSet"))


@handles(*_variants("MaxGapsPerWeek"))
def _max_gaps_week(b: Builder, el, weight: int | None) -> None:
    b.add("max_gaps_per_week", weight, max_gaps=int_field(el, "Max_Gaps"), **_scope(b, el))


@handles(*_variants("MaxGapsPerDay"))
def _max_gaps_day(b: Builder, el, weight: int | None) -> None:
    b.add("max_gaps_per_day", weight, max_gaps=int_field(el, "Max_Gaps"), **_scope(b, el))


@handles(*_variants("MaxHoursDaily"))
def _max_hours_daily(b: Builder, el, weight: int | None) -> None:
    scope = _scope(b, el)
    limit = int_field(el, "Maximum_Hours_Daily")
    if weight is None and "teachers" in scope:
        for teacher in scope["teachers"]:
            b.teacher_max_periods[teacher] = min(limit, b.teacher_max_periods.get(teacher, limit))
        return
    b.add("max_periods_per_day", weight, max_periods=limit, **scope)


@handles(*_variants("MinHoursDaily"))
def _min_hours_daily(b: Builder, el, weight: int | None) -> None:
    b.add("min_periods_per_day", weight, min_periods=int_field(el, "Minimum_Hours_Daily"),
          allow_empty_days=text(el, "Allow_Empty_Days", "true").strip().lower() != "false", **_scope(b, el))


@handles(*_variants("MaxHoursContinuously"))
def _max_continuously(b: Builder, el, weight: int | None) -> None:
    b.add("max_periods_continuously", weight, max_periods=int_field(el, "Maximum_Hours_Continuously"),
          **_scope(b, el))


@handles(*_variants("ActivityTagMaxHoursContinuously"))
def _tag_continuously(b: Builder, el, weight: int | None) -> None:
    tag = text(el, "Activity_Tag_Name") or text(el, "Activity_Tag")
    b.add("max_periods_continuously", weight, max_periods=int_field(el, "Maximum_Hours_Continuously"),
          tag=tag, **_scope(b, el))


@handles(*_variants("ActivityTagMaxHoursDaily"))
def _tag_daily(b: Builder, el, weight: int | None) -> None:
    tag = text(el, "Activity_Tag_Name") or text(el, "Activity_Tag")
    b.add("tag_max_periods_per_day", weight, tag=tag, max_periods=int_field(el, "Maximum_Hours_Daily"),
          **_scope(b, el))


@handles("ConstraintStudentsEarlyMaxBeginningsAtSecondHour",
         "ConstraintStudentsSetEarlyMaxBeginningsAtSecondHour")
def _early(b: Builder, el, weight: int | None) -> None:
    b.add("early_max_beginnings_at_second_period", weight,
          max_beginnings=int_field(el, "Max_Beginnings_At_Second_Hour"), **_scope(b, el))


@handles("ConstraintTeacherMaxDaysPerWeek", "ConstraintTeachersMaxDaysPerWeek")
def _max_days(b: Builder, el, weight: int | None) -> None:
    scope = _scope(b, el)
    limit = int_field(el, "Max_Days_Per_Week")
    if weight is None:
        for teacher in scope["teachers"]:
            b.teacher_max_days[teacher] = min(limit, b.teacher_max_days.get(teacher, limit), len(DAYS))
        return
    _interval(b, weight, scope, 0, len(b.fet.hours), limit)


@handles("ConstraintTeacherMinDaysPerWeek", "ConstraintTeachersMinDaysPerWeek")
def _min_days_week(b: Builder, el, weight: int | None) -> None:
    b.add("min_days_per_week", weight, min_days=min(int_field(el, "Minimum_Days_Per_Week"), len(DAYS)), **_scope(b, el))


@handles(*_variants("IntervalMaxDaysPerWeek"))
def _interval_days(b: Builder, el, weight: int | None) -> None:
    start = b.lookup(b.hour_of, text(el, "Interval_Start_Hour"), "hour")
    end_name = text(el, "Interval_End_Hour")
    end = len(b.fet.hours) if not end_name else b.lookup(b.hour_of, end_name, "hour")
    _interval(b, weight, _scope(b, el), start, end, int_field(el, "Max_Days_Per_Week"))


def _interval(b: Builder, weight: int | None, scope: dict, start: int, end: int, max_days: int) -> None:
    """FET hours [start, end) -> our periods [first, end_period), which must mean the same on every day.

    Breaks can shift period numbers from day to day; the mapping holds when, on each day, the
    periods inside [first, end_period) are exactly the FET hours of the interval that are not breaks.
    """
    wanted = {d: {b.period_of[(d, h)] for h in range(start, end) if (d, h) in b.period_of}
              for d in range(len(b.fet.days))}
    numbers = set().union(*wanted.values())
    if not numbers or max_days >= len(b.fet.days):
        return  # an empty interval or a limit of every day: always met
    first, last = min(numbers), max(numbers) + 1
    for d, inside in wanted.items():
        on_day = {p for (dd, _h), p in b.period_of.items() if dd == d}
        if inside != {p for p in on_day if first <= p < last}:
            raise Unsupported("breaks differ by day around the interval, so its periods differ by day")
    b.add("interval_max_days_per_week", weight, first_period=first, end_period=last, max_days=max_days, **scope)
