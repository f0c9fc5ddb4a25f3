"""What a solve returns: plain dataclasses, no pydantic, so the solve loop stays free of I/O."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Progress:
    """One improving solution during a solve (reported to on_progress)."""

    elapsed: float
    objective: int
    bound: int
    gap: float


@dataclass(frozen=True)
class Solution:
    """A timetable as the model's decisions: per copy its option index (None: not placed) and room
    pool, per shift instance whether it is worked, and the model's own cost per soft rule."""

    options: tuple[int | None, ...]
    shifts: tuple[bool, ...]
    pools: tuple[int | None, ...]
    costs: dict[str, int]


@dataclass(frozen=True)
class Decisions:
    """The model's decisions alone (no pools, no costs): per copy its option index (None: not placed),
    per shift instance whether it is worked. What the repair search moves between its steps."""

    options: tuple[int | None, ...]
    shifts: tuple[bool, ...]


@dataclass(frozen=True)
class Hint:
    """A CP-SAT hint: option index per copy, worked or not per shift instance (either may leave some out)."""

    options: dict[int, int]
    shifts: dict[int, bool]

    @classmethod
    def of(cls, solution: Solution) -> Hint:
        """Every decision of a timetable."""
        return cls(options=dict(enumerate(solution.options)), shifts=dict(enumerate(solution.shifts)))


@dataclass
class Result:
    """The outcome of solve(): status is OPTIMAL, FEASIBLE, INFEASIBLE, UNKNOWN or MODEL_INVALID."""

    status: str
    objective: int | None = None
    bound: int | None = None
    gap: float | None = None
    build_seconds: float = 0.0
    solve_seconds: float = 0.0
    first_solution_seconds: float | None = None
    solution: Solution | None = None
    progress: list[Progress] = field(default_factory=list)
    message: str = ""
    hint_status: str = ""  # what CP-SAT did with a hint (see solver.cpsat.solve._hint_status)

    @property
    def found(self) -> bool:
        return self.status in ("OPTIMAL", "FEASIBLE")


def relative_gap(objective: int, bound: int) -> float:
    """|objective - bound| / max(1, |objective|): 0.0 means proven optimal."""
    return abs(objective - bound) / max(1, abs(objective))
