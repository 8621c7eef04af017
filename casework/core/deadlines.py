"""Deadlines opened by workflow transitions: due dates, extensions and reminders."""
from __future__ import annotations

import calendar
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from flask_babel import format_date
from flask_babel import gettext as _
from sqlalchemy import ForeignKey, Index, String, Text, select
from sqlalchemy.orm import Mapped, mapped_column, relationship

from casework.core.audit import Audited
from casework.core.db import utcnow
from casework.core.inputs import latest_past_date
from casework.core.writes import Refused
from casework.extensions import db


def add_months(start: date, months: int) -> date:
    """Calendar months later, clamped to the month's last day (31 Aug + 6 months = 28/29 Feb)."""
    month_index = start.month - 1 + months
    year, month = start.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(start.day, calendar.monthrange(year, month)[1]))


@dataclass(frozen=True)
class Period:
    """A length of time as the procedures state it: "6 months", "2 weeks", "180 days"."""

    months: int = 0
    days: int = 0

    def after(self, start: date) -> date:
        return add_months(start, self.months) + timedelta(days=self.days)

    def __str__(self) -> str:
        parts = []
        if self.months:
            parts.append(f"{self.months} month{'s' if self.months != 1 else ''}")
        if self.days:
            parts.append(f"{self.days} day{'s' if self.days != 1 else ''}")
        return " ".join(parts) or "0 days"


class Deadline(Audited, db.Model):
    """A clock running on a case, e.g. "State observations due"."""

    __tablename__ = "deadlines"
    __audit_ignored__ = frozenset({"updated_at", "overdue_since"})  # derived from due_on, which is audited
    __table_args__ = (
        Index("ix_deadlines_open_due", "closed_at", "due_on"),
        # "Overdue replies" of one kind; with the case, the backlog counts them from the index alone
        # instead of reading every overdue deadline's row.
        Index("ix_deadlines_kind_open_due_case", "kind", "closed_at", "due_on", "case_id"),
        Index("ix_deadlines_case_open_due", "case_id", "closed_at", "due_on"),  # a user's cases' deadlines (My work)
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(60))
    label: Mapped[str] = mapped_column(String(200))
    due_on: Mapped[date]
    original_due_on: Mapped[date]
    opened_at: Mapped[datetime] = mapped_column(default=utcnow)
    opened_by_event: Mapped[str | None] = mapped_column(String(60))
    closed_at: Mapped[datetime | None]  # when the step that met it was recorded
    closed_by_event: Mapped[str | None] = mapped_column(String(60))
    met_on: Mapped[date | None]  # the day of that step (a reply's receipt), which may be earlier
    extended_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    extended_on: Mapped[date | None]
    extension_note: Mapped[str | None] = mapped_column(Text)  # who granted it, at whose request
    reminders_sent: Mapped[int] = mapped_column(default=0)
    last_reminder_on: Mapped[date | None]
    overdue_since: Mapped[date | None]  # set by the daily deadline check, cleared if extended

    case = relationship("Case", backref=db.backref("deadlines", cascade="all, delete-orphan"))
    extended_by = relationship("User", foreign_keys=[extended_by_id])

    @property
    def shown_label(self) -> str:
        """The label in the reader's language: it is stored in English, as the workflow declares it."""
        return _(self.label)

    @property
    def is_open(self) -> bool:
        return self.closed_at is None

    def is_overdue(self, today: date | None = None) -> bool:
        return self.is_open and self.due_on < (today or date.today())

    @property
    def met_late(self) -> bool:
        return self.met_on is not None and self.met_on > self.due_on


def meet_open_deadlines(case_id: int, kinds: Iterable[str], event: str, on: date) -> None:
    """Close the case's open deadlines of these kinds, met by `event` on the day it happened: a
    reply received within its deadline and recorded after it met the deadline on time."""
    for deadline in db.session.scalars(select(Deadline).where(
            Deadline.case_id == case_id, Deadline.closed_at.is_(None), Deadline.kind.in_(list(kinds)))):
        deadline.closed_at, deadline.closed_by_event, deadline.met_on = utcnow(), event, on


# Where a procedure limits extensions (one month, once), its rule for that kind of deadline:
# (deadline, new due date) → the reason for refusing, or None. Every way of extending obeys it.
ExtensionRule = Callable[[Deadline, date], str | None]
_EXTENSION_RULES: dict[str, ExtensionRule] = {}


def register_extension_rule(kind: str, rule: ExtensionRule) -> None:
    """Limit how deadlines of one kind may be extended."""
    _EXTENSION_RULES[kind] = rule


def extend_deadline(deadline: Deadline, new_due_on: date, actor, note: str) -> None:
    """Move an open deadline later, recording who granted the extension and why. Flushes."""
    if not deadline.is_open:
        raise Refused(_("“%(label)s” has been met; it can no longer be extended.", label=deadline.shown_label))
    rule = _EXTENSION_RULES.get(deadline.kind)
    reason = rule(deadline, new_due_on) if rule else None
    if reason:
        raise Refused(reason)
    if new_due_on <= deadline.due_on:
        raise Refused(_("An extension must be later than the current due date, %(due)s.",
                        due=deadline.due_on.isoformat()))
    if not note.strip():
        raise Refused(_("Say who granted the extension, and at whose request."))
    deadline.due_on = new_due_on
    deadline.extended_by_id = actor.id
    deadline.extended_on = date.today()
    deadline.extension_note = note.strip()
    db.session.flush()


def record_reminder(deadline: Deadline, on: date | None = None) -> int:
    """Count a reminder sent for an open deadline on the day it went (`on`, today if not given);
    returns how many have been sent. Flushes."""
    if not deadline.is_open:
        raise Refused(_("“%(label)s” has been met; no reminder is needed.", label=deadline.shown_label))
    on = on or date.today()
    if on > latest_past_date():
        raise Refused(_("A reminder cannot be dated %(date)s, in the future.", date=format_date(on)))
    if deadline.last_reminder_on is not None and on < deadline.last_reminder_on:
        raise Refused(_("A reminder cannot be dated %(date)s, before the previous one, sent on %(last)s.",
                        date=format_date(on), last=format_date(deadline.last_reminder_on)))
    deadline.reminders_sent += 1
    deadline.last_reminder_on = on
    db.session.flush()
    return deadline.reminders_sent
