"""Working-group cases awaiting a decision reserved to the Chair-Rapporteur, for “My work”:
an opinion to adopt, and urgent disappearances to transmit between sessions."""
from __future__ import annotations

from flask_babel import gettext as _

from casework.reminders.approvals import Awaiting, cases_awaiting
from casework.working_groups.models import DetentionCommunication, DisappearanceCase, Procedure
from casework.working_groups.workflow import READY_FOR_OPINION, DisappearanceStatus


def awaiting_approval(user, limit: int) -> list[Awaiting]:
    opinions = cases_awaiting(user, DetentionCommunication, READY_FOR_OPINION, _("Adopt the opinion"), limit)
    urgent = cases_awaiting(user, DisappearanceCase, [DisappearanceStatus.RECEIVED],
                            _("Transmit by the Chair (urgent procedure)"), limit,
                            condition=DisappearanceCase.procedure == Procedure.URGENT)
    return opinions + urgent
