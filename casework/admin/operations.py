"""Changes to accounts and units. They flush and are audited; the view commits."""
from __future__ import annotations

from sqlalchemy import func, select
from flask_babel import gettext as _

from casework.auth.operations import set_new_password
from casework.auth.models import Membership, Role, User
from casework.core.units import Unit
from casework.core.writes import Refused
from casework.extensions import db



def save_user(user: User | None, name: str, email: str, password: str | None,
              is_admin: bool, is_auditor: bool, active: bool) -> User:
    """Create or update an account. A new account needs a password."""
    email = email.strip().lower()
    clash = db.session.scalar(select(User).where(func.lower(User.email) == email))
    if clash is not None and clash is not user:
        raise Refused(_("Another account already uses %(email)s.", email=email))
    if user is None and not password:
        raise Refused(_("A new account needs a password."))
    if user is not None and user.is_admin and user.active and not (is_admin and active) and _last_admin(user):
        raise Refused(_("This is the last active administrator: make someone else administrator first."))
    security_change = user is not None and (bool(password) or (user.is_admin, user.is_auditor, user.active)
                                            != (is_admin, is_auditor, active))
    user = user or User()
    user.name, user.email = name.strip(), email
    user.is_admin, user.is_auditor, user.active = is_admin, is_auditor, active
    if password:
        set_new_password(user, password, None)
    if security_change:
        user.end_other_sessions()  # a new password or new rights apply from the next request
    db.session.add(user)
    db.session.flush()
    return user


def _last_admin(user: User) -> bool:
    others = select(func.count()).select_from(User).where(User.is_admin, User.active, User.id != user.id)
    return db.session.scalar(others) == 0


def set_membership(user: User, unit: Unit, role: Role) -> Membership:
    """Give the user a role in a unit, replacing any role they had there."""
    membership = next((m for m in user.memberships if m.unit_id == unit.id), None)
    if membership is None:
        membership = Membership(user=user, unit=unit, role=role)
        db.session.add(membership)
    else:
        membership.role = role
    db.session.flush()
    return membership


def remove_membership(membership: Membership) -> None:
    db.session.delete(membership)
    db.session.flush()


def unlock(user: User) -> None:
    user.locked_until, user.failed_logins = None, 0


def reset_two_factor(user: User) -> None:
    """Clear the authenticator; an administrator will be asked to enrol again at next sign-in."""
    user.totp_secret = None
    user.end_other_sessions()


def create_unit(code: str, name: str, kind: str) -> Unit:
    if db.session.scalar(select(Unit).where(func.lower(Unit.code) == code.lower())):
        raise Refused(_("A unit with code %(code)s already exists.", code=code))
    unit = Unit(code=code, name=name, kind=kind)
    db.session.add(unit)
    db.session.flush()
    return unit
