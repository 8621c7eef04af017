"""Who may know the source of a working group case.

Reading the case follows the one policy of `casework.core.permissions`. The source is strictly
confidential (DOMAIN §2): known to the members of the working group's own unit and to the people
its supervisors assign to the case, not to the whole secretariat, the auditor or account
administrators — the rule of every kind that guards identities (`may_know_identities`).

A person linked to the case as its source is hidden by the same rule (`hidden_links` in
`module.py`), on the case page, in the registry and its search, as the urgent actions' authors are.
"""
from __future__ import annotations

from sqlalchemy import ColumnElement, and_, select

from casework.core.cases import Case
from casework.core.db import exists_for_each
from casework.core.permissions import identities_known_clause, may_know_identities
from casework.core.persons import CasePerson, PersonRole
from casework.working_groups.models import DetentionCommunication, DisappearanceCase

_CASE_TYPES = (DetentionCommunication.__mapper__.polymorphic_identity,
               DisappearanceCase.__mapper__.polymorphic_identity)


def can_see_source(user, case: Case) -> bool:
    """May `user` know who the source is and how to reach them?"""
    return may_know_identities(user, case)


def hidden_source_links(user) -> ColumnElement[bool]:
    """The source links of the working groups' cases whose source `user` may not know."""
    secret = exists_for_each(select(Case.id).where(Case.id == CasePerson.case_id, Case.case_type.in_(_CASE_TYPES),
                                                   ~identities_known_clause(user, Case)).correlate(CasePerson))
    return and_(CasePerson.role == PersonRole.SOURCE, secret)
