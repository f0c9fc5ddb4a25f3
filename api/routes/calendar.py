"""An hto'er's calendar subscription: a secret address that a calendar app reads without logging in, and
that the hto'er can revoke."""

from __future__ import annotations

from fastapi import APIRouter, HTTPException, Response, status

from api.deps import Caller, CallerDep, SessionDep, SettingsDep, committed, require_role
from api.schemas_timetables import CalendarOut, RevokedOut
from api.services import publishing
from api.services.calendars import merged_ics, new_subscription, revoke_subscriptions, subscriber, this_monday
from api.store.models import Organisation

router = APIRouter(tags=["calendar"])
GONE = "this calendar address does not exist, or it has been revoked"


@router.post("/me/calendar", response_model=CalendarOut, status_code=201)
def subscribe(caller: CallerDep, session: SessionDep, settings: SettingsDep) -> CalendarOut:
    """A new secret address of your week for your calendar app (hto'ers). The old address stops working."""
    require_role(caller, "hto")
    secret = committed(session, new_subscription(session, user=caller.user))
    return CalendarOut(url=f"{settings.public_url.rstrip('/')}/calendar/{secret}.ics")


@router.delete("/me/calendar", response_model=RevokedOut)
def unsubscribe(caller: CallerDep, session: SessionDep) -> RevokedOut:
    """Stop your calendar address working (hto'ers)."""
    require_role(caller, "hto")
    return RevokedOut(revoked=committed(session, revoke_subscriptions(session, user=caller.user)))


@router.get("/calendar/{secret}.ics", response_class=Response,
            responses={200: {"content": {"text/calendar": {}}, "description": "A calendar file."},
                       404: {"description": GONE}})
def calendar_feed(secret: str, session: SessionDep) -> Response:
    """Your week in force as a calendar, for your calendar app (no login: the address is the secret)."""
    user = subscriber(session, secret)
    org = session.get(Organisation, user.org_id) if user is not None and user.org_id else None
    if user is None or org is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, GONE)
    records = publishing.in_force_for_hto(session, Caller(user=user, org=org))
    # nothing in force yet: an empty calendar, so that the app keeps the subscription
    content = merged_ics(records, staff=user.staff_code, employer=org.code, first=this_monday(), weeks=8)
    return Response(content=content, media_type="text/calendar")
