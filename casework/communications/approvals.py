"""Communications awaiting a supervisor's decision, for “My work”."""
from __future__ import annotations

from flask_babel import gettext as _

from casework.communications.models import Communication, CommunicationStatus
from casework.reminders.approvals import Awaiting, cases_awaiting


def awaiting_approval(user, limit: int) -> list[Awaiting]:
    """New complaints received, waiting for the decision to register them or not."""
    return cases_awaiting(user, Communication, [CommunicationStatus.RECEIVED], _("Decide on registration"), limit)
