"""Shared pieces of the extra-constraint solve tests (test_solve_extra*.py): lesuren lists and plan makers."""

from __future__ import annotations

from solver.domain import parse_plan
from tests.solver.solve_helpers import plan_dict

L1 = ["08:30-09:20"]
L2 = ["08:30-09:20", "09:20-10:10"]
L3 = ["08:30-09:20", "09:20-10:10", "10:30-11:20"]
L4 = L3 + ["11:20-12:10"]
L5 = L4 + ["12:10-13:00"]
BROKEN = ["08:30-09:20", "09:20-10:10", ("10:30-11:20", True)]  # a marked break before lesuur 3


def xplan(*constraints: dict, **kw):
    """tiny_plan(**kw) with these extra constraints."""
    data = plan_dict(**kw)
    data["constraints"] = list(constraints)
    return parse_plan(data)


def away(day: str, start: str, end: str) -> dict:
    return {"day": day, "start": start, "end": end}


def slot(day: str, period: int) -> dict:
    return {"day": day, "period": period}

