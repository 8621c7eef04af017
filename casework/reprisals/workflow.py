"""The reprisals workflow, declared on the engine (DOMAIN §7).

allegation received → risk assessment and consent → verification → actions (each recorded with
its date and outcome) → inclusion decision for the annual report → yearly follow-up (back to a
new inclusion decision each year) → closed. Not substantiated at verification: closed.
"""
from __future__ import annotations

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from casework.core.permissions import Permission
from casework.core.workflow import Transition, Workflow
from casework.reprisals.models import ReprisalCase, ReprisalStatus

S = ReprisalStatus
OPEN = frozenset(S) - {S.CLOSED}
# Actions on the case can be recorded from verification onwards, for as long as it is followed up.
ACTING = frozenset({S.ACTION, S.INCLUSION_DECISION, S.FOLLOW_UP})


def _assessed(case: ReprisalCase, user) -> str | None:
    missing = []
    if not case.risk_assessments:
        missing.append(_("a risk assessment"))
    if not case.consents:
        missing.append(_("a consent record"))
    if missing:
        return _("Record %(what)s before verification.", what=_(" and ").join(missing))
    return None


def _acted(case: ReprisalCase, user) -> str | None:
    if not case.actions:
        return _("Record at least one action taken before the inclusion decision.")
    return None


REPRISAL_WORKFLOW = Workflow(
    case_type="reprisal",
    states=ReprisalStatus,
    initial=S.RECEIVED,
    labels={
        S.RECEIVED: _l("Allegation received"),
        S.RISK_AND_CONSENT: _l("Risk assessment and consent"),
        S.VERIFICATION: _l("Verification"),
        S.ACTION: _l("Actions"),
        S.INCLUSION_DECISION: _l("Inclusion decision for the annual report"),
        S.FOLLOW_UP: _l("Yearly follow-up"),
        S.CLOSED: _l("Closed"),
    },
    transitions=(
        Transition("assess", _l("Assess the risk and seek consent"), frozenset({S.RECEIVED}), S.RISK_AND_CONSENT),
        Transition("verify", _l("Move to verification"), frozenset({S.RISK_AND_CONSENT}), S.VERIFICATION,
                   guard=_assessed),
        Transition("verified", _l("Verified: act on the case"), frozenset({S.VERIFICATION}), S.ACTION),
        Transition("not_substantiated", _l("Not substantiated: close"), frozenset({S.VERIFICATION}), S.CLOSED,
                   Permission.APPROVE),
        Transition("consider_inclusion", _l("Consider for the annual report"), frozenset({S.ACTION}),
                   S.INCLUSION_DECISION, guard=_acted),
        # Taken on the inclusion form (operations.decide_inclusion), with the year and the annex.
        Transition("include", _l("Include in the annual report"), frozenset({S.INCLUSION_DECISION}), S.FOLLOW_UP,
                   Permission.APPROVE, manual=False),
        Transition("not_included", _l("Not included this year"), frozenset({S.INCLUSION_DECISION}), S.FOLLOW_UP,
                   Permission.APPROVE),
        Transition("yearly_review", _l("Yearly follow-up: consider for this year's report"), frozenset({S.FOLLOW_UP}),
                   S.INCLUSION_DECISION),
        Transition("resume_action", _l("Act on the case again"), frozenset({S.FOLLOW_UP}), S.ACTION),
        Transition("close", _l("Close"), OPEN, S.CLOSED, Permission.APPROVE),
        Transition("reopen", _l("Reopen for follow-up"), frozenset({S.CLOSED}), S.FOLLOW_UP, Permission.APPROVE),
    ),
)
