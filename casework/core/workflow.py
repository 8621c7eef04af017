"""Workflows declared as data, and the one engine that enforces them.

A module declares its workflow as a table of `Transition`s and registers it for its case type.
`fire()` is the only way a case changes state: it refuses invalid events with the reason,
writes the history row and the audit event, and opens and closes deadlines.
"""
from __future__ import annotations

import enum
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime

from flask_babel import gettext as _
from sqlalchemy import ForeignKey, String, Text, select
from sqlalchemy.orm import Mapped, mapped_column, relationship

from casework.core import audit
from casework.core.cases import Case
from casework.core.db import utcnow
from casework.core.deadlines import Deadline, Period, meet_open_deadlines
from casework.core.permissions import Permission, can
from casework.core.writes import Refused, expect_version
from casework.extensions import db


@dataclass(frozen=True)
class DeadlineRule:
    """A deadline a transition opens: what is due, and how long after the transition.

    The period is fixed, or read from the case when practice varies (a committee's own time
    limit, a unit's setting).
    """

    kind: str
    label: str
    period: Period | Callable[[Case], Period]

    def due_after(self, start: date, case: Case) -> date:
        period = self.period if isinstance(self.period, Period) else self.period(case)
        return period.after(start)


Guard = Callable[[Case, object], str | None]  # (case, user) → the reason for refusing, or None
Effect = Callable[[Case, object], None]  # (case, actor) → what else the event does, e.g. queue a job


@dataclass(frozen=True)
class Transition:
    """One event of a workflow: from which states, to which state, who may fire it, its effects."""

    event: str
    label: str
    sources: frozenset[str]
    target: str
    permission: Permission = Permission.EDIT
    required: tuple[str, ...] = ()  # attributes of the case that must be filled in first
    opens: tuple[DeadlineRule, ...] = ()
    closes: tuple[str, ...] = ()  # kinds of deadline this event satisfies
    guard: Guard | None = None
    after: Effect | None = None  # runs once the state has changed, in the same transaction
    manual: bool = True  # False: fired by the system (e.g. a job), never offered as a button


@dataclass(frozen=True)
class Workflow:
    """The states and transitions of one case type."""

    case_type: str
    states: type[enum.StrEnum]
    initial: str
    transitions: tuple[Transition, ...]
    labels: dict[str, str] = field(default_factory=dict)

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

    def state_label(self, state: str) -> str:
        return self.labels.get(state, state.replace("_", " ").capitalize())


_WORKFLOWS: dict[str, Workflow] = {}


def register_workflow(workflow: Workflow) -> Workflow:
    """Make a workflow the one that governs its case type."""
    _WORKFLOWS[workflow.case_type] = workflow
    return workflow


def workflow_for(case: Case) -> Workflow:
    try:
        return _WORKFLOWS[case.case_type]
    except KeyError:
        raise Refused(_("This kind of case has no workflow.")) from None


class CaseHistory(db.Model):
    """One fired transition, for the case's history."""

    __tablename__ = "case_history"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), index=True)
    event: Mapped[str] = mapped_column(String(60))
    from_status: Mapped[str] = mapped_column(String(40))
    to_status: Mapped[str] = mapped_column(String(40))
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    occurred_at: Mapped[datetime] = mapped_column(default=utcnow)
    comment: Mapped[str | None] = mapped_column(Text)

    actor = relationship("User")


def _missing_fields(case: Case, transition: Transition) -> list[str]:
    return [name for name in transition.required if getattr(case, name, None) in (None, "", [])]


def refusal_reason(case: Case, transition: Transition, user) -> str | None:
    """Why `user` may not fire `transition` on `case` now, or None if they may."""
    workflow = workflow_for(case)
    if case.status not in transition.sources:
        return _("“%(action)s” is not possible while the case is %(state)s.",
                 action=transition.label, state=workflow.state_label(case.status).lower())
    if not can(user, transition.permission, case):
        return _("Your role does not allow “%(action)s” on this case.", action=transition.label)
    missing = _missing_fields(case, transition)
    if missing:
        names = ", ".join(name.replace("_", " ") for name in missing)
        return _("Fill in %(fields)s before “%(action)s”.", fields=names, action=transition.label)
    if transition.guard is not None:
        return transition.guard(case, user)
    return None


def available(case: Case, user) -> list[tuple[Transition, str | None]]:
    """The actions the user's role allows from the current state, each with a blocking reason."""
    workflow = workflow_for(case)
    result = []
    for transition in workflow.transitions:
        if transition.manual and case.status in transition.sources and can(user, transition.permission, case):
            result.append((transition, refusal_reason(case, transition, user)))
    return result


def fire(
    case: Case,
    event: str,
    actor,
    *,
    expected_version: int | None = None,
    comment: str | None = None,
    on: date | None = None,
) -> CaseHistory:
    """Fire `event` on `case` as `actor`. Flushes; the caller commits. Raises Refused."""
    expect_version(case, expected_version)
    transition = workflow_for(case).transition(event)
    reason = refusal_reason(case, transition, actor)
    if reason:
        raise Refused(reason, forbidden=not can(actor, transition.permission, case))
    on = on or date.today()
    entry = CaseHistory(
        case_id=case.id, event=event, from_status=case.status, to_status=transition.target,
        actor_id=actor.id, comment=comment or None,
    )
    audit.annotate(case, audit.AuditAction.STATE_CHANGE, {"event": event, "comment": comment})
    case.status = transition.target
    if transition.closes:
        meet_open_deadlines(case.id, transition.closes, event, on)
    for rule in transition.opens:
        due_on = rule.due_after(on, case)
        db.session.add(Deadline(
            case_id=case.id, kind=rule.kind, label=rule.label, due_on=due_on, original_due_on=due_on,
            opened_by_event=event,
        ))
    db.session.add(entry)
    with audit.acting_as(actor.id):
        if transition.after is not None:
            transition.after(case, actor)
        db.session.flush()
    return entry


def history(case: Case) -> list[CaseHistory]:
    """The case's fired transitions, newest first."""
    return list(db.session.scalars(
        select(CaseHistory).where(CaseHistory.case_id == case.id).order_by(CaseHistory.id.desc())
    ))
