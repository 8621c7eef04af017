"""Counts kept in step with the cases, so that a figure over a million cases reads a few thousand
rows instead of every case.

A tally is declared as one query: under which (unit, confidential, key, day) each case counts,
grouped. That same query
- fills the stored counts from scratch (`rebuild`: after a bulk load, or by `flask tallies check
  --repair` after rows were changed by hand);
- keeps them in step: the cases a transaction moves are counted before it first moves them and
  again when it commits, and the difference is added to the stored counts in that transaction;
- counts what a reader sees beyond the stored non-confidential counts: the confidential cases
  assigned to them, or, without a role in the unit, only the cases assigned to them.
So a stored figure and a count taken from the cases cannot mean different things, and no figure
counts a case its reader may not see (the policy is `permissions.visible_in_unit`'s).
"""
from __future__ import annotations

from collections import Counter as Tallied
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from itertools import chain
from typing import Any

from sqlalchemy import (
    ColumnElement, Date, Index, Select, String, Subquery, Table, and_, bindparam, delete, event, false, func, inspect,
    literal, or_, select, text, true, union_all,
)
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.orm import Mapped, Session, mapped_column
from sqlalchemy.sql.functions import FunctionElement

from casework.core.cases import Case
from casework.core.permissions import assigned_case_ids, sees_unit_openly, unit_clause, visible_in_unit
from casework.extensions import db

NO_DAY = date(1, 1, 1)  # the day of a tally that counts by key alone
Row = tuple[int, bool, str, date]  # unit, confidential, key, day


class TallyCount(db.Model):
    """How many cases of one unit count under one key on one day, in one tally."""

    __tablename__ = "tally_counts"
    # A period's counts across every unit and key, read from the index alone.
    __table_args__ = (Index("ix_tally_counts_tally_day", "tally", "day", "confidential", "unit_id", "key", "count"),)

    tally: Mapped[str] = mapped_column(String(60), primary_key=True)
    unit_id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(320), primary_key=True)  # "actor|" and the name addressed
    day: Mapped[date] = mapped_column(primary_key=True)
    confidential: Mapped[bool] = mapped_column(primary_key=True)
    count: Mapped[int] = mapped_column(default=0)


@dataclass(frozen=True)
class Watch:
    """How rows of one model move a case in a tally: the id of that case (None while it cannot be
    known: a new case; a list where a row moves several, as a place of detention moves the cases
    at it), the columns whose change moves it, and which rows count at all."""

    case_id: Callable[[Any], int | list[int] | None]
    columns: tuple[str, ...]
    applies: Callable[[Any], bool] = lambda obj: True


@dataclass(frozen=True)
class Tally:
    """`source(condition)` selects (unit_id, confidential, key, day, n) of the cases meeting
    `condition` (on `Case`), grouped by the first four and labelled so; `watches` says which rows,
    new, deleted or changed, may move a case in it."""

    name: str
    source: Callable[[ColumnElement[bool]], Select]
    watches: Mapping[type, Watch]

    def watch_of(self, obj: object) -> Watch | None:
        for model, watch in self.watches.items():
            if isinstance(obj, model):
                return watch if watch.applies(obj) else None
        return None

    def touched(self, session: Session) -> list[tuple[object, Watch]]:
        """The rows of this flush that may move a case: new, deleted, or with a watched column changed."""
        found = []
        for obj in chain(session.new, session.deleted, session.dirty):
            watch = self.watch_of(obj)
            if watch is None:
                continue
            if obj in session.new or obj in session.deleted or _changed(obj, watch.columns):
                found.append((obj, watch))
        return found


def _changed(obj: object, columns: tuple[str, ...]) -> bool:
    attrs = inspect(obj).attrs
    return any(attrs[column].history.has_changes() for column in columns)


_TALLIES: dict[str, Tally] = {}


def register(tally: Tally) -> Tally:
    _TALLIES[tally.name] = tally
    return tally


def registered_tallies() -> list[str]:
    return list(_TALLIES)


