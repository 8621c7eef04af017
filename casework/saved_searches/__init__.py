"""Saved searches: a list's filters kept under a name, shared within a unit, run as the reader."""
