"""My work: what is due, what is overdue, what awaits my decision, and my cases. And /healthz."""
from __future__ import annotations

from datetime import date, timedelta

from flask import Blueprint, jsonify, render_template
from flask_login import current_user
from sqlalchemy import or_, select, text

from casework.core.cases import Case, CaseAssignment
from casework.core.jobs import queue_health
from casework.core.pagination import paginate
from casework.core.permissions import visibility_clause
from casework.extensions import db
from casework.reminders.approvals import awaiting_approval
from casework.reminders.deadline_check import DUE_SOON_DAYS
from casework.reminders.digest import deadlines_for
from casework.web import public

bp = Blueprint("main", __name__)


def _my_cases_clause():
    assigned = select(CaseAssignment.case_id).where(CaseAssignment.user_id == current_user.id)
    return (or_(Case.officer_id == current_user.id, Case.id.in_(assigned))) & visibility_clause(current_user)


@bp.route("/")
def my_work():
    today = date.today()
    user = current_user._get_current_object()
    due_soon = deadlines_for(user, today, today + timedelta(days=DUE_SOON_DAYS))
    overdue = deadlines_for(user, None, today - timedelta(days=1))
    cases = paginate(
        select(Case).where(_my_cases_clause()),
        sorts={"reference": Case.reference, "title": Case.title, "status": Case.status, "updated": Case.updated_at},
        default_sort="updated",
        default_direction="desc",
    )
    return render_template("main/my_work.html", due_soon=due_soon, overdue=overdue,
                           awaiting=awaiting_approval(user), cases=cases, today=today)


@bp.route("/healthz")
@public
def healthz():
    """Database and job-queue status for load balancers and monitoring. No data, no login.

    503 when the database or the queue is down; "degraded" but 200 when jobs were lost by the
    queue or their worker and await a retry (the app itself works: keep it in the rotation).
    """
    try:
        db.session.execute(text("SELECT 1"))
        database = {"status": "ok"}
    except Exception as exc:  # noqa: BLE001 — any failure means "down"
        database = {"status": "error", "error": type(exc).__name__}
    jobs = queue_health(check_jobs=database["status"] == "ok")
    healthy = database["status"] == "ok" and jobs["status"] != "error"
    status = "error" if not healthy else jobs["status"]
    body = {"status": status, "database": database, "jobs": jobs}
    return jsonify(body), 200 if healthy else 503
