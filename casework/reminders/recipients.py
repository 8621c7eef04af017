"""Who is responsible for a case's deadlines: the people on it, or else its unit's supervisors."""
from __future__ import annotations

from sqlalchemy import exists, select, union

from casework.auth.models import Membership, Role, User
from casework.core.cases import Case, CaseAssignment
from casework.extensions import db


def _people_on(case: Case) -> list[User]:
    people = [case.officer] if case.officer is not None else []
    people += [db.session.get(User, a.user_id) for a in case.assignments]
    return people


def responsible_users(case: Case, supervisors: dict[int, list[User]] | None = None) -> list[User]:
    """The officer and the users assigned to the case; if nobody is on it, the supervisors of its
    unit. Active accounts only, each once. `supervisors` caches each unit's, for a long run."""
    people = _people_on(case)
    if not people:
        cache = {} if supervisors is None else supervisors
        if case.unit_id not in cache:
            cache[case.unit_id] = list(db.session.scalars(select(User).join(
                Membership, Membership.user_id == User.id).where(
                Membership.unit_id == case.unit_id, Membership.role == Role.SUPERVISOR)))
        people = cache[case.unit_id]
    unique = {user.id: user for user in people if user.active}
    return sorted(unique.values(), key=lambda user: user.id)


def responsible_case_ids(user: User):
    """The ids of the cases whose deadlines are this user's to watch (before the access policy).

    The same rule as `responsible_users`, read the other way, for the digest and My work: a
    union of ids, each branch on its own index, rather than an OR that no index serves.
    """
    branches = [select(Case.id.label("id")).where(Case.officer_id == user.id),
                select(CaseAssignment.case_id).where(CaseAssignment.user_id == user.id)]
    supervised = [m.unit_id for m in user.memberships if m.role is Role.SUPERVISOR]
    if supervised:
        unattended = Case.officer_id.is_(None) & ~exists().where(CaseAssignment.case_id == Case.id)
        branches.append(select(Case.id).where(Case.unit_id.in_(supervised), unattended))
    return union(*branches)