def _counted(session: Session, tally: Tally, case_ids: Iterable[int]) -> Tallied[Row]:
    ids = sorted(set(case_ids))
    if not ids:
        return Tallied()
    if tally.name not in _BY_IDS:  # built once: a flush should not pay for building the query
        _BY_IDS[tally.name] = tally.source(Case.id.in_(bindparam("case_ids", expanding=True)))
    return _counted_rows(session.execute(_BY_IDS[tally.name], {"case_ids": ids}))


_BY_IDS: dict[str, Select] = {}


def _counted_rows(rows) -> Tallied[Row]:
    return Tallied({(unit, bool(confidential), key, day): n for unit, confidential, key, day, n in rows})


def _add(session: Session, tally: Tally, changes: Mapping[Row, int]) -> None:
    rows = [{"tally": tally.name, "unit_id": unit, "confidential": confidential, "key": key, "day": day, "count": n}
            for (unit, confidential, key, day), n in changes.items() if n]
    if not rows:
        return
    dialect = postgresql if session.get_bind().dialect.name == "postgresql" else sqlite
    table = TallyCount.__table__
    stmt = dialect.insert(table)
    session.execute(stmt.on_conflict_do_update(
        index_elements=[c.name for c in table.primary_key], set_={"count": table.c.count + stmt.excluded.count}), rows)


class month_start(FunctionElement):
    """The first day of a date's month: the day under which a monthly tally counts a case."""

    type = Date()
    inherit_cache = True


class month_key(FunctionElement):
    """A date's month as text, YYYY-MM, which sorts as the months do: part of a tally's key."""

    type = String()
    inherit_cache = True


def _written(function: type[FunctionElement], sqlite_sql: str, postgresql_sql: str) -> None:
    """How each database writes `function` of its argument ("{}")."""
    def writer(sql: str):
        return lambda element, compiler, **kw: sql.format(compiler.process(element.clauses, **kw))

    compiles(function)(writer(sqlite_sql))
    compiles(function, "postgresql")(writer(postgresql_sql))


_written(month_start, "date({}, 'start of month')", "CAST(date_trunc('month', {}) AS DATE)")
_written(month_key, "strftime('%Y-%m', {})", "to_char({}, 'YYYY-MM')")


def previous_month(table: Table, case_column: str, on: str, *same: str) -> ColumnElement[str]:
    """The month (`month_key`; '' for none) of the same case's previous row of `table` (by `on`,
    then id), among the rows with the same `same` columns. Kept as part of a monthly tally's key,
    it lets the tally count each case once over any span of months, however many rows it has
    there: a row counts where its previous one falls before the span (`first_in`)."""
    earlier = table.alias()
    before = or_(earlier.c[on] < table.c[on], and_(earlier.c[on] == table.c[on], earlier.c.id < table.c.id))
    latest = select(func.max(earlier.c[on])).where(
        earlier.c[case_column] == table.c[case_column], before, *(earlier.c[c] == table.c[c] for c in same))
    return func.coalesce(month_key(latest.scalar_subquery()), "")


def first_in(previous: str, since: date) -> bool:
    """Whether a row whose previous one fell in the month `previous` (`previous_month`) is its
    case's first in a span of months starting at `since`."""
    return previous < f"{since:%Y-%m}"


# ---------------------------------------------------------------------------
# Kept in step with each transaction
# ---------------------------------------------------------------------------

@dataclass
class _InPlay:
    """The cases a transaction has moved so far, per tally: their counts as they were before it
    first moved them, and those to find by id once a flush has given them one."""

    transaction: object
    seen: dict[str, set[int]] = field(default_factory=dict)
    before: dict[str, Tallied[Row]] = field(default_factory=dict)
    unresolved: list[tuple[str, object, Watch]] = field(default_factory=list)


def _in_play(session: Session) -> _InPlay:
    """This transaction's record (a record left by a transaction rolled back is dropped)."""
    root = session.get_transaction()
    state = session.info.get("tallies")
    if state is None or state.transaction is not root:
        state = session.info["tallies"] = _InPlay(root)
    return state


