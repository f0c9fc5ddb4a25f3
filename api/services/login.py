"""Checking a user name and password, for the API's token and the pages' login alike: the same rate limit,
the same slow hash, the same answer for an unknown name as for a wrong password."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from api.ratelimit import LoginLimiter
from api.security import verify_password
from api.store.models import User


class TooManyLogins(Exception):
    def __init__(self, wait: int):
        super().__init__(f"too many failed logins: try again in {wait} s")
        self.wait = wait


class WrongLogin(Exception):
    """Wrong user name or password (which of the two is not said)."""


def check_login(session: Session, *, limiter: LoginLimiter, username: str, password: str, client: str) -> User:
    wait = limiter.retry_after(username, client)
    if wait:
        raise TooManyLogins(wait)
    user = session.scalar(select(User).where(User.username == username))
    session.commit()  # hand the connection back before the (deliberately slow) password check
    if not verify_password(password, user.password_hash if user else None) or user.disabled:
        limiter.failed(username, client)
        raise WrongLogin()
    limiter.succeeded(username, client)
    return user
