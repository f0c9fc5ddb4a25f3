"""Logins of the web pages, kept on the server: the cookie holds a random secret, the store its SHA-256 hash,
the CSRF token and when it ends. Logging out ends it in the store, so a copied cookie stops working at once."""

from __future__ import annotations

import secrets
from datetime import datetime, timedelta, timezone

from sqlalchemy import update
from sqlalchemy.orm import Session

from api.security import digest
from api.store.models import User, WebSession

COOKIE = "hyb_session"


def start(session: Session, *, user: User, hours: int) -> tuple[str, WebSession]:
    """A new login: (the cookie's secret, to hand out once; its row)."""
    secret = secrets.token_urlsafe(32)
    row = WebSession(id=digest(secret), user_id=user.id, csrf=secrets.token_urlsafe(32),
                     expires_at=datetime.now(timezone.utc) + timedelta(hours=hours))
    session.add(row)
    return secret, row


def find(session: Session, secret: str | None) -> tuple[WebSession, User] | None:
    """The live login and its user for the cookie's secret; None when unknown, ended, expired or disabled."""
    if not secret or len(secret) > 200:
        return None
    row = session.get(WebSession, digest(secret))
    # the store's UtcDateTime reads expires_at back aware, SQLite too
    if row is None or row.ended_at is not None or row.expires_at <= datetime.now(timezone.utc):
        return None
    user = session.get(User, row.user_id)
    return (row, user) if user is not None and not user.disabled else None


def end(session: Session, secret: str | None) -> None:
    if secret:
        session.execute(update(WebSession).where(WebSession.id == digest(secret), WebSession.ended_at.is_(None))
                        .values(ended_at=datetime.now(timezone.utc)))
