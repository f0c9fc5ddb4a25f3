"""Re-planning: the fewest changes after a change (minimal) and the change files behind it (whatif)."""

from solver.replan.minimal import (
    Diff, Move, ReplanOutcome, change_weights, changes_only, diff, hint_from, lexicographic_weights, replan,
    with_current,
)

__all__ = ["Diff", "Move", "ReplanOutcome", "change_weights", "changes_only", "diff", "hint_from",
           "lexicographic_weights", "replan", "with_current"]
