"""Pages of a list in the API: newest first, by id, with a cursor for the next page."""
from __future__ import annotations

from typing import Any, Protocol

from sqlalchemy import Select, func, select

from casework.extensions import db


class Paged(Protocol):
    cursor: int | None
    limit: int


def cursor_page(ids: Select, model: Any, query: Paged) -> tuple[list[Any], int, int | None]:
    """The records of one page of `ids` (a query of `model.id`), how many there are in all, and
    the cursor of the next page (None on the last one)."""
    total = db.session.scalar(select(func.count()).select_from(ids.subquery())) or 0
    if query.cursor:
        ids = ids.where(model.id < query.cursor)
    found = db.session.scalars(ids.order_by(model.id.desc()).limit(query.limit + 1)).all()
    page = found[:query.limit]
    loaded = {record.id: record for record in db.session.scalars(select(model).where(model.id.in_(page)))}
    return [loaded[i] for i in page], total, page[-1] if len(found) > query.limit else None
