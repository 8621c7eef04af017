"""Key figures: what the Office reports for a year or any period, gathered from every module.

Each domain module may have a `figures.py` with `key_figures(user, period) -> Section | None`
(declared as `figures` in its `module.py`); this package gives them the period, the shapes of a
section and the charts, and shows and prints the whole.
"""
