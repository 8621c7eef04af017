"""The daily digest: one message per user with what is overdue and due within 7 days."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l

from dataclasses import dataclass, field
from datetime import date, timedelta

from flask_babel import format_decimal
from flask_babel import gettext as _
from sqlalchemy import select

from casework.auth.models import User
from casework.core.cases import Case
from casework.core.deadlines import Deadline
from casework.core.jobs import job
from casework.core.permissions import visibility_clause
from casework.extensions import db
from casework.reminders.deadline_check import DUE_SOON_DAYS, case_name, my_work_line
from casework.reminders.language import day, in_language_of
from casework.reminders.mail import page_address, queue_email
from casework.reminders.models import NotificationKind
from casework.reminders.notify import notify
from casework.reminders.recipients import responsible_case_ids

LISTED = 50  # per section; the rest is counted


@dataclass
class Section:
    rows: list[tuple[Deadline, Case]] = field(default_factory=list)
    total: int = 0


@dataclass
class Digest:
    overdue: Section
    due_soon: Section

    @property
    def empty(self) -> bool:
        return not (self.overdue.total or self.due_soon.total)


def deadlines_for(user: User, start: date | None, end: date, limit: int = LISTED) -> Section:
    """Open deadlines due in [start, end] on the cases `user` watches and may see, soonest first."""
    # From the user's cases to their deadlines: a user watches a few hundred cases, while the
    # open deadlines past a date can be most of the table (measured: 178 ms → see benchmark).
    mine = responsible_case_ids(user).subquery()
    stmt = (select(Deadline, Case).select_from(mine)
            .join(Deadline, Deadline.case_id == mine.c.id).join(Case, Case.id == Deadline.case_id)
            .where(Deadline.closed_at.is_(None), Deadline.due_on <= end, visibility_clause(user)))
    if start is not None:
        stmt = stmt.where(Deadline.due_on >= start)
    rows = db.session.execute(stmt.order_by(Deadline.due_on, Deadline.id).limit(limit + 1)).all()
    total = len(rows)
    if total > limit:
        total = db.session.scalar(select(db.func.count()).select_from(stmt.subquery()))
    return Section(rows[:limit], total)


def digest_for(user: User, today: date) -> Digest:
    return Digest(
        overdue=deadlines_for(user, None, today - timedelta(days=1)),
        due_soon=deadlines_for(user, today, today + timedelta(days=DUE_SOON_DAYS)),
    )


def digest_text(digest: Digest) -> str:
    """The e-mail body, in the current language: each deadline by due date, case reference and label."""
    lines = []
    for title, section in ((_("Overdue"), digest.overdue), (_("Due within 7 days"), digest.due_soon)):
        if not section.total:
            continue
        lines.append(f"{title} ({format_decimal(section.total)})")
        for deadline, case in section.rows:
            item = _("%(case)s: %(label)s", case=case_name(case), label=deadline.shown_label)
            lines.append(f"- {day(deadline.due_on)}  {item}")
            address = page_address(lambda: case.url)
            lines += [f"  {address}"] if address else []
        if section.total > len(section.rows):
            lines.append(_("… and %(count)s more.", count=format_decimal(section.total - len(section.rows))))
        lines.append("")
    lines.append(my_work_line())
    return "\n".join(lines)


def digest_summary(digest: Digest, today: date) -> str:
    """The notification's one line, in the current language."""
    return _("Your deadlines for %(day)s: %(overdue)s overdue, %(soon)s due within 7 days.",
             day=day(today, "long"), overdue=format_decimal(digest.overdue.total),
             soon=format_decimal(digest.due_soon.total))


def send_digests(today: date) -> dict:
    """Give every active user with something due their digest for `today`, once. Flushes."""
    sent = emails = 0
    for user in db.session.scalars(select(User).where(User.active).order_by(User.id)):
        digest = digest_for(user, today)
        if digest.empty:
            continue
        with in_language_of(user):
            summary = digest_summary(digest, today)
            if notify(user, None, NotificationKind.DIGEST, f"digest:{today.isoformat()}", summary) is None:
                continue  # already given today
            sent += 1
            if user.email_digest and queue_email(user, _("Casework: your deadlines for %(day)s", day=day(today)),
                                                 summary + "\n\n" + digest_text(digest)):
                emails += 1
    return {"digests": sent, "emails": emails}


@job(label=_l("Daily digest of deadlines"))
def run_digest(today: str) -> dict:
    """The scheduled daily run: `today` is the ISO date the scheduler ran it for."""
    result = send_digests(date.fromisoformat(today))
    db.session.commit()
    return result
