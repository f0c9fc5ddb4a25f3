"""The CSV renderer: one row per lesson placement (timetable.csv)."""

from __future__ import annotations

import pandas as pd

from solver.domain import Plan, Timetable
from solver.io.views.placed import placed_lessons
from solver.io.views.times import DAY_NL
from solver.timeline import fmt_hhmm


CSV_COLUMNS = ["school", "lesson", "copy", "subject", "groups", "day", "dag", "period", "duration",
               "start", "end", "teaching_minutes", "teacher", "hto", "room"]


def placements_frame(plan: Plan, timetable: Timetable) -> pd.DataFrame:
    """One row per lesson placement, in time order."""
    htos = {h.teacher for h in plan.htos}
    rows = [{
        "school": p.school, "lesson": p.lesson_id, "copy": p.copy, "subject": p.subject,
        "groups": " ".join(p.groups), "day": p.day, "dag": DAY_NL[p.day], "period": p.period,
        "duration": p.duration, "start": fmt_hhmm(p.start), "end": fmt_hhmm(p.end),
        "teaching_minutes": p.teaching_minutes, "teacher": p.teacher, "hto": p.teacher in htos,
        "room": p.room,
    } for p in placed_lessons(plan, timetable)]
    return pd.DataFrame(rows, columns=CSV_COLUMNS)
