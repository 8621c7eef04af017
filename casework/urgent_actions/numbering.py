"""`UA n/yyyy`: a running number per registration year, never given twice.

The year's counter row is incremented by one UPDATE … RETURNING, which locks the row until the
transaction ends: a second registration at the same moment waits (PostgreSQL row lock, SQLite
write lock) and then reads the number after ours. A group takes its numbers in the same single
statement, so they are consecutive. The unique (year, number) constraint is the last guard.
"""
from __future__ import annotations

from sqlalchemy import func, select, update
from sqlalchemy.exc import IntegrityError

from casework.extensions import db
from casework.urgent_actions.models import UrgentAction, UrgentActionCounter

COUNTERS = UrgentActionCounter.__table__


def allocate_numbers(year: int, count: int = 1) -> range:
    """Reserve `count` consecutive numbers of `year`; they are ours once the transaction commits."""
    if count < 1:
        raise ValueError("at least one number")
    last = _increment(year, count)
    if last is None:
        _create_counter(year)
        last = _increment(year, count)
    return range(last - count + 1, last + 1)


def _increment(year: int, count: int) -> int | None:
    stmt = (update(COUNTERS).where(COUNTERS.c.year == year)
            .values(last_number=COUNTERS.c.last_number + count).returning(COUNTERS.c.last_number))
    return db.session.execute(stmt).scalar()


def _create_counter(year: int) -> None:
    """The year's first registration: start after any number already given (e.g. imported)."""
    highest = db.session.scalar(
        select(func.max(UrgentAction.number)).where(UrgentAction.registration_year == year)) or 0
    try:
        with db.session.begin_nested():
            db.session.add(UrgentActionCounter(year=year, last_number=highest))
    except IntegrityError:
        pass  # another registration created it first; incrementing it is just as good
