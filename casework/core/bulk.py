"""One action on many records chosen on a list: assign, or a workflow step, for each of them.

Each record goes through exactly what its own page does: the same operation
(`fire_transition`, `assign_user`), the same permission check and the same version check
(the version each row carried when the list was drawn). Each record has its own savepoint, so a
record refused (not permitted, in another state, changed since) leaves the others done, and the
result names every record, done or refused with the reason.

A few records are done within the request; more (above `INLINE_LIMIT`) go to a background job,
committed record by record, whose progress the result page shows and which a retry resumes
where it stopped.
"""
from __future__ import annotations

import enum
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime

from flask_babel import force_locale, get_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import ForeignKey, String, Text, inspect, select
from sqlalchemy.orm import Mapped, mapped_column, relationship
from sqlalchemy.orm.attributes import set_committed_value
from sqlalchemy.orm.exc import StaleDataError

from casework.auth.models import User
from casework.cases.operations import assign_user, fire_transition
from casework.core import jobs
from casework.core.audit import acting_as
from casework.core.cases import Case, CaseAssignment
from casework.core.db import StrEnumType, savepoint, utcnow
from casework.core.i18n import Label
from casework.core.permissions import Permission, can
from casework.core.workflow import case_of, registered_workflows, workflow_for
from casework.core.writes import EditConflict, Refused, expect_version
from casework.extensions import db

ASSIGN = "assign"
INLINE_LIMIT = 25  # records done within the request; more go to a background job
MOST = 500  # records one action may take at once (ten pages of the longest list)


class ItemStatus(enum.StrEnum):
    WAITING = "waiting"
    DONE = "done"
    REFUSED = "refused"


class BulkRun(db.Model):
    """One action asked of many records at once, and who asked, for the result page."""

    __tablename__ = "bulk_runs"

    id: Mapped[int] = mapped_column(primary_key=True)
    action: Mapped[str] = mapped_column(String(60))  # ASSIGN or a workflow event
    label: Mapped[str] = mapped_column(String(300))  # the action in the asker's words
    assignee_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    happened_on: Mapped[date | None]  # the day a dated step took place, for every record
    comment: Mapped[str | None] = mapped_column(Text)
    channel: Mapped[str | None] = mapped_column(String(60))  # how a letter marked sent went out
    back_to: Mapped[str | None] = mapped_column(String(1000))  # the list the records were chosen on
    locale: Mapped[str | None] = mapped_column(String(10))  # the asker's language, for the reasons a job writes
    created_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    job_id: Mapped[int | None] = mapped_column(ForeignKey("jobs.id"))

    created_by: Mapped[User] = relationship(foreign_keys=[created_by_id])
    assignee: Mapped[User | None] = relationship(foreign_keys=[assignee_id])
    job: Mapped[jobs.JobRecord | None] = relationship()
    items: Mapped[list[BulkItem]] = relationship(back_populates="run", cascade="all, delete-orphan",
                                                 order_by="BulkItem.id")


class BulkItem(db.Model):
    """One record of a bulk action: the id asked for, the version seen, and what became of it."""

    __tablename__ = "bulk_items"

    id: Mapped[int] = mapped_column(primary_key=True)
    run_id: Mapped[int] = mapped_column(ForeignKey("bulk_runs.id", ondelete="CASCADE"), index=True)
    record_id: Mapped[int]  # as posted: not a foreign key, since it may name no record the user may see
    seen_version: Mapped[int | None]
    status: Mapped[ItemStatus] = mapped_column(StrEnumType(ItemStatus), default=ItemStatus.WAITING)
    reason: Mapped[str | None] = mapped_column(Text)

    run: Mapped[BulkRun] = relationship(back_populates="items")


@dataclass(frozen=True)
class Offer:
    """An action the bar offers: its value in the form and its label."""

    value: str
    label: Label


@dataclass(frozen=True)
class Step:
    """An action a kind of record takes through a form of its own on its page rather than a
    workflow button (a letter's "Mark as sent"): where it applies, and that form's operation,
    given the record, the run (its date, its channel) and the actor. The operation makes the
    form's checks; the version is checked before it, as for every action."""

    value: str
    label: Label
    applies: Callable[[Case, User], bool]
    do: Callable[[Case, BulkRun, User], None]


