"""Visit reports awaiting the head of office's review, for “My work”."""
from __future__ import annotations

from flask_babel import gettext as _

from casework.detention.visits.models import Visit, VisitStatus
from casework.reminders.approvals import Awaiting, cases_awaiting


def awaiting_approval(user, limit: int) -> list[Awaiting]:
    return cases_awaiting(user, Visit, [VisitStatus.SUBMITTED], _("Visit report submitted for review"), limit)
