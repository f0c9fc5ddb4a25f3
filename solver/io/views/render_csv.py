"""The CSV renderer: one row per lesson placement (timetable.csv), for Excel with Dutch settings: `;` between
cells (Dutch Excel reads `,` as the decimal comma) and a UTF-8 byte order mark (else Excel reads it as
Windows-1252 and garbles the accents). Cells that begin with `=`, `+`, `-` or `@` get a `'` in front, so that a
name or id cannot become a formula when the file is opened (CSV formula injection)."""

from __future__ import annotations

import pandas as pd

from solver.domain import Plan, Timetable
from solver.io.views.placed import placed_lessons
from solver.io.views.times import DAY_NL
from solver.timeline import fmt_hhmm


CSV_SEPARATOR = ";"
BOM = "\ufeff"
FORMULA_STARTS = ("=", "+", "-", "@")

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


def neutralise(value: object) -> object:
    """A text cell that Excel would read as a formula, with a `'` in front; other values as they are."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def csv_text(frame: pd.DataFrame) -> str:
    """The frame as CSV text for Dutch Excel: BOM, `;`-separated, formula-like cells neutralised."""
    safe = frame.apply(lambda column: column.map(neutralise)) if len(frame) else frame
    safe = safe.rename(columns={c: neutralise(c) for c in safe.columns})
    return BOM + safe.to_csv(index=False, sep=CSV_SEPARATOR)
