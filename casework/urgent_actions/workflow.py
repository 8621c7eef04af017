"""The urgent action workflow, declared on the engine.

received → (information requested ↔ received) → not registered / forwarded to the Working Group /
registered → note verbale to the State (reply due in 2 weeks, per unit `ua_reply_days`) → letter
to the authors → State reply → sent to the authors → follow-up notes, each with a new deadline,
any number of rounds → located alive and free (closed), in detention (open), deceased (closed or
open), discontinued, suspended. The request is located once every disappeared person is: each
person's outcome is recorded on its own, and the request's state follows from them all. With no reply: up to three reminders, then a meeting with the
rapporteurs.
"""
from __future__ import annotations

from datetime import date, timedelta

from flask_babel import format_date
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select

from casework.core.deadlines import Deadline, Period
from casework.core.permissions import Permission
from casework.core.workflow import CaseHistory, DeadlineRule, Transition, Workflow, step_day
from casework.extensions import db
from casework.urgent_actions.models import CRITERIA_LABELS, Criterion, Located, UrgentAction, UrgentActionStatus

S = UrgentActionStatus
REPLY_DEADLINE = "state_reply"
def _reply_period(case) -> Period:
    """Two weeks, or the number of days in the unit's `ua_reply_days` setting."""
    return Period(days=int((case.unit.settings or {}).get("ua_reply_days") or 14))


REPLY_DUE = DeadlineRule(REPLY_DEADLINE, _l("State reply due"), _reply_period)
DEFAULT_MAX_REMINDERS = 3
DEFAULT_REMINDER_DAYS = 14

OPEN_STATES = frozenset({S.REGISTERED, S.AWAITING_REPLY, S.MEETING_WITH_RAPPORTEURS, S.REPLY_RECEIVED,
                         S.IN_FOLLOW_UP, S.LOCATED_IN_DETENTION, S.LOCATED_DECEASED})
BEFORE_REGISTRATION = frozenset({S.RECEIVED, S.INFORMATION_REQUESTED})


def max_reminders(urgent_action: UrgentAction) -> int:
    """Reminders before the State is invited to meet the rapporteurs (3 unless the unit says)."""
    return int((urgent_action.unit.settings or {}).get("ua_max_reminders", DEFAULT_MAX_REMINDERS))


def reminder_period(urgent_action: UrgentAction) -> int:
    """Days the State is given after each reminder."""
    return int((urgent_action.unit.settings or {}).get("ua_reminder_days", DEFAULT_REMINDER_DAYS))


def open_reply_deadline(urgent_action: UrgentAction) -> Deadline | None:
    """The State's reply clock now running, if any."""
    return db.session.scalar(select(Deadline).where(
        Deadline.case_id == urgent_action.id, Deadline.kind == REPLY_DEADLINE, Deadline.closed_at.is_(None)
    ).order_by(Deadline.id.desc()).limit(1))


def _criteria_met(ua: UrgentAction, user) -> str | None:
    unmet = [c for c in Criterion if not (ua.criteria or {}).get(c.value)]
    if unmet:
        return _("Registration needs every criterion met; not met: %(criteria)s.",
                 criteria="; ".join(str(CRITERIA_LABELS[c]) for c in unmet))
    return None


def _reminder_due(ua: UrgentAction, user) -> str | None:
    deadline = open_reply_deadline(ua)
    if deadline is None:
        return _("No reply is awaited from the State.")
    if (drafted := unsent_reminder(ua)) is not None:
        return _("The reminder drafted on %(date)s has not been sent yet; another can go once it has.",
                 date=format_date(drafted.created_at.date()))
    if deadline.reminders_sent >= max_reminders(ua):
        return _("%(n)s reminders have been sent; invite the State to meet the rapporteurs.", n=deadline.reminders_sent)
    if not deadline.is_overdue():
        return _("The State's reply is due on %(date)s; a reminder can go once it is overdue.",
                 date=format_date(deadline.due_on))
    return None


def _meeting_due(ua: UrgentAction, user) -> str | None:
    deadline = open_reply_deadline(ua)
    if deadline is None or deadline.reminders_sent < max_reminders(ua) or not deadline.is_overdue():
        return _("The State is invited to meet the rapporteurs only after %(n)s reminders without reply.",
                 n=max_reminders(ua))
    return None


def _authors_not_yet_informed(ua: UrgentAction, user) -> str | None:
    informed = db.session.scalar(select(CaseHistory.id).where(
        CaseHistory.case_id == ua.id, CaseHistory.event == "inform_authors").limit(1))
    return _("The authors have already been informed of the registration.") if informed else None


