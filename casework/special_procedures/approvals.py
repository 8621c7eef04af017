"""Co-signature invitations waiting for the holder of a mandate, for “My work”."""
from __future__ import annotations

from flask_babel import gettext as _
from sqlalchemy import select

from casework.auth.models import Role
from casework.core.permissions import visibility_clause
from casework.extensions import db
from casework.reminders.approvals import Awaiting
from casework.special_procedures.models import CoSignature, CoSignatureStatus, Mandate, SpCommunication
from casework.special_procedures.permissions import can_decide


def awaiting_approval(user, limit: int) -> list[Awaiting]:
    """Invitations to co-sign, for the mandates whose unit the user supervises (holds)."""
    held = [m.unit_id for m in user.memberships if m.role is Role.SUPERVISOR]
    if not held:
        return []
    rows = db.session.execute(
        select(CoSignature, SpCommunication)
        .join(SpCommunication, SpCommunication.id == CoSignature.communication_id)
        .join(Mandate, Mandate.id == CoSignature.mandate_id)
        .where(CoSignature.status == CoSignatureStatus.INVITED, Mandate.unit_id.in_(held),
               visibility_clause(user, SpCommunication))
        .order_by(SpCommunication.updated_at, SpCommunication.id).limit(limit)
    ).all()
    return [Awaiting(comm, _("Co-sign as %(mandate)s", mandate=cosignature.mandate.name))
            for cosignature, comm in rows if can_decide(user, cosignature)]
