"""One cell -> one plan value, by the column's kind; a problem is a message naming the value."""

from __future__ import annotations

import datetime as dt
import json
import re

from solver.io.workbook.sheets import DAY_ALIASES, NO, NONE_TEXT, YES

_TIME = re.compile(r"^(\d{1,2})[:.](\d{2})(?::\d{2})?$")


class CellProblem(ValueError):
    """A cell whose value cannot be read; the message says why, the reader adds sheet and cell."""


def _text(value) -> str:
    text = str(value).strip()
    if len(text) > 1 and text[0] == "'" and text[1] in "=+-@":
        return text[1:]  # written with a leading quote so Excel keeps it text
    return text


def _number_text(value) -> str:
    text = _text(value).replace("\u00a0", "").replace(" ", "")
    return text.replace(",", ".") if text.count(",") == 1 and "." not in text else text


def to_int(value) -> int:
    if isinstance(value, bool):
        raise CellProblem(f"'{value}' is not a whole number")
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        if value.is_integer():
            return int(value)
        raise CellProblem(f"'{value}' is not a whole number")
    try:
        number = float(_number_text(value))
    except ValueError:
        raise CellProblem(f"'{_text(value)}' is not a whole number") from None
    if not number.is_integer():
        raise CellProblem(f"'{_text(value)}' is not a whole number")
    return int(number)


def to_float(value) -> float:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return float(value)
    try:
        return float(_number_text(value))
    except ValueError:
        raise CellProblem(f"'{_text(value)}' is not a number") from None


def to_time(value) -> str:
    """hh:mm from text ('8:30', '08:30'), an Excel time (a fraction of a day) or a time value."""
    if isinstance(value, dt.datetime):
        value = value.time()
    if isinstance(value, dt.time):
        return f"{value.hour:02d}:{value.minute:02d}"
    if isinstance(value, dt.timedelta):
        minutes = round(value.total_seconds() / 60)
        value = minutes / 1440
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if not 0 <= value <= 1:
            raise CellProblem(f"'{value}' is not a time (hh:mm, or a fraction of a day from 0 to 1)")
        minutes = round(value * 1440)
        return f"{minutes // 60:02d}:{minutes % 60:02d}"
    match = _TIME.match(_text(value))
    if not match or int(match[1]) > 24 or int(match[2]) > 59 or (int(match[1]) == 24 and int(match[2])):
        raise CellProblem(f"'{_text(value)}' is not a time (hh:mm)")
    return f"{int(match[1]):02d}:{match[2]}"


def to_day(value) -> str:
    day = DAY_ALIASES.get(_text(value).lower().rstrip("."))
    if day is None:
        raise CellProblem(f"'{_text(value)}' is not a day (ma, di, wo, do, vr, za, zo)")
    return day


def to_bool(value) -> bool:
    if isinstance(value, bool):
        return value
    text = _text(value).lower()
    if text in YES:
        return True
    if text in NO:
        return False
    raise CellProblem(f"'{_text(value)}' is not ja or nee")


def _items(value) -> list[str] | None:
    text = _text(value)
    if text.startswith("["):
        try:
            items = json.loads(text)
        except json.JSONDecodeError:
            raise CellProblem(f"'{text}' is not a list") from None
        if not isinstance(items, list):
            raise CellProblem(f"'{text}' is not a list")
        return [str(i) for i in items]
    return [part.strip() for part in re.split(r"[,;]", text) if part.strip()]


def to_pauses(value) -> list[dict]:
    pauses = []
    for item in _items(value):
        start, sep, end = item.partition("-")
        if not sep:
            raise CellProblem(f"'{item}' is not a pause (hh:mm-hh:mm)")
        pauses.append({"start": to_time(start), "end": to_time(end)})
    return pauses


def to_json(value):
    text = _text(value)
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        raise CellProblem(f"'{text[:60]}' is not JSON ({error.msg})") from None


def to_date(value) -> str:
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    try:
        return dt.date.fromisoformat(_text(value)).isoformat()
    except ValueError:
        raise CellProblem(f"'{_text(value)}' is not a date (yyyy-mm-dd)") from None


def read_cell(kind: str, value):
    """The plan value of a non-empty cell; 'geen' is None (where an empty cell is the default)."""
    if isinstance(value, str) and _text(value).lower() == NONE_TEXT:
        return None
    if kind == "int":
        return to_int(value)
    if kind == "float":
        return to_float(value)
    if kind == "bool":
        return to_bool(value)
    if kind == "time":
        return to_time(value)
    if kind == "day":
        return to_day(value)
    if kind == "days":
        return [to_day(v) for v in _items(value)]
    if kind == "list":
        return _items(value)
    if kind == "ints":
        return [to_int(v) for v in _items(value)]
    if kind == "pauses":
        return to_pauses(value)
    if kind == "json":
        return to_json(value)
    if kind == "date":
        return to_date(value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))  # an id typed as a number (1 -> '1', not '1.0')
    return _text(value)
