"""Creating, counting and reading notifications."""
from __future__ import annotations

from sqlalchemy import func, select, update

from casework.core.cases import Case
from casework.core.db import utcnow
from casework.core.permissions import Permission, can
from casework.extensions import db
from casework.reminders.models import Notification, NotificationKind


def notify(user, case: Case | None, kind: NotificationKind, key: str, text: str) -> Notification | None:
    """Tell `user` something, once per key; nothing about a case they may not see. Flushes.

    Returns the new notification, or None when it was already sent or the user may not see it.
    """
    if not user.active or (case is not None and not can(user, Permission.VIEW, case)):
        return None
    already = db.session.scalar(select(Notification.id).where(Notification.user_id == user.id, Notification.key == key))
    if already is not None:
        return None
    notification = Notification(user_id=user.id, case_id=case.id if case else None, kind=kind, key=key, text=text)
    db.session.add(notification)
    db.session.flush()
    return notification


def unread_count(user) -> int:
    return db.session.scalar(
        select(func.count(Notification.id)).where(Notification.user_id == user.id, Notification.read_at.is_(None))
    ) or 0


def mark_read(notification: Notification) -> None:
    """Mark one notification read (again reading it changes nothing). Flushes."""
    if notification.read_at is None:
        notification.read_at = utcnow()
        db.session.flush()


def mark_all_read(user) -> int:
    """Mark every unread notification of `user` read; returns how many. Flushes."""
    result = db.session.execute(
        update(Notification).where(Notification.user_id == user.id, Notification.read_at.is_(None))
        .values(read_at=utcnow()).execution_options(synchronize_session=False)
    )
    db.session.flush()
    return result.rowcount or 0


def set_email_digest(user, wanted: bool) -> None:
    """Turn the daily digest by e-mail on or off for `user` (audited with the account). Flushes."""
    user.email_digest = wanted
    db.session.flush()
