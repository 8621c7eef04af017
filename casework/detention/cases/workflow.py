"""The workflow of an individual case, as a table: open → raised with the authorities → outcome
recorded → closed."""
from __future__ import annotations

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from casework.core.permissions import Permission
from casework.core.workflow import Transition, Workflow
from casework.detention.cases.models import DetentionCase, DetentionCaseStatus, RELEASE_OUTCOMES

C = DetentionCaseStatus


def outcome_complete(case: DetentionCase, user) -> str | None:
    """A release is reported as a woman, a man or a child: the category is needed."""
    if case.outcome in RELEASE_OUTCOMES and case.category is None:
        return _("Say whether the person released is a woman, a man or a child.")
    return None


CASE_WORKFLOW = Workflow(
    case_type="detention_case",
    states=DetentionCaseStatus,
    initial=C.OPEN,
    labels={C.RAISED: _l("Raised with the authorities"), C.OUTCOME_RECORDED: _l("Outcome recorded")},
    transitions=(
        # Fired by the forms that take the date and the authority or the outcome, never bare.
        Transition("raise", _l("Raised with the authorities"), frozenset({C.OPEN}), C.RAISED, Permission.EDIT,
                   required=("raised_on", "raised_with"), manual=False),
        Transition("record_outcome", _l("Outcome recorded"), frozenset({C.RAISED}), C.OUTCOME_RECORDED,
                   Permission.EDIT, required=("outcome", "outcome_on"), guard=outcome_complete, manual=False),
        Transition("close", _l("Close the case"), frozenset({C.OPEN, C.RAISED, C.OUTCOME_RECORDED}), C.CLOSED,
                   Permission.EDIT),
        Transition("reopen", _l("Reopen"), frozenset({C.CLOSED}), C.RAISED, Permission.APPROVE),
    ),
)
