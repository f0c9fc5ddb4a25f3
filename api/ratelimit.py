"""Failed logins per (user name, client address) in a sliding minute; in memory, per server process."""

from __future__ import annotations

import threading
import time
from collections import defaultdict, deque


class LoginLimiter:
    def __init__(self, per_minute: int):
        self.per_minute = per_minute
        self._failures: dict[tuple[str, str], deque[float]] = defaultdict(deque)
        self._lock = threading.Lock()

    def _recent(self, key: tuple[str, str], now: float) -> deque[float]:
        failures = self._failures[key]
        while failures and failures[0] <= now - 60:
            failures.popleft()
        return failures

    def retry_after(self, username: str, client: str) -> int:
        """Seconds to wait before the next try may be checked; 0: go ahead."""
        now = time.monotonic()
        with self._lock:
            failures = self._recent((username.lower(), client), now)
            if len(failures) < self.per_minute:
                return 0
            return max(1, int(failures[0] + 60 - now) + 1)

    def failed(self, username: str, client: str) -> None:
        with self._lock:
            self._failures[(username.lower(), client)].append(time.monotonic())

    def succeeded(self, username: str, client: str) -> None:
        with self._lock:
            self._failures.pop((username.lower(), client), None)
