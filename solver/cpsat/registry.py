"""The rule registry: each rule's model function under its name from solver/rules.py.

`@rule("name")` registers a function rule(m, data, v, opts) -> list[Penalty]; extra-constraint
rules (Plan.constraints) take the ExtraData too: rule(m, data, v, opts, extra). The order in which
the builder adds them is BUILD_ORDER in solver/cpsat/builder.py.
"""

from __future__ import annotations

from collections.abc import Callable

from solver.rules import RULES

MODEL_RULES: dict[str, Callable] = {}

# Rules the model enforces by construction: compile leaves out every option they forbid (domain
# filtering, solver/compile/), so no function adds them. The hto'er is released from exactly the part
# of a shift their lessons and travel cover, which is hto_no_lesson_during_work.
ENFORCED_IN_COMPILE = frozenset((
    "teacher_unavailable", "group_unavailable", "room_unavailable", "room_fits", "lesson_locked",
    "block_consecutive", "teacher_qualified", "sme_unavailable_mark", "hto_no_lesson_during_work",
))


def rule(name: str) -> Callable[[Callable], Callable]:
    """Register the decorated function as the model of rule `name` (a name of solver/rules.py)."""
    if name not in RULES:
        raise KeyError(f"{name!r} is not a rule of solver/rules.py")

    def register(function: Callable) -> Callable:
        if name in MODEL_RULES:
            raise KeyError(f"rule {name!r} is registered twice")
        MODEL_RULES[name] = function
        return function
    return register

