"""Paginated, sortable listings whose cost does not grow with the table.

The count is a plain COUNT (not a count wrapped around the sorted query), bounded: past
`COUNT_BOUND` rows the list says "more than 1,000" instead of counting every row it will never
show. A page reached by "Next" carries the key of the last row it follows (`?after=`), so a deep
page is found by walking the sort index from that row (keyset) rather than skipping every row
before it; an address without it (or whose row has gone) is paged by OFFSET as before.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from flask import current_app, request
from sqlalchemy import ColumnElement, Select, func, literal, select, tuple_, union_all

from casework.core.list_keys import Unseen, list_keys, unseen_keys, walked_keys
from casework.extensions import db

# Counting reads each row counted: 10,000 rows were 20 ms of a 60 ms page on SQLite and 110 to
# 180 ms on PostgreSQL at a million cases (benchmarks/lists.py). Past a thousand a reader narrows
# the list rather than reads it, and a page costs the same whatever the list holds.
COUNT_BOUND = 1_000


@dataclass
class Page:
    items: list[Any]
    page: int
    per_page: int
    total: int
    sort: str
    direction: str
    more: bool = False  # more than `total` rows: the count stopped at its bound
    next_exists: bool = False  # with `more`: whether a row follows this page
    after: Any = None  # the key of this page's last row, carried by the "Next" link (keyset)

    @property
    def pages(self) -> int:
        """The number of pages; with `more`, at least the pages the bound covers and the next one."""
        counted = max(1, math.ceil(self.total / self.per_page))
        return max(counted, self.page + 1 if self.next_exists else self.page) if self.more else counted

    @property
    def has_prev(self) -> bool:
        return self.page > 1

    @property
    def has_next(self) -> bool:
        return self.next_exists if self.more else self.page < self.pages


def bounded_count(counted: Select) -> tuple[int, bool]:
    """The rows of `counted`, or the bound and True when there are more: a COUNT that reads at most
    bound + 1 rows (the app's COUNT_BOUND), so a list's count costs the same on a million rows as
    on ten thousand."""
    bound = current_app.config.get("COUNT_BOUND", COUNT_BOUND)
    limited = counted.order_by(None).limit(bound + 1).subquery()
    total = db.session.scalar(select(func.count()).select_from(limited)) or 0
    return (bound, True) if total > bound else (total, False)


def paginate(
    stmt: Select,
    sorts: dict[str, ColumnElement[Any] | tuple[ColumnElement[Any], ...]],
    default_sort: str,
    default_direction: str = "asc",
    scalars: bool = True,
    key: ColumnElement[Any] | None = None,
    keys: Select | None = None,
    counted: Select | int | None = None,
    unseen: Unseen | None = None,
    never_empty: bool = False,
) -> Page:
    """Apply ?sort=, ?dir=, ?page= and ?after= from the request; unknown sort keys fall back to the default.

    With `key` (the listed entity's primary key, `scalars` only) rows with equal sort values keep
    a stable order from page to page, and the page is found by key first and loaded after, so a
    deep page of a large list does not load every row it skips. `keys`, a SELECT of the key alone
    with the same conditions over fewer tables, is then what is counted and paged; without it,
    `list_keys` leaves out the tables that cannot change which rows are listed, and a list that
    holds more rows than the count's bound has its first page and its pages by "Next" walked on
    its kind's own index (`list_keys.walked_keys`). `counted`, the
    same rows selected as they are cheapest to count (from another index), is counted instead:
    the order that finds a page quickly is not always the one that counts quickly; or the count
    itself, where a tally kept in step with the rows knows it. `unseen`: for a deep page typed into
    the address (`Unseen`); without it, where the access rule marks such a list
    (`list_keys.unseen_keys`). `never_empty`: the query leaves out the
    rows whose sort columns are empty, so a column that may be empty elsewhere still lets "Next"
    start from the last row's key.
    """
    sort = request.args.get("sort", default_sort)
    if sort not in sorts:
        sort = default_sort
    direction = request.args.get("dir", default_direction)
    direction = direction if direction in ("asc", "desc") else default_direction
    per_page = current_app.config["PAGE_SIZE"]
    columns = sorts[sort] if isinstance(sorts[sort], tuple) else (sorts[sort],)
    walked_if_many = False
    if key is not None:
        columns = (*columns, key)
        if keys is None:
            walked_if_many = True
            keys, counted_keys = list_keys(stmt, key, columns)
            counted = counted_keys if counted is None else counted
        if unseen is None:
            unseen = unseen_keys(keys, key, columns)
    if counted is None:
        counted = keys if keys is not None else stmt
    total, more = (counted, False) if isinstance(counted, int) else bounded_count(counted)
    wanted = max(request.args.get("page", 1, type=int) or 1, 1)
    page = wanted if more else min(wanted, max(1, math.ceil(total / per_page)))
    order = [column.desc() if direction == "desc" else column.asc() for column in columns]
    offset = (page - 1) * per_page
    if key is None:
        result = db.session.execute(stmt.order_by(*order).limit(per_page + 1).offset(offset))
        items = list(result.scalars() if scalars else result.all())
        return Page(items[:per_page], page, per_page, total, sort, direction, more, len(items) > per_page)
    assert keys is not None
    comparable = never_empty or not any(getattr(column, "nullable", True) for column in columns[:-1])
    walked = walked_keys(keys, key, columns) if walked_if_many and more else None
    ids = _page_of_keys(keys, columns, order, direction, key, page, per_page, unseen, comparable, walked)
    loaded = {getattr(item, key.key): item for item in db.session.scalars(stmt.where(key.in_(ids[:per_page])))}
    # The query decides what is shown: a key it does not list (`keys` given wider than it) is left out.
    return Page([loaded[i] for i in ids[:per_page] if i in loaded], page, per_page, total, sort, direction, more,
                len(ids) > per_page, ids[per_page - 1] if len(ids) > per_page else None)


def _page_of_keys(keys: Select, columns: tuple[ColumnElement[Any], ...], order: list, direction: str,
                  key: ColumnElement[Any], page: int, per_page: int,
                  unseen: Unseen | None, comparable: bool, walked: Select | None = None) -> list[Any]:
    """The keys of the page and of the first row after it: from the row `?after=` names when it is
    still in the list and the rows after it are those that compare past it (its sort columns are
    never empty, or the empty ones come first: `_empty_lead`), else by OFFSET. `walked`: the same
    keys as they are read from the start of the walk or from that row (`list_keys.walked_keys`)."""
    from_start = walked if walked is not None else keys
    after = request.args.get("after", type=int)
    if after is not None and page > 1 and (comparable or _empty_lead(direction)):
        anchor = db.session.execute(
            keys.with_only_columns(*columns, maintain_column_froms=True).where(key == after).limit(1)).first()
        if anchor is not None and (comparable or None not in tuple(anchor)):
            return list(db.session.scalars(from_start.where(_beyond(columns, anchor, direction))
                                           .order_by(*order).limit(per_page + 1)))
    offset = (page - 1) * per_page
    if not offset:
        return list(db.session.scalars(from_start.order_by(*order).limit(per_page + 1)))
    if unseen is not None and (comparable or (_empty_lead(direction) and len(columns) == 2)):
        found = _offset_past_unseen(keys, unseen, columns, order, direction, key, offset, per_page, not comparable)
        if found is not None:
            return found
    return list(db.session.scalars(keys.order_by(*order).limit(per_page + 1).offset(offset)))


def _empty_lead(direction: str) -> bool:
    """Whether the database puts empty values (NULL) first in this direction, before any row that
    has a value: PostgreSQL newest first, SQLite oldest first. Then the rows after a row whose sort
    columns hold values are those that compare past it, and "Next" starts from it (an urgent
    action's day registered, empty until it is registered); in the other direction the empty
    rows come last, compare with nothing, and the page is found by OFFSET."""
    return (db.session.get_bind().dialect.name == "postgresql") == (direction == "desc")


def _beyond(columns: tuple[ColumnElement[Any], ...], row, direction: str, before: bool = False,
            inclusive: bool = False):
    """The rows after `row` in the list's order (before it, with `before`; and `row` itself, with
    `inclusive`), as one comparison the sort index serves."""
    values = tuple_(*(literal(value, column.type) for column, value in zip(columns, row)))
    if (direction == "desc") != before:
        return tuple_(*columns) <= values if inclusive else tuple_(*columns) < values
    return tuple_(*columns) >= values if inclusive else tuple_(*columns) > values


def _offset_past_unseen(keys: Select, unseen: Unseen, columns: tuple[ColumnElement[Any], ...],
                        order: list, direction: str, key: ColumnElement[Any], offset: int, per_page: int,
                        empty_first: bool = False) -> list[Any] | None:
    """A page typed into the address of a list that leaves out rows its reader may not see (such
    as a unit's confidential cases not assigned to them): a row of `every` row near `offset` is
    found by OFFSET without checking each row skipped against the reader's access; the rows left
    out before it, and those the reader sees beyond `every`, are counted by their keys, and the
    list is read from that row on, skipping the difference. Checking each row skipped costs twice
    as much at page 2,000 of a million cases (benchmarks/communications.py). `empty_first`: the
    one sort column may be empty, and the empty rows come first (`_empty_lead`), so they are
    before any row with a value. None where the list must be paged by OFFSET instead: that row
    is itself empty, or the rows beyond `every` that sort before it are more than the page skips."""
    beyond = keys.where(key.in_(unseen.beyond)) if unseen.beyond is not None else None
    # Every row beyond `every` may come before the page: the row read first is that many earlier.
    start = max(offset - (_count(beyond) if beyond is not None else 0), 0)
    anchor = db.session.execute(unseen.every.with_only_columns(*columns, maintain_column_froms=True)
                                .order_by(*order).offset(start).limit(1)).first()
    if anchor is None:
        return [] if beyond is None else None
    # The rows before it; with `empty_first`, the empty ones apart: PostgreSQL reads the rows of
    # one comparison from the index alone, those of "this or empty" from the table (2,970 pages
    # for page 100 of the urgent actions at a million cases).
    befores = [_beyond(columns, anchor, direction, before=True)]
    if empty_first:
        if anchor[0] is None:
            return None
        befores.append(columns[0].is_(None))
    # Where they are fewer than the rows before it, each of them is looked for among those rows;
    # otherwise each row is asked whether it is one of them (EXISTS). Asked of each row, page 2,000
    # of a committee's 100,000 rows before it took 127 ms at 200,000 cases for 1,264 hidden cases
    # (looked for: 2 ms); looked for, page 100 of the communications would read all 16,500
    # confidential ones at a million cases, for the 4,950 rows before it.
    hidden = unseen.hidden
    if _count(hidden.limit(start)) < start:
        left_out = key.in_(hidden)
    else:
        left_out = hidden.where(hidden.selected_columns[0] == key).correlate(key.table).exists()
    seen_before = start - _count(*(unseen.every.where(before, left_out) for before in befores))
    if beyond is not None:
        seen_before += _count(*(beyond.where(before) for before in befores))
    skipped = offset - seen_before
    if skipped < 0:
        return None
    from_anchor = _beyond(columns, anchor, direction, inclusive=True)
    return list(db.session.scalars(keys.where(from_anchor).order_by(*order).limit(skipped + per_page + 1)))[skipped:]


def _count(*parts: Select) -> int:
    """How many rows `parts`, which share none, hold together: one statement."""
    rows = parts[0] if len(parts) == 1 else union_all(*parts)
    return db.session.scalar(select(func.count()).select_from(rows.subquery())) or 0