def unsent_reminder(ua: UrgentAction):
    """The reminder to the State drafted and not yet sent, if any."""
    from casework.letters.models import Letter, LetterStatus

    return db.session.scalar(select(Letter).where(
        Letter.parent_id == ua.id, Letter.letter_type == "ua_reminder",
        Letter.status.not_in([LetterStatus.SENT, LetterStatus.REPLIED])).limit(1))


def _after_reminder(ua: UrgentAction, actor) -> None:
    """Draft the reminder. It is counted, and gives the State its new date, once it is sent
    (`casework.urgent_actions.operations.count_sent_reminder`), not while it is a draft."""
    from casework.urgent_actions.operations import draft_reminder

    draft_reminder(ua, actor, step_day() + timedelta(days=reminder_period(ua)))


def note_verbale_sent_on(ua: UrgentAction) -> date | None:
    """The "Sent on" of the registration note verbale to the State (for a group's combined one,
    on its first urgent action), once recorded: the State's clock runs from that day."""
    from casework.letters.models import Letter

    def notes_of(case_id: int):
        return (Letter.parent_id == case_id) & (Letter.letter_type == "ua_registration_nv")

    has_its_own = db.session.scalar(select(func.count(Letter.id)).where(notes_of(ua.id)))
    holder = ua.group.members[0].id if not has_its_own and ua.group is not None and ua.group.members else ua.id
    return db.session.scalar(select(func.min(Letter.sent_on)).where(notes_of(holder)))


def _after_transmittal(ua: UrgentAction, actor) -> None:
    from casework.urgent_actions.letters import draft_for

    draft_for(ua, "ua_transmittal_to_authors", actor)


def request_outcome(ua: UrgentAction) -> S | None:
    """Where the request stands once every disappeared person is located, None while one is not:
    anyone in detention keeps it open while the risk lasts; anyone deceased keeps it open for the
    investigation (until it is closed on purpose); everyone alive and free closes it."""
    if not ua.disappeared or ua.still_missing:
        return None
    found = {outcome.outcome for outcome in ua.outcomes}
    if Located.IN_DETENTION in found:
        return S.LOCATED_IN_DETENTION
    if Located.DECEASED in found:
        return S.LOCATED_DECEASED
    return S.LOCATED_ALIVE


def missing_reason(ua: UrgentAction) -> str | None:
    """Why the request cannot move to an outcome yet: the persons not located, by name."""
    missing = ua.still_missing
    if not missing:
        return None
    return _("The urgent action stays open until every disappeared person is located; not located yet: "
             "%(persons)s.", persons="; ".join(person.full_name for person in missing))


def _outcomes_lead_to(target: S):
    def guard(ua: UrgentAction, user) -> str | None:
        if (reason := missing_reason(ua)) is not None:
            return reason
        if request_outcome(ua) != target:
            return _("The outcomes recorded for the persons do not lead to “%(state)s”.",
                     state=URGENT_ACTION_WORKFLOW.state_label(target))
        return None

    return guard


def _may_close_deceased(ua: UrgentAction, user) -> str | None:
    if (reason := missing_reason(ua)) is not None:
        return reason
    outcome = request_outcome(ua)
    if outcome == S.LOCATED_IN_DETENTION:
        return _("A person located in detention keeps the urgent action open while the risk lasts.")
    if outcome != S.LOCATED_DECEASED:
        return _("Only an urgent action with a person located deceased is closed this way.")
    return None


def _outcome(event: str, label: str, sources, target: S, permission: Permission = Permission.EDIT, *,
             guard=None, manual: bool = True) -> Transition:
    return Transition(event, label, frozenset(sources) - {target}, target, permission,
                      closes=(REPLY_DEADLINE,), guard=guard, manual=manual)


# The request reaches a "located" state when the persons' outcomes lead there
# (`casework.urgent_actions.operations.record_outcome`), never by a button of its own.
LOCATING = {S.LOCATED_ALIVE: "locate_alive", S.LOCATED_IN_DETENTION: "locate_in_detention",
            S.LOCATED_DECEASED: "locate_deceased"}


