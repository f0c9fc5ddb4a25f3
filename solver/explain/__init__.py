"""Explanations: why a plan has no timetable (conflicts, search, text) and why a lesson sits where it does (why)."""

from solver.explain.claims import Claim
from solver.explain.conflicts import (
    Explanation, ExplanationItem, Relaxed, build_explain_model, explain, guard_keys, relax,
)

__all__ = ["Claim", "Explanation", "ExplanationItem", "Relaxed", "build_explain_model", "explain", "guard_keys", "relax"]
