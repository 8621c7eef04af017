"""Full-text search over the cases of every module, persons, letters and replies.

`search(user, text, filters, page)` is the one entry point; the index is kept in step with the
records by `casework.search.indexing`, and each module says what it indexes in its `search.py`.
"""
from __future__ import annotations

from casework.search import indexing  # noqa: F401  (keeps the index in step from the first flush)
from casework.search.query import SearchFilters, SearchResults, search
from casework.search.text import fold_text

__all__ = ["SearchFilters", "SearchResults", "fold_text", "search"]
