"""Who may know the source of a working group case.

Reading the case follows the one policy of `casework.core.permissions`. The source is strictly
confidential (DOMAIN §2): known to the members of the working group's own unit and to the people
its supervisors assign to the case, not to the whole secretariat, the auditor or account
administrators — the rule of every kind that guards identities (`may_know_identities`).
"""
from __future__ import annotations

from casework.core.cases import Case
from casework.core.permissions import may_know_identities


def can_see_source(user, case: Case) -> bool:
    """May `user` know who the source is and how to reach them?"""
    return may_know_identities(user, case)
