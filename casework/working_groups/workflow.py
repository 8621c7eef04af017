"""The two working groups' workflows, declared on the engine (DOMAIN §6).

Arbitrary detention: received → transmitted to the Government (reply due in 60 days, one extension
of a month on request) → reply received / no reply → the source comments → opinion adopted at a
session → sent to the Government, then the source → published → follow-up (information due six
months after the opinion was sent) → closed; or filed before an opinion.

Enforced disappearances: received → transmitted (urgent: by the Chair between sessions; standard:
at a session) → outstanding, with a yearly reminder → Government reply → forwarded to the source →
clarified. A reply that would clarify the case opens six months in which the source may object:
only once they have passed without objection is the case clarified on the Government's
information; an objection keeps it outstanding. Discontinued only exceptionally, by the supervisor.

Steps that carry a date (the day a letter went, a reply came) are not buttons: they are taken on
the case page's dated form (`DATED_STEPS`), through `operations.take_step`.
"""
from __future__ import annotations

from dataclasses import replace
from datetime import date

from flask_babel import format_date
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from casework.core.deadlines import Deadline, Period
from casework.core.permissions import Permission, can
from casework.core.workflow import DeadlineRule, Transition, Workflow, refusal_reason, workflow_for
from casework.extensions import db
from casework.working_groups.models import (
    DetentionCommunication, DetentionStatus, DisappearanceCase, DisappearanceStatus, Outcome, Procedure,
)

D, E = DetentionStatus, DisappearanceStatus
REPLY_DEADLINE, FOLLOW_UP_DEADLINE = "wgad_government_reply", "wgad_follow_up"
OBJECTION_DEADLINE, REMINDER_DEADLINE = "wgeid_source_objection", "wgeid_yearly_reminder"
REPLY_DUE = DeadlineRule(REPLY_DEADLINE, _l("Government reply due"), Period(days=60))
FOLLOW_UP_DUE = DeadlineRule(FOLLOW_UP_DEADLINE, _l("Follow-up information due (6 months after the opinion)"),
                             Period(months=6))
OBJECTION_DUE = DeadlineRule(OBJECTION_DEADLINE, _l("The source may object to the clarification"), Period(months=6))
REMINDER_DUE = DeadlineRule(REMINDER_DEADLINE, _l("Yearly reminder to the Government"), Period(months=12))
EXTENSION = Period(months=1)

BEFORE_OPINION = frozenset({D.RECEIVED, D.TRANSMITTED, D.REPLY_RECEIVED, D.NO_REPLY, D.SOURCE_COMMENTS})
READY_FOR_OPINION = frozenset({D.REPLY_RECEIVED, D.NO_REPLY, D.SOURCE_COMMENTS})
NOT_CLARIFIED = frozenset({E.OUTSTANDING, E.REPLY_RECEIVED, E.AWAITING_OBJECTION})
DATED_STEPS = frozenset({
    "transmit", "record_reply", "send_to_government", "send_to_government_no_follow_up", "send_to_source",
    "publish", "transmit_urgent", "transmit_standard", "forward_reply", "forward_clarifying_reply",
    "clarify", "clarify_on_government_reply", "discontinue",
})


def open_deadline(case, kind: str) -> Deadline | None:
    """The clock of this kind now running on the case, if any."""
    return db.session.scalar(select(Deadline).where(
        Deadline.case_id == case.id, Deadline.kind == kind, Deadline.closed_at.is_(None)
    ).order_by(Deadline.id.desc()).limit(1))


def one_extension(deadline: Deadline, new_due_on: date) -> str | None:
    """The Government may ask once for one more month to reply (DOMAIN §6)."""
    if deadline.extended_on is not None:
        return _("The Government has already had its one extension (granted on %(on)s, reply now due on %(due)s); "
                 "a second extension is not possible.", on=format_date(deadline.extended_on),
                 due=format_date(deadline.due_on))
    latest = EXTENSION.after(deadline.original_due_on)
    if new_due_on > latest:
        return _("The extension is of one month at most: the reply can be due on %(latest)s at the latest.",
                 latest=format_date(latest))
    return None


def _has_subjects(case, user) -> str | None:
    return None if case.subjects else _("Add the person concerned before transmitting the case.")


def _reply_overdue(case, user) -> str | None:
    deadline = open_deadline(case, REPLY_DEADLINE)
    if deadline is not None and not deadline.is_overdue():
        return _("The Government's reply is due on %(due)s; it is recorded as not received only after that date.",
                 due=format_date(deadline.due_on))
    return None


