"""Regions of the hto matching run (issue 23): the data model, the generator, the shipped tables."""