URGENT_ACTION_WORKFLOW = Workflow(
    case_type="urgent_action",
    states=UrgentActionStatus,
    initial=S.RECEIVED,
    labels={
        S.INFORMATION_REQUESTED: _l("Information requested from the authors"),
        S.FORWARDED_TO_WGEID: _l("Forwarded to the Working Group on Enforced Disappearances"),
        S.AWAITING_REPLY: _l("Awaiting the State's reply"),
        S.MEETING_WITH_RAPPORTEURS: _l("No reply: meeting with the rapporteurs"),
        S.REPLY_RECEIVED: _l("State reply received"),
        S.IN_FOLLOW_UP: _l("In follow-up"),
        S.LOCATED_ALIVE: _l("Located alive and free (closed)"),
        S.LOCATED_IN_DETENTION: _l("Located in detention (open)"),
        S.LOCATED_DECEASED: _l("Located deceased (open)"),
        S.CLOSED_DECEASED: _l("Located deceased (closed)"),
    },
    transitions=(
        # The registration decision is taken on the checklist (operations.decide_registration).
        Transition("register", _l("Register"), BEFORE_REGISTRATION, S.REGISTERED, guard=_criteria_met, manual=False),
        Transition("refuse_registration", _l("Do not register"), BEFORE_REGISTRATION, S.NOT_REGISTERED,
                   required=("decision_reason",), manual=False),
        Transition("request_information", _l("Request information from the authors"), frozenset({S.RECEIVED}),
                   S.INFORMATION_REQUESTED, required=("decision_reason",), manual=False),
        Transition("forward_to_wgeid", _l("Forward to the Working Group"), BEFORE_REGISTRATION, S.FORWARDED_TO_WGEID,
                   required=("decision_reason",), manual=False),
        Transition("information_received", _l("Information received from the authors"),
                   frozenset({S.INFORMATION_REQUESTED}), S.RECEIVED),
        Transition("transmit_to_state", _l("Note verbale sent to the State"), frozenset({S.REGISTERED}),
                   S.AWAITING_REPLY, opens=(REPLY_DUE,), dated_by=note_verbale_sent_on),
        Transition("inform_authors", _l("Registration letter sent to the authors"),
                   frozenset({S.AWAITING_REPLY, S.MEETING_WITH_RAPPORTEURS}), S.AWAITING_REPLY,
                   guard=_authors_not_yet_informed),
        Transition("send_reminder", _l("Send a reminder"), frozenset({S.AWAITING_REPLY}), S.AWAITING_REPLY,
                   guard=_reminder_due, after=_after_reminder),
        Transition("flag_for_meeting", _l("Invite the State to meet the rapporteurs"), frozenset({S.AWAITING_REPLY}),
                   S.MEETING_WITH_RAPPORTEURS, guard=_meeting_due),
        Transition("record_state_reply", _l("State reply received"),
                   frozenset({S.AWAITING_REPLY, S.MEETING_WITH_RAPPORTEURS}), S.REPLY_RECEIVED,
                   closes=(REPLY_DEADLINE,)),
        Transition("transmit_to_authors", _l("Send the State's reply to the authors"), frozenset({S.REPLY_RECEIVED}),
                   S.IN_FOLLOW_UP, after=_after_transmittal),
        # Sent with its recommendations and new deadline from the follow-up form.
        Transition("send_follow_up_note", _l("Send a follow-up note"),
                   frozenset({S.REPLY_RECEIVED, S.IN_FOLLOW_UP, S.LOCATED_IN_DETENTION, S.LOCATED_DECEASED}),
                   S.AWAITING_REPLY, opens=(REPLY_DUE,), manual=False),
        _outcome("locate_alive", _l("Located alive and free: close"), OPEN_STATES, S.LOCATED_ALIVE,
                 guard=_outcomes_lead_to(S.LOCATED_ALIVE), manual=False),
        _outcome("locate_in_detention", _l("Located in detention: keep open"), OPEN_STATES, S.LOCATED_IN_DETENTION,
                 guard=_outcomes_lead_to(S.LOCATED_IN_DETENTION), manual=False),
        _outcome("locate_deceased", _l("Located deceased: keep open"), OPEN_STATES, S.LOCATED_DECEASED,
                 guard=_outcomes_lead_to(S.LOCATED_DECEASED), manual=False),
        _outcome("close_deceased", _l("Located deceased: close"), OPEN_STATES, S.CLOSED_DECEASED,
                 guard=_may_close_deceased),
        _outcome("discontinue", _l("Discontinue"), OPEN_STATES | {S.SUSPENDED}, S.DISCONTINUED,
                 permission=Permission.APPROVE),
        _outcome("suspend", _l("Suspend"), OPEN_STATES, S.SUSPENDED, permission=Permission.APPROVE),
        Transition("resume", _l("Resume the follow-up"), frozenset({S.SUSPENDED}), S.IN_FOLLOW_UP, Permission.APPROVE),
    ),
)
