"""Who may know the authors of an urgent action.

Reading an urgent action follows the one policy of `casework.core.permissions`. The authors'
identity is stricter (strictly confidential, DOMAIN §2): it is known only to the members of the
unit that holds the urgent action (the CED secretariat) and to the people its supervisors assign
to it — the rule of every kind that guards identities, `may_know_identities` in
`casework.core.permissions`, where who may assign is decided too. Membership of the whole
secretariat, the auditor's read-only access, the administrator's account management, and an
assignment made by anyone but the unit's supervisors do not reveal it.

The same rule is given to the persons registry (`hidden_links` in `module.py`), so the registry, its
search, a person's page and the audit log hide the authors' links as the urgent action page does.
"""
from __future__ import annotations

from sqlalchemy import ColumnElement, and_, select

from casework.core.db import exists_for_each
from casework.core.permissions import identities_known_clause, may_know_identities
from casework.core.persons import CasePerson, PersonRole
from casework.urgent_actions.models import UrgentAction


def _signed_in(user) -> bool:
    return user is not None and getattr(user, "is_authenticated", False) and user.is_active


def can_see_authors(user, urgent_action: UrgentAction) -> bool:
    """May `user` know who the authors are and how to reach them?"""
    return may_know_identities(user, urgent_action)


def authors_visible_clause(user) -> ColumnElement[bool]:
    """SQL condition on `UrgentAction`: those whose authors `user` may know."""
    return identities_known_clause(user, UrgentAction)


def hidden_author_links(user) -> ColumnElement[bool] | None:
    """The author links of the urgent actions whose authors `user` may not know."""
    if not _signed_in(user):
        return CasePerson.role == PersonRole.AUTHOR
    # Asked of each link (correlated), not as a list of every urgent action whose authors are
    # secret: a search or a person's page reads a few links, and listing 30,000 urgent actions for
    # each of them was most of a search's time (benchmarks/search.py).
    secret = exists_for_each(select(UrgentAction.id).where(UrgentAction.id == CasePerson.case_id,
                                                           ~authors_visible_clause(user)).correlate(CasePerson))
    return and_(CasePerson.role == PersonRole.AUTHOR, secret)
