"""Who may know the authors of an urgent action.

Reading an urgent action follows the one policy of `casework.core.permissions`. The authors'
identity is stricter (strictly confidential, DOMAIN §2): it is known only to the members of the
unit that holds the urgent action (the CED secretariat) and to the people its supervisors assign
to it. Membership of the whole secretariat, the auditor's read-only access and the administrator's
account management do not reveal it.

The same rule is given to the persons registry (`hidden_links` in `module.py`), so the registry, its
search, a person's page and the audit log hide the authors' links as the urgent action page does.
"""
from __future__ import annotations

from sqlalchemy import ColumnElement, and_, exists, or_, select

from casework.core.cases import CaseAssignment
from casework.core.persons import CasePerson, PersonRole
from casework.urgent_actions.models import UrgentAction


def _signed_in(user) -> bool:
    return user is not None and getattr(user, "is_authenticated", False) and user.is_active


def _member_unit_ids(user) -> list[int]:
    """Units the user belongs to in their own right (not through the secretariat)."""
    return [m.unit_id for m in user.memberships]


def can_see_authors(user, urgent_action: UrgentAction) -> bool:
    """May `user` know who the authors are and how to reach them?"""
    if not _signed_in(user):
        return False
    if urgent_action.unit_id in _member_unit_ids(user):
        return True
    return any(a.user_id == user.id for a in urgent_action.assignments)


def authors_visible_clause(user) -> ColumnElement[bool]:
    """SQL condition on `UrgentAction`: those whose authors `user` may know."""
    assigned = select(CaseAssignment.case_id).where(CaseAssignment.user_id == user.id)
    return or_(UrgentAction.unit_id.in_(_member_unit_ids(user)), UrgentAction.id.in_(assigned))


def hidden_author_links(user) -> ColumnElement[bool] | None:
    """The author links of the urgent actions whose authors `user` may not know."""
    if not _signed_in(user):
        return CasePerson.role == PersonRole.AUTHOR
    # Asked of each link (correlated), not as a list of every urgent action whose authors are
    # secret: a search or a person's page reads a few links, and listing 30,000 urgent actions for
    # each of them was most of a search's time (benchmarks/search.py).
    secret = exists(select(UrgentAction.id).where(UrgentAction.id == CasePerson.case_id,
                                                  ~authors_visible_clause(user)).correlate(CasePerson))
    return and_(CasePerson.role == PersonRole.AUTHOR, secret)
