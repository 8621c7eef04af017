"""A form that creates a record is taken once: a double-click, or the same page sent twice at the
same instant, makes one record, and the second request is sent to it.

The page draws a random token in a hidden field (`SubmittedOnce`); `casework.core.writes.write`
claims it, unique in the database, in the transaction that creates the record, and remembers
where the record is.
"""
from __future__ import annotations

import secrets
from datetime import datetime

from sqlalchemy import ForeignKey, String, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Mapped, mapped_column
from wtforms import HiddenField

from casework.core.db import utcnow
from casework.extensions import db

TOKEN_LENGTH = 32


def new_token() -> str:
    return secrets.token_urlsafe(24)  # 32 characters


class SubmittedOnce:
    """Mixed into a form that creates a record: the page carries its one-time token."""

    once = HiddenField(default=new_token)


class Submission(db.Model):
    """A creating form that was taken, by whom, and the page of what it created."""

    __tablename__ = "form_submissions"

    id: Mapped[int] = mapped_column(primary_key=True)
    token: Mapped[str] = mapped_column(String(TOKEN_LENGTH), unique=True)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    location: Mapped[str | None] = mapped_column(String(500))


def token_of(form) -> str | None:
    """The form's one-time token, if it has one as the page drew it."""
    if form is None or "once" not in form:
        return None
    token = form.once.data or ""
    return token if len(token) == TOKEN_LENGTH and token.isascii() and token.isprintable() else None


def claim(token: str, user_id: int | None) -> Submission | None:
    """Take the token: the first write of the transaction that creates the record. None, and the
    transaction rolled back, if another request took it first (this one waits for that one's
    transaction to end).

    Not in a savepoint: on SQLite a savepoint opened before any other write is the outermost
    transaction, and releasing it would commit the token even if the creation is then refused.
    """
    submission = Submission(token=token, user_id=user_id)
    db.session.add(submission)
    try:
        db.session.flush()
    except IntegrityError:
        db.session.rollback()
        return None
    return submission


def taken(token: str, user_id: int | None) -> Submission | None:
    """The submission that took the token first, if it was this user's."""
    return db.session.scalar(select(Submission).where(Submission.token == token, Submission.user_id == user_id))
