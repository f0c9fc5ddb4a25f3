"""Helpers of the independent validator (`solver.validate`), one module per group of rules."""