_STEPS: dict[str, Step] = {}


def register_step(step: Step) -> Step:
    """Offer `step` on the lists of the records it applies to."""
    _STEPS[step.value] = step
    return step


def actions_on(record: Case, user) -> list[Offer]:
    """What `user` may ask of this record from a list: assign, the steps its workflow offers
    from its state that the user's role allows (the case page's buttons), and the steps of
    their own that apply to it."""
    offers = [Offer(ASSIGN, _l("Assign to…"))] if record.parent_id is None and can(user, Permission.ASSIGN, record) \
        else []
    workflow, case = workflow_for(record), case_of(record)
    offers += [Offer(t.event, t.label) for t in workflow.transitions
               if t.manual and record.status in t.sources and can(user, t.permission, case)]
    return offers + [Offer(step.value, step.label) for step in _STEPS.values() if step.applies(record, user)]


def offered(records: list[Case], user) -> tuple[list[Offer], dict[int, list[str]]]:
    """The actions offered on a page of records (each once, assign first) and, per record, the
    values of those it allows, so the bar can keep to the ones common to the chosen records."""
    seen: dict[str, Offer] = {}
    per_record: dict[int, list[str]] = {}
    _load_assignments(records)
    for record in records:
        offers = actions_on(record, user)
        per_record[record.id] = [offer.value for offer in offers]
        for offer in offers:
            seen.setdefault(offer.value, offer)
    ordered = sorted(seen.values(), key=lambda offer: offer.value != ASSIGN)
    return ordered, per_record


def _load_assignments(records: list[Case]) -> None:
    """The assignments of a page's records and of the cases they belong to, which the policy reads
    for each row: the cases belonged to in one query, and every assignment in one more, rather
    than one query per row (50 for a page of letters) or the page's records read again (10 ms)."""
    parent_ids = {record.parent_id for record in records if record.parent_id is not None}
    parents = {case.id: case for case in db.session.scalars(select(Case).where(Case.id.in_(parent_ids)))} \
        if parent_ids else {}
    for record in records:
        if record.parent_id in parents and "parent" in inspect(record).unloaded:
            set_committed_value(record, "parent", parents[record.parent_id])
    waiting = {case.id: case for case in (*records, *parents.values()) if "assignments" in inspect(case).unloaded}
    if not waiting:
        return
    found: dict[int, list[CaseAssignment]] = {case_id: [] for case_id in waiting}
    for assignment in db.session.scalars(select(CaseAssignment).where(CaseAssignment.case_id.in_(waiting))):
        found[assignment.case_id].append(assignment)
    for case_id, assignments in found.items():
        set_committed_value(waiting[case_id], "assignments", assignments)


def is_action(value: str) -> bool:
    """Whether `value` names an action a list may ask for: assign, or a step someone chooses."""
    return value == ASSIGN or value in _STEPS or any(
        t.manual and t.event == value for workflow in registered_workflows().values() for t in workflow.transitions)


def start(actor: User, action: str, chosen: list[tuple[int, int | None]], *, assignee: User | None = None,
          on: date | None = None, comment: str | None = None, channel: str | None = None,
          back_to: str | None = None) -> BulkRun:
    """Record the action asked of the `chosen` records ((id, version seen)) and do it: now for a
    few, in a background job for more. Flushes; the view commits."""
    if not chosen:
        raise Refused(_("Choose at least one record in the list."))
    if len(chosen) > MOST:
        raise Refused(_("Choose at most %(most)s records at once.", most=MOST))
    if action == ASSIGN and assignee is None:
        raise Refused(_("Choose the colleague to assign."))
    run = BulkRun(action=action, label=_label(action, assignee, chosen), assignee_id=getattr(assignee, "id", None),
                  happened_on=on, comment=comment or None, channel=channel, back_to=back_to, created_by_id=actor.id,
                  locale=str(get_locale() or "en"),
                  items=[BulkItem(record_id=record_id, seen_version=version) for record_id, version in _once(chosen)])
    db.session.add(run)
    db.session.flush()
    if len(run.items) <= INLINE_LIMIT:
        for item in run.items:
            act(run, item, actor)
    else:
        run.job_id = jobs.enqueue(run_bulk, run.id, subject=run, requested_by=actor).id
    return run


