"""Time arithmetic and labels of the views: week-minute intervals, spans, minutes as hours, day names.

Times follow docs/rules.md: the week is a line of minutes (day i starts at minute i * 1440).
"""

from __future__ import annotations

from solver.timeline import DAYS, DAYS_EN, DAYS_NL, MINUTES_PER_DAY, fmt_hhmm, parse_hhmm


DAY_EN = dict(zip(DAYS, DAYS_EN))
DAY_NL = dict(zip(DAYS, DAYS_NL))

Interval = tuple[int, int]


def _union(intervals: list[Interval]) -> list[Interval]:
    out: list[list[int]] = []
    for s, e in sorted(i for i in intervals if i[1] > i[0]):
        if out and s <= out[-1][1]:
            out[-1][1] = max(out[-1][1], e)
        else:
            out.append([s, e])
    return [(s, e) for s, e in out]


def _subtract(intervals: list[Interval], cuts: list[Interval]) -> list[Interval]:
    out = []
    cuts = _union(cuts)
    for s, e in _union(intervals):
        pos = s
        for cs, ce in cuts:
            if ce <= pos or cs >= e:
                continue
            if cs > pos:
                out.append((pos, cs))
            pos = max(pos, ce)
        if pos < e:
            out.append((pos, e))
    return out


def _total(intervals: list[Interval]) -> int:
    return sum(e - s for s, e in _union(intervals))


def _span(start: int, end: int) -> str:
    """Two week minutes as 'HH:MM–HH:MM', with (+1) when the end is on a later day."""
    tail = " (+1)" if end // MINUTES_PER_DAY > start // MINUTES_PER_DAY and end % MINUTES_PER_DAY else ""
    return f"{fmt_hhmm(start)}–{fmt_hhmm(end)}{tail}"


def _hm(minutes: int) -> str:
    return f"{minutes} min ({minutes // 60}:{minutes % 60:02d} h)"


def _day_label(day: str) -> str:
    return f"{DAY_NL[day]} / {DAY_EN[day]}"


def _hhmm_or(text: str, default: int | None = None) -> int | None:
    try:
        return parse_hhmm(text)
    except (ValueError, AttributeError):
        return default
