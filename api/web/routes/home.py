"""The start page of each role, and `/` (the address a new user types) leading to it."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response

from api.web.deps import PageDep
from api.web.render import render

router = APIRouter(include_in_schema=False)

# The page each role starts on ({org}: the caller's organisation id). Each page module may define
# START = {role: path}; install collects them. A role without one gets the overview with its menu.
START: dict[str, str] = {}


@router.get("/")
def root() -> Response:
    return RedirectResponse("/app/", status_code=303)


@router.get("/app/")
def home(request: Request, page: PageDep) -> Response:
    start = START.get(page.caller.role)
    if start is not None:
        return RedirectResponse(start.format(org=page.caller.org_id or ""), status_code=303)
    return render(request, page, "home.html")
