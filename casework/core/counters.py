"""Running numbers (`2751/2016`, `UA 1001/2020`) that concurrent registrations never share.

One row per numbering scope. Taking a number is a single atomic `UPDATE … RETURNING` on that row:
the database holds the row lock until the transaction ends, so a second registration waits for
the first to commit (or roll back, giving the number back) and then takes the next one.
"""
from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import String, case, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Mapped, mapped_column

from casework.extensions import db


class Counter(db.Model):
    """The last number taken in one scope, e.g. "communication:CCPR:2026"."""

    __tablename__ = "counters"

    scope: Mapped[str] = mapped_column(String(120), primary_key=True)
    last_value: Mapped[int] = mapped_column(default=0)


def _ensure_row(scope: str, start_after: int = 0) -> None:
    dialect = postgresql if db.session.get_bind().dialect.name == "postgresql" else sqlite
    db.session.execute(
        dialect.insert(Counter.__table__).values(scope=scope, last_value=start_after).on_conflict_do_nothing(
            index_elements=["scope"]
        )
    )


def _increment(scope: str, count: int) -> int | None:
    table = Counter.__table__
    return db.session.execute(
        update(table).where(table.c.scope == scope).values(last_value=table.c.last_value + count)
        .returning(table.c.last_value)
    ).scalar()


def next_numbers(scope: str, count: int = 1, start_after: Callable[[], int] | None = None) -> range:
    """Take `count` consecutive numbers in `scope`. Part of the caller's transaction.

    A new scope starts after `start_after()` (e.g. the highest number already on file), or at 1.
    """
    if count < 1:
        raise ValueError("at least one number")
    last = _increment(scope, count)
    if last is None:
        _ensure_row(scope, start_after() if start_after else 0)
        last = _increment(scope, count)
    return range(last - count + 1, last + 1)


def next_number(scope: str, start_after: Callable[[], int] | None = None) -> int:
    """Take the next number in `scope` (1 for a new scope)."""
    return next_numbers(scope, 1, start_after)[0]


def take_at_least(scope: str, value: int) -> None:
    """Record that `value` is taken (an imported legacy number), so new numbers follow it."""
    _ensure_row(scope)
    table = Counter.__table__
    db.session.execute(
        update(table).where(table.c.scope == scope)
        .values(last_value=case((table.c.last_value < value, value), else_=table.c.last_value))
    )
