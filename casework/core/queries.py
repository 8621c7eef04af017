"""What the lists' queries share."""
from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, Select


def where_given(stmt: Select, *filters: tuple[ColumnElement[Any], Any]) -> Select:
    """Narrow `stmt` to `column == value` for each filter whose value was given (a list's
    form left on "Any" gives an empty value, and narrows nothing)."""
    return stmt.where(*(column == value for column, value in filters if value))
