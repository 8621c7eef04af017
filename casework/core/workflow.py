"""Workflows declared as data, and the one engine that enforces them.

A module declares its workflow as a table of `Transition`s for its case type (in its
`module.py`). `fire()` is the only way a case changes state: it refuses invalid events with the
reason, writes the history row and the audit event, and opens and closes deadlines.

Steps are often recorded after they happened (the note verbale went out on Monday and is entered
on Thursday), so each transition takes the day it happened: every clock it opens runs from that
day, and the history keeps both that day and when it was recorded. The day is refused when it is
in the future, before the case was received, or before the step it follows.

Some records of a case move through states of their own, beside the case's: an interim-measures
request (requested → granted → lifted), a mandate's co-signature (invited → approved). They are
a case's *parts*: their class names its workflow (`workflow_key`) and the case it belongs to
(`part_of`), and the same engine fires their events. Permissions are the case's, and the
history row goes on the case's history, naming the part.
"""
from __future__ import annotations

import enum
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from datetime import date, datetime

from blinker import Namespace
from babel.lists import format_list
from flask_babel import format_date, get_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import ForeignKey, String, Text, select
from sqlalchemy.orm import Mapped, mapped_column, relationship

from casework.core import audit
from casework.core.cases import Case
from casework.core.db import utcnow
from casework.core.deadlines import Deadline, Period, meet_open_deadlines
from casework.core.fields import field_label
from casework.core.i18n import Label, english
from casework.core.inputs import latest_past_date
from casework.core.permissions import Permission, can
from casework.core.writes import Refused, expect_version
from casework.extensions import db


# The names of the states several workflows share; a workflow's own `labels` name the others
# (or name these differently).
COMMON_STATE_LABELS: dict[str, Label] = {
    "admissible": _l("Admissible"),
    "approved": _l("Approved"),
    "clarification_requested": _l("Clarification requested"),
    "clarified": _l("Clarified"),
    "closed": _l("Closed"),
    "comments_requested": _l("Comments requested"),
    "decided": _l("Decided"),
    "declined": _l("Declined"),
    "discontinued": _l("Discontinued"),
    "draft": _l("Draft"),
    "filed": _l("Filed"),
    "final": _l("Final"),
    "granted": _l("Granted"),
    "invited": _l("Invited"),
    "lifted": _l("Lifted"),
    "not_registered": _l("Not registered"),
    "observations_received": _l("Observations received"),
    "open": _l("Open"),
    "opinion_adopted": _l("Opinion adopted"),
    "published": _l("Published"),
    "received": _l("Received"),
    "refused": _l("Refused"),
    "registered": _l("Registered"),
    "requested": _l("Requested"),
    "sent": _l("Sent"),
    "submitted": _l("Submitted"),
    "suspended": _l("Suspended"),
    "transmitted": _l("Transmitted"),
}


@dataclass(frozen=True)
class DeadlineRule:
    """A deadline a transition opens: what is due, and how long after the transition.

    The period is fixed, or read from the case when practice varies (a committee's own time
    limit, a unit's setting).
    """

    kind: str
    label: Label
    period: Period | Callable[[Case], Period]

    def due_after(self, start: date, case: Case) -> date:
        period = self.period if isinstance(self.period, Period) else self.period(case)
        return period.after(start)


# (case, user) → the reason for refusing (422), a Refused with its own status (e.g. 403 when only
# one person may act, as a mandate's holder), or None.
Guard = Callable[[Case, object], "str | Refused | None"]
Effect = Callable[[Case, object], None]  # (case, actor) → what else the event does, e.g. queue a job
# case → the day a record of the case says the step happened (the note verbale's "Sent on"), or None
DatedBy = Callable[[Case], "date | None"]