def _arbitrary(case: DetentionCommunication, user) -> str | None:
    if case.opinion is None or case.opinion.outcome is not Outcome.ARBITRARY:
        return _("Only an opinion finding the detention arbitrary is followed up.")
    return None


def _not_arbitrary(case: DetentionCommunication, user) -> str | None:
    if case.opinion is not None and case.opinion.outcome is Outcome.ARBITRARY:
        return _("An opinion finding the detention arbitrary is sent with a request for follow-up.")
    return None


def _followed_up_first(case: DetentionCommunication, user) -> str | None:
    if case.status == D.PUBLISHED and case.opinion is not None and case.opinion.outcome is Outcome.ARBITRARY:
        return _("An opinion finding the detention arbitrary is followed up before the case is closed.")
    return None


DETENTION_WORKFLOW = Workflow(
    case_type="wgad_communication",
    states=DetentionStatus,
    initial=D.RECEIVED,
    labels={
        D.TRANSMITTED: _l("Transmitted to the Government"),
        D.REPLY_RECEIVED: _l("Government reply received"),
        D.NO_REPLY: _l("No reply from the Government"),
        D.SOURCE_COMMENTS: _l("Source comments received"),
        D.SENT_TO_GOVERNMENT: _l("Opinion sent to the Government"),
        D.SENT_TO_SOURCE: _l("Opinion sent to the source"),
        D.FOLLOW_UP: _l("Follow-up"),
    },
    transitions=(
        Transition("transmit", _l("Transmitted to the Government"), frozenset({D.RECEIVED}), D.TRANSMITTED,
                   opens=(REPLY_DUE,), guard=_has_subjects, manual=False),
        Transition("record_reply", _l("Government reply received"), frozenset({D.TRANSMITTED}), D.REPLY_RECEIVED,
                   closes=(REPLY_DEADLINE,), manual=False),
        Transition("no_reply", _l("No reply within the time limit"), frozenset({D.TRANSMITTED}), D.NO_REPLY,
                   closes=(REPLY_DEADLINE,), guard=_reply_overdue),
        Transition("record_source_comments", _l("Source comments received"), frozenset({D.REPLY_RECEIVED}),
                   D.SOURCE_COMMENTS),
        # Taken on the opinion form (operations.adopt_opinion), with the session, outcome and members.
        Transition("adopt_opinion", _l("Adopt the opinion"), READY_FOR_OPINION, D.OPINION_ADOPTED, Permission.APPROVE,
                   manual=False),
        Transition("send_to_government", _l("Opinion sent to the Government"), frozenset({D.OPINION_ADOPTED}),
                   D.SENT_TO_GOVERNMENT, opens=(FOLLOW_UP_DUE,), guard=_arbitrary, manual=False),
        Transition("send_to_government_no_follow_up", _l("Opinion sent to the Government"),
                   frozenset({D.OPINION_ADOPTED}), D.SENT_TO_GOVERNMENT, guard=_not_arbitrary, manual=False),
        Transition("send_to_source", _l("Opinion sent to the source"), frozenset({D.SENT_TO_GOVERNMENT}),
                   D.SENT_TO_SOURCE, manual=False),
        Transition("publish", _l("Opinion published"), frozenset({D.SENT_TO_SOURCE}), D.PUBLISHED, manual=False),
        Transition("start_follow_up", _l("Start the follow-up"), frozenset({D.PUBLISHED}), D.FOLLOW_UP,
                   guard=_arbitrary),
        Transition("record_follow_up", _l("Follow-up information received"), frozenset({D.FOLLOW_UP}), D.FOLLOW_UP,
                   closes=(FOLLOW_UP_DEADLINE,)),
        Transition("close", _l("Close"), frozenset({D.PUBLISHED, D.FOLLOW_UP}), D.CLOSED, Permission.APPROVE,
                   closes=(FOLLOW_UP_DEADLINE,), guard=_followed_up_first),
        Transition("file", _l("File the case"), BEFORE_OPINION, D.FILED, Permission.APPROVE, closes=(REPLY_DEADLINE,)),
    ),
)


def _urgent(case: DisappearanceCase, user) -> str | None:
    if case.procedure is not Procedure.URGENT:
        return _("This case follows the standard procedure: it is transmitted at a session.")
    if not case.urgent_eligible:
        return _("The disappearance is more than three months old: it follows the standard procedure.")
    return None


