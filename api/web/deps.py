"""What every page declares: the logged-in user from the session cookie (the same Caller the API routes use,
so the same visibility rules apply) and, for each request that changes something, the CSRF check."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, Request

from api.deps import Caller, SessionDep
from api.store.models import Organisation, WebSession
from api.web import csrf, sessions
from api.web.i18n import language, translate


class LoginNeeded(Exception):
    """No live login: the page sends the browser to the login form (and back afterwards)."""


class CsrfRefused(Exception):
    """A state-changing request without the login's CSRF token, or from another origin: nothing is changed."""


@dataclass
class Page:
    """The caller of a page, their login and their language."""

    caller: Caller
    login: WebSession
    lang: str

    def t(self, key: str, **values) -> str:
        return translate(self.lang, key, **values)


def get_page(request: Request, session: SessionDep) -> Page:
    found = sessions.find(session, request.cookies.get(sessions.COOKIE))
    if found is None:
        raise LoginNeeded()
    login, user = found
    org = session.get(Organisation, user.org_id) if user.org_id else None
    return Page(caller=Caller(user=user, org=org), login=login, lang=language(request))


PageDep = Annotated[Page, Depends(get_page)]


async def checked_page(request: Request, page: PageDep) -> Page:
    """The page's caller, once the request proved it comes from our own page (token and origin)."""
    if request.method not in csrf.SAFE_METHODS and not (
            csrf.same_origin(request) and csrf.token_matches(page.login.csrf, await csrf.sent_token(request))):
        raise CsrfRefused()
    return page


# For every POST/PUT/PATCH/DELETE of the pages: the check runs before the route touches anything.
FormPageDep = Annotated[Page, Depends(checked_page)]
