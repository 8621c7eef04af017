"""What the lists' queries share: the query string as lists read it, and narrowing by it."""
from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from flask import Request
from sqlalchemy import ColumnElement, Select
from werkzeug.datastructures import ImmutableMultiDict, iter_multi_items
from werkzeug.utils import cached_property

from casework.core.inputs import bounded_int, without_control_characters


class QueryArgs(ImmutableMultiDict):
    """A query string (or the filters an export was given) as the lists read it: values without
    control characters, and `type=int` an integer a database column can hold. What cannot be
    stored or compared is ignored like any other value that is not a choice or not a number, so
    a hand-made address narrows nothing instead of failing (PostgreSQL refuses NUL, and every
    database an integer beyond 64 bits)."""

    def get(self, key: str, default: Any = None, type: Callable[[str], Any] | None = None) -> Any:  # noqa: A002
        if key not in self:  # Werkzeug would raise and catch a KeyError: 200 a page on a State filter
            return default
        return super().get(key, default, bounded_int if type is int else type)

    def getlist(self, key: str, type: Callable[[str], Any] | None = None) -> list[Any]:  # noqa: A002
        return super().getlist(key, bounded_int if type is int else type)


def query_args(args: Mapping[str, Any]) -> QueryArgs:
    """`args` (a query string, a posted form of filters, an export's stored filters) as QueryArgs."""
    if isinstance(args, QueryArgs):
        return args
    return QueryArgs((key, without_control_characters(value) if isinstance(value, str) else value)
                     for key, value in iter_multi_items(args))


class CaseworkRequest(Request):
    """The app's request: its query string is read as QueryArgs, by every page and list."""

    @cached_property
    def args(self) -> QueryArgs:  # type: ignore[override]
        return query_args(super().args)


def where_given(stmt: Select, *filters: tuple[ColumnElement[Any], Any]) -> Select:
    """Narrow `stmt` to `column == value` for each filter whose value was given (a list's
    form left on "Any" gives an empty value, and narrows nothing)."""
    return stmt.where(*(column == value for column, value in filters if value))
