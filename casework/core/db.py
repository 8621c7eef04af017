"""Declarative base, naming convention and column helpers shared by all models."""
from __future__ import annotations

import enum
import sqlite3
from datetime import datetime, UTC

from sqlalchemy import ColumnElement, DateTime, Engine, Exists, MetaData, Select, String, TypeDecorator, event, literal
from sqlalchemy.exc import DBAPIError, OperationalError
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, SessionTransaction, mapped_column, registry
from sqlalchemy.sql.visitors import InternalTraversal

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


# The embedded SQLite database: enforce foreign keys as PostgreSQL does, let readers work while
# the job thread writes (WAL), wait for a lock rather than fail, and keep the working set of a
# large installation in memory (64 MB of page cache instead of 2 MB).
SQLITE_PRAGMAS = ("foreign_keys=ON", "journal_mode=WAL", "busy_timeout=5000", "cache_size=-65536")


# PostgreSQL: no JIT compilation. It starts once a query's estimated cost passes a threshold that
# a list's count crosses as the data grows, and then adds 20 ms or more of compiling to a query
# of a hundred: the pages' queries are short, never the long analytical ones it pays for.
POSTGRESQL_SETTINGS = ("jit = off",)


@event.listens_for(Engine, "connect")
def _configure_connection(dbapi_connection, _record) -> None:
    if isinstance(dbapi_connection, sqlite3.Connection):
        cursor = dbapi_connection.cursor()
        for pragma in SQLITE_PRAGMAS:
            cursor.execute(f"PRAGMA {pragma}")
        cursor.close()
    elif type(dbapi_connection).__module__.startswith("psycopg"):
        # Outside a transaction, or the pool's rollback of the first one would undo the settings.
        autocommit, dbapi_connection.autocommit = dbapi_connection.autocommit, True
        with dbapi_connection.cursor() as cursor:
            for setting in POSTGRESQL_SETTINGS:
                cursor.execute(f"SET {setting}")
        dbapi_connection.autocommit = autocommit


def savepoint(session: Session) -> SessionTransaction:
    """A savepoint nested in the session's transaction, on SQLite too.

    pysqlite begins its transaction only before a write; a SAVEPOINT sent first would itself be
    the outermost transaction, and releasing it would commit at once whatever the request does
    next. So an idle SQLite connection is made to begin first: the savepoint then nests, and the
    transaction's first statement is a write, which waits for the lock (no stale snapshot).
    """
    raw = session.connection().connection.dbapi_connection
    if isinstance(raw, sqlite3.Connection) and not raw.in_transaction:
        raw.execute("BEGIN")
    return session.begin_nested()


# SQLite's result codes for a database that is busy or cannot be written now, as opposed to a
# statement that is wrong (no such table, syntax), which SQLite reports as an OperationalError too.
_SQLITE_TRANSIENT = frozenset({"BUSY", "LOCKED", "IOERR", "FULL", "CANTOPEN", "PROTOCOL"})


def is_unavailable(error: DBAPIError) -> bool:
    """Whether a database error means "down, restarting or too busy now" (try again in a moment)
    rather than a fault of the program: PostgreSQL's OperationalError (connection refused or cut,
    shutdown, deadlock, statement timeout), SQLite's busy and I/O results."""
    original = error.orig
    name = getattr(original, "sqlite_errorname", None)
    if name is not None:
        return name.split("_")[1] in _SQLITE_TRANSIENT
    return error.connection_invalidated or (isinstance(error, OperationalError)
                                            and not isinstance(original, sqlite3.Error))


def utcnow() -> datetime:
    """The current time as an aware UTC datetime."""
    return datetime.now(UTC)


class UTCDateTime(TypeDecorator):
    """Timestamps stored in UTC and always returned timezone-aware (SQLite drops the zone)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect) -> datetime | None:
        if value is not None and value.tzinfo is None:
            raise ValueError("naive datetime given for a UTC column")
        return value.astimezone(UTC) if value is not None else None

    def process_result_value(self, value: datetime | None, dialect) -> datetime | None:
        if value is not None and value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value


class StrEnumType(TypeDecorator):
    """A StrEnum stored as its value in a plain string column, so new states need no migration."""

    impl = String(40)
    cache_ok = True

    def __init__(self, enum_class: type[enum.StrEnum], length: int = 40):
        super().__init__(length)
        self.enum_class = enum_class

    def process_bind_param(self, value, dialect) -> str | None:
        if value is None:
            return None
        return self.enum_class(value).value

    def process_result_value(self, value, dialect):
        return None if value is None else self.enum_class(value)


class Base(DeclarativeBase):
    """Declarative base with a naming convention, so Alembic names constraints predictably."""

    registry = registry(
        metadata=MetaData(naming_convention=NAMING_CONVENTION),
        type_annotation_map={datetime: UTCDateTime()},
    )


class TimestampMixin:
    """Creation and last-update times, set by the database session, never by hand."""

    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)


def exists_for_each(query: Select) -> Exists:
    """EXISTS asked of each row it is tested on, by its key, as SQLite always asks it.

    PostgreSQL otherwise answers an EXISTS it expects to test often (in a condition with OR, on a
    list it cannot tell stops at a page) by first gathering every row of the subquery into a hash:
    every link of every visible case before a page of 50 persons, 1 to 5 s. OFFSET 0 is the
    documented fence that keeps the subquery as written; it also keeps the columns it selects,
    which an EXISTS otherwise drops, so it selects none of them: an index that holds what its
    conditions read then answers it alone.
    """
    return query.with_only_columns(literal(1), maintain_column_froms=True).offset(0).exists()


class checked_per_row(ColumnElement):
    """A column a condition tests on each row read, never the index the database starts from.

    SQLite answers "a unit's open cases, newest first" by reading every case of the unit from the
    unit's index and sorting them all (150 ms for 61,000 communications); read in the list's own
    order instead and each row's unit checked, the page's 51 rows take 1 ms. SQLite's documented
    way to keep a column's index out of the plan is a unary plus; other databases get the column.
    """

    inherit_cache = True
    _traverse_internals = [("column", InternalTraversal.dp_clauseelement)]

    def __init__(self, column: ColumnElement) -> None:
        self.column = column
        self.type = column.type

    @property
    def _from_objects(self):
        return self.column._from_objects


@compiles(checked_per_row)
def _column_as_is(element: checked_per_row, compiler, **kw) -> str:
    return compiler.process(element.column, **kw)


@compiles(checked_per_row, "sqlite")
def _column_without_its_index(element: checked_per_row, compiler, **kw) -> str:
    return "+" + compiler.process(element.column, **kw)
