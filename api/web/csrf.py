"""Cross-site request forgery: every state-changing request of the pages carries the login's CSRF token (a
hidden form field, or the X-CSRF-Token header htmx sends for every request), and must come from this site's
own origin. Either check failing refuses the request before anything is changed."""

from __future__ import annotations

import hmac
from urllib.parse import urlsplit

from fastapi import Request

HEADER = "x-csrf-token"
FIELD = "csrf"
SAFE_METHODS = {"GET", "HEAD", "OPTIONS"}


def same_origin(request: Request) -> bool:
    """The Origin (or, without it, the Referer) names this host. A browser sends Origin with every POST; a
    request with neither is refused too."""
    given = request.headers.get("origin") or request.headers.get("referer")
    if not given or given == "null":
        return False
    parts = urlsplit(given)
    return f"{parts.scheme}://{parts.netloc}" == f"{request.url.scheme}://{request.url.netloc}"


async def sent_token(request: Request) -> str | None:
    """The token in the header, or in the form (a urlencoded or multipart body; starlette caches the parse, so
    the route reads the same form)."""
    token = request.headers.get(HEADER)
    if token:
        return token
    if "form" in request.headers.get("content-type", ""):
        form = await request.form()
        value = form.get(FIELD)
        return value if isinstance(value, str) else None
    return None


def token_matches(expected: str, given: str | None) -> bool:
    return given is not None and hmac.compare_digest(expected.encode(), given.encode())
