"""Logging in (OAuth2 password flow: a short-lived bearer token), who am I, and API keys for batch clients."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from typing import Annotated

from fastapi import APIRouter, Form, HTTPException, Request, status
from sqlalchemy import select

from api.deps import CallerDep, SessionDep, SettingsDep, committed, not_found
from api.schemas import ApiKeyIn, ApiKeyOut, LoginForm, MeOut, OrgOut, TokenOut
from api.security import make_token, new_api_key, digest
from api.services.login import TooManyLogins, WrongLogin, check_login
from api.store.models import ApiKey, User

router = APIRouter(prefix="/auth", tags=["login"])


LOGIN_EXAMPLE = {"requestBody": {"content": {"application/x-www-form-urlencoded": {
    "example": {"username": "roosteraar", "password": "hybrooster-demo"}}}}}


@router.post("/token", response_model=TokenOut, responses={401: {"description": "Wrong user name or password."},
                                                           429: {"description": "Too many failed logins."}},
             openapi_extra=LOGIN_EXAMPLE)
def login(request: Request, form: Annotated[LoginForm, Form()], session: SessionDep,
          settings: SettingsDep) -> TokenOut:
    """Log in with user name and password; the answer is a bearer token valid for `token_minutes`."""
    client = request.client.host if request.client else "?"
    try:
        user = check_login(session, limiter=request.app.state.login_limiter, username=form.username,
                           password=form.password, client=client)
    except TooManyLogins as error:
        raise HTTPException(status.HTTP_429_TOO_MANY_REQUESTS, str(error),
                            headers={"Retry-After": str(error.wait)}) from None
    except WrongLogin:
        raise HTTPException(status.HTTP_401_UNAUTHORIZED, "wrong user name or password",
                            headers={"WWW-Authenticate": "Bearer"}) from None
    token, expires = make_token(user.id, secret=request.app.state.secret_key, minutes=settings.token_minutes)
    return TokenOut(access_token=token, expires_at=expires)


@router.get("/me", response_model=MeOut)
def me(caller: CallerDep) -> MeOut:
    """Who you are logged in as, your role and your organisation."""
    org = caller.org
    return MeOut(id=caller.user.id, username=caller.user.username, name=caller.user.name, role=caller.role,
                 staff=caller.user.staff_code,
                 organisation=OrgOut(id=org.id, kind=org.kind, code=org.code, name=org.name, region_id=org.region_id)
                 if org is not None else None)


def _key_out(row: ApiKey, key: str | None = None) -> ApiKeyOut:
    return ApiKeyOut(id=row.id, name=row.name, prefix=row.prefix, created_at=row.created_at,
                     expires_at=row.expires_at, revoked_at=row.revoked_at, key=key)


@router.post("/api-keys", response_model=ApiKeyOut, status_code=201)
def create_api_key(body: ApiKeyIn, caller: CallerDep, session: SessionDep) -> ApiKeyOut:
    """Make an API key that acts as you (for a batch client). The key is in this answer only: keep it."""
    key, prefix = new_api_key()
    expires = datetime.now(timezone.utc) + timedelta(days=body.days) if body.days else None
    row = ApiKey(user_id=caller.user.id, name=body.name, prefix=prefix, key_hash=digest(key), expires_at=expires)
    session.add(row)
    return _key_out(committed(session, row), key)


@router.get("/api-keys", response_model=list[ApiKeyOut])
def list_api_keys(caller: CallerDep, session: SessionDep) -> list[ApiKeyOut]:
    """Your API keys (never the keys themselves)."""
    rows = session.scalars(select(ApiKey).where(ApiKey.user_id == caller.user.id).order_by(ApiKey.created_at))
    return [_key_out(row) for row in rows]


@router.delete("/api-keys/{key_id}", response_model=ApiKeyOut)
def revoke_api_key(key_id: str, caller: CallerDep, session: SessionDep) -> ApiKeyOut:
    """Revoke one of your API keys; it stops working at once. Revoking twice keeps the first time."""
    row = session.get(ApiKey, key_id)
    if row is None or row.user_id != caller.user.id:
        raise not_found("API key")
    row.revoked_at = row.revoked_at or datetime.now(timezone.utc)
    return _key_out(committed(session, row))
