"""A person's week as the planner's grid (half-hour cells: shift, released for teaching, lesson time, marks) and
the what-if job's answer in the planner's words. Pure functions over the service's views: no store access."""

from __future__ import annotations

from api.web.routes.planner_common import DAYS

SLOT = 30
DAY_END = 24 * 60


def minutes(hhmm: str) -> int:
    hours, mins = hhmm.split(":")
    return int(hours) * 60 + int(mins)


def hhmm(value: int) -> str:
    return f"{value // 60:02d}:{value % 60:02d}"


def _span(item: dict) -> tuple[int, int]:
    """[start, end) on its own day; a window past midnight is cut at 24:00 (its day is the one it starts on)."""
    start, end = minutes(item["start"]), minutes(item["end"])
    return start, end if end > start else DAY_END


def part_rosters(part: dict, person: dict, week: int) -> list[dict]:
    """The person's shifts of this cycle week from the employer's part, shaped like a timetable's rosters."""
    shifts = {s["id"]: s for s in part.get("shifts", [])}
    return [{"shift": r["shift"], "day": r["day"], "week": r.get("week", 1), "start": shifts[r["shift"]]["start"],
             "end": shifts[r["shift"]]["end"], "released": [], "change": "kept"}
            for r in person.get("roster", []) if r["shift"] in shifts and r.get("week", 1) == week]


def cycle_weeks(part: dict, person: dict) -> list[int]:
    weeks = {r.get("week", 1) for r in person.get("roster", [])}
    return sorted(weeks) or [1]


def week_grid(*, rosters: list[dict], teaching: list[dict], marks: list, shift_names: dict[str, str]) -> dict:
    """Days as columns and half hours as rows; each cell says what holds then (words, not colour alone)."""
    windows = [*rosters, *teaching, *({"day": m.day, "start": m.start, "end": m.end} for m in marks)]
    spans = [_span(w) for w in windows]
    lo = min([s for s, _ in spans] + [7 * 60]) // 60 * 60
    hi = min(DAY_END, -(-max([e for _, e in spans] + [17 * 60]) // 60) * 60)
    used = {w["day"] for w in windows}
    days = [d for d in DAYS if d in used or d in DAYS[:5]]
    rows = []
    for start in range(lo, hi, SLOT):
        cells = []
        for day in days:
            cell = {"day": day, "start": hhmm(start), "end": hhmm(start + SLOT), "shift": None, "released": False,
                    "teach": False, "mark": None, "added": False}
            for roster in rosters:
                a, b = _span(roster)
                if roster["day"] == day and a <= start < b:
                    cell["shift"] = shift_names.get(roster["shift"], roster["shift"])
                    cell["added"] = roster.get("change") == "added"
                    cell["released"] = any(w["day"] == day and minutes(w["start"]) <= start < _span(w)[1]
                                           for w in roster.get("released", []))
            cell["teach"] = any(w["day"] == day and _span(w)[0] <= start < _span(w)[1] for w in teaching)
            levels = {m.level for m in marks if m.day == day and minutes(m.start) <= start < _span(
                {"start": m.start, "end": m.end})[1]}
            cell["mark"] = "hard" if "hard" in levels else ("preference" if levels else None)
            cells.append(cell)
        rows.append({"start": hhmm(start), "cells": cells})
    return {"days": days, "rows": rows}


def _windows_text(windows: list[dict], short_day) -> str:
    return ", ".join(f"{short_day(w['day'])} {w['start']}–{w['end']}" for w in windows)


def whatif_lines(result: dict | None, staff: str, t) -> list[dict]:
    """Per school one answer: how many lessons of this person move and from when to when, plus this
    employer's shifts that would change. `t` is the page's catalogue."""
    short_day = lambda day: t(f"planner.short.{day}")  # noqa: E731 - the one formatter the texts share
    lines = []
    for school in (result or {}).get("schools", []):
        name = school.get("school", "")
        if school.get("error") or school.get("status") == "NO_TIMETABLE" or school.get("still_holds") is None:
            lines.append({"kind": "none", "text": t("planner.whatif_no_timetable", school=name)})
            continue
        mine = next((c for c in school.get("teaching_changes", []) if c["staff"] == staff), None)
        if mine is not None:
            before, after = mine["before"], mine["after"]
            moved = [w for w in before if w not in after]
            new = [w for w in after if w not in before]
            key = "planner.whatif_moves_one" if len(moved) == 1 else "planner.whatif_moves"  # 1 les, 2 lessen
            lines.append({"kind": "moves", "text": t(
                key, school=name, count=len(moved), before=_windows_text(moved, short_day) or "–",
                after=_windows_text(new, short_day) or "–")})
        elif school.get("still_holds"):
            lines.append({"kind": "holds", "text": t("planner.whatif_holds", school=name)})
        else:
            lines.append({"kind": "holds", "text": t("planner.whatif_no_move", school=name)})
        for key in ("shifts_added", "shifts_removed"):
            for shift in school.get(key, []):
                lines.append({"kind": "shift", "text": t(f"planner.whatif_{key}", staff=shift.get("staff", ""),
                                                         shift=shift.get("shift", ""), day=short_day(shift["day"])
                                                         if shift.get("day") in DAYS else "")})
    return lines
