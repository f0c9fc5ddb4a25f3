"""Putting the pages into the app: their routers, the security headers of every answer, and what a page shows
when the login is gone, a CSRF check fails, or a resource is not there (a page, not JSON)."""

from __future__ import annotations

import importlib

from fastapi import FastAPI, Request
from fastapi.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api.web.deps import CsrfRefused, LoginNeeded
from api.web.i18n import language
from api.web.render import NAV, render
from api.web.routes import WEB_ROUTERS
from api.web.routes.auth import login_redirect
from api.web.routes.home import START

PAGES = "/app"

# Only the app's own files run or style a page: no inline script, no inline style, no other site.
CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
       "font-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'")
HEADERS = [(b"content-security-policy", CSP.encode()), (b"x-content-type-options", b"nosniff"),
           (b"referrer-policy", b"same-origin"), (b"x-frame-options", b"DENY")]
# Swagger UI's page (/docs) starts itself with an inline script: it keeps FastAPI's own page as it is.
WITHOUT_CSP = ("/docs",)


class SecurityHeaders:
    def __init__(self, app: ASGIApp):
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["path"].startswith(WITHOUT_CSP):
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = list(message.get("headers", [])) + HEADERS
            await send(message)

        await self.app(scope, receive, send_with_headers)


def is_page(request: Request) -> bool:
    return request.url.path == "/" or request.url.path.startswith(PAGES)


def page_error(request: Request, status_code: int, detail: str | None) -> Response:
    """An error on a page, as a page in the user's language (the API's JSON errors stay as they are)."""
    key = {404: "error.not_found", 403: "error.forbidden"}.get(status_code)
    return render(request, None, "error.html", status_code=status_code, lang=language(request),
                  message_key=key, detail=None if key else detail)


def install(app: FastAPI) -> None:
    app.state.page_error = page_error
    for name in WEB_ROUTERS:
        module = importlib.import_module(f"api.web.routes.{name}")
        app.include_router(module.router)
        for role, entries in getattr(module, "NAV", {}).items():
            NAV.setdefault(role, []).extend(entry for entry in entries if entry not in NAV[role])
        START.update(getattr(module, "START", {}))

    @app.exception_handler(LoginNeeded)
    async def _login(request: Request, _error: LoginNeeded) -> Response:
        return login_redirect(request)

    @app.exception_handler(CsrfRefused)
    async def _csrf(request: Request, _error: CsrfRefused) -> Response:
        return render(request, None, "error.html", status_code=403, lang=language(request), message_key="error.csrf")

    app.add_middleware(SecurityHeaders)