@dataclass(frozen=True)
class Transition:
    """One event of a workflow: from which states, to which state, who may fire it, its effects."""

    event: str
    label: Label
    sources: frozenset[str]
    target: str
    permission: Permission = Permission.EDIT
    required: tuple[str, ...] = ()  # attributes of the case that must be filled in first
    opens: tuple[DeadlineRule, ...] = ()
    closes: tuple[str, ...] = ()  # kinds of deadline this event satisfies
    guard: Guard | None = None
    after: Effect | None = None  # runs once the state has changed, in the same transaction
    manual: bool = True  # False: fired by the system (e.g. a job), never offered as a button
    dated_by: DatedBy | None = None  # where the case records the day of this step, which then dates it
    # The steps before this one are dated by the click (a letter's approval), so this one, dated by
    # the record (the day the letter went out), may come before them when it is entered afterwards.
    after_undated_steps: bool = False


@dataclass(frozen=True)
class Workflow:
    """The states and transitions of one case type, or of one kind of a case's part."""

    case_type: str  # or a part's `workflow_key`
    states: type[enum.StrEnum]
    initial: str
    transitions: tuple[Transition, ...]
    labels: dict[str, Label] = field(default_factory=dict)
    title: Label = ""  # a part's name in the case's history, e.g. "Interim measures"

    def __post_init__(self) -> None:
        known = {s.value for s in self.states}
        for t in self.transitions:
            unknown = (set(t.sources) | {t.target}) - known
            if unknown:
                raise ValueError(f"{self.case_type}.{t.event}: unknown states {sorted(unknown)}")
        events = [t.event for t in self.transitions]
        if len(events) != len(set(events)):
            raise ValueError(f"{self.case_type}: duplicate event names")

    def transition(self, event: str) -> Transition:
        for t in self.transitions:
            if t.event == event:
                return t
        raise Refused(_("“%(event)s” is not an action of this kind of case.", event=event))

    def state_label(self, state: str) -> Label:
        """The state in the user's words: the workflow's own name for it, else the shared one."""
        # `is None` rather than `or`: a label's truth is its translation's length, a catalogue lookup.
        label = self.labels.get(state)
        if label is None:
            label = COMMON_STATE_LABELS.get(state)
        return state.replace("_", " ").capitalize() if label is None else label


_WORKFLOWS: dict[str, Workflow] = {}

# Sent once a transition has changed its record, in the same transaction: `sender` is the record,
# with `event`, `actor` and `on` (the day it happened). A module reacts to a step of another's
# records through it (a reminder counted when its letter is sent), never by changing that module.
step_taken = Namespace().signal("step-taken")


def register_workflow(workflow: Workflow) -> Workflow:
    """Make a workflow the one that governs its case type."""
    _WORKFLOWS[workflow.case_type] = workflow
    return workflow


def registered_workflows() -> dict[str, Workflow]:
    """Every workflow by its case type (or part's key): for pages that read across modules."""
    return dict(_WORKFLOWS)


def workflow_for(record: Case | object) -> Workflow:
    """The workflow of a case, or of a case's part."""
    try:
        return _WORKFLOWS[getattr(record, "workflow_key", None) or record.case_type]
    except (KeyError, AttributeError):
        raise Refused(_("This kind of case has no workflow.")) from None


def case_of(record: Case | object) -> Case:
    """The case whose permissions, history and deadlines a record's transitions use."""
    return getattr(record, "part_of", None) or record


class CaseHistory(db.Model):
    """One fired transition, for the case's history."""

    __tablename__ = "case_history"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), index=True)
    event: Mapped[str] = mapped_column(String(60))
    from_status: Mapped[str] = mapped_column(String(40))
    to_status: Mapped[str] = mapped_column(String(40))
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    happened_on: Mapped[date] = mapped_column(default=date.today)  # the day the step took place
    occurred_at: Mapped[datetime] = mapped_column(default=utcnow)  # when it was recorded
    comment: Mapped[str | None] = mapped_column(Text)
    part: Mapped[str | None] = mapped_column(String(40))  # a part's workflow_key, for a part's transition
    part_id: Mapped[int | None]

    actor = relationship("User")

    @property
    def workflow(self) -> Workflow | None:
        """The part's workflow, whose labels name the states; None for the case's own."""
        return _WORKFLOWS.get(self.part) if self.part else None

    @property
    def recorded_later(self) -> bool:
        """Whether the step was recorded on another day than the one it happened."""
        return self.occurred_at is not None and self.occurred_at.date() != self.happened_on


