"""My work: what is due, what is overdue, what awaits my decision, and my cases. And /healthz."""
from __future__ import annotations

from datetime import date

from flask import abort, current_app, jsonify, render_template, request
from flask_login import current_user
from sqlalchemy import or_, select, text

from casework.core.cases import Case, CaseAssignment
from casework.core.jobs import queue_health
from casework.core.deadlines import Deadline
from casework.core.pagination import Page, paginate
from casework.core.permissions import visibility_clause
from casework.extensions import db
from casework.main import team  # noqa: F401 — its routes hang on the main blueprint
from casework.main.blueprint import bp
from casework.main.saved_searches import readable_searches
from casework.main.work import BANDS, DEADLINE_SECTIONS, SHOWN, band_of, band_span, count, deadlines, section
from casework.reminders.approvals import awaiting_approval
from casework.web import public



def _my_cases_clause():
    assigned = select(CaseAssignment.case_id).where(CaseAssignment.user_id == current_user.id)
    return (or_(Case.officer_id == current_user.id, Case.id.in_(assigned))) & visibility_clause(current_user)


AWAITING_CAP = 500  # decisions counted on My work; more than this reads "500+"


@bp.route("/")
def my_work():
    """My work: each section counted, its first rows shown, overdue first (see `casework.main.work`)."""
    today = date.today()
    user = current_user._get_current_object()
    sections = [section(user, kind, today) for kind in DEADLINE_SECTIONS.values()]
    awaiting = awaiting_approval(user, AWAITING_CAP + 1)
    mine = select(Case).where(_my_cases_clause())
    cases = db.session.scalars(mine.order_by(Case.updated_at.desc(), Case.id.desc()).limit(SHOWN)).all()
    return render_template("main/my_work.html", sections=sections, awaiting=awaiting[:SHOWN],
                           awaiting_total=len(awaiting), awaiting_cap=AWAITING_CAP, cases=cases,
                           cases_total=count(mine) if len(cases) == SHOWN else len(cases), today=today,
                           band_of=band_of, saved=readable_searches(SHOWN))


@bp.route("/my-work/<kind>")
def my_work_section(kind: str):
    """One section of My work in full, paged; the overdue ones by band of lateness (`?band=`)."""
    today = date.today()
    user = current_user._get_current_object()
    if kind == "awaiting":
        return _awaiting_page(user)
    if kind == "cases":
        return _cases_page()
    chosen = DEADLINE_SECTIONS.get(kind)
    if chosen is None:
        abort(404)
    band = next((b for b in BANDS if b.key == request.args.get("band")), None) if kind == "overdue" else None
    stmt = deadlines(user, *(band_span(band, today) if band else chosen.span(today)))
    direction = "desc" if chosen.newest_first else "asc"
    page = paginate(stmt, sorts={"due": (Deadline.due_on, Deadline.id)}, default_sort="due",
                    default_direction=direction, scalars=False)
    return render_template("main/my_work_section.html", kind=chosen, band=band, bands=BANDS, page=page, today=today,
                           band_of=band_of)


def _cases_page():
    cases = paginate(
        select(Case).where(_my_cases_clause()),
        sorts={"reference": Case.reference, "title": Case.title, "status": Case.status, "updated": Case.updated_at},
        default_sort="updated",
        default_direction="desc",
    )
    return render_template("main/my_work_cases.html", cases=cases)


def _awaiting_page(user):
    everything = awaiting_approval(user, AWAITING_CAP)
    per_page = current_app.config["PAGE_SIZE"]
    pages = max(1, -(-len(everything) // per_page))
    number = min(max(request.args.get("page", 1, type=int) or 1, 1), pages)
    page = Page(everything[(number - 1) * per_page:number * per_page], number, per_page, len(everything),
                "updated", "asc")
    return render_template("main/my_work_awaiting.html", page=page, cap=AWAITING_CAP)


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
