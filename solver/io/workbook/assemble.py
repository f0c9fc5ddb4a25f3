"""The rows of the sheets -> the plan's JSON data, with the checks that need several rows (duplicate ids,
unknown references, end before start), each naming its cell; and where each plan path came from."""

from __future__ import annotations

import typing

from solver.domain import Policy, Weights
from solver.io.workbook.cells import CellProblem, to_bool, to_float, to_int, to_json, to_time
from solver.io.workbook.sheets import NOUN, PER_EMPLOYER, SHEET, demand_order

_SCHOOL_PARTS = {"Lesuren": "periods", "Deelgroepen": "student_sets", "Klassen": "groups", "Lokalen": "rooms"}


def _known(ids) -> str:
    ids = sorted(ids)
    return ", ".join(ids[:8]) + (", …" if len(ids) > 8 else "") if ids else "none"


def _nest(values: dict) -> dict:
    """{'release.allowed_days': x} -> {'release': {'allowed_days': x}}."""
    out: dict = {}
    for key, value in values.items():
        *parents, last = key.split(".")
        target = out
        for part in parents:
            target = target.setdefault(part, {})
        target[last] = value
    return out


def _record(where: dict, path: str, cells: dict, first: str) -> None:
    where[path] = first
    for field, name in cells.items():
        where[f"{path}.{field}"] = name


def _ids(tables: dict, sheet: str, problems: list[str]) -> dict:
    """id -> (scope) of a sheet, reporting duplicates; scope is the employer for PER_EMPLOYER sheets."""
    seen: dict = {}
    for _, values, cells in tables.get(sheet, []):
        if "id" not in values:
            continue
        key = (values.get("employer"), values["id"]) if sheet in PER_EMPLOYER else values["id"]
        if key in seen:
            problems.append(f"{cells['id']}: duplicate id '{values['id']}' (also {seen[key]})")
        else:
            seen[key] = cells["id"]
    return seen


def _check_refs(tables: dict, ids: dict, problems: list[str]) -> None:
    for name, rows in tables.items():
        for col in SHEET[name].columns:
            if col.ref is None or col.ref == "Scholen":
                continue
            for _, values, cells in rows:
                value = values.get(col.field)
                for item in value if isinstance(value, list) else [] if value is None else [value]:
                    known = ids.get(col.ref, {})
                    if col.ref in PER_EMPLOYER and "employer" not in cells:
                        scoped = {k[1] for k in known}
                    elif col.ref in PER_EMPLOYER:
                        scoped = {k[1] for k in known if k[0] == values.get("employer")}
                    else:
                        scoped = set(known)
                    if item not in scoped:
                        problems.append(f"{cells[col.field]}: unknown {NOUN.get(col.ref, 'id')} '{item}' "
                                        f"(known: {_known(scoped)})")


def _check_times(tables: dict, problems: list[str]) -> None:
    for name, rows in tables.items():
        for _, values, cells in rows:
            start, end = values.get("start"), values.get("end")
            if start and end and not values.get("crosses_midnight") and end <= start:
                problems.append(f"{cells['end']}: end {end} is not after start {start}")


def _setting(model, name: str, value, cell: str, problems: list[str]):
    info = model.model_fields[name]
    kind = typing.get_args(info.annotation) or (info.annotation,)
    try:
        if bool in kind:
            return to_bool(value)
        if int in kind:
            return to_int(value)
        if float in kind:
            return to_float(value)
        if name.endswith(("_start", "_end", "_split")) or "rest_after" in name:
            return to_time(value)
        return value if isinstance(value, str) else str(value)
    except CellProblem as problem:
        problems.append(f"{cell}: {problem}")
        return None


def _settings(rows, model, problems: list[str], where: dict, prefix: str) -> dict:
    out = {}
    for name_cell, name, value, cell in rows:
        if name not in model.model_fields:
            problems.append(f"{name_cell}: unknown setting '{name}' "
                            f"(known: {_known(model.model_fields)})")
            continue
        out[name] = _setting(model, name, value, cell, problems)
        where[f"{prefix}.{name}"] = cell
    return out


