"""The workflow of a visit, as a table: draft → submitted → reviewed by the head of office →
final (once the summary report is issued)."""
from __future__ import annotations

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from casework.core.db import utcnow
from casework.core.permissions import Permission
from casework.core.workflow import Transition, Workflow
from casework.detention.visits.letters import summary_report
from casework.detention.visits.models import VISIT_TYPE, Access, Visit, VisitStatus

V = VisitStatus


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
    report = summary_report(visit)
    if report is None or report.final_pdf_sha256 is None:
        return _("The summary report must be approved, with its final PDF, first.")
    return None


def _after_submission(visit: Visit, actor) -> None:
    visit.submitted_by_id = actor.id


def _after_review(visit: Visit, actor) -> None:
    visit.reviewed_by_id, visit.reviewed_at = actor.id, utcnow()


def _after_reopening(visit: Visit, actor) -> None:
    visit.reviewed_by_id = visit.reviewed_at = None


VISIT_WORKFLOW = Workflow(
    case_type=VISIT_TYPE,
    states=VisitStatus,
    initial=V.DRAFT,
    labels={V.REVIEWED: _l("Reviewed")},
    transitions=(
        Transition("submit", _l("Submit for review"), frozenset({V.DRAFT}), V.SUBMITTED, Permission.EDIT,
                   required=("started_on",), guard=visit_ready, after=_after_submission),
        Transition("withdraw", _l("Withdraw for changes"), frozenset({V.SUBMITTED}), V.DRAFT, Permission.EDIT),
        Transition("return_to_officer", _l("Return for changes"), frozenset({V.SUBMITTED}), V.DRAFT, Permission.APPROVE),
        Transition("review", _l("Mark as reviewed"), frozenset({V.SUBMITTED}), V.REVIEWED, Permission.APPROVE,
                   guard=may_review, after=_after_review),
        Transition("reopen", _l("Reopen for changes"), frozenset({V.REVIEWED}), V.DRAFT, Permission.APPROVE,
                   after=_after_reopening),
        Transition("finalise", _l("Make final"), frozenset({V.REVIEWED}), V.FINAL, Permission.APPROVE,
                   guard=report_issued),
    ),
)
