"""Personal access tokens: how programs sign in to the JSON API as one user.

Only a SHA-256 of the secret is stored; the secret is shown once, when the token is created. A
token acts as its user (same roles, same policy) for as long as the user is active and the token
is neither expired nor revoked.
"""
from __future__ import annotations

import hashlib
import secrets
from datetime import UTC, date, datetime, time, timedelta

from flask_babel import gettext as _
from sqlalchemy import ForeignKey, String, select
from sqlalchemy.orm import Mapped, mapped_column, relationship

from casework.core.audit import Audited
from casework.core.db import utcnow
from casework.core.writes import Refused
from casework.extensions import db

SECRET_PREFIX = "cw_"
VISIBLE_CHARACTERS = 10  # "cw_" and the first 7 characters of the secret: enough to tell tokens apart
LAST_USED_PRECISION = timedelta(minutes=1)  # a busy script does not write the token row on every call


class TokenRefused(Refused):
    """The token cannot be created or changed; the message says why."""


class AccessToken(Audited, db.Model):
    """A personal access token of one user."""

    __tablename__ = "access_tokens"
    __audit_redacted__ = frozenset({"token_hash"})
    __audit_ignored__ = frozenset({"last_used_at"})

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(100))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    prefix: Mapped[str] = mapped_column(String(16))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    last_used_at: Mapped[datetime | None]
    expires_at: Mapped[datetime | None]
    revoked_at: Mapped[datetime | None]
    revoked_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))

    user = relationship("User", foreign_keys=[user_id])
    revoked_by = relationship("User", foreign_keys=[revoked_by_id])

    @property
    def audit_case_id(self) -> None:
        return None

    @property
    def expired(self) -> bool:
        return self.expires_at is not None and self.expires_at <= utcnow()

    @property
    def usable(self) -> bool:
        return self.revoked_at is None and not self.expired and self.user.is_active

    @property
    def state_label(self) -> str:
        if self.revoked_at is not None:
            return _("Revoked")
        return _("Expired") if self.expired else _("Active")


def hash_secret(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8", "surrogatepass")).hexdigest()


def create_token(user, name: str, expires_on: date | None, actor) -> tuple[AccessToken, str]:
    """A new token for `user`; returns it with its secret, which is never stored nor shown again."""
    if actor.id != user.id:
        raise TokenRefused(_("Tokens are created by their own user."))
    if not name.strip():
        raise TokenRefused(_("Give the token a name that says what uses it."))
    if expires_on is not None and expires_on <= utcnow().date():
        raise TokenRefused(_("The expiry date must be in the future."))
    secret = SECRET_PREFIX + secrets.token_urlsafe(32)
    token = AccessToken(
        user_id=user.id, name=name.strip(), token_hash=hash_secret(secret), prefix=secret[:VISIBLE_CHARACTERS],
        expires_at=datetime.combine(expires_on, time.min, tzinfo=UTC) if expires_on else None,
    )
    db.session.add(token)
    db.session.flush()
    return token, secret


def may_revoke(actor, token: AccessToken) -> bool:
    return actor.is_admin or token.user_id == actor.id


def revoke_token(token: AccessToken, actor) -> None:
    """End a token now: every later request with it is refused."""
    if not may_revoke(actor, token):
        raise TokenRefused(_("Only the token's user or an administrator may revoke it."))
    if token.revoked_at is None:
        token.revoked_at, token.revoked_by_id = utcnow(), actor.id
        db.session.flush()


def revoke_tokens_of(user, actor=None) -> int:
    """A new password ends the user's tokens too: whoever held the old one may have made them.
    `actor`: who set the password (None from the command line). Returns how many were ended."""
    usable = [t for t in tokens_of(user) if t.revoked_at is None]
    for token in usable:
        token.revoked_at, token.revoked_by_id = utcnow(), actor.id if actor else None
    db.session.flush()
    return len(usable)


def token_for_secret(secret: str) -> AccessToken | None:
    """The usable token with this secret, or None (unknown, expired, revoked or user disabled)."""
    if not secret.startswith(SECRET_PREFIX) or len(secret) > 200:
        return None
    token = db.session.scalar(select(AccessToken).where(AccessToken.token_hash == hash_secret(secret)))
    return token if token is not None and token.usable else None


def note_use(token: AccessToken) -> None:
    """Remember when the token was last used, at most once a minute."""
    now = utcnow()
    if token.last_used_at is None or now - token.last_used_at >= LAST_USED_PRECISION:
        token.last_used_at = now


def tokens_of(user) -> list[AccessToken]:
    return list(db.session.scalars(
        select(AccessToken).where(AccessToken.user_id == user.id).order_by(AccessToken.created_at.desc())))


def all_tokens() -> list[AccessToken]:
    return list(db.session.scalars(select(AccessToken).order_by(AccessToken.created_at.desc())))
