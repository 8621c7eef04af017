"""User accounts and their memberships of units."""
from __future__ import annotations

import enum
import hashlib
from datetime import datetime

from flask import current_app
from flask_login import UserMixin
from sqlalchemy import ForeignKey, String, UniqueConstraint, update
from sqlalchemy.orm import Mapped, mapped_column, relationship
from werkzeug.security import check_password_hash, generate_password_hash

from casework.core.audit import Audited
from casework.core.db import StrEnumType, TimestampMixin, utcnow
from casework.core.units import Unit
from casework.extensions import db


class Role(enum.StrEnum):
    """The role a user holds in one unit."""

    VIEWER = "viewer"
    CASE_OFFICER = "case_officer"
    SUPERVISOR = "supervisor"


class User(UserMixin, Audited, TimestampMixin, db.Model):
    """A person who signs in to Casework."""

    __tablename__ = "users"
    __audit_redacted__ = frozenset({"password_hash", "totp_secret"})
    __audit_ignored__ = frozenset({"last_login_at", "failed_logins", "updated_at", "totp_last_step"})

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    password_hash: Mapped[str] = mapped_column(String(256))
    is_admin: Mapped[bool] = mapped_column(default=False)
    is_auditor: Mapped[bool] = mapped_column(default=False)
    active: Mapped[bool] = mapped_column(default=True)
    failed_logins: Mapped[int] = mapped_column(default=0)
    locked_until: Mapped[datetime | None]
    totp_secret: Mapped[str | None] = mapped_column(String(64))
    # The 30-second step of the last accepted code: a code is never accepted twice.
    totp_last_step: Mapped[int | None]
    # Part of the session identifier: raising it (password change) ends every other session.
    session_epoch: Mapped[int] = mapped_column(default=0)
    email_digest: Mapped[bool] = mapped_column(default=True)  # daily digest by e-mail
    locale: Mapped[str | None] = mapped_column(String(10))  # the pages' language; None: the browser's
    last_login_at: Mapped[datetime | None]

    memberships: Mapped[list[Membership]] = relationship(
        back_populates="user", cascade="all, delete-orphan", lazy="selectin"
    )

    def set_password(self, password: str) -> None:
        """Hash with scrypt (memory-hard) unless the settings name another method."""
        self.password_hash = generate_password_hash(password, method=current_app.config["PASSWORD_HASH_METHOD"])

    def get_id(self) -> str:
        """Flask-Login's session identifier; it changes when every session must end."""
        return f"{self.id}:{self.session_epoch}"

    def end_other_sessions(self, keep: str | None = None) -> None:
        """Sign out every browser (but the one whose session token is `keep`)."""
        self.session_epoch += 1
        end_sessions(self.id, keep)

    def check_password(self, password: str) -> bool:
        return check_password_hash(self.password_hash, password)

    @property
    def is_active(self) -> bool:  # Flask-Login refuses inactive accounts
        return self.active

    @property
    def is_locked(self) -> bool:
        return self.locked_until is not None and self.locked_until > utcnow()

    @property
    def has_totp(self) -> bool:
        return bool(self.totp_secret)

    @property
    def needs_totp_enrolment(self) -> bool:
        """Administrators must use two-factor login."""
        return self.is_admin and not self.has_totp

    def __str__(self) -> str:
        return self.name


class Membership(Audited, db.Model):
    """A user's role in one unit."""

    __tablename__ = "memberships"
    __table_args__ = (UniqueConstraint("user_id", "unit_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"), index=True)
    role: Mapped[Role] = mapped_column(StrEnumType(Role))

    user: Mapped[User] = relationship(back_populates="memberships")
    unit: Mapped[Unit] = relationship(lazy="joined")


class UserSession(db.Model):
    """One signed-in browser, known on the server so that signing out ends it for good.

    The browser's signed cookie holds a random token; only its hash is stored. A copy of the
    cookie taken before signing out (or before a password change) no longer signs anyone in.
    """

    __tablename__ = "user_sessions"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    started_at: Mapped[datetime] = mapped_column(default=utcnow)
    ended_at: Mapped[datetime | None]

    @staticmethod
    def hash(token: str) -> str:
        return hashlib.sha256(token.encode("utf-8", "surrogatepass")).hexdigest()


def end_sessions(user_id: int, keep: str | None = None) -> None:
    """End every open session of the user, except the one whose token is `keep`."""
    stmt = update(UserSession).where(UserSession.user_id == user_id, UserSession.ended_at.is_(None))
    if keep:
        stmt = stmt.where(UserSession.token_hash != UserSession.hash(keep))
    db.session.execute(stmt.values(ended_at=utcnow()))
