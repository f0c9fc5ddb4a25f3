"""The state of one FET import: FET's grid as our periods, the students tree, and everything the
constraint handlers (fet_constraints.py, fet_room_constraints.py) set; it assembles the plan data.

A handler that cannot state a constraint raises Unsupported; import_fet (fet_import.py) reports it.
"""

from __future__ import annotations

import hashlib
from collections import Counter, defaultdict

from solver.io.fet_xml import FetActivity, FetFile, text
from solver.timeline import DAYS, fmt_hhmm

MAPPING_FORMAT = "hybrooster-fet-mapping/1"
NO_ROOM_PREFIX = "(no room) "  # pseudo-room id prefix: "placed without a room" for optional rooms
NO_ROOM_CAPACITY = 1_000_000



class Unsupported(Exception):
    """Raised by a constraint handler: this constraint cannot be stated in a Plan (the message says why)."""



class Builder:
    """The state of one import: the period grid, the students tree and everything constraints set."""

    def __init__(self, fet: FetFile):
        self.fet = fet
        self.day_of = {name: i for i, name in enumerate(fet.days)}
        self.hour_of = {name: i for i, name in enumerate(fet.hours)}
        self.activities: dict[int, FetActivity] = {a.id: a for a in fet.activities}
        self.teacher_set = set(fet.teachers)
        self._leaves = {name: fet.leaves(name) for name in fet.students}
        self._leaf_sets = {name: set(leaves) for name, leaves in self._leaves.items()}
        self.unsupported: Counter = Counter()
        self.ignored: Counter = Counter()
        self.constraints: list[dict] = []
        self.breaks: set[tuple[int, int]] = set()
        self.teacher_unavailable: dict[str, set] = defaultdict(set)
        self.leaf_unavailable: dict[str, set] = defaultdict(set)
        self.room_unavailable: dict[str, set] = defaultdict(set)
        self.teacher_max_days: dict[str, int] = {}
        self.teacher_max_periods: dict[str, int] = {}
        # activity id -> [(room set, weight or None)], from preferred-room and from home-room constraints
        self.preferred_rooms: dict[int, list[tuple[set, int | None]]] = defaultdict(list)
        self.home_rooms: dict[int, list[tuple[set, int | None]]] = defaultdict(list)
        self.no_room_rooms: list[str] = []
        # (FET type, lesson ids, max rooms): met always when the lessons can use at most that many rooms
        self.room_count_checks: list[tuple[str, list[str], int]] = []
        self._lessons: list[dict] | None = None
        self.locked: dict[int, tuple[int, int]] = {}
        self.period_of: dict[tuple[int, int], int] = {}
        self.days_cut: set[str] = set()  # FET days past the last of DAYS (the import reports them)
        self.length = 60
        self.start = 8 * 60

    # --- the grid ----------------------------------------------------------------------------------

    def build_grid(self) -> None:
        """60-minute periods from 08:00 (earlier, or shorter, when FET has many hours); breaks left out."""
        n = len(self.fet.hours)
        if n <= 16:
            self.start, self.length = 8 * 60, 60
        elif n <= 24:
            self.start, self.length = (24 - n) * 60, 60
        else:
            self.start, self.length = 0, 1440 // n
        for d in range(len(self.fet.days)):
            number = 0
            for h in range(n):
                if (d, h) not in self.breaks:
                    number += 1
                    self.period_of[(d, h)] = number

    def clock(self, h: int) -> tuple[str, str]:
        start = self.start + h * self.length
        return fmt_hhmm(start), ("24:00" if start + self.length == 1440 else fmt_hhmm(start + self.length))

    def periods(self) -> list[dict]:
        out = []
        for d in range(len(self.fet.days)):
            seen_period = False
            for h, name in enumerate(self.fet.hours):
                if (d, h) not in self.period_of:
                    continue
                start, end = self.clock(h)
                out.append({
                    "day": DAYS[d], "start": start, "end": end, "name": name,
                    "break_before": seen_period and h > 0 and (d, h - 1) in self.breaks,
                })
                seen_period = True
        return out

    # --- references --------------------------------------------------------------------------------

    def slot(self, day_name: str, hour_name: str) -> list[tuple[int, int]]:
        """FET (day, hour) names -> [(d, h)]; an empty name means every day (hour)."""
        if day_name in self.days_cut:
            return []  # a day past the last of DAYS: already reported as unsupported (Days_List)
        days = range(len(self.fet.days)) if not day_name else [self.lookup(self.day_of, day_name, "day")]
        hours = range(len(self.fet.hours)) if not hour_name else [self.lookup(self.hour_of, hour_name, "hour")]
        return [(d, h) for d in days for h in hours]

    @staticmethod
    def lookup(table: dict, name: str, what: str) -> int:
        """A FET day or hour name -> its index in `table`; Unsupported for a name FET does not define."""
        if name not in table:
            raise Unsupported(f"refers to an unknown {what} '{name}'")
        return table[name]

    def slot_ref(self, d: int, h: int) -> dict | None:
        """Our {day, period} for a FET slot; None when the slot is a break (no period there)."""
        period = self.period_of.get((d, h))
        return None if period is None else {"day": DAYS[d], "period": period}

    def period_number(self, d: int, h: int) -> int:
        """Our period number of the first non-break FET hour at or after h on day d (n+1 past the end)."""
        return 1 + sum(1 for k in range(h) if (d, k) in self.period_of)

    def teacher(self, name: str) -> str:
        if name not in self.teacher_set:
            raise Unsupported(f"refers to an unknown teacher '{name}'")
        return name

    def leaves(self, name: str) -> list[str]:
        if name not in self._leaves:
            raise Unsupported(f"refers to an unknown students set '{name}'")
        return self._leaves[name]

    def all_leaves(self) -> list[str]:
        out: list[str] = []
        for year in self.fet.years:
            out.extend(leaf for leaf in self._leaves[year] if leaf not in out)
        return out

    def shares_students(self, a: str, b: str) -> bool:
        return bool(self._leaf_sets.get(a, set()) & self._leaf_sets.get(b, set()))

    def activity_ids(self, ids: list[str]) -> list[str]:
        """Ids of active activities, as lesson ids; inactive activities drop out (as in FET)."""
        out = []
        for raw in ids:
            try:
                number = int(raw)
            except ValueError:
                raise Unsupported(f"activity id '{raw}' is not a number") from None
            if number in self.activities and str(number) not in out:
                out.append(str(number))
        return out

    def select(self, el, *, component: int | None = None) -> list[str]:
        """Activities matching a FET filter (teacher, students, subject, tag, duration), as lesson ids."""
        teacher = text(el, "Teacher_Name")
        students = text(el, "Students_Name")
        subject = text(el, "Subject_Name")
        tag = text(el, "Activity_Tag_Name")
        duration = text(el, "Duration")
        if students and students not in self._leaves:
            raise Unsupported(f"refers to an unknown students set '{students}'")
        out = []
        for act in self.fet.activities:
            if teacher and teacher not in act.teachers:
                continue
            if students and not any(self.shares_students(s, students) for s in act.students):
                continue
            if subject and act.subject != subject:
                continue
            if tag and tag not in act.tags:
                continue
            if duration and int(float(duration)) >= 1 and act.duration != int(float(duration)):
                continue
            if component is not None:
                number = 1 if act.group_id == 0 else act.id - act.group_id + 1
                if number != component:
                    continue
            out.append(str(act.id))
        return out

    def add(self, ctype: str, weight: int | None, **fields) -> None:
        self.constraints.append({"type": ctype, "weight": weight, **fields})

    # --- assembling the plan -----------------------------------------------------------------------

    def windows(self, slots: set[tuple[int, int]]) -> list[dict]:
        """FET slots -> our unavailable windows (consecutive hours merged, breaks left out)."""
        out = []
        for d in range(len(self.fet.days)):
            hours = sorted(h for (dd, h) in slots if dd == d and (d, h) in self.period_of)
            run: list[int] = []
            for h in hours + [None]:
                if run and (h is None or h != run[-1] + 1):
                    out.append({"day": DAYS[d], "start": self.clock(run[0])[0], "end": self.clock(run[-1])[1]})
                    run = []
                if h is not None:
                    run.append(h)
        return out

    def rooms_of(self, act: FetActivity) -> list[str] | None:
        """Where an activity may go, as FET decides it; soft room constraints become preferred_rooms.

        Hard preferred rooms: the intersection of their sets (home rooms then do not count). Only soft
        ones: any room of their union or of the hard home rooms, or, without hard home rooms, no room
        at all (a private "no room" pseudo-room that the exporter leaves out). Only home rooms: the
        intersection of the hard ones, else as for soft preferred rooms.
        """
        pref, home = self.preferred_rooms.get(act.id, []), self.home_rooms.get(act.id, [])
        hard_pref = [rooms for rooms, w in pref if w is None]
        soft_pref = [(rooms, w) for rooms, w in pref if w is not None]
        hard_home = [rooms for rooms, w in home if w is None]
        soft_home = [(rooms, w) for rooms, w in home if w is not None]
        if hard_pref:
            allowed = set.intersection(*hard_pref)
            wishes = soft_pref  # FET: any preferred room also satisfies a home room
        elif pref or home:
            in_preferred = set().union(*(rooms for rooms, _ in soft_pref))
            allowed = set(in_preferred)
            if hard_home:
                allowed |= set.intersection(*hard_home)
            else:
                allowed |= set().union(*(rooms for rooms, _ in soft_home))
                allowed.add(f"{NO_ROOM_PREFIX}{act.id}")
                self.no_room_rooms.append(f"{NO_ROOM_PREFIX}{act.id}")
            wishes = soft_pref + [(rooms | in_preferred, w) for rooms, w in soft_home]
        else:
            return None
        for rooms, w in wishes:
            if not allowed <= rooms:  # else always met
                self.add("preferred_rooms", w, lessons=[str(act.id)], rooms=sorted(rooms))
        return sorted(allowed)

    def lesson(self, act: FetActivity) -> dict:
        if act.n_students is not None:
            size = act.n_students
        else:
            size = sum(self.fet.students[s].number for s in act.students if s in self.fet.students)
        rooms = self.rooms_of(act)
        lesson = {
            "id": str(act.id), "subject": act.subject, "groups": list(dict.fromkeys(act.students)),
            "duration": act.duration, "count": 1, "room_kind": None,
            "rooms": rooms, "size": size,
            "teacher": act.teachers[0] if act.teachers else None,
            "co_teachers": list(dict.fromkeys(t for t in act.teachers[1:] if t != act.teachers[0])),
            "tags": list(act.tags),
        }
        if not act.teachers:
            lesson["teacherless"] = True
        if act.id in self.locked:
            d, h = self.locked[act.id]
            lesson["lock"] = {"slot": True}
            lesson["current"] = [{"copy": 0, "day": DAYS[d], "period": self.period_of[(d, h)]}]
        return lesson

    def lessons(self) -> list[dict]:
        """The lessons (once: making them adds the soft room constraints), then the room-dependent checks."""
        if self._lessons is None:
            self._lessons = [self.lesson(act) for act in self.fet.activities]
            real = {lesson["id"]: {r for r in lesson["rooms"] or [] if not r.startswith(NO_ROOM_PREFIX)}
                    for lesson in self._lessons}
            for tag, ids, limit in self.room_count_checks:
                used = set().union(*(real[i] for i in ids)) if ids else set()
                if len(used) > limit:
                    self.unsupported[(tag, "the activities can use more rooms than allowed "
                                           "(Hybrooster has no rule to limit that)")] += 1
        return self._lessons

    def group_unavailable(self, name: str) -> set:
        """A group is unavailable where all its leaves are (so each leaf's own group has exactly its own)."""
        return set.intersection(*(set(self.leaf_unavailable[leaf]) for leaf in self._leaves[name]))

    def block_partly_unavailable(self, lessons: list[dict], unavailable: dict[str, set]) -> None:
        """FET: a students set's unavailability blocks every activity with any of its subgroups. Where a
        lesson's groups are only partly unavailable (so no group window covers it), a hard preferred_slots
        keeps the lesson out of those slots. Lessons with the same allowed slots share one constraint.
        `unavailable`: group_unavailable of every students set, made once."""
        every = [(d, h) for (d, h) in sorted(self.period_of)]
        by_allowed: dict[tuple, list[str]] = defaultdict(list)
        for lesson in lessons:
            leaves = {leaf for g in lesson["groups"] for leaf in self._leaves[g]}
            blocked = set().union(*(self.leaf_unavailable[leaf] for leaf in leaves))
            covered = set().union(*(unavailable[g] for g in lesson["groups"]))
            if blocked - covered:
                by_allowed[tuple(slot for slot in every if slot not in blocked)].append(lesson["id"])
        for allowed, ids in by_allowed.items():
            self.add("preferred_slots", None, lessons=ids, slots=[self.slot_ref(d, h) for d, h in allowed])

    def plan_data(self) -> dict:
        fet = self.fet
        sets = [{"id": leaf, "size": fet.students[leaf].number} for leaf in self.all_leaves()]
        groups = []
        unavailable = {name: self.group_unavailable(name) for name in fet.students}
        for name, node in fet.students.items():
            groups.append({"id": name, "student_sets": self._leaves[name], "size": node.number,
                           "unavailable": self.windows(unavailable[name])})
        lessons = self.lessons()
        self.block_partly_unavailable(lessons, unavailable)
        rooms = [
            {"id": r.name, "capacity": r.capacity, "unavailable": self.windows(self.room_unavailable[r.name])}
            for r in fet.rooms.values() if not r.virtual
        ] + [{"id": pseudo, "kind": "no-room", "capacity": NO_ROOM_CAPACITY} for pseudo in self.no_room_rooms]
        teachers = []
        for name in fet.teachers:
            teacher = {"id": name, "unavailable": self.windows(self.teacher_unavailable[name])}
            if name in self.teacher_max_days:
                teacher["max_days_per_week"] = self.teacher_max_days[name]
            if name in self.teacher_max_periods:
                teacher["max_periods_per_day"] = self.teacher_max_periods[name]
            teachers.append(teacher)
        constraints = [{k: v for k, v in c.items() if v is not None or k == "weight"} for c in self.constraints]
        for c in constraints:
            if c["weight"] is None:
                del c["weight"]
        return {
            "name": fet.institution or fet.path.stem,
            "schools": [{"id": "school", "name": fet.institution or None, "periods": self.periods(),
                         "student_sets": sets, "groups": groups, "rooms": rooms}],
            "teachers": teachers,
            "lessons": lessons,
            "constraints": constraints,
            # FET has no notion of our own soft rules: the objective holds only the FET soft constraints.
            "weights": {"student_gaps": 0, "teacher_gaps": 0, "compact_release": 0, "roster_change": 0,
                        "lesson_move": 0, "teacher_change": 0},
        }

    def mapping(self) -> dict:
        fet = self.fet
        periods: dict[str, list[int]] = {}
        for (d, h), number in sorted(self.period_of.items()):
            periods.setdefault(DAYS[d], []).append(h)
        return {
            "format": MAPPING_FORMAT,
            "source": str(fet.path.resolve()),
            "sha256": hashlib.sha256(fet.path.read_bytes()).hexdigest(),
            "days": fet.days,
            "hours": fet.hours,
            "periods": periods,
            "no_room": self.no_room_rooms,
        }