def assemble(tables: dict, settings: dict, problems: list[str]) -> tuple[dict, dict[str, str]]:
    where: dict[str, str] = {}
    ids = {name: _ids(tables, name, problems) for name in tables}
    _check_refs(tables, ids, problems)
    _check_times(tables, problems)
    data: dict = {}
    for name_cell, name, value, cell in settings.get("Plan", []):
        if name == "name":
            data["name"] = str(value)
        elif name == "source":
            try:
                data["source"] = to_json(value)
            except CellProblem as problem:
                problems.append(f"{cell}: {problem}")
        else:
            problems.append(f"{name_cell}: unknown setting '{name}' (known: name, source)")
    schools = []
    for _, values, cells in tables.get("Scholen", []):
        _record(where, f"schools[{len(schools)}]", cells, next(iter(cells.values())))
        schools.append({**values, **{part: [] for part in _SCHOOL_PARTS.values()}})
    by_id = {s.get("id"): (i, s) for i, s in enumerate(schools)}
    for sheet, part in _SCHOOL_PARTS.items():
        for _, values, cells in tables.get(sheet, []):
            school = values.pop("school", None)
            if school is None and len(schools) == 1:
                school = schools[0].get("id")
            if school not in by_id:
                problems.append(f"{cells.get('school', sheet)}: unknown school '{school}' (known: {_known(by_id)})")
                continue
            i, target = by_id[school]
            _record(where, f"schools[{i}].{part}[{len(target[part])}]", cells, next(iter(cells.values())))
            target[part].append(values)
    data["schools"] = schools
    where["schools"] = "Scholen!A2"  # "at least one school": where the first would go
    for sheet, key in (("Docenten", "teachers"), ("Lessen", "lessons"), ("Hto", "htos"),
                       ("Blokkades", "unavailable_marks")):
        items = data.setdefault(key, [])
        for _, values, cells in tables.get(sheet, []):
            _record(where, f"{key}[{len(items)}]", cells, next(iter(cells.values())))
            items.append(_nest(values))
    data["constraints"] = [v["constraint"] for _, v, _ in tables.get("Voorwaarden", []) if "constraint" in v]
    _employers(tables, data, where, problems)
    data["policy"] = _settings(settings.get("Beleid", []), Policy, problems, where, "policy")
    data["weights"] = _settings(settings.get("Gewichten", []), Weights, problems, where, "weights")
    return data, where


def _employers(tables: dict, data: dict, where: dict, problems: list[str]) -> None:
    employers, by_id = [], {}
    for _, values, cells in tables.get("Werkgevers", []):
        path = f"employers[{len(employers)}]"
        _record(where, path, cells, next(iter(cells.values())))
        employer = {**values, "shifts": [], "demand": [], "staff": []}
        by_id[values.get("id")] = (path, employer)
        employers.append(employer)
    staff_by, demand_rows = {}, {}
    for sheet, part in (("Diensten", "shifts"), ("Bezetting", "demand"), ("Personeel", "staff")):
        for _, values, cells in tables.get(sheet, []):
            key = values.pop("employer", None)
            if key not in by_id:
                problems.append(f"{cells['employer']}: unknown employer '{key}' (known: {_known(by_id)})")
                continue
            path, employer = by_id[key]
            if part == "demand":
                demand_rows.setdefault(key, []).append((values, cells))
                continue
            _record(where, f"{path}.{part}[{len(employer[part])}]", cells, cells["employer"])
            if part == "staff":
                values["roster"] = []
                staff_by[(key, values.get("id"))] = (f"{path}.{part}[{len(employer[part])}]", values)
            employer[part].append(values)
    for key, rows in demand_rows.items():
        path, employer = by_id[key]
        for i, day in demand_order([values.get("day", []) for values, _ in rows]):
            values, cells = rows[i]
            _record(where, f"{path}.demand[{len(employer['demand'])}]", cells, cells["employer"])
            where[f"{path}.demand[{len(employer['demand'])}].day"] = cells["day"]
            employer["demand"].append({**values, "day": day})
    for _, values, cells in tables.get("Rooster", []):
        target = staff_by.get((values.get("employer"), values.get("staff")))
        if target is None:
            continue  # reported as an unknown staff member by _check_refs
        path, staff = target
        _record(where, f"{path}.roster[{len(staff['roster'])}]", cells, cells["staff"])
        staff["roster"].append({k: v for k, v in values.items() if k not in ("employer", "staff")})
    data["employers"] = employers
