"""What the machine gives this process: the one place that asks the OS."""

from __future__ import annotations

import os


def usable_cores() -> int | None:
    """Cores this process may run on: its CPU affinity where the OS has one (a container or
    `taskset` limits it below the machine's count), else the machine's count; None when unknown."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count()
