"""Re-planning: the fewest changes after a change (minimal, with changes and fewest) and the change files
behind it (whatif)."""

from solver.replan.changes import (
    Diff, Move, change_weights, changes_only, diff, hint_from, lexicographic_weights, with_current,
)
from solver.replan.minimal import ReplanOutcome, replan

__all__ = ["Diff", "Move", "ReplanOutcome", "change_weights", "changes_only", "diff", "hint_from",
           "lexicographic_weights", "replan", "with_current"]
