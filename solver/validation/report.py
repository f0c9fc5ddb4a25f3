"""What the validator answers: violations (hard or soft) and the recomputed objective."""

from __future__ import annotations

from collections import Counter
from dataclasses import asdict, dataclass, field


@dataclass
class Violation:
    """One broken hard rule, or one source of soft cost, in plain words (en and nl)."""

    rule: str
    kind: str  # "hard" | "soft" | "warning" (ValidationReport.warnings only)
    entities: dict[str, str | int | list]
    message_en: str
    message_nl: str
    amount: int = 1

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass
class ValidationReport:
    """Hard violations counted, soft cost recomputed (equal to the solver's objective on a solve)."""

    hard_violations: int = 0
    soft_cost: int = 0
    breakdown: dict[str, int] = field(default_factory=dict)
    violations: list[Violation] = field(default_factory=list)
    # Atw breaches on the fixed rosters of staff who are no hto'er: shown, never counted (not hard)
    warnings: list[Violation] = field(default_factory=list)
    # history rule -> staff ids of the people under the law whose Staff.history does not cover it
    not_checked: dict[str, list[str]] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return self.hard_violations == 0

    def hard_by_rule(self) -> dict[str, int]:
        """Number of hard violations per rule name (rules without any are left out)."""
        return dict(Counter(v.rule for v in self.violations if v.kind == "hard"))

    def hard(self, rule: str | None = None) -> list[Violation]:
        """The hard violations, optionally of one rule only."""
        return [v for v in self.violations if v.kind == "hard" and (rule is None or v.rule == rule)]

    def to_dict(self) -> dict:
        return {
            "ok": self.ok,
            "hard_violations": self.hard_violations,
            "soft_cost": self.soft_cost,
            "breakdown": dict(self.breakdown),
            "hard_by_rule": self.hard_by_rule(),
            "violations": [v.to_dict() for v in self.violations],
            "warnings": [v.to_dict() for v in self.warnings],
            "not_checked": {rule: list(ids) for rule, ids in self.not_checked.items()},
        }
