"""XHSTT-2014 in and out: the model, the reader, the writer and an independent evaluator.

The format is that of the Third International Timetabling Competition (ITC 2011; Post, Kingston
et al.); see docs/xhstt.md for what is read and how each constraint is evaluated.
"""

from .model import Archive, Instance, Solution, SolutionEvent, SolutionResource, XhsttFormatError

__all__ = ["Archive", "Instance", "Solution", "SolutionEvent", "SolutionResource", "XhsttFormatError"]