def _once(chosen: list[tuple[int, int | None]]) -> list[tuple[int, int | None]]:
    """Each record once, in the order chosen (a row ticked on two pages of the same list)."""
    return list({record_id: (record_id, version) for record_id, version in reversed(chosen)}.values())[::-1]


def _label(action: str, assignee: User | None, chosen: list[tuple[int, int | None]]) -> str:
    if action == ASSIGN:
        return _("Assign to %(name)s", name=assignee.name)
    if action in _STEPS:
        return str(_STEPS[action].label)
    for record_id, _version in chosen:
        record = db.session.get(Case, record_id)
        if record is not None:
            for transition in workflow_for(record).transitions:
                if transition.event == action:
                    return str(transition.label)
    return action.replace("_", " ").capitalize()


def act(run: BulkRun, item: BulkItem, actor: User) -> None:
    """Do the run's action on one record, in a savepoint of its own; record done, or refused and why."""
    record = db.session.get(Case, item.record_id)
    if record is None or not can(actor, Permission.VIEW, record):
        _refuse(item, _("There is no such record, or you may not see it."))
        return
    # A job the action queues (a letter's final PDF) is sent once the whole transaction commits, and
    # forgotten with the savepoint if the record is refused (casework.core.jobs).
    try:
        with savepoint(db.session):
            _apply(run, record, item.seen_version, actor)
            db.session.flush()
    except (StaleDataError, EditConflict):
        _refuse(item, _("Changed by someone else since the list was drawn: open it, check, and act on it there."))
    except Refused as refusal:
        _refuse(item, str(refusal))
    else:
        item.status, item.reason = ItemStatus.DONE, None


def _refuse(item: BulkItem, reason: str) -> None:
    item.status, item.reason = ItemStatus.REFUSED, reason


def _apply(run: BulkRun, record: Case, seen_version: int | None, actor: User) -> None:
    """What the record's own page does for this action, with its checks."""
    if run.action in _STEPS:
        expect_version(record, seen_version)
        _STEPS[run.action].do(record, run, actor)
        db.session.flush()
        return
    if run.action != ASSIGN:
        fire_transition(record, run.action, actor, seen_version, run.comment, run.happened_on)
        return
    if not can(actor, Permission.ASSIGN, record):
        raise Refused(_("Your role does not allow assigning people to this case."), forbidden=True)
    expect_version(record, seen_version)
    assign_user(record, run.assignee, actor)
    db.session.flush()


@jobs.job(label=_l("Apply one action to many records"))
def run_bulk(run_id: int) -> dict:
    """Do the run's action on each record still waiting, committing each: safe to run again, a
    record done or refused stays so."""
    run = db.session.get(BulkRun, run_id)
    if run is None:
        return {"skipped": "gone"}
    actor = run.created_by
    with acting_as(actor.id), force_locale(run.locale or "en"):
        for item_id in db.session.scalars(select(BulkItem.id).where(
                BulkItem.run_id == run.id, BulkItem.status == ItemStatus.WAITING).order_by(BulkItem.id)).all():
            act(run, db.session.get(BulkItem, item_id), actor)
            db.session.commit()
    return progress(run)


def progress(run: BulkRun) -> dict[str, int]:
    """How many records are done, refused and waiting, and the share finished."""
    statuses = [item.status for item in run.items]
    total, waiting = len(statuses), statuses.count(ItemStatus.WAITING)
    return {"total": total, "done": statuses.count(ItemStatus.DONE), "refused": statuses.count(ItemStatus.REFUSED),
            "waiting": waiting, "percent": round(100 * (total - waiting) / total) if total else 100}


def resume(run: BulkRun) -> None:
    """Queue again a run whose job failed: it goes on with the records still waiting."""
    if run.job is None or run.job.status is not jobs.JobStatus.FAILED:
        raise Refused(_("Only a stopped run can be resumed."))
    jobs.retry(run.job)


def record_of(item: BulkItem, user) -> Case | None:
    """The item's record if `user` may see it now (for its link and name), else None."""
    record = db.session.get(Case, item.record_id)
    return record if record is not None and can(user, Permission.VIEW, record) else None
