"""`hybrooster serve --demo`: the bundled demo school, its three employers, region Twente and one user per
role, so that a new user can log in and look around at once. Loading twice changes nothing."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from api.services.people import add_organisation, add_user
from api.services.plans import add_version, split_plan
from api.store.models import Mark, Organisation, User
from solver.domain import load_plan

DEMO_PASSWORD = "hybrooster-demo"
REGION = ("twente", "Regio Twente (demo)")


@dataclass(frozen=True)
class DemoLogin:
    username: str
    role: str
    who: str


def demo_logins() -> list[DemoLogin]:
    """One login per role; who they are is read from the demo plan itself."""
    from api.commands import demo_plan_path

    plan = load_plan(demo_plan_path())
    employers = [e.name or e.id for e in plan.employers]
    hofman = next(h for h in plan.htos if h.id == "hto-hofman")
    return [
        DemoLogin("roosteraar", "roosteraar", plan.schools[0].name or plan.schools[0].id),
        *(DemoLogin(username, "planner", name)
          for username, name in zip(("planner", "planner-vdveen", "planner-onderhoud"), employers)),
        DemoLogin("hto", "hto", f"{hofman.name}, staff {hofman.staff} and teacher {hofman.teacher}"),
        DemoLogin("coordinator", "coordinator", REGION[1]),
        DemoLogin("admin", "admin", "every organisation"),
    ]


def load_demo(session: Session) -> bool:
    """Load the demo into the store unless it is there already; True when it was loaded now."""
    if session.scalar(select(User).where(User.username == "roosteraar")) is not None:
        return False
    from api.commands import demo_plan_path

    plan = load_plan(demo_plan_path())
    school_body, employers, marks = split_plan(plan)
    region = add_organisation(session, kind="region", code=REGION[0], name=REGION[1])
    school = plan.schools[0]
    school_org = add_organisation(session, kind="school", code=school.id, name=school.name or school.id,
                                  region_id=region.id)
    employer_orgs: dict[str, Organisation] = {}
    for employer in plan.employers:
        employer_orgs[employer.id] = add_organisation(session, kind="employer", code=employer.id,
                                                      name=employer.name or employer.id, region_id=region.id)
    admin = add_user(session, username="admin", name="Demo admin", password=DEMO_PASSWORD, role="admin")
    add_version(session, org=school_org, body=school_body, user=admin, source="demo plan.json", note="demo")
    for code, body in employers.items():
        add_version(session, org=employer_orgs[code], body=body, user=admin, source="demo plan.json", note="demo")
    staff_employer = {s.id: e.id for e in plan.employers for s in e.staff}
    for mark in marks:
        session.add(Mark(org_id=employer_orgs[staff_employer[mark["staff"]]].id, staff=mark["staff"],
                         day=mark["day"], start=mark["start"], end=mark["end"], reason=mark.get("reason", ""),
                         level=mark.get("level", "hard"), weight=mark.get("weight"), created_by=admin.id))
    codes = list(employer_orgs)
    add_user(session, username="roosteraar", name="Demo roosteraar", password=DEMO_PASSWORD, role="roosteraar",
             org_id=school_org.id)
    for username, code in zip(("planner", "planner-vdveen", "planner-onderhoud"), codes):
        add_user(session, username=username, name=f"Demo planner {code}", password=DEMO_PASSWORD, role="planner",
                 org_id=employer_orgs[code].id)
    hofman = next(h for h in plan.htos if h.id == "hto-hofman")
    add_user(session, username="hto", name=hofman.name or hofman.id, password=DEMO_PASSWORD, role="hto",
             org_id=employer_orgs[hofman.employer].id, staff=hofman.staff)
    add_user(session, username="coordinator", name="Demo coordinator", password=DEMO_PASSWORD, role="coordinator",
             org_id=region.id)
    session.flush()
    return True
