"""The demo solved once per test process, and stored into a test's app as a draft (certified by the validator
on the way in, as every stored timetable is)."""

from __future__ import annotations

import threading
from functools import lru_cache

from api.commands import demo_plan_path, solve
from api.services.access import org_by_code
from api.services.plans import assemble
from api.services.timetables import store_timetable
from solver.domain import Plan, Timetable, load_plan
from solver.params import SolveParams

SCHOOL = "roc-twente-hengelo"


@lru_cache(maxsize=1)
def demo_solution() -> tuple[Plan, Timetable]:
    plan = load_plan(demo_plan_path())
    # the first timetable found is enough (and keeps this quick on a busy machine): stop at the first progress
    stop = threading.Event()
    run = solve(plan=plan, params=SolveParams(time_limit=120.0, workers=1, seed=1, stop=stop,
                                              on_progress=lambda _progress: stop.set()))
    assert run.timetable is not None and run.report.ok
    return plan, run.timetable


def store_demo(client, timetable: Timetable | None = None, plan: Plan | None = None) -> str:
    """Store the demo timetable (or the one given) as a draft of the demo school; its id."""
    timetable = timetable or demo_solution()[1]
    with client.app.state.store.session() as session:
        school = org_by_code(session, "school", SCHOOL)
        plan = plan or assemble(session, school)[0]
        return store_timetable(session, school=school, plan=plan, timetable=timetable).id


def ids(client) -> dict[str, str]:
    """The store ids of the demo's organisations, by code."""
    from sqlalchemy import select

    from api.store.models import Organisation

    with client.app.state.store.session() as session:
        return {org.code: org.id for org in session.scalars(select(Organisation))}


def publish_demo(client, as_user) -> str:
    """A draft approved by every planner asked and published by the roosteraar; its id."""
    tid = store_demo(client)
    planners = {"metaal-hengelo": "planner", "vdveen-installatie": "planner-vdveen",
                "twente-onderhoud": "planner-onderhoud"}
    for code in client.get(f"/timetables/{tid}", headers=as_user("roosteraar")).json()["needs_approval"]:
        assert client.post(f"/timetables/{tid}/approve", headers=as_user(planners[code])).status_code == 200
    answer = client.post(f"/timetables/{tid}/publish", headers=as_user("roosteraar"))
    assert answer.status_code == 200, answer.text
    return tid
