"""An hto'er's week as a calendar (.ics, solver/io/ics.py), cut to the caller's role, and the secret
subscription address a calendar app reads without a login. Only the secret's sha256 is stored; making a new
address revokes the old one.

- the hto'er sees everything of their own week;
- the school's roosteraar their lessons and travel, never the shifts;
- their planner their shifts, and when they teach (not what, where or to whom)."""

from __future__ import annotations

import hashlib
import secrets
from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from api.deps import Caller
from api.store.models import IcsToken, User, now
from solver.domain import Plan, Timetable

TEACHING = "lesgeven / teaching"
TRAVEL = "reistijd / travel"


def _digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def may_see_hto(caller: Caller, hto) -> bool:
    """Of an hto'er in a timetable the caller may see: the school's side, their employer, or themselves."""
    if caller.role in ("admin", "coordinator", "roosteraar"):
        return True
    if caller.role == "planner":
        return hto.employer == caller.org.code
    return caller.role == "hto" and hto.employer == caller.org.code and hto.staff == caller.user.staff_code


def week_events(role: str, plan: Plan, timetable: Timetable, hto_id: str, first: date, weeks: int) -> list:
    """The hto'er's calendar events from `first` for `weeks` weeks, cut to what `role` may see."""
    from solver.io.ics import Event, person_calendar

    calendar = person_calendar(plan, timetable, hto_id, first, first + timedelta(days=7 * weeks - 1))
    if role in ("hto", "admin", "coordinator"):
        return calendar.events
    if role == "roosteraar":
        return [e for e in calendar.events if e.kind != "shift"]
    words = {"lesson": TEACHING, "travel": TRAVEL}
    return [e if e.kind in ("shift", "absence") else Event(e.kind, words.get(e.kind, e.kind), e.start, e.end)
            for e in calendar.events]


def ics_bytes(plan: Plan, hto_id: str, first: date, weeks: int, events: list) -> bytes:
    from solver.io.ics import PersonCalendar, find_person

    calendar = PersonCalendar(find_person(plan, hto_id), first, first + timedelta(days=7 * weeks - 1), events)
    return calendar.to_ical()


def hto_ics(caller: Caller, plan: Plan, timetable: Timetable, *, hto_id: str, first: date, weeks: int) -> bytes | None:
    """The .ics of one hto'er of the timetable as the caller may see it; None when the caller may not."""
    hto = next((h for h in plan.htos if h.id == hto_id), None)
    if hto is None or not may_see_hto(caller, hto):
        return None
    return ics_bytes(plan, hto.id, first, weeks, week_events(caller.role, plan, timetable, hto.id, first, weeks))


def this_monday() -> date:
    today = date.today()
    return today - timedelta(days=today.weekday())


def new_subscription(session: Session, *, user: User) -> str:
    """A new secret for the user's calendar address; every older one stops working."""
    revoke_subscriptions(session, user=user)
    secret = secrets.token_urlsafe(32)
    session.add(IcsToken(user_id=user.id, token_hash=_digest(secret)))
    session.flush()
    return secret


def revoke_subscriptions(session: Session, *, user: User) -> int:
    rows = list(session.scalars(select(IcsToken).where(IcsToken.user_id == user.id, IcsToken.revoked_at.is_(None))))
    for row in rows:
        row.revoked_at = now()
    session.flush()
    return len(rows)


def subscriber(session: Session, secret: str) -> User | None:
    """The hto'er whose live calendar address holds this secret, if any."""
    row = session.scalar(select(IcsToken).where(IcsToken.token_hash == _digest(secret), IcsToken.revoked_at.is_(None)))
    user = session.get(User, row.user_id) if row is not None else None
    return user if user is not None and not user.disabled and user.role == "hto" else None


def merged_ics(records: list, *, staff: str, employer: str, first: date, weeks: int) -> bytes:
    """An hto'er's own week over the timetables in force of every school they teach at (shifts once); an
    empty calendar while none is in force."""
    events, seen, plan, hto_id = [], set(), None, None
    for record in records:
        plan = Plan.model_validate(record.plan)
        hto = next((h for h in plan.htos if h.staff == staff and h.employer == employer), None)
        if hto is None:
            continue
        hto_id = hto.id
        for event in week_events("hto", plan, Timetable.model_validate(record.body), hto.id, first, weeks):
            key = (event.kind, event.summary, event.start, event.end)
            if key not in seen:
                seen.add(key)
                events.append(event)
    if hto_id is None:
        from solver.io.ics import Person, PersonCalendar

        return PersonCalendar(Person(staff, staff), first, first).to_ical()
    events.sort(key=lambda e: (str(e.start), e.kind))
    return ics_bytes(plan, hto_id, first, weeks, events)
