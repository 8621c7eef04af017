"""Paginated, sortable listings with a plain COUNT (not a count wrapped around the sorted query)."""
from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from flask import current_app, request
from sqlalchemy import ColumnElement, Select, func, select

from casework.extensions import db


@dataclass
class Page:
    items: list[Any]
    page: int
    per_page: int
    total: int
    sort: str
    direction: str

    @property
    def pages(self) -> int:
        return max(1, math.ceil(self.total / self.per_page))

    @property
    def has_prev(self) -> bool:
        return self.page > 1

    @property
    def has_next(self) -> bool:
        return self.page < self.pages


def paginate(
    stmt: Select,
    sorts: dict[str, ColumnElement[Any] | tuple[ColumnElement[Any], ...]],
    default_sort: str,
    default_direction: str = "asc",
    scalars: bool = True,
    key: ColumnElement[Any] | None = None,
    keys: Select | None = None,
) -> Page:
    """Apply ?sort=, ?dir= and ?page= from the request; unknown sort keys fall back to the default.

    With `key` (the listed entity's primary key, `scalars` only) rows with equal sort values keep
    a stable order from page to page, and the page is found by key first and loaded after, so a
    deep page of a large list does not load every row it skips. `keys`, a SELECT of the key alone
    with the same conditions over fewer tables, is then what is counted and paged.
    """
    sort = request.args.get("sort", default_sort)
    if sort not in sorts:
        sort = default_sort
    direction = request.args.get("dir", default_direction)
    direction = direction if direction in ("asc", "desc") else default_direction
    per_page = current_app.config["PAGE_SIZE"]
    if key is not None and keys is None:
        keys = stmt.with_only_columns(key, maintain_column_froms=True)
    counted = keys if keys is not None else stmt
    total = db.session.scalar(select(func.count()).select_from(counted.order_by(None).subquery())) or 0
    pages = max(1, math.ceil(total / per_page))
    page = min(max(request.args.get("page", 1, type=int) or 1, 1), pages)
    columns = sorts[sort] if isinstance(sorts[sort], tuple) else (sorts[sort],)
    if key is not None:
        columns = (*columns, key)
    order = [column.desc() if direction == "desc" else column.asc() for column in columns]
    offset = (page - 1) * per_page
    if key is not None:
        ids = db.session.scalars(keys.order_by(*order).limit(per_page).offset(offset)).all()
        loaded = {getattr(item, key.key): item for item in db.session.scalars(stmt.where(key.in_(ids)))}
        return Page([loaded[i] for i in ids], page, per_page, total, sort, direction)
    result = db.session.execute(stmt.order_by(*order).limit(per_page).offset(offset))
    items = list(result.scalars() if scalars else result.all())
    return Page(items, page, per_page, total, sort, direction)
