"""Running numbers (`2751/2016`, `UA 1001/2020`) that concurrent registrations never share.

One row per numbering scope. Taking a number is a single atomic `UPDATE … RETURNING` on that row:
the database holds the row lock until the transaction ends, so a second registration waits for
the first to commit (or roll back, giving the number back) and then takes the next one.
"""
from __future__ import annotations

from sqlalchemy import String, case, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Mapped, mapped_column

from casework.extensions import db


class Counter(db.Model):
    """The last number taken in one scope, e.g. "communication:CCPR:2026"."""

    __tablename__ = "counters"

    scope: Mapped[str] = mapped_column(String(120), primary_key=True)
    last_value: Mapped[int] = mapped_column(default=0)


def _ensure_row(scope: str) -> None:
    dialect = postgresql if db.session.get_bind().dialect.name == "postgresql" else sqlite
    db.session.execute(
        dialect.insert(Counter.__table__).values(scope=scope, last_value=0).on_conflict_do_nothing(
            index_elements=["scope"]
        )
    )


def next_number(scope: str) -> int:
    """Take the next number in `scope` (1 for a new scope). Part of the caller's transaction."""
    _ensure_row(scope)
    table = Counter.__table__
    return db.session.execute(
        update(table).where(table.c.scope == scope).values(last_value=table.c.last_value + 1)
        .returning(table.c.last_value)
    ).scalar_one()


def take_at_least(scope: str, value: int) -> None:
    """Record that `value` is taken (an imported legacy number), so new numbers follow it."""
    _ensure_row(scope)
    table = Counter.__table__
    db.session.execute(
        update(table).where(table.c.scope == scope)
        .values(last_value=case((table.c.last_value < value, value), else_=table.c.last_value))
    )
