"""Rendering a page: one Jinja2 environment (autoescaped), the catalogue's `t`, the CSRF token and the
caller's navigation in every template."""

from __future__ import annotations

from pathlib import Path

from fastapi import Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates

from api.web.deps import Page
from api.web.i18n import DEFAULT, translate

TEMPLATES = Jinja2Templates(directory=Path(__file__).with_name("templates"))

# The menu of each role: (message key, path; {org} is the caller's organisation id). Each page module adds its
# entries by defining NAV = {role: [(key, path), ...]} (collected at install, in the order of WEB_ROUTERS).
NAV: dict[str, list[tuple[str, str]]] = {role: [("nav.home", "/app/")]
                                         for role in ("roosteraar", "planner", "hto", "coordinator", "admin")}


def nav_for(caller) -> list[tuple[str, str]]:
    return [(key, href.format(org=caller.org_id or "")) for key, href in NAV.get(caller.role, [])]


def page_context(request: Request, page: Page | None, lang: str | None = None) -> dict:
    lang = page.lang if page is not None else (lang or DEFAULT)
    caller = page.caller if page is not None else None
    return {"request": request, "lang": lang, "page": page, "caller": caller,
            "t": lambda key, **values: translate(lang, key, **values),
            "csrf_token": page.login.csrf if page is not None else "",
            "nav": nav_for(caller) if caller is not None else [],
            "path": request.url.path}


def render(request: Request, page: Page | None, template: str, *, status_code: int = 200,
           lang: str | None = None, headers: dict | None = None, **context) -> HTMLResponse:
    return TEMPLATES.TemplateResponse(request, template, page_context(request, page, lang) | context,
                                      status_code=status_code, headers=headers)
