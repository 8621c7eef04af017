"""Counts kept in step with the cases, so that a figure over a million cases reads a few thousand
rows instead of every case.

A tally is declared as one query: under which (unit, confidential, key, day) each case counts,
grouped. That same query
- fills the stored counts from scratch (`rebuild`, after a migration or a bulk load, and nightly);
- keeps them in step: the cases a flush touches are counted before it and after it, and the
  difference is added to the stored counts in the same transaction;
- counts what a reader sees beyond the stored non-confidential counts: the confidential cases
  assigned to them, or, without a role in the unit, only the cases assigned to them.
So a stored figure and a count taken from the cases cannot mean different things, and no figure
counts a case its reader may not see (the policy is `permissions.visible_in_unit`'s).
"""
from __future__ import annotations

from collections import Counter as Tallied
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from itertools import chain
from typing import Any

from sqlalchemy import ColumnElement, Select, String, and_, delete, event, false, literal, select, text, true, union_all
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Mapped, Session, mapped_column

from casework.core.cases import Case
from casework.core.permissions import assigned_case_ids, sees_unit_openly, visible_in_unit
from casework.extensions import db

NO_DAY = date(1, 1, 1)  # the day of a tally that counts by key alone
Row = tuple[int, bool, str, date]  # unit, confidential, key, day


class TallyCount(db.Model):
    """How many cases of one unit count under one key on one day, in one tally."""

    __tablename__ = "tally_counts"

    tally: Mapped[str] = mapped_column(String(60), primary_key=True)
    unit_id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(60), primary_key=True)
    day: Mapped[date] = mapped_column(primary_key=True)
    confidential: Mapped[bool] = mapped_column(primary_key=True)
    count: Mapped[int] = mapped_column(default=0)


@dataclass(frozen=True)
class Tally:
    """`source(condition)` selects (unit_id, confidential, key, day, count) of the cases meeting
    `condition` (on `Case`), grouped by the first four, labelled so. `watches` maps each model whose rows
    change what a case counts under to the id of that case (None when it cannot be known yet)."""

    name: str
    source: Callable[[ColumnElement[bool]], Select]
    watches: Mapping[type, Callable[[Any], int | None]]

    def case_of(self, obj: object) -> int | None:
        for model, case_id in self.watches.items():
            if isinstance(obj, model):
                return case_id(obj)
        return None

    def watched(self, obj: object) -> bool:
        return isinstance(obj, tuple(self.watches))


_TALLIES: dict[str, Tally] = {}


def register(tally: Tally) -> Tally:
    _TALLIES[tally.name] = tally
    return tally


def registered_tallies() -> list[str]:
    return list(_TALLIES)


def _counted(tally: Tally, case_ids: Iterable[int]) -> Tallied[Row]:
    ids = sorted(set(case_ids))
    if not ids:
        return Tallied()
    return _counted_rows(db.session.execute(tally.source(Case.id.in_(ids))))


def _counted_rows(rows) -> Tallied[Row]:
    return Tallied({(unit, bool(confidential), key, day): n for unit, confidential, key, day, n in rows})


def _add(tally: Tally, changes: Mapping[Row, int]) -> None:
    rows = [{"tally": tally.name, "unit_id": unit, "confidential": confidential, "key": key, "day": day, "count": n}
            for (unit, confidential, key, day), n in changes.items() if n]
    if not rows:
        return
    dialect = postgresql if db.session.get_bind().dialect.name == "postgresql" else sqlite
    table = TallyCount.__table__
    stmt = dialect.insert(table)
    db.session.execute(stmt.on_conflict_do_update(
        index_elements=[c.name for c in table.primary_key], set_={"count": table.c.count + stmt.excluded.count}), rows)


# ---------------------------------------------------------------------------
# Kept in step by every flush
# ---------------------------------------------------------------------------

@event.listens_for(Session, "before_flush")
def _count_before(session: Session, flush_context, instances) -> None:
    """The touched cases as stored now; their new objects are resolved after the flush gives ids."""
    before = {}
    for tally in _TALLIES.values():
        touched = [obj for obj in chain(session.new, session.dirty, session.deleted) if tally.watched(obj)]
        if touched:
            known = {case for obj in touched if (case := tally.case_of(obj)) is not None}
            before[tally.name] = (touched, known, _counted(tally, known))
    session.info["tallies_before"] = before


@event.listens_for(Session, "after_flush")
def _count_after(session: Session, flush_context) -> None:
    for name, (touched, known, counted) in session.info.pop("tallies_before", {}).items():
        tally = _TALLIES[name]
        now = known | {case for obj in touched if (case := tally.case_of(obj)) is not None}
        change = _counted(tally, now)
        change.subtract(counted)
        _add(tally, change)


# ---------------------------------------------------------------------------
# Filled from scratch
# ---------------------------------------------------------------------------

def rebuild(names: Iterable[str] | None = None) -> None:
    """Count every case again. Part of the caller's transaction; on PostgreSQL the stored counts
    are locked first, so that a flush elsewhere adds its change after the recount, not into it."""
    table = TallyCount.__table__
    if db.session.get_bind().dialect.name == "postgresql":
        db.session.execute(text("LOCK TABLE tally_counts IN SHARE ROW EXCLUSIVE MODE"))
    for name in names or list(_TALLIES):
        tally = _TALLIES[name]
        db.session.execute(delete(table).where(table.c.tally == name))
        source = tally.source(true()).subquery()
        db.session.execute(table.insert().from_select(
            ["tally", "unit_id", "confidential", "key", "day", "count"],
            select(literal(name, String), *source.c)))


def differences(name: str) -> dict[Row, tuple[int, int]]:
    """Where the stored counts and a count from the cases disagree: row → (stored, counted)."""
    tally = _TALLIES[name]
    table = TallyCount.__table__
    stored = _counted_rows(db.session.execute(
        select(table.c.unit_id, table.c.confidential, table.c.key, table.c.day, table.c.count)
        .where(table.c.tally == name)))
    counted = _counted_rows(db.session.execute(tally.source(true())))
    return {row: (stored[row], counted[row]) for row in set(stored) | set(counted) if stored[row] != counted[row]}


# ---------------------------------------------------------------------------
# Read, as one reader sees it
# ---------------------------------------------------------------------------

def visible_counts(name: str, user, unit_id: int):
    """(key, day, n) rows of one unit's tally, counting only the cases `user` may see: the stored
    counts where they see the unit's open cases, plus what they see beyond those (confidential
    cases assigned to them) counted from the cases; without a role in the unit, their assigned
    cases alone."""
    tally = _TALLIES[name]
    table = TallyCount.__table__
    stored = select(table.c.key, table.c.day, table.c.count.label("n")).where(
        table.c.tally == name, table.c.unit_id == unit_id)
    openly = sees_unit_openly(user, unit_id)
    if openly and user.is_admin:
        return stored.subquery()
    if openly:  # what `visible_in_unit` adds to the open cases: the confidential ones assigned to them
        beyond = and_(Case.unit_id == unit_id, Case.confidential, Case.id.in_(assigned_case_ids(user)))
    else:
        beyond = and_(Case.unit_id == unit_id, visible_in_unit(user, unit_id, Case.id))
    direct = tally.source(beyond).subquery()
    counted = select(direct.c.key, direct.c.day, direct.c.n)
    if not openly:
        return counted.subquery()
    return union_all(stored.where(table.c.confidential == false()), counted).subquery()
