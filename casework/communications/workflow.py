"""The life of a communication, as data: from receipt to closed follow-up; and beside it, the
life of each interim-measures request.

The Special Rapporteur on new communications and interim measures decides registration and
transmittal, so those need the committee unit's supervisor role (APPROVE). Decisions are recorded
by the decision form, which fires the matching event (so they are not offered as plain buttons).
The Special Rapporteur also grants or refuses interim measures, and lifts them.
"""
from __future__ import annotations

from datetime import date

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from casework.communications.committees import author_comments_period
from casework.communications.models import CASE_TYPE, CommunicationStatus as S, DecisionType, InterimMeasure, \
    MeasureStatus as M
from casework.core.deadlines import Deadline, Period
from casework.core.permissions import Permission
from casework.core.workflow import CaseHistory, DeadlineRule, Transition, Workflow
from casework.extensions import db

STATE_OBSERVATIONS = DeadlineRule("state_observations", _l("State observations on admissibility and merits"),
                                  lambda case: case.rules.state_observations)
ADMISSIBILITY_REQUEST = DeadlineRule("admissibility_request", _l("State may ask for admissibility alone"),
                                     lambda case: case.rules.admissibility_request)
AUTHOR_COMMENTS = DeadlineRule("author_comments", _l("Author's comments on the State's observations"),
                               lambda case: author_comments_period(case.unit))
CLARIFICATION = DeadlineRule("clarification", _l("Author's clarification"), Period(months=2))
FOLLOW_UP_REPLY = DeadlineRule("follow_up_reply", _l("State's follow-up reply"),
                               lambda case: case.rules.follow_up_reply)

INTAKE = frozenset({S.RECEIVED, S.CLARIFICATION_REQUESTED})
UNDER_EXAMINATION = frozenset({S.REGISTERED, S.TRANSMITTED, S.OBSERVATIONS_RECEIVED, S.COMMENTS_REQUESTED,
                               S.READY_FOR_DECISION, S.ADMISSIBLE})
EXAMINATION_CLOCKS = ("state_observations", "admissibility_request", "author_comments")

# The event each kind of decision fires.
DECISION_EVENTS = {
    DecisionType.VIEWS_VIOLATION: "adopt_views",
    DecisionType.VIEWS_NO_VIOLATION: "adopt_views",
    DecisionType.INADMISSIBLE: "declare_inadmissible",
    DecisionType.DISCONTINUED: "discontinue",
    DecisionType.ADMISSIBLE: "declare_admissible",
    DecisionType.FRIENDLY_SETTLEMENT: "record_friendly_settlement",
}


def _violation_found(case, _user) -> str | None:
    decision = case.final_decision
    if decision is None or not decision.found_violation:
        return _("Follow-up is opened only for Views finding a violation.")
    return None


def _transmitted_on(case) -> date | None:
    """The day the decision was transmitted to the parties, as the case's history records it: the
    day the step happened where the history holds it (dated steps, #18), else the day it was recorded."""
    entry = db.session.scalars(select(CaseHistory).where(CaseHistory.case_id == case.id,
                                                         CaseHistory.event == "notify_parties")
                               .order_by(CaseHistory.id.desc()).limit(1)).first()
    if entry is None:
        return None
    return getattr(entry, "happened_on", None) or entry.occurred_at.date()


def _clock_from_transmittal(case, _actor) -> None:
    """The State's follow-up reply is due counted from the transmittal of the decision to the
    parties, not from the day follow-up is opened (which may be after publication)."""
    transmitted = _transmitted_on(case)
    deadline = db.session.scalars(select(Deadline).where(
        Deadline.case_id == case.id, Deadline.kind == FOLLOW_UP_REPLY.kind, Deadline.opened_by_event == "open_follow_up",
        Deadline.closed_at.is_(None)).order_by(Deadline.id.desc()).limit(1)).first()
    if transmitted is not None and deadline is not None:
        deadline.due_on = deadline.original_due_on = FOLLOW_UP_REPLY.due_after(transmitted, case)


def _not_yet_published(case, _user) -> str | None:
    """A decision is published once; under follow-up it may not have been yet (follow-up opens
    from the transmittal to the parties)."""
    published = db.session.scalar(select(CaseHistory.id).where(
        CaseHistory.case_id == case.id, CaseHistory.event.in_(("publish", "publish_under_follow_up"))).limit(1))
    return _("The decision is already published.") if published is not None else None


def _no_follow_up_needed(case, _user) -> str | None:
    decision = case.final_decision
    if decision is not None and decision.found_violation:
        return _("Views finding a violation go to follow-up; open follow-up instead.")
    return None


def _graded(case, _user) -> str | None:
    if not any(r.grade for r in case.follow_up_rounds):
        return _("Grade at least one follow-up round before closing follow-up.")
    return None


def _settlement_allowed(case, _user) -> str | None:
    if not case.rules.friendly_settlement:
        return _("%(code)s has no friendly-settlement procedure.", code=case.rules.code)
    return None


