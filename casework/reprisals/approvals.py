"""Reprisal cases awaiting the decision to include them in the report, for “My work”."""
from __future__ import annotations

from flask_babel import gettext as _

from casework.reminders.approvals import Awaiting, cases_awaiting
from casework.reprisals.models import ReprisalCase, ReprisalStatus


def awaiting_approval(user, limit: int) -> list[Awaiting]:
    return cases_awaiting(user, ReprisalCase, [ReprisalStatus.INCLUSION_DECISION], _("Decide on inclusion"), limit)
