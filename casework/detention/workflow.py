"""The workflows of detention work, as tables.

Visits: draft → submitted → reviewed by the head of office → final (once the summary report is
issued). Individual cases: open → raised with the authorities → outcome recorded → closed.
"""
from __future__ import annotations

from flask_babel import gettext as _
from sqlalchemy import select

from casework.core.db import utcnow
from casework.core.permissions import Permission
from casework.core.workflow import Transition, Workflow
from casework.detention.models import Access, Visit, VisitStatus
from casework.detention.release_models import DetentionCase, DetentionCaseStatus, RELEASE_OUTCOMES
from casework.extensions import db

V = VisitStatus
C = DetentionCaseStatus


def visit_ready(visit: Visit, user) -> str | None:
    """What a visit record needs before the head of office can review it."""
    if visit.access is not Access.GRANTED and not visit.access_notes.strip():
        return _("Say how access was restricted or why it was refused.")
    if visit.access is not Access.REFUSED and visit.pop_total is None:
        return _("Record the population on the day (or mark access as refused).")
    return None


def may_review(visit: Visit, user) -> str | None:
    """Four eyes: the head of office reviews visits recorded and submitted by others."""
    if user.id in (visit.officer_id, visit.submitted_by_id):
        return _("A visit is reviewed by the head of office, not by the officer who recorded it.")
    return None


def report_issued(visit: Visit, user) -> str | None:
    """A visit is final once its numbered summary report has been approved and its PDF produced."""
    from casework.letters.models import Letter

    report = db.session.scalar(select(Letter).where(
        Letter.parent_id == visit.id, Letter.letter_type == "visit_summary", Letter.final_pdf_sha256.is_not(None)))
    return None if report is not None else _("The summary report must be approved, with its final PDF, first.")


def _after_submission(visit: Visit, actor) -> None:
    visit.submitted_by_id = actor.id


def _after_review(visit: Visit, actor) -> None:
    visit.reviewed_by_id, visit.reviewed_at = actor.id, utcnow()


def _after_reopening(visit: Visit, actor) -> None:
    visit.reviewed_by_id = visit.reviewed_at = None


VISIT_WORKFLOW = Workflow(
    case_type="detention_visit",
    states=VisitStatus,
    initial=V.DRAFT,
    labels={V.REVIEWED: "Reviewed"},
    transitions=(
        Transition("submit", "Submit for review", frozenset({V.DRAFT}), V.SUBMITTED, Permission.EDIT,
                   required=("started_on",), guard=visit_ready, after=_after_submission),
        Transition("withdraw", "Withdraw for changes", frozenset({V.SUBMITTED}), V.DRAFT, Permission.EDIT),
        Transition("return_to_officer", "Return for changes", frozenset({V.SUBMITTED}), V.DRAFT, Permission.APPROVE),
        Transition("review", "Mark as reviewed", frozenset({V.SUBMITTED}), V.REVIEWED, Permission.APPROVE,
                   guard=may_review, after=_after_review),
        Transition("reopen", "Reopen for changes", frozenset({V.REVIEWED}), V.DRAFT, Permission.APPROVE,
                   after=_after_reopening),
        Transition("finalise", "Make final", frozenset({V.REVIEWED}), V.FINAL, Permission.APPROVE,
                   guard=report_issued),
    ),
)


def outcome_complete(case: DetentionCase, user) -> str | None:
    """A release is reported as a woman, a man or a child: the category is needed."""
    if case.outcome in RELEASE_OUTCOMES and case.category is None:
        return _("Say whether the person released is a woman, a man or a child.")
    return None


CASE_WORKFLOW = Workflow(
    case_type="detention_case",
    states=DetentionCaseStatus,
    initial=C.OPEN,
    labels={C.RAISED: "Raised with the authorities", C.OUTCOME_RECORDED: "Outcome recorded"},
    transitions=(
        # Fired by the forms that take the date and the authority or the outcome, never bare.
        Transition("raise", "Raised with the authorities", frozenset({C.OPEN}), C.RAISED, Permission.EDIT,
                   required=("raised_on", "raised_with"), manual=False),
        Transition("record_outcome", "Outcome recorded", frozenset({C.RAISED}), C.OUTCOME_RECORDED,
                   Permission.EDIT, required=("outcome", "outcome_on"), guard=outcome_complete, manual=False),
        Transition("close", "Close the case", frozenset({C.OPEN, C.RAISED, C.OUTCOME_RECORDED}), C.CLOSED,
                   Permission.EDIT),
        Transition("reopen", "Reopen", frozenset({C.CLOSED}), C.RAISED, Permission.APPROVE),
    ),
)
