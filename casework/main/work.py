"""My work in sections: each counted, its first few shown, the rest on a paged view of its own.

Overdue comes first, the most recently overdue first: what slipped last week can still be
caught; what is years late is counted by how late (a band each) and paged, not shown first.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta

from flask_babel import lazy_gettext as _l
from sqlalchemy import Select, func, select

from casework.core.cases import Case
from casework.core.deadlines import Deadline
from casework.core.i18n import Label
from casework.core.permissions import visibility_clause
from casework.extensions import db
from casework.reminders.deadline_check import DUE_SOON_DAYS
from casework.reminders.recipients import responsible_case_ids

SHOWN = 10  # rows of each section on My work; "Show all" pages the rest


@dataclass(frozen=True)
class Band:
    """How late an overdue deadline is: from `least` to `most` days (None: no bound)."""

    key: str
    label: Label
    least: int
    most: int | None


BANDS = (
    Band("week", _l("Late by up to a week"), 1, 7),
    Band("month", _l("Late by up to a month"), 8, 31),
    Band("year", _l("Late by up to a year"), 32, 365),
    Band("older", _l("Late by over a year"), 366, None),
)


@dataclass(frozen=True)
class Kind:
    """A section of deadlines: its title, the days it spans from today, and its order."""

    key: str
    title: Label
    span: Callable[[date], tuple[date | None, date | None]]
    newest_first: bool = False
    empty: Label = ""


DEADLINE_SECTIONS = {
    "overdue": Kind("overdue", _l("Overdue"), lambda today: (None, today - timedelta(days=1)), newest_first=True,
                    empty=_l("Nothing overdue on your cases.")),
    "due-soon": Kind("due-soon", _l("Due in the next 7 days"),
                     lambda today: (today, today + timedelta(days=DUE_SOON_DAYS)),
                     empty=_l("Nothing due in the next 7 days.")),
    "later": Kind("later", _l("Due later"), lambda today: (today + timedelta(days=DUE_SOON_DAYS + 1), None),
                  empty=_l("Nothing due later on your cases.")),
}


@dataclass
class Section:
    kind: Kind
    total: int
    rows: list[tuple[Deadline, Case]]
    bands: list[tuple[Band, int]] = field(default_factory=list)  # overdue only: how many in each band


def deadlines(user, start: date | None, end: date | None) -> Select:
    """Open deadlines due in [start, end] on the cases `user` watches and may see (as the digest)."""
    mine = responsible_case_ids(user).subquery()
    stmt = (select(Deadline, Case).select_from(mine)
            .join(Deadline, Deadline.case_id == mine.c.id).join(Case, Case.id == Deadline.case_id)
            .where(Deadline.closed_at.is_(None), visibility_clause(user)))
    if start is not None:
        stmt = stmt.where(Deadline.due_on >= start)
    if end is not None:
        stmt = stmt.where(Deadline.due_on <= end)
    return stmt


def band_span(band: Band, today: date) -> tuple[date | None, date]:
    return (today - timedelta(days=band.most) if band.most else None), today - timedelta(days=band.least)


def ordered(stmt: Select, newest_first: bool) -> Select:
    return stmt.order_by(Deadline.due_on.desc() if newest_first else Deadline.due_on, Deadline.id)


def count(stmt: Select) -> int:
    return db.session.scalar(select(func.count()).select_from(stmt.order_by(None).subquery())) or 0


def section(user, kind: Kind, today: date, shown: int = SHOWN) -> Section:
    stmt = deadlines(user, *kind.span(today))
    rows = [tuple(row) for row in db.session.execute(ordered(stmt, kind.newest_first).limit(shown))]
    total = count(stmt) if len(rows) == shown else len(rows)
    bands = [(band, count(deadlines(user, *band_span(band, today)))) for band in BANDS] \
        if kind.key == "overdue" and total else []
    return Section(kind, total, rows, bands)


def band_of(deadline: Deadline, today: date) -> Band:
    late = (today - deadline.due_on).days
    return next(band for band in BANDS if band.most is None or late <= band.most)
