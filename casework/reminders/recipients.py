"""Who is responsible for a case's deadlines: the people on it, or else its unit's supervisors."""
from __future__ import annotations

from sqlalchemy import ColumnElement, exists, or_, select

from casework.auth.models import Membership, Role, User
from casework.core.cases import Case, CaseAssignment
from casework.extensions import db


def _people_on(case: Case) -> list[User]:
    people = [case.officer] if case.officer is not None else []
    people += [db.session.get(User, a.user_id) for a in case.assignments]
    return people


def responsible_users(case: Case) -> list[User]:
    """The officer and the users assigned to the case; if nobody is on it, the supervisors of its
    unit. Active accounts only, each once."""
    people = _people_on(case)
    if not people:
        people = list(db.session.scalars(select(User).join(Membership, Membership.user_id == User.id).where(
            Membership.unit_id == case.unit_id, Membership.role == Role.SUPERVISOR)))
    unique = {user.id: user for user in people if user.active}
    return sorted(unique.values(), key=lambda user: user.id)


def responsible_clause(user: User) -> ColumnElement[bool]:
    """SQL condition on `Case`: the cases whose deadlines are this user's to watch.

    The same rule as `responsible_users`, read the other way, for the digest. The caller adds the
    visibility policy.
    """
    assigned = select(CaseAssignment.case_id).where(CaseAssignment.user_id == user.id)
    supervised = [m.unit_id for m in user.memberships if m.role is Role.SUPERVISOR]
    unattended = Case.officer_id.is_(None) & ~exists().where(CaseAssignment.case_id == Case.id)
    clauses = [Case.officer_id == user.id, Case.id.in_(assigned)]
    if supervised:
        clauses.append(unattended & Case.unit_id.in_(supervised))
    return or_(*clauses)
