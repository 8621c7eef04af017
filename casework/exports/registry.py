"""The exportable lists: each declared once, with the query builder its page uses and its columns."""
from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import ColumnElement, Select

from casework.core.i18n import Label

QueryBuilder = Callable[[Any, Mapping[str, str]], Select]


@dataclass(frozen=True)
class Column:
    """One column of an export: its header (declared with `lazy_gettext`, written in the language
    of the user who asked for the export) and how to read the value from a row's record."""

    header: Label
    value: Callable[[Any], Any]
    width: int | None = None  # in characters; None: from the header, at least 12


@dataclass(frozen=True)
class ExportableList:
    """A list the user can export: the query builder is the one its page calls, so they cannot drift."""

    name: str
    title: Label  # the sheet's name and the exports pages' name for the list, in the reader's language
    endpoint: str  # the list page, for the way back
    query: QueryBuilder  # (user, filter arguments) → SELECT of the records the user may see
    key: ColumnElement[Any]  # the records' primary key: counted, ordered last, loaded in chunks
    columns: tuple[Column, ...]
    sorts: Mapping[str, ColumnElement[Any] | tuple[ColumnElement[Any], ...]] = field(default_factory=dict)
    default_sort: str | None = None
    default_direction: str = "asc"
    endpoint_args: Mapping[str, str] = field(default_factory=dict)  # e.g. which working group's list
    audit_each_row: bool = False  # strictly confidential lists: every record exported is a download in its trail


_LISTS: dict[str, ExportableList] = {}


def register(exportable: ExportableList) -> ExportableList:
    """Declare a list exportable (idempotent, so a module imported twice does no harm)."""
    _LISTS[exportable.name] = exportable
    return exportable


def get_list(name: str) -> ExportableList | None:
    return _LISTS.get(name)


def all_lists() -> list[ExportableList]:
    return sorted(_LISTS.values(), key=lambda exportable: exportable.name)


def order_for(exportable: ExportableList, args: Mapping[str, str]) -> list[ColumnElement[Any]]:
    """The page's order (?sort=, ?dir=, same fallbacks as the pager), the key last for a stable order."""
    columns: tuple = ()
    if exportable.sorts:
        sort = args.get("sort") or exportable.default_sort
        if sort not in exportable.sorts:
            sort = exportable.default_sort
        chosen = exportable.sorts[sort]
        columns = chosen if isinstance(chosen, tuple) else (chosen,)
    direction = args.get("dir") or exportable.default_direction
    direction = direction if direction in ("asc", "desc") else exportable.default_direction
    return [c.desc() if direction == "desc" else c.asc() for c in (*columns, exportable.key)]
