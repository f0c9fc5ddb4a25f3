"""Passwords (argon2 via pwdlib), bearer tokens (PyJWT, HS256, short-lived) and the secrets of API keys and
calendar links (random, kept only as a SHA-256 hash: they are long and random, so a slow hash adds nothing)."""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime, timedelta, timezone

import jwt
from pwdlib import PasswordHash

_passwords = PasswordHash.recommended()
ALGORITHM = "HS256"
API_KEY_PREFIX = "hyb_"
# A fixed hash to verify against when the user name is unknown, so that a wrong name takes as long as a
# wrong password (no user-name probing by timing).
_DUMMY_HASH = _passwords.hash("not a password of anyone")


def hash_password(password: str) -> str:
    return _passwords.hash(password)


def verify_password(password: str, password_hash: str | None) -> bool:
    if password_hash is None:
        _passwords.verify(password, _DUMMY_HASH)
        return False
    try:
        return _passwords.verify(password, password_hash)
    except Exception:  # a damaged hash in the store is a failed login, not a 500
        return False


def make_token(user_id: str, *, secret: str, minutes: int) -> tuple[str, datetime]:
    expires = datetime.now(timezone.utc) + timedelta(minutes=minutes)
    token = jwt.encode({"sub": user_id, "exp": expires, "typ": "access"}, secret, algorithm=ALGORITHM)
    return token, expires


def read_token(token: str, *, secret: str) -> str | None:
    """The user id in a valid, unexpired token; None for anything else."""
    try:
        claims = jwt.decode(token, secret, algorithms=[ALGORITHM], options={"require": ["exp", "sub"]})
    except jwt.PyJWTError:
        return None
    return claims.get("sub") if claims.get("typ") == "access" else None


def digest(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


def new_api_key() -> tuple[str, str]:
    """(the key to hand out once, its lookup prefix)."""
    prefix = secrets.token_hex(4)
    return f"{API_KEY_PREFIX}{prefix}_{secrets.token_urlsafe(32)}", prefix


def api_key_prefix(key: str) -> str | None:
    if not key.startswith(API_KEY_PREFIX):
        return None
    parts = key[len(API_KEY_PREFIX):].split("_", 1)
    return parts[0] if len(parts) == 2 and len(parts[0]) == 8 else None


def new_link_secret() -> str:
    return secrets.token_urlsafe(32)
