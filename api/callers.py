"""Who is asking, remembered for a few seconds per user.

Every request with a bearer token needs its user and organisation. Read from the store each time, that was
two queries and a hop to a worker thread and back, about a fifth of the server's CPU under 50 clients
(py-spy, benchmarks/RESULTS.md). The token itself is checked on every request (signature, expiry); only the
user's row is remembered, as a frozen copy, for at most CALLER_SECONDS. So a user disabled in the store is
refused at the latest that many seconds later; the service itself never changes a user (the CLI adds them),
and the web pages' cookie logins do not pass through here.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from time import monotonic

CALLER_SECONDS = 10.0
MAX_REMEMBERED = 10_000  # users; past that the oldest half is forgotten


@dataclass(frozen=True)
class UserCopy:
    """The fields of a store User that a request reads (never written back)."""

    id: str
    username: str
    name: str
    role: str
    org_id: str | None
    staff_code: str | None
    disabled: bool

    @classmethod
    def of(cls, user) -> "UserCopy":
        return cls(id=user.id, username=user.username, name=user.name, role=user.role, org_id=user.org_id,
                   staff_code=user.staff_code, disabled=user.disabled)


@dataclass(frozen=True)
class OrgCopy:
    """The fields of a store Organisation that a request reads about its caller's own organisation."""

    id: str
    kind: str
    code: str
    name: str
    region_id: str | None

    @classmethod
    def of(cls, org) -> "OrgCopy":
        return cls(id=org.id, kind=org.kind, code=org.code, name=org.name, region_id=org.region_id)


class RecentCallers:
    """user id -> (user, organisation) copies, each for CALLER_SECONDS; safe across the request threads."""

    def __init__(self, seconds: float = CALLER_SECONDS):
        self.seconds = seconds
        self._items: dict[str, tuple[float, UserCopy, OrgCopy | None]] = {}
        self._lock = threading.Lock()

    def get(self, user_id: str) -> tuple[UserCopy, OrgCopy | None] | None:
        with self._lock:
            item = self._items.get(user_id)
        if item is None or item[0] < monotonic():
            return None
        return item[1], item[2]

    def put(self, user, org) -> tuple[UserCopy, OrgCopy | None]:
        copies = UserCopy.of(user), (OrgCopy.of(org) if org is not None else None)
        with self._lock:
            if len(self._items) >= MAX_REMEMBERED:
                for key in list(self._items)[: MAX_REMEMBERED // 2]:
                    del self._items[key]
            self._items[user.id] = (monotonic() + self.seconds, *copies)
        return copies
