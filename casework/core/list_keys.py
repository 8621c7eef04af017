"""The keys of a list's rows, selected over the fewest tables that decide them.

A list of one kind of case selects the cases joined to the kind's own tables, which hold one row
for each case of the kind, and often to what its rows show (a visit's place: one row each). The
database's planner takes the kind's condition as independent of the join to the kind's tables,
so it expects a tenth of the rows there are: PostgreSQL then sorts every row of the kind rather
than read the page from an index in the list's order. Page 100 of the special procedures' list
took 120 ms at a million cases, 2 ms over the cases alone (benchmarks/lists.py).

So where the list names its kind (`Case.case_type == ...` among its conditions), a table its
conditions and order leave unnamed, and that adds one row to each, is left out of its keys; and
where the order is the kind's own, the kind's last table is joined and no state of the
workflow is named, the kind's condition is left out of the keys it pages by, for the join says
it already. Anything else is selected as it is.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, NamedTuple

from sqlalchemy import ColumnElement, Select, Table, inspect, select
from sqlalchemy.orm import Mapper
from sqlalchemy.sql import operators
from sqlalchemy.sql.elements import BinaryExpression, BindParameter, BooleanClauseList, Grouping
from sqlalchemy.sql.selectable import FromClause, Join
from sqlalchemy.sql.util import find_tables

from casework.core.cases import Case
from casework.core.db import exists_for_each
from casework.core.permissions import hidden_by


class Unseen(NamedTuple):
    """How a page typed into the address skips the rows before it without asking the access rule
    of each (`pagination._offset_past_unseen`): the list's keys without the reader's access
    condition, the keys among them the reader may not see, and those the reader sees beyond them
    (the cases assigned to a unit's reader in units they do not read); short lists both."""
    every: Select
    hidden: Select
    beyond: Select | None = None


@dataclass(frozen=True)
class _Joined:
    table: Table
    onclause: ColumnElement[bool] | None  # None for the first table


def list_keys(stmt: Select, key: ColumnElement[Any], order: tuple[ColumnElement[Any], ...]) -> tuple[Select, Select]:
    """The keys of `stmt`'s rows to page by in `order`, and to count."""
    every = stmt.with_only_columns(key, maintain_column_froms=True)
    mapper = _kind(stmt)
    joined = _joined(every)
    conditions = conditions_of(stmt.whereclause)
    kind = [condition for condition in conditions if mapper is not None and _is_kind(condition, mapper)]
    if mapper is None or not joined or not kind:
        return every, every
    named = _names(*conditions, key)
    own = {table.name for table in mapper.tables} - {joined[0].table.name}
    ordered_by = _names(*order)
    paged_conditions = conditions
    if _only_of_this_kind(mapper) and ordered_by <= own and mapper.local_table.name in ordered_by \
            and not _names_state(conditions, joined[0].table):
        paged_conditions = [condition for condition in conditions if not any(condition is k for k in kind)]
    paged = _over(joined, named | ordered_by, own, key, paged_conditions)
    # A case of the kind has the same key in each of the kind's tables: counted by the cases' key,
    # the rows need no table the conditions leave unnamed.
    first_key = list(joined[0].table.primary_key.columns)[0]
    counted = _over(joined, _names(*conditions, first_key), own, first_key, conditions)
    return (paged if paged is not None else every), (counted if counted is not None else every)


def unseen_keys(keys: Select, key: ColumnElement[Any], order: tuple[ColumnElement[Any], ...]) -> Unseen | None:
    """For a page typed into the address (`pagination._offset_past_unseen`): `keys` over the kind's
    own table alone, without the access condition, where that condition leaves out a short list of
    cases (`permissions.hidden_by`), and that list; None otherwise. PostgreSQL then skips the rows
    before a page on the kind's index, without joining each to its case (25 ms for page 100 of the
    urgent actions at a million cases). A list keyed by the cases' own key gains nothing: its
    index already holds what the access rule reads, or (SQLite) each case's row is read either way."""
    where = keys.whereclause
    mapper = _kind_of_table(key.table)
    if where is None or mapper is None:
        return None
    conditions = [where] if hidden_by(where) is not None else conditions_of(where)
    for condition in conditions:
        hidden = hidden_by(condition.element if isinstance(condition, Grouping) else condition)
        if hidden is None:
            continue
        own = [other for other in conditions if other is not condition and not _is_kind(other, mapper)]
        if _names(*own, *order) <= {key.table.name}:
            return Unseen(select(key).select_from(key.table).where(*own), hidden)
        return None
    return None


def walked_keys(keys: Select, key: ColumnElement[Any], order: tuple[ColumnElement[Any], ...]) -> Select | None:
    """`keys` over the kind's own table walked in the list's order, each row's case asked in turn
    (`db.exists_for_each`), for a list ordered by that table alone; None for any other list.

    For a list that holds many rows (more than its count's bound), a page is then found within a
    few rows of where the walk starts. PostgreSQL otherwise expects a kind's cases in one state to
    be few (its estimate of the join ignores that each case of the kind has its row in the kind's
    table: 1,377 of the 19,295 final visits at a million cases), joins and sorts them all: 30 ms
    for the first page, 1.5 walked. A state that holds few rows is counted exactly, and joined.
    """
    mapper = _kind_of_table(key.table)
    joined = _joined(keys)
    if mapper is None or not _names(*order) <= {key.table.name} or joined is None or len(joined) != 2 \
            or joined[0].table is not Case.__table__ or joined[1].table is not key.table \
            or not _same_key(joined[0].table, key.table).compare(joined[1].onclause):
        return None
    conditions = conditions_of(keys.whereclause)
    own = [condition for condition in conditions if _names(condition) <= {key.table.name}]
    on_case = [condition for condition in conditions if not any(condition is mine for mine in own)]
    walked = select(key).select_from(key.table).where(*own)
    if not on_case:
        return walked
    return walked.where(exists_for_each(select(Case.id).where(Case.id == key, *on_case).correlate(key.table)))


def _kind_of_table(table: FromClause) -> Mapper | None:
    """The kind of case whose own last table `table` is, holding its rows alone."""
    return next((mapper for mapper in Case.__mapper__.self_and_descendants
                 if mapper.local_table is table and _only_of_this_kind(mapper)), None)


def _kind(stmt: Select) -> Mapper | None:
    """The mapper of the kind of case `stmt` selects, if it selects one."""
    descriptions = stmt.column_descriptions
    entity = descriptions[0].get("entity") if len(descriptions) == 1 else None
    mapper = inspect(entity, raiseerr=False) if entity is not None else None
    return mapper if isinstance(mapper, Mapper) and mapper.polymorphic_on is not None else None


def _only_of_this_kind(mapper: Mapper) -> bool:
    """Whether the kind's last table holds its rows alone (no other kind is stored there too)."""
    return list(mapper.self_and_descendants) == [mapper] and mapper.local_table is not mapper.base_mapper.local_table


def _joined(stmt: Select) -> list[_Joined] | None:
    """The tables `stmt` selects from, when they are one chain of inner joins; None otherwise.

    `get_final_froms` compiles the statement whole, its access rule's subqueries included: 5 ms
    of the persons' list at each call. The chain is the same without the WHERE clause, so it is
    found on a copy of the statement without it (SQLAlchemy's own copy, `_generate`, its criteria
    emptied: no public call drops them). A table that clause alone names is added back to the
    FROM list of the keys built from the chain, as the conditions go with them."""
    bare = stmt._generate()
    bare._where_criteria = ()
    froms = bare.get_final_froms()
    return _inner_joins(froms[0]) if len(froms) == 1 else None


def _inner_joins(from_clause: FromClause) -> list[_Joined] | None:
    """The tables of a chain of inner joins, each with its condition; None for any other FROM."""
    if isinstance(from_clause, Table):
        return [_Joined(from_clause, None)]
    if not isinstance(from_clause, Join) or from_clause.isouter or from_clause.full \
            or not isinstance(from_clause.right, Table):
        return None
    left = _inner_joins(from_clause.left)
    return None if left is None else [*left, _Joined(from_clause.right, from_clause.onclause)]


def conditions_of(where: ColumnElement[bool] | None) -> list[ColumnElement[bool]]:
    if where is None:
        return []
    if isinstance(where, BooleanClauseList) and where.operator is operators.and_:
        return list(where.clauses)
    return [where]


def _is_kind(condition: ColumnElement[bool], mapper: Mapper) -> bool:
    """Whether `condition` requires a kind `mapper` (or one of its kinds) loads."""
    kinds = {m.polymorphic_identity for m in mapper.self_and_descendants}
    return isinstance(condition, BinaryExpression) and condition.operator is operators.eq \
        and isinstance(condition.right, BindParameter) and condition.right.value in kinds \
        and condition.left.compare(mapper.polymorphic_on)


def _names_state(conditions: list[ColumnElement[bool]], first: Table) -> bool:
    """Whether a condition narrows the list to a state of the workflow: the index of the cases
    by kind and state then finds its rows, which the kind's condition must name (without it,
    PostgreSQL read every case for the visits in one state at 200,000 cases)."""
    state = first.c.get("status")
    return state is not None and any(
        isinstance(condition, BinaryExpression) and condition.left.compare(state) for condition in conditions)


def _names(*clauses: ColumnElement[Any]) -> set[str]:
    """The tables the clauses name anywhere, their subqueries included."""
    return {table.name for clause in clauses for table in find_tables(clause, check_columns=True)}


def _over(joined: list[_Joined], named: set[str], own: set[str], key: ColumnElement[Any],
          conditions: list[ColumnElement[bool]]) -> Select | None:
    """The keys over the first table and the tables `named` or not known to add one row each."""
    first = joined[0].table
    kept = [first]
    tables = first
    for each in joined[1:]:
        name = each.table.name
        if name not in named and (name in own or _one_row_each(each)):
            continue
        onclause = each.onclause
        if not _names(onclause) <= {table.name for table in (*kept, each.table)}:
            if name not in own:
                return None
            onclause = _same_key(first, each.table)
        kept.append(each.table)
        tables = tables.join(each.table, onclause)
    return select(key).select_from(tables).where(*conditions)


def _same_key(first: Table, table: Table) -> ColumnElement[bool]:
    """A kind's table joined to the cases by the key they share."""
    return list(table.primary_key.columns)[0] == list(first.primary_key.columns)[0]


def _one_row_each(joined: _Joined) -> bool:
    """Whether a join adds exactly one row to each row: its table's key equal to a column that
    may not be empty and refers to it (a visit's place)."""
    condition = joined.onclause
    if not isinstance(condition, BinaryExpression) or condition.operator is not operators.eq:
        return False
    for mine, theirs in ((condition.left, condition.right), (condition.right, condition.left)):
        if getattr(mine, "table", None) is not None and mine.table.name == joined.table.name and mine.primary_key \
                and len(joined.table.primary_key.columns) == 1 and not getattr(theirs, "nullable", True) \
                and any(fk.column.table.name == joined.table.name for fk in getattr(theirs, "foreign_keys", ())):
            return True
    return False
