"""A constructive first pass before CP-SAT (issue 27): a greedy over the compiled problem whose timetable
counts only once the independent validator certifies it. Imports no OR-Tools, numpy or pandas."""

from solver.constructive.certified import Certified, first_certified
from solver.constructive.run import construct

__all__ = ["Certified", "construct", "first_certified"]