def _missing_fields(case: Case, transition: Transition) -> list[str]:
    return [name for name in transition.required if getattr(case, name, None) in (None, "", [])]


def refusal_reason(record: Case | object, transition: Transition, user) -> str | None:
    """Why `user` may not fire `transition` on `record` (a case or a case's part) now, or None."""
    refusal = _refusal(record, transition, user)
    return str(refusal) if refusal is not None else None


def _refusal(record: Case | object, transition: Transition, user) -> Refused | None:
    """The first check that fails, with its own status: the state's (422) before the role's (403),
    so that a refusal answers the same whoever asks."""
    workflow, case = workflow_for(record), case_of(record)
    state = workflow.state_label(record.status).lower()
    if record.status not in transition.sources and workflow.title:
        return Refused(_("“%(action)s” is not possible now: %(part)s %(state)s.",
                         action=transition.label, part=workflow.title, state=state))
    if record.status not in transition.sources:
        return Refused(_("“%(action)s” is not possible while the case is %(state)s.",
                         action=transition.label, state=state))
    if not can(user, transition.permission, case):
        return Refused(_("Your role does not allow “%(action)s” on this case.", action=transition.label),
                       forbidden=True)
    missing = _missing_fields(record, transition)
    if missing:
        names = format_list([_("“%(field)s”", field=field_label(name)) for name in missing],
                            locale=get_locale() or "en")
        return Refused(_("Fill in %(fields)s before “%(action)s”.", fields=names, action=transition.label))
    reason = transition.guard(record, user) if transition.guard is not None else None
    return reason if isinstance(reason, Refused) or not reason else Refused(reason)


def available(record: Case | object, user) -> list[tuple[Transition, str | None]]:
    """The actions the user's role allows from the current state, each with a blocking reason."""
    case = case_of(record)
    return [(transition, refusal_reason(record, transition, user)) for transition in workflow_for(record).transitions
            if transition.manual and record.status in transition.sources and can(user, transition.permission, case)]


def fire(
    record: Case | object,
    event: str,
    actor,
    *,
    expected_version: int | None = None,
    comment: str | None = None,
    on: date | None = None,
) -> CaseHistory:
    """Fire `event` on `record` (a case or a case's part) as `actor`. Flushes; the caller commits.
    Raises Refused."""
    expect_version(record, expected_version)
    case = case_of(record)
    transition = workflow_for(record).transition(event)
    refusal = _refusal(record, transition, actor)
    if refusal is not None:
        raise refusal
    on = _day_of_step(record, transition, on)
    check_step_date(record, on, transition.label, after_previous=not transition.after_undated_steps)
    entry = _history_row(record, event, transition.target, actor, comment, on)
    record.status = transition.target
    # Every transition writes the case's row, so its version moves even when the state does not
    # (a reminder, a part's decision): of two requests firing on the same version, one wins and
    # the other gets a 409, rather than both writing a history row.
    case.updated_at = utcnow()
    if transition.closes:
        meet_open_deadlines(case.id, transition.closes, event, on)
    for rule in transition.opens:
        due_on = rule.due_after(on, case)
        db.session.add(Deadline(
            case_id=case.id, kind=rule.kind, label=english(rule.label), due_on=due_on, original_due_on=due_on,
            opened_by_event=event,
        ))
    with audit.acting_as(actor.id), _dated(on):
        if transition.after is not None:
            transition.after(record, actor)
        step_taken.send(record, event=event, actor=actor, on=on)
        db.session.flush()
    return entry


_STEP_DAY: ContextVar[date | None] = ContextVar("step_day", default=None)


@contextmanager
def _dated(on: date) -> Iterator[None]:
    token = _STEP_DAY.set(on)
    try:
        yield
    finally:
        _STEP_DAY.reset(token)


def step_day() -> date:
    """The day the step being fired happened, for its effects (a reminder's new due date, the day
    a person was located); today outside a step."""
    return _STEP_DAY.get() or date.today()