@event.listens_for(Session, "before_flush")
def _count_before(session: Session, flush_context, instances) -> None:
    """Count the cases this flush moves for the first time in the transaction, as stored now."""
    state = None
    for tally in _TALLIES.values():
        if not (touched := tally.touched(session)):
            continue
        state = state or _in_play(session)
        seen = state.seen.setdefault(tally.name, set())
        if fresh := _cases_of(touched) - seen:
            state.before.setdefault(tally.name, Tallied()).update(_counted(session, tally, fresh))
            seen |= fresh
        state.unresolved += [(tally.name, obj, watch) for obj, watch in touched if _ids_of(watch, obj) is None]


@event.listens_for(Session, "after_flush")
def _count_new(session: Session, flush_context) -> None:
    """New cases have their ids now; they counted nowhere before the transaction."""
    state = session.info.get("tallies")
    if state is not None and state.unresolved:
        for name, obj, watch in state.unresolved:
            state.seen[name] |= _ids_of(watch, obj) or set()
        state.unresolved = []


@event.listens_for(Session, "before_commit")
def _store_before_commit(session: Session) -> None:
    settle(session)


def settle(session: Session) -> None:
    """Add to the stored counts what the transaction changed so far: each moved case counted now,
    less what it counted before. Flushed first; also called before the counts are read, so a
    transaction reads its own changes."""
    session.flush()
    state = session.info.get("tallies")
    if state is None or state.transaction is not session.get_transaction():
        return
    with session.no_autoflush:
        for name, seen in state.seen.items():
            change = _counted(session, _TALLIES[name], seen)
            change.subtract(state.before.get(name, Tallied()))
            _add(session, _TALLIES[name], change)
    del session.info["tallies"]


def _cases_of(touched: list[tuple[object, Watch]]) -> set[int]:
    return {case for obj, watch in touched for case in _ids_of(watch, obj) or ()}


def _ids_of(watch: Watch, obj: object) -> set[int] | None:
    found = watch.case_id(obj)
    if found is None:
        return None
    return set(found) if isinstance(found, (list, tuple, set, frozenset)) else {found}


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
    session = db.session()
    if not session.in_nested_transaction():  # inside a savepoint, settled when it is released
        settle(session)
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


def counts_seen_by(name: str, user, since: date | None = None, until: date | None = None,
                   by: tuple[str, ...] = ("unit_id", "key", "day")) -> list[tuple]:
    """(*by, n) of a tally, added up per `by` (of unit_id, key and day), for the days from `since`
    to `until`, counting only the cases `user` may see; lines of none left out."""
    counts = _seen_by(name, user, since, until)
    grouped = [counts.c[column] for column in by]
    n = func.sum(counts.c.n)
    return [(*line[:-1], int(line[-1])) for line in db.session.execute(
        select(*grouped, n).group_by(*grouped).having(n != 0))]


def _seen_by(name: str, user, since: date | None, until: date | None) -> Subquery:
    """The stored counts of the open cases of the units `user` sees openly (of every case, for an
    administrator), and the cases assigned to them beyond those, counted from the cases: the same
    rule as `permissions.visibility_clause` for cases of their own."""
    session = db.session()
    if not session.in_nested_transaction():  # inside a savepoint, settled when it is released
        settle(session)
    table = TallyCount.__table__
    stored = select(table.c.unit_id, table.c.key, table.c.day, table.c.count.label("n")).where(
        table.c.tally == name, unit_clause(user, table.c.unit_id), *_within(table.c.day, since, until))
    signed_in = getattr(user, "is_authenticated", False) and user.is_active
    if not signed_in or user.is_admin:  # nothing (unit_clause says so) or everything
        return stored.subquery()
    openly = and_(~Case.confidential, unit_clause(user, Case.unit_id))
    direct = _TALLIES[name].source(and_(Case.id.in_(assigned_case_ids(user)), ~openly)).subquery()
    beyond = select(direct.c.unit_id, direct.c.key, direct.c.day, direct.c.n).where(
        *_within(direct.c.day, since, until))
    return union_all(stored.where(table.c.confidential == false()), beyond).subquery()


def _within(day, since: date | None, until: date | None) -> list[ColumnElement[bool]]:
    return [*([day >= since] if since else []), *([day <= until] if until else [])]
