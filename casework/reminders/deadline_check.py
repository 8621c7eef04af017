"""The daily deadline check: mark what is overdue and tell the people responsible.

Each responsible user who may see the case is told twice at most per due date: a week before
("due in 7 days or less") and the day after it passes ("overdue"). An extension moves the due
date, so the new date is announced again; a run repeated on the same day, or the next day,
never repeats a notification (the key names the deadline, the point and the due date).

Only deadlines that passed within the last week are announced as overdue: an older backlog (the
first run after installing, years of imported cases) is marked, and listed in the digest and My
work, rather than sent as hundreds of separate alerts. A scheduler stopped for less than a week
still catches up.
"""
from __future__ import annotations

from flask_babel import lazy_gettext as _l

from collections import defaultdict
from datetime import date, timedelta

from flask import url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from sqlalchemy import select, update
from sqlalchemy.orm import selectinload

from casework.core.cases import Case
from casework.core.deadlines import Deadline
from casework.core.jobs import job
from casework.extensions import db
from casework.reminders.language import day, in_language_of
from casework.reminders.mail import page_address, queue_email
from casework.reminders.models import Notification, NotificationKind
from casework.reminders.notify import notify
from casework.reminders.recipients import responsible_users

DUE_SOON_DAYS = 7
OVERDUE_ALERT_DAYS = 7


def my_work_line() -> str:
    """The last line of the e-mails: where to see the rest, with its address when it is known."""
    address = page_address(lambda: url_for("main.my_work"))
    return _("Open “My work” for details: %(address)s", address=address) if address \
        else _("Open Casework and see “My work” for details.")


def case_name(case: Case) -> str:
    """How a notification names a case: its reference only, never its title or people."""
    return case.reference or _("case #%(id)s", id=case.id)


def _alert(deadline: Deadline, today: date) -> tuple[NotificationKind, str]:
    """Which alert a deadline calls for today, and its key (the same in every language)."""
    due = deadline.due_on.isoformat()
    if deadline.due_on < today:
        return NotificationKind.OVERDUE, f"deadline:{deadline.id}:overdue:{due}"
    return NotificationKind.DUE_SOON, f"deadline:{deadline.id}:due_soon:{due}"


def alert_text(deadline: Deadline, kind: NotificationKind) -> str:
    """The alert's words in the current language, the label and the date as its reader writes them."""
    case, label, due = case_name(deadline.case), deadline.shown_label, day(deadline.due_on)
    if kind is NotificationKind.OVERDUE:
        return _("%(case)s: “%(label)s” was due on %(due)s and is overdue.", case=case, label=label, due=due)
    return _("%(case)s: “%(label)s” is due on %(due)s.", case=case, label=label, due=due)


def mark_overdue(today: date) -> int:
    """Set `overdue_since` on open deadlines past due, clear it where one was extended. Flushes.

    One UPDATE per due date rather than an object per deadline: the first run marks the whole
    backlog. The mark is derived from the due date (itself audited), so it is not audited.
    """
    unmarked = (Deadline.closed_at.is_(None), Deadline.due_on < today, Deadline.overdue_since.is_(None))
    due_dates = db.session.scalars(select(Deadline.due_on).where(*unmarked).distinct()).all()
    marked = 0
    for due_on in due_dates:
        result = db.session.execute(update(Deadline).where(*unmarked, Deadline.due_on == due_on)
                                    .values(overdue_since=due_on + timedelta(days=1))
                                    .execution_options(synchronize_session=False))
        marked += result.rowcount
    db.session.execute(update(Deadline).where(
        Deadline.closed_at.is_(None), Deadline.due_on >= today, Deadline.overdue_since.is_not(None),
    ).values(overdue_since=None).execution_options(synchronize_session=False))
    db.session.flush()
    db.session.expire_all()  # the objects loaded before the UPDATEs show the marks
    return marked


def _already_told(keys: set[str]) -> set[tuple[int, str]]:
    """(user id, key) of the notifications already given for these keys, in a few queries."""
    told: set[tuple[int, str]] = set()
    ordered = sorted(keys)
    for start in range(0, len(ordered), 500):
        told.update(db.session.execute(select(Notification.user_id, Notification.key)
                                       .where(Notification.key.in_(ordered[start:start + 500]))).all())
    return told


def check_deadlines(today: date) -> dict:
    """Mark overdue deadlines and notify the people responsible, as of `today`. Flushes."""
    marked = mark_overdue(today)
    watched = db.session.scalars(select(Deadline).where(
        Deadline.closed_at.is_(None), Deadline.due_on >= today - timedelta(days=OVERDUE_ALERT_DAYS),
        Deadline.due_on <= today + timedelta(days=DUE_SOON_DAYS),
    ).options(selectinload(Deadline.case).options(selectinload(Case.assignments), selectinload(Case.officer)))
      .order_by(Deadline.due_on, Deadline.id)).all()
    alerts = [(deadline, *_alert(deadline, today)) for deadline in watched]
    told = _already_told({key for _, _, key in alerts})
    supervisors: dict[int, list] = {}
    new: dict[int, list[Notification]] = defaultdict(list)
    users = {}
    texts: dict[tuple[str, str], str] = {}  # (key, language): each alert written once per language
    for deadline, kind, key in alerts:
        for user in responsible_users(deadline.case, supervisors):
            if (user.id, key) in told:
                continue
            with in_language_of(user) as language:
                if (key, language) not in texts:
                    texts[key, language] = alert_text(deadline, kind)
            notification = notify(user, deadline.case, kind, key, texts[key, language])
            if notification is not None:
                new[user.id].append(notification)
                users[user.id] = user
    emails = sum(_email_alerts(users[user_id], notifications) is not None for user_id, notifications in new.items())
    return {"marked_overdue": marked, "notified": sum(map(len, new.values())), "emails": emails}


def _email_alerts(user, notifications: list[Notification]):
    """One e-mail per user per run with what is new, when SMTP is configured, in their language
    (the notifications were written in it)."""
    lines = []
    for notification in notifications:
        lines.append(f"- {notification.text}")
        address = page_address(lambda: notification.case.url) if notification.case else None
        lines += [f"  {address}"] if address else []
    with in_language_of(user):
        subject = ngettext("Casework: %(num)d deadline needs your attention",
                           "Casework: %(num)d deadlines need your attention", len(notifications))
        return queue_email(user, subject, "\n".join(lines) + "\n\n" + my_work_line())


@job(label=_l("Daily deadline check"))
def run_deadline_check(today: str) -> dict:
    """The scheduled daily run: `today` is the ISO date the scheduler ran it for."""
    result = check_deadlines(date.fromisoformat(today))
    db.session.commit()
    return result
