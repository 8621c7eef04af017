"""Who may know the source of a working group case.

Reading the case follows the one policy of `casework.core.permissions`. The source is strictly
confidential (DOMAIN §2): known to the members of the working group's own unit and to the people
assigned to the case, not to the whole secretariat, the auditor or account administrators.
"""
from __future__ import annotations

from casework.core.cases import Case


def can_see_source(user, case: Case) -> bool:
    """May `user` know who the source is and how to reach them?"""
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    if any(m.unit_id == case.unit_id for m in user.memberships):
        return True
    return any(a.user_id == user.id for a in case.assignments)
