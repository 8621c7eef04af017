"""Notifications in the app, e-mails waiting to go out, and the record of each daily run."""
from __future__ import annotations

import enum
from datetime import date, datetime

from sqlalchemy import ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from casework.core.db import StrEnumType, utcnow
from casework.extensions import db


class NotificationKind(enum.StrEnum):
    DUE_SOON = "due_soon"
    OVERDUE = "overdue"
    DIGEST = "digest"


class Notification(db.Model):
    """A message to one user, shown under the bell until they mark it read.

    `key` says what it is about (a deadline and its due date, a day's digest): one notification
    per user and key, so a job run twice never tells anyone twice. Notifications are the user's
    own inbox, not case data, so they are not in the audit trail.
    """

    __tablename__ = "notifications"
    __table_args__ = (
        UniqueConstraint("user_id", "key"),
        Index("ix_notifications_user_unread", "user_id", "read_at", "id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    case_id: Mapped[int | None] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), index=True)
    kind: Mapped[NotificationKind] = mapped_column(StrEnumType(NotificationKind))
    key: Mapped[str] = mapped_column(String(120))
    text: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    read_at: Mapped[datetime | None]

    case = relationship("Case")

    @property
    def is_read(self) -> bool:
        return self.read_at is not None


class OutgoingEmail(db.Model):
    """An e-mail to send through SMTP; the job that sends it records failures and can be retried."""

    __tablename__ = "outgoing_emails"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), index=True)
    to_address: Mapped[str] = mapped_column(String(254))
    subject: Mapped[str] = mapped_column(String(300))
    body: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    sent_at: Mapped[datetime | None]


class ScheduledRun(db.Model):
    """A daily job claimed for one day: the unique key makes the claim atomic across schedulers."""

    __tablename__ = "scheduled_runs"
    __table_args__ = (UniqueConstraint("name", "run_on"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(60))
    run_on: Mapped[date]
    claimed_at: Mapped[datetime] = mapped_column(default=utcnow)
    job_id: Mapped[int | None] = mapped_column(ForeignKey("jobs.id", ondelete="SET NULL"))
