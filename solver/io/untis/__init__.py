"""Untis GPU files in and out (issue 22, docs/untis.md); the field positions are in layouts.py."""

from solver.io.untis.read import Dialect, UntisError, read_untis
from solver.io.untis.write import write_untis

__all__ = ["Dialect", "UntisError", "read_untis", "write_untis"]
