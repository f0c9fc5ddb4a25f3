"""Python's cycle collector paused while a plan is read or compiled.

The collector runs after every 700 new container objects and walks the objects still alive. A FET
import or a compile builds tens of thousands of objects in one go that all stay alive and form no
cycles, so every one of those runs is wasted: Hopwood (163 lessons) spent 1-2 ms of its 20 ms in
them (benchmarks/RESULTS.md). Nested pauses are fine; the collector comes back on when the outermost
one ends, and whatever became garbage meanwhile is collected then as usual.
"""

from __future__ import annotations

import functools
import gc
import threading
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")

PAUSE = True  # False: the collector runs as usual (for side-by-side timing)
_lock = threading.Lock()
_depth = 0  # pauses in progress (threads share the one collector)


def collector_paused(function: Callable[..., T]) -> Callable[..., T]:
    """Decorator: no cycle collection while `function` runs (unless it was off already)."""

    @functools.wraps(function)
    def paused(*args, **kwargs) -> T:
        global _depth
        with _lock:
            resume = PAUSE and (_depth > 0 or gc.isenabled())
            if resume:
                _depth += 1
                gc.disable()
        try:
            return function(*args, **kwargs)
        finally:
            if resume:
                with _lock:
                    _depth -= 1
                    if _depth == 0:
                        gc.enable()

    return paused
