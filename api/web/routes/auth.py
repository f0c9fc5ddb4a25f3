"""The login form, logging out (the session ends on the server) and the language switch."""

from __future__ import annotations

import secrets
from typing import Annotated
from urllib.parse import quote

from fastapi import APIRouter, Form, Request
from fastapi.responses import RedirectResponse, Response

from api.deps import SessionDep, SettingsDep, committed
from api.services.login import TooManyLogins, WrongLogin, check_login
from api.web import csrf, sessions
from api.web.deps import CsrfRefused, FormPageDep
from api.web.i18n import COOKIE as LANG_COOKIE, LANGUAGES, language, translate
from api.web.render import render

router = APIRouter(prefix="/app", include_in_schema=False)

# Before a login there is no session to hold the CSRF token: the form's token is also set as a cookie, and the
# two must match (double submit), on top of the origin check.
LOGIN_CSRF = "hyb_login_csrf"


def secure(request: Request, settings) -> bool:
    """Cookies get Secure behind HTTPS (the request's scheme, or the public address the service is reached at)."""
    return request.url.scheme == "https" or settings.public_url.startswith("https://")


def safe_next(target: str | None) -> str:
    """Only a path of our own pages: never another site (an open redirect)."""
    return target if target and target.startswith("/app/") and not target.startswith("//") else "/app/"


def _login_form(request: Request, settings, *, status_code: int = 200, message: str | None = None,
                username: str = "", next_path: str = "/app/", **values) -> Response:
    token, lang = secrets.token_urlsafe(32), language(request)
    answer = render(request, None, "login.html", status_code=status_code, lang=lang, login_csrf=token,
                    message=translate(lang, message, **values) if message else None, username=username,
                    next_path=safe_next(next_path))
    answer.set_cookie(LOGIN_CSRF, token, httponly=True, samesite="strict", secure=secure(request, settings),
                      path="/app/login")
    return answer


@router.get("/login")
def login_page(request: Request, settings: SettingsDep, next: str = "/app/", why: str | None = None,
               lang: str | None = None) -> Response:
    """The login form; `lang` switches its language (and that of the pages after it) before logging in."""
    message = {"out": "login.logged_out", "expired": "login.expired"}.get(why or "")
    if lang in LANGUAGES:
        request.cookies[LANG_COOKIE] = lang  # this answer already in the chosen language
    answer = _login_form(request, settings, message=message, next_path=next)
    if lang in LANGUAGES:
        answer.set_cookie(LANG_COOKIE, lang, httponly=True, samesite="lax", secure=secure(request, settings),
                          max_age=365 * 24 * 3600, path="/")
    return answer


@router.post("/login")
def login(request: Request, session: SessionDep, settings: SettingsDep,
          username: Annotated[str, Form(max_length=100)], password: Annotated[str, Form(max_length=200)],
          csrf_field: Annotated[str, Form(alias=csrf.FIELD, max_length=100)] = "",
          next: Annotated[str, Form(max_length=500)] = "/app/") -> Response:
    if not (csrf.same_origin(request) and csrf.token_matches(request.cookies.get(LOGIN_CSRF, ""), csrf_field)):
        raise CsrfRefused()
    client = request.client.host if request.client else "?"
    try:
        user = check_login(session, limiter=request.app.state.login_limiter, username=username, password=password,
                           client=client)
    except TooManyLogins as error:
        return _login_form(request, settings, status_code=429, message="login.too_many", seconds=error.wait,
                           username=username, next_path=next)
    except WrongLogin:
        return _login_form(request, settings, status_code=401, message="login.failed", username=username,
                           next_path=next)
    secret, _ = committed(session, sessions.start(session, user=user, hours=settings.session_hours))
    answer = RedirectResponse(safe_next(next), status_code=303)
    answer.set_cookie(sessions.COOKIE, secret, httponly=True, samesite="lax", secure=secure(request, settings),
                      max_age=settings.session_hours * 3600, path="/")
    answer.delete_cookie(LOGIN_CSRF, path="/app/login")
    return answer


@router.post("/logout")
def logout(request: Request, page: FormPageDep, session: SessionDep) -> Response:
    committed(session, sessions.end(session, request.cookies.get(sessions.COOKIE)))
    answer = RedirectResponse("/app/login?why=out", status_code=303)
    answer.delete_cookie(sessions.COOKIE, path="/")
    return answer


@router.post("/language")
def switch_language(request: Request, page: FormPageDep, settings: SettingsDep,
                    lang: Annotated[str, Form(max_length=5)], back: Annotated[str, Form(max_length=500)] = "/app/",
                    ) -> Response:
    answer = RedirectResponse(safe_next(back), status_code=303)
    if lang in LANGUAGES:
        answer.set_cookie(LANG_COOKIE, lang, httponly=True, samesite="lax", secure=secure(request, settings),
                          max_age=365 * 24 * 3600, path="/")
    return answer


def login_redirect(request: Request) -> Response:
    """Where a page without a live login sends the browser: the login form, then back here. An htmx request
    gets the same address in HX-Redirect (a fragment answer would land inside the page)."""
    target = f"/app/login?why=expired&next={quote(request.url.path)}"
    if request.headers.get("hx-request"):
        return Response(status_code=401, headers={"HX-Redirect": target})
    return RedirectResponse(target, status_code=303)
