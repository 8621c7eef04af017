"""Signing in: password check, lockout after repeated failures, optional TOTP second step."""
from __future__ import annotations

import functools
import hmac
import secrets
import time
from dataclasses import dataclass

import pyotp
from flask import current_app, session
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import LoginManager, login_user
from sqlalchemy import func, select, update
from werkzeug.security import check_password_hash, generate_password_hash

from casework.auth.models import User, UserSession
from casework.core import audit
from casework.core.db import utcnow
from casework.extensions import db

PENDING_KEY = "pending_totp_user"
SESSION_KEY = "sid"  # the browser's session token (`UserSession`)


@functools.cache
def _dummy_hash() -> str:
    """Checked against when the e-mail is unknown, so both paths take the same time."""
    return generate_password_hash("no such user", method="scrypt")


def init_login_manager(manager: LoginManager) -> None:
    manager.login_view = "auth.login"
    manager.login_message = _l("Please sign in to continue.")
    manager.login_message_category = "info"
    manager.session_protection = "strong"

    @manager.user_loader
    def load_user(session_id: str) -> User | None:
        user_id, _sep, epoch = session_id.partition(":")
        user = db.session.get(User, int(user_id)) if user_id.isdigit() else None
        if user is None or str(user.session_epoch) != epoch:
            return None
        return user if session_open(user, session.get(SESSION_KEY)) else None


def session_open(user: User, token: str | None) -> bool:
    """This browser's session of the user has not been ended (signed out, password changed)."""
    if not token:
        return False
    return db.session.scalar(select(UserSession.id).where(
        UserSession.token_hash == UserSession.hash(token), UserSession.user_id == user.id,
        UserSession.ended_at.is_(None))) is not None


@dataclass
class SignInResult:
    user: User | None
    error: str | None = None
    needs_totp: bool = False


def find_user(email: str) -> User | None:
    return db.session.scalar(select(User).where(func.lower(User.email) == email.strip().lower()))


def check_credentials(email: str, password: str) -> SignInResult:
    """Verify e-mail and password, counting failures and locking the account after too many."""
    user = find_user(email)
    # The same words (and the same work) whether the account is unknown, the password wrong or the
    # account locked: the page never tells whether an account exists.
    generic = _("The e-mail address or password is not correct. After repeated failures, signing in "
                "is paused for a while; an administrator can unlock the account.")
    if user is None:
        check_password_hash(_dummy_hash(), password)
        audit.record(audit.AuditAction.LOGIN_FAILED, object_type="users", detail={"email": email[:254]})
        return SignInResult(None, generic)
    if user.is_locked:
        check_password_hash(_dummy_hash(), password)
        audit.record(audit.AuditAction.LOGIN_FAILED, obj=user, actor_id=user.id, detail={"reason": "locked"})
        return SignInResult(None, generic)
    password_ok = user.check_password(password)
    if not password_ok or not user.active:
        count_failure(user)
        # Only someone who knows the password learns that the account is disabled.
        return SignInResult(None, _("This account is disabled.") if password_ok else generic)
    return SignInResult(user, needs_totp=user.has_totp)


def count_failure(user: User) -> None:
    user.failed_logins += 1
    audit.record(audit.AuditAction.LOGIN_FAILED, obj=user, actor_id=user.id)
    if user.failed_logins >= current_app.config["LOGIN_MAX_FAILURES"]:
        user.locked_until = utcnow() + current_app.config["LOGIN_LOCKOUT"]
        user.failed_logins = 0
        audit.record(audit.AuditAction.LOCKED_OUT, obj=user, actor_id=user.id)


def verify_totp(user: User, code: str) -> bool:
    """Accept the current code or the one either side of it (clock drift), each only once."""
    if not user.totp_secret:
        return False
    totp, code = pyotp.TOTP(user.totp_secret), code.strip().replace(" ", "")
    now = time.time()
    for offset in (-1, 0, 1):
        moment = now + offset * totp.interval
        step = totp.timecode(moment)
        if hmac.compare_digest(totp.at(moment), code) and step > (user.totp_last_step or -1):
            user.totp_last_step = step
            return True
    return False


def complete_sign_in(user: User, method: str = "password") -> None:
    """Start the session, known on the server: reset the failure count and record the sign-in
    and how it was made ("password", "password+totp", "oidc")."""
    session.clear()
    token = secrets.token_urlsafe(32)
    db.session.add(UserSession(user_id=user.id, token_hash=UserSession.hash(token)))
    login_user(user)
    session[SESSION_KEY] = token
    session.permanent = True
    session["auth_at"] = utcnow().timestamp()
    user.failed_logins = 0
    user.locked_until = None
    user.last_login_at = utcnow()
    audit.record(audit.AuditAction.LOGIN, obj=user, actor_id=user.id, detail={"method": method})


def end_session(user: User) -> None:
    """Signing out ends this browser's session on the server: a copy of its cookie is worthless."""
    token = session.get(SESSION_KEY)
    if token:
        db.session.execute(update(UserSession).where(
            UserSession.token_hash == UserSession.hash(token), UserSession.user_id == user.id,
            UserSession.ended_at.is_(None)).values(ended_at=utcnow()))


def renew_session(user: User) -> None:
    """Re-issue this browser's session after the user's session epoch changed."""
    login_user(user)


def new_totp_secret() -> str:
    return pyotp.random_base32()


def totp_uri(user: User, secret: str) -> str:
    return pyotp.TOTP(secret).provisioning_uri(name=user.email, issuer_name=current_app.config["TOTP_ISSUER"])
