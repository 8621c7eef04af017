"""What a module contributes to the key figures: a section of figures, each with its list, and charts."""
from __future__ import annotations

import json
from collections import Counter
from collections.abc import Collection, Hashable, Iterable
from dataclasses import dataclass, field

from flask_babel import format_date
from sqlalchemy import (
    ARRAY, ColumnElement, Integer, Row, Select, Text, any_, bindparam, cast, extract, func, select,
)

from casework.core.cases import Case
from casework.extensions import db
from casework.figures.period import Period


@dataclass
class Figure:
    """One number and the list that shows exactly what it counts (None when there is no list)."""

    label: str
    value: int
    url: str | None = None
    note: str = ""
    level: int = 0  # 1: a breakdown of the figure above


@dataclass
class Series:
    """One line of a chart; `links` (one per label) lead to the list behind each value."""

    name: str
    values: list[float]
    links: list[str | None] = field(default_factory=list)
    percent: bool = False  # a rate from 0 to 1, shown as a percentage
    charted: bool = True  # False: in the table next to the chart only
    tone: str = ""  # what its colour says (`charts.TONES`): "good", "grave", "held", "pending", "age-1"…
    tones: list[str] = field(default_factory=list)  # one per value, when each bar says something else

    def shown(self, index: int) -> str:
        value = self.values[index]
        return f"{value:.0%}" if self.percent else f"{value:,.0f}"

    def link(self, index: int) -> str | None:
        return self.links[index] if index < len(self.links) else None


@dataclass
class Chart:
    """A chart and its table, which is also its text alternative."""

    key: str
    title: str
    labels: list[str]
    series: list[Series]
    x_title: str = ""
    y_title: str = ""
    horizontal: bool = False
    stacked: bool = False
    empty_text: str = ""

    @property
    def is_empty(self) -> bool:
        return not self.labels or not any(v for s in self.series if s.charted for v in s.values)

    @property
    def row_heading(self) -> str:
        return self.y_title if self.horizontal else self.x_title

    def svg(self):
        """The chart drawn in the page, its bars linked to their lists (`casework.figures.svg`)."""
        from casework.figures.svg import inline_svg

        return inline_svg(self)


@dataclass
class Section:
    key: str
    title: str
    figures: list[Figure] = field(default_factory=list)
    charts: list[Chart] = field(default_factory=list)
    note: str = ""


def starting_from(stmt: Select, ids: Select) -> Select:
    """The same rows, restricted once more to `ids`, a short indexed set they all belong to (the
    period's), so that PostgreSQL starts from it and checks access case by case. Without it, it
    reads every case to check access and joins the period's rows after: 3 to 4 times slower at
    200,000 cases (benchmarks/key_figures.py). On PostgreSQL the set is written `= ANY(ARRAY(...))`:
    given `IN (...)`, its planner still hashed every case rather than look the few up by key."""
    if db.session.get_bind().dialect.name == "postgresql":
        return stmt.where(Case.id == any_(func.array(ids.scalar_subquery())))
    return stmt.where(Case.id.in_(ids))


def ids_where(model, *conditions) -> Select:
    """Ids of the records of a kind of case that meet `conditions`, read from the kind's own table
    only (selecting `model.id` would join every case to it), for `starting_from`."""
    return select(model.__table__.c.id).where(*conditions)


def rows_of(stmt: Select, *columns) -> list[Row]:
    """The given columns of each row of `stmt`: fetched once, so several figures can be counted
    from the same rows (a period holds a few thousand) instead of asking the database again."""
    return list(db.session.execute(stmt.order_by(None).with_only_columns(*columns, maintain_column_froms=True)))


def among(column, ids: Collection[int]) -> ColumnElement[bool]:
    """`column` is one of `ids`, sent as a single value however many there are (an array on
    PostgreSQL, a JSON list on SQLite), so that the database looks each one up by its key."""
    values = sorted(ids)
    if db.session.get_bind().dialect.name == "postgresql":
        # Written out as the array's text rather than a list to adapt item by item: a few
        # milliseconds less per few thousand ids.
        listed = "{" + ",".join(map(str, values)) + "}"
        return column == any_(cast(bindparam(None, listed, type_=Text), ARRAY(Integer)))
    listed = func.json_each(json.dumps(values)).table_valued("value")
    return column.in_(select(listed.c.value))


def tally(values: Iterable[Hashable]) -> dict:
    """How many times each value occurs."""
    return dict(Counter(values))


def counts_by(stmt: Select, *keys) -> dict[tuple, int]:
    """How many rows of `stmt` per combination of `keys`, counted by the database: a few lines
    for the figures and charts to add up instead of a row per record."""
    grouped = stmt.order_by(None).with_only_columns(*keys, func.count(), maintain_column_froms=True).group_by(*keys)
    return {tuple(row[:-1]): row[-1] for row in db.session.execute(grouped)}


def month_of(column) -> tuple:
    """The calendar year and month of a date column, as `counts_by` keys."""
    return extract("year", column), extract("month", column)


def monthly(counts: dict[tuple, int], period: Period) -> list[int]:
    """Lines of `counts_by` whose last two keys are `month_of`'s, added up per month of the period."""
    found: Counter = Counter()
    for (*_others, year, month), n in counts.items():
        found[int(year), int(month)] += n
    return [found[m.start.year, m.start.month] for m in period.months()]


def count(stmt: Select) -> int:
    """How many rows a SELECT gives, counted by the database."""
    return db.session.scalar(select(func.count()).select_from(stmt.order_by(None).subquery())) or 0


def per_month(stmt: Select, column, period: Period) -> list[int]:
    """Rows of `stmt` per calendar month of `column` within the period, one GROUP BY query."""
    year, month = extract("year", column), extract("month", column)
    grouped = stmt.order_by(None).with_only_columns(year, month, func.count(), maintain_column_froms=True) \
        .group_by(year, month)
    found = {(int(y), int(m)): n for y, m, n in db.session.execute(grouped)}
    return [found.get((m.start.year, m.start.month), 0) for m in period.months()]


def month_labels(period: Period) -> list[str]:
    """"Jan" or "Jan 2026" in English, « janv. » in French, "ene" in Spanish: by Babel, in the page's language."""
    pattern = "MMM" if period.is_year else "MMM y"
    return [format_date(m.start, pattern) for m in period.months()]


def by_count_then_name(counts: dict[int, int], limit: int | None = None) -> list[tuple[int, str]]:
    """States (id → count) as a chart lists them: the most first, ties in the alphabetical order of
    the page's language; each with its name in that language. `limit`: only the first so many."""
    from casework.core.states import State, collation_key, page_language

    states = db.session.scalars(select(State).where(State.id.in_(list(counts)))).all()
    language = page_language()
    ranked = sorted(states, key=lambda s: (-counts[s.id], collation_key(s.shown_name, language)))
    return [(state.id, state.shown_name) for state in ranked[:limit]]
