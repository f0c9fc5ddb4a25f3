"""The role-filtered JSON of stored timetables, kept in memory. A stored timetable never changes (a re-plan
is a new record; publishing changes only its state), so its view for one audience is made once: reading the
timetable in force then costs a lookup, not a validation of the whole plan (measured: 37 ms -> a few ms for
the demo, which is what lets 50 readers at once stay fast)."""

from __future__ import annotations

import json
import threading
from collections import OrderedDict

from api.deps import Caller
from api.store.models import TimetableRecord

MAX_VIEWS = 256


class ViewCache:
    def __init__(self, size: int = MAX_VIEWS):
        self.size = size
        self._views: OrderedDict[tuple, str | dict] = OrderedDict()
        self._lock = threading.Lock()

    @staticmethod
    def audience(caller: Caller) -> tuple:
        """Who sees the same view: the role, and for planners and hto'ers their employer and staff id."""
        if caller.role in ("admin", "coordinator", "roosteraar"):
            return (caller.role,)
        return caller.role, caller.org.code if caller.org else None, caller.user.staff_code

    def view_json(self, caller: Caller, record: TimetableRecord) -> str:
        """The timetable of `record` as the caller may see it, as JSON text."""
        from api.services.publishing import plan_and_timetable
        from api.services.visibility import timetable_for

        key = (record.id, *self.audience(caller))
        with self._lock:
            if key in self._views:
                self._views.move_to_end(key)
                return self._views[key]
        plan, timetable = plan_and_timetable(record)
        text = json.dumps(timetable_for(caller, plan, timetable), ensure_ascii=False, separators=(",", ":"))
        self._keep(key, text)
        return text

    def figures(self, record: TimetableRecord) -> dict:
        """(lessons placed, lessons in the plan, teaching minutes per employer) of a stored timetable."""
        key = (record.id, "figures")
        with self._lock:
            if key in self._views:
                self._views.move_to_end(key)
                return self._views[key]
        body, plan = record.body, record.plan
        kpis = body.get("kpis", {})
        minutes: dict[str, int] = {}
        for teaching in body.get("hto_teaching", []):
            minutes[teaching["employer"]] = minutes.get(teaching["employer"], 0) + teaching["minutes"]
        figures = {
            "lessons_placed": int(kpis.get("lessons_placed", len(body.get("placements", [])))),
            "lessons_total": int(kpis.get("lessons_total", sum(lesson.get("count", 1)
                                                               for lesson in plan.get("lessons", [])))),
            "teaching_minutes": minutes}
        self._keep(key, figures)
        return figures

    def _keep(self, key: tuple, value) -> None:
        with self._lock:
            self._views[key] = value
            while len(self._views) > self.size:
                self._views.popitem(last=False)


VIEWS = ViewCache()
