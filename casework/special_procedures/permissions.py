"""Who may read a communication's source, and who signs for a mandate.

Reading a communication follows the one policy of `casework.core.permissions`: the lead desk (the
lead mandate's unit) sees it as any unit sees its cases. The co-signing mandates are not members
of that unit; when invited, their holders are assigned to the communication, which under the same
policy lets them read it (read only) — in every list, page and PDF alike — so they can decide.

The source is stricter (strictly confidential, DOMAIN §2): only members of the lead desk in their
own right know it. The secretariat-wide role, the auditor, the administrator and the co-signing
mandates do not; it is in no list, export, PDF or public output.

Files attached to a communication are its working documents (annexes, the replies of States and
companies), which the co-signing mandates must read to decide: they follow the communication, not
the source. What identifies the source belongs in the source field, which the form says.
"""
from __future__ import annotations

from sqlalchemy import select

from casework.auth.models import Membership, Role
from casework.core.permissions import Permission, can
from casework.extensions import db
from casework.special_procedures.models import SpCommunication, CoSignature, Mandate


def _signed_in(user) -> bool:
    return user is not None and getattr(user, "is_authenticated", False) and user.is_active


def is_lead_desk(user, comm: SpCommunication) -> bool:
    """Does `user` work on the lead mandate's desk in their own right?"""
    return _signed_in(user) and any(m.unit_id == comm.unit_id for m in user.memberships)


def can_see_source(user, comm: SpCommunication) -> bool:
    """May `user` know who the source is? The lead desk only."""
    return is_lead_desk(user, comm)


def holds_mandate(user, mandate: Mandate) -> bool:
    """Is `user` the holder of `mandate` in Casework: a supervisor of the mandate's own unit?"""
    return _signed_in(user) and any(
        m.unit_id == mandate.unit_id and m.role is Role.SUPERVISOR for m in user.memberships)


def can_decide(user, cosignature: CoSignature) -> bool:
    """May `user` approve or decline this invitation for the mandate?"""
    return holds_mandate(user, cosignature.mandate) and can(user, Permission.VIEW, cosignature.communication)


def holders_of(mandate: Mandate) -> list[int]:
    """Ids of the users who hold the mandate (supervisors of its unit), to assign on invitation."""
    return list(db.session.scalars(select(Membership.user_id).where(
        Membership.unit_id == mandate.unit_id, Membership.role == Role.SUPERVISOR)))