def _standard(case: DisappearanceCase, user) -> str | None:
    if case.procedure is not Procedure.STANDARD:
        return _("This is an urgent case: the Chair transmits it between sessions.")
    return None


def _objection_period_over(case: DisappearanceCase, user) -> str | None:
    deadline = open_deadline(case, OBJECTION_DEADLINE)
    if deadline is None:
        return _("The Government's reply has not been forwarded to the source as clarifying the case.")
    if deadline.due_on >= date.today():
        return _("The source may object until %(due)s; the case is clarified on the Government's information only "
                 "after that date.", due=format_date(deadline.due_on))
    return None


def _reminder_due(case: DisappearanceCase, user) -> str | None:
    deadline = open_deadline(case, REMINDER_DEADLINE)
    if deadline is None:
        return _("No yearly reminder is running on this case.")
    if deadline.due_on > date.today():
        return _("The next yearly reminder is due on %(due)s.", due=format_date(deadline.due_on))
    return None


DISAPPEARANCE_WORKFLOW = Workflow(
    case_type="wgeid_case",
    states=DisappearanceStatus,
    initial=E.RECEIVED,
    labels={
        E.OUTSTANDING: _l("Outstanding"),
        E.REPLY_RECEIVED: _l("Government reply received"),
        E.AWAITING_OBJECTION: _l("Reply forwarded: the source may object"),
    },
    transitions=(
        Transition("transmit_urgent", _l("Transmitted by the Chair (urgent procedure)"), frozenset({E.RECEIVED}),
                   E.OUTSTANDING, Permission.APPROVE, opens=(REMINDER_DUE,), guard=_urgent, manual=False),
        Transition("transmit_standard", _l("Transmitted after the session (standard procedure)"), frozenset({E.RECEIVED}),
                   E.OUTSTANDING, required=("session",), opens=(REMINDER_DUE,), guard=_standard, manual=False),
        Transition("record_reply", _l("Government reply received"), frozenset({E.OUTSTANDING}), E.REPLY_RECEIVED,
                   manual=False),
        Transition("forward_reply", _l("Reply forwarded to the source"), frozenset({E.REPLY_RECEIVED}), E.OUTSTANDING,
                   manual=False),
        Transition("forward_clarifying_reply", _l("Reply forwarded to the source as clarifying the case"),
                   frozenset({E.REPLY_RECEIVED}), E.AWAITING_OBJECTION, required=("clarification",),
                   opens=(OBJECTION_DUE,), manual=False),
        Transition("record_objection", _l("The source objects: keep the case outstanding"),
                   frozenset({E.AWAITING_OBJECTION}), E.OUTSTANDING, closes=(OBJECTION_DEADLINE,)),
        Transition("clarify_on_government_reply", _l("Clarified on the Government's information (six-month rule)"),
                   frozenset({E.AWAITING_OBJECTION}), E.CLARIFIED, guard=_objection_period_over,
                   closes=(OBJECTION_DEADLINE, REMINDER_DEADLINE), manual=False),
        Transition("clarify", _l("Clarified: fate or whereabouts established by the source or otherwise"),
                   frozenset({E.OUTSTANDING, E.REPLY_RECEIVED}), E.CLARIFIED, required=("clarification",),
                   closes=(REMINDER_DEADLINE,), manual=False),
        Transition("send_yearly_reminder", _l("Send the yearly reminder"), frozenset({E.OUTSTANDING}), E.OUTSTANDING,
                   guard=_reminder_due, closes=(REMINDER_DEADLINE,), opens=(REMINDER_DUE,)),
        Transition("discontinue", _l("Discontinue (exceptionally)"), NOT_CLARIFIED, E.DISCONTINUED, Permission.APPROVE,
                   required=("discontinuation_reason",), closes=(OBJECTION_DEADLINE, REMINDER_DEADLINE), manual=False),
    ),
)


def dated_steps(case, user) -> list[tuple[Transition, str | None]]:
    """The dated steps the user's role allows from the case's state, each with a blocking reason."""
    # What the step's own form asks for (the session, the clarification, the reason) does not
    # block the form from being offered; it is checked when the form is sent.
    steps = [(t, refusal_reason(case, replace(t, required=()), user)) for t in workflow_for(case).transitions
             if t.event in DATED_STEPS and case.status in t.sources and can(user, t.permission, case)]
    # Two ways of one step (an opinion sent with or without follow-up): offer the one that applies.
    open_labels = {t.label for t, reason in steps if reason is None}
    return [(t, reason) for t, reason in steps if reason is None or t.label not in open_labels]