def _day_of_step(record: Case | object, transition: Transition, given: date | None) -> date:
    """The day given (today if none), or the day the case records for this step (the note verbale's
    "Sent on"): the record is the evidence, so a different day given on purpose is refused."""
    told = transition.dated_by(record) if transition.dated_by is not None else None
    if told is None:
        return given or date.today()
    if given not in (None, told, date.today()):
        raise Refused(_("“%(action)s” took place on %(date)s, as the case's records show: date it so, or correct "
                        "the record first.", action=transition.label, date=format_date(told)))
    return told


def enter(case: Case, state: str, actor, *, comment: str, on: date | None = None) -> CaseHistory:
    """Place a case brought in from elsewhere (an import of older files) at the stage it had
    reached there (`on`: the day it reached it, today if not known): recorded in its history and
    the audit trail like a transition, with the reason in `comment`. Flushes."""
    if state not in {s.value for s in workflow_for(case).states}:
        raise Refused(_("“%(state)s” is not a stage of this kind of case.", state=state))
    if case.id is None:
        db.session.flush()
    entry = _history_row(case, "enter", state, actor, comment, on or date.today())
    case.status = state
    with audit.acting_as(actor.id):
        db.session.flush()
    return entry


def received_on(case: Case) -> date | None:
    """The day the case reached the Office, for the procedures that record it."""
    return getattr(case, "received_on", None)


def last_step(record: Case | object) -> CaseHistory | None:
    """The latest step of the record's own workflow (the case's, or this part's), by the day it
    happened: the step a new one follows."""
    part = getattr(record, "workflow_key", None)
    query = select(CaseHistory).where(CaseHistory.case_id == case_of(record).id)
    query = query.where(CaseHistory.part == part, CaseHistory.part_id == record.id) if part \
        else query.where(CaseHistory.part.is_(None))
    return db.session.scalar(query.order_by(CaseHistory.happened_on.desc(), CaseHistory.id.desc()).limit(1))


def check_step_date(record: Case | object, on: date, action: str, *, after_previous: bool = True) -> None:
    """Refuse a step dated in the future, before the case was received, or (unless `after_previous`
    is False) before the step it follows: a clock opened from that day would run from a day that
    cannot be."""
    if on > latest_past_date():
        raise Refused(_("“%(action)s” cannot be dated %(date)s, in the future: give the day it happened.",
                        action=action, date=format_date(on)))
    received = received_on(case_of(record))
    if received is not None and on < received:
        raise Refused(_("“%(action)s” cannot be dated %(date)s, before the case was received on %(received)s.",
                        action=action, date=format_date(on), received=format_date(received)))
    previous = last_step(record) if after_previous and case_of(record).id is not None else None
    if previous is not None and on < previous.happened_on:
        raise Refused(_("“%(action)s” cannot be dated %(date)s, before the step it follows (%(state)s, on "
                        "%(previous)s).", action=action, date=format_date(on),
                        state=workflow_for(record).state_label(previous.to_status).lower(),
                        previous=format_date(previous.happened_on)))


def _history_row(record: Case | object, event: str, target: str, actor, comment: str | None,
                 on: date) -> CaseHistory:
    part = getattr(record, "workflow_key", None)
    entry = CaseHistory(
        case_id=case_of(record).id, event=event, from_status=record.status, to_status=target,
        actor_id=actor.id, comment=comment or None, part=part, part_id=record.id if part else None,
        happened_on=on,
    )
    detail = {"event": event, "comment": comment, "on": on.isoformat()}
    if target == record.status:  # nothing of the record changes, so the flush would not tell the trail
        audit.record(audit.AuditAction.STATE_CHANGE, obj=record, detail=detail, actor_id=actor.id)
    else:
        audit.annotate(record, audit.AuditAction.STATE_CHANGE, detail)
    db.session.add(entry)
    return entry


def history(case: Case) -> list[CaseHistory]:
    """The case's fired transitions, latest first by the day they happened."""
    return list(db.session.scalars(
        select(CaseHistory).where(CaseHistory.case_id == case.id)
        .order_by(CaseHistory.happened_on.desc(), CaseHistory.id.desc())
    ))
