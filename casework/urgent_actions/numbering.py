"""`UA n/yyyy`: a running number per registration year, never given twice.

The numbers come from the shared counters (`casework.core.counters`): one row per year, taken by
a single UPDATE … RETURNING that holds the row until the transaction ends, so a registration at
the same moment waits and then takes the numbers after ours. A group takes its numbers in that
one statement, so they are consecutive. The unique (year, number) constraint is the last guard.
"""
from __future__ import annotations

from sqlalchemy import func, select

from casework.core.counters import next_numbers
from casework.extensions import db
from casework.urgent_actions.models import UrgentAction


def allocate_numbers(year: int, count: int = 1) -> range:
    """Reserve `count` consecutive numbers of `year`; they are ours once the transaction commits."""
    return next_numbers(f"urgent_action:{year}", count, start_after=lambda: _highest(year))


def _highest(year: int) -> int:
    """A year's first registration starts after any number already given (e.g. imported)."""
    return db.session.scalar(
        select(func.max(UrgentAction.number)).where(UrgentAction.registration_year == year)) or 0