COMMUNICATION_WORKFLOW = Workflow(
    case_type=CASE_TYPE,
    states=S,
    initial=S.RECEIVED,
    labels={S.READY_FOR_DECISION: _l("Ready for decision"), S.FOLLOW_UP: _l("Under follow-up"),
            S.NOTIFIED: _l("Notified to the parties")},
    transitions=(
        Transition("request_clarification", _l("Request clarification from the author"), frozenset({S.RECEIVED}),
                   S.CLARIFICATION_REQUESTED, opens=(CLARIFICATION,)),
        Transition("receive_clarification", _l("Record the author's clarification"),
                   frozenset({S.CLARIFICATION_REQUESTED}), S.RECEIVED, closes=("clarification",)),
        Transition("decline_registration", _l("Do not register"), INTAKE, S.NOT_REGISTERED, Permission.APPROVE,
                   required=("not_registered_reason",), closes=("clarification",), manual=False),
        Transition("register", _l("Register"), INTAKE, S.REGISTERED, Permission.APPROVE, closes=("clarification",),
                   manual=False),
        Transition("transmit", _l("Transmit to the State party"), frozenset({S.REGISTERED}), S.TRANSMITTED,
                   Permission.APPROVE, opens=(STATE_OBSERVATIONS, ADMISSIBILITY_REQUEST)),
        Transition("receive_observations", _l("Record the State's observations"), frozenset({S.TRANSMITTED}),
                   S.OBSERVATIONS_RECEIVED, closes=("state_observations", "admissibility_request")),
        Transition("request_comments", _l("Request the author's comments"), frozenset({S.OBSERVATIONS_RECEIVED}),
                   S.COMMENTS_REQUESTED, opens=(AUTHOR_COMMENTS,)),
        Transition("receive_comments", _l("Record the author's comments"), frozenset({S.COMMENTS_REQUESTED}),
                   S.READY_FOR_DECISION, closes=("author_comments",)),
        Transition("mark_ready", _l("Ready for decision without further submissions"),
                   frozenset({S.TRANSMITTED, S.OBSERVATIONS_RECEIVED, S.COMMENTS_REQUESTED}), S.READY_FOR_DECISION,
                   closes=EXAMINATION_CLOCKS),
        Transition("adopt_views", _l("Adopt Views"), frozenset({S.READY_FOR_DECISION, S.ADMISSIBLE}), S.DECIDED,
                   closes=EXAMINATION_CLOCKS, manual=False),
        Transition("declare_inadmissible", _l("Declare inadmissible"), UNDER_EXAMINATION - {S.ADMISSIBLE}, S.DECIDED,
                   closes=EXAMINATION_CLOCKS, manual=False),
        Transition("discontinue", _l("Discontinue"), UNDER_EXAMINATION, S.DECIDED, closes=EXAMINATION_CLOCKS,
                   manual=False),
        Transition("record_friendly_settlement", _l("Record a friendly settlement"), UNDER_EXAMINATION, S.DECIDED,
                   closes=EXAMINATION_CLOCKS, guard=_settlement_allowed, manual=False),
        Transition("declare_admissible", _l("Declare admissible (merits to follow)"),
                   UNDER_EXAMINATION - {S.REGISTERED, S.ADMISSIBLE}, S.ADMISSIBLE, closes=EXAMINATION_CLOCKS,
                   manual=False),
        Transition("request_merits_observations", _l("Request the State's observations on the merits"),
                   frozenset({S.ADMISSIBLE}), S.TRANSMITTED, opens=(STATE_OBSERVATIONS,)),
        Transition("notify_parties", _l("Transmit the decision to the parties"), frozenset({S.DECIDED}), S.NOTIFIED),
        Transition("publish", _l("Publish the decision"), frozenset({S.NOTIFIED}), S.PUBLISHED),
        Transition("open_follow_up", _l("Open follow-up"), frozenset({S.NOTIFIED, S.PUBLISHED}), S.FOLLOW_UP,
                   opens=(FOLLOW_UP_REPLY,), guard=_violation_found, after=_clock_from_transmittal),
        Transition("publish_under_follow_up", _l("Publish the decision"), frozenset({S.FOLLOW_UP}), S.FOLLOW_UP,
                   guard=_not_yet_published),
        Transition("request_follow_up_reply", _l("Request a further follow-up reply"), frozenset({S.FOLLOW_UP}),
                   S.FOLLOW_UP, opens=(FOLLOW_UP_REPLY,)),
        Transition("close", _l("Close the case"), frozenset({S.PUBLISHED}), S.CLOSED, guard=_no_follow_up_needed),
        Transition("close_follow_up", _l("Close follow-up"), frozenset({S.FOLLOW_UP}), S.CLOSED, Permission.APPROVE,
                   required=("follow_up_outcome",), closes=("follow_up_reply",), guard=_graded, manual=False),
    ),
)

# An interim-measures request is a part of its case: the case's permissions, the case's history.
# Its buttons are drawn in the interim-measures panel, not in the case's actions.
INTERIM_MEASURES_WORKFLOW = Workflow(
    case_type=InterimMeasure.workflow_key,
    states=M,
    initial=M.REQUESTED,
    title=_l("Interim measures"),
    transitions=(
        Transition("grant", _l("Grant interim measures"), frozenset({M.REQUESTED}), M.GRANTED, Permission.APPROVE),
        Transition("refuse", _l("Refuse interim measures"), frozenset({M.REQUESTED}), M.REFUSED, Permission.APPROVE),
        Transition("lift", _l("Lift interim measures"), frozenset({M.GRANTED}), M.LIFTED, Permission.APPROVE),
    ),
)
