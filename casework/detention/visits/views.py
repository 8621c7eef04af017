"""Visits in the browser: the list, recording a visit, the visit page's panels, its interviews and
its summary report. The long visit form, which never loses what was typed, is in `form_views`.

Each view that changes something loads the visit with the permission it needs and goes through
`write()`: validate → one operation → commit → redirect, or the page again with the reason.
"""
from __future__ import annotations

from flask import abort, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from casework.cases.access import load_case
from casework.cases.forms import ConfirmForm
from casework.cases.views import on_case_page
from casework.core import audit, drafts
from casework.core.pagination import paginate
from casework.core.permissions import Permission, can
from casework.core.persons import viewable_person_ids
from casework.core.writes import Again, again_on, write
from casework.detention.cases.models import DetentionCase
from casework.detention.filters import filter_form
from casework.detention.permissions import can_view_interviews, field_offices_where, load_unit_record
from casework.detention.places.models import Facility
from casework.detention.places.queries import facility_choices
from casework.detention.views import bp
from casework.detention.visits import operations as ops
from casework.detention.visits.forms import InterviewForm, NewVisitForm, ReportForm, VisitFilterForm
from casework.detention.visits.letters import summary_report
from casework.detention.visits.models import Consent, Visit
from casework.detention.visits.queries import KEY, VISIT_SORTS, visits_query
from casework.extensions import db


@bp.route("/")
def index():
    """The visits the user may see: a field office sees its own."""
    form, filters = filter_form(VisitFilterForm)
    page = paginate(visits_query(current_user, filters), sorts=VISIT_SORTS, default_sort="date",
                    default_direction="desc", key=KEY)
    facility = db.session.get(Facility, filters.facility_id) if filters.facility_id else None
    return render_template("detention/visits.html", form=form, filters=filters, page=page, facility=facility,
                           can_record=bool(field_offices_where(current_user, Permission.CREATE)))


@bp.route("/visits/new", methods=["GET", "POST"])
def new_visit():
    """The place and the day: the visit gets its number, and the officer goes on to its form."""
    units = field_offices_where(current_user, Permission.CREATE)
    if not units:
        abort(403)
    form = NewVisitForm()
    form.facility_id.choices = facility_choices(current_user, [u.id for u in units])
    page = again_on("detention/visit_new.html", form=form)
    if not form.is_submitted():
        form.facility_id.data = request.args.get("facility_id", type=int) or form.facility_id.data
    return write(lambda: ops.record_visit(load_unit_record(Facility, form.facility_id.data), form.started_on.data,
                                          current_user),
                 form=form, again=page, done=None, to=lambda visit: url_for("detention.edit_visit", visit_id=visit.id))


# ---- The visit page: its panels and the summary report ------------------------------------------

def visit_panels(visit: Visit) -> dict:
    """What the visit's panels on the shared case page show."""
    return {
        "interviews_visible": can_view_interviews(current_user, visit),
        "report": summary_report(visit),
        # The office's working language (its unit setting "report_language"), English otherwise.
        "report_form": ReportForm(language=visit.unit.settings.get("report_language", "en")),
        "visit_cases": db.session.scalars(
            select(DetentionCase).where(DetentionCase.visit_id == visit.id).order_by(DetentionCase.id)).all(),
        "my_draft": drafts.find_draft(current_user, visit.form_key) if can(current_user, Permission.EDIT, visit)
        else None,
        "editable": visit.status in ops.EDITABLE,
    }


@bp.route("/visits/<int:visit_id>/report", methods=["POST"])
def draft_report(visit_id: int):
    """Draft the numbered summary report, then edit it on the letter's own form."""
    visit = load_case(visit_id, Permission.EDIT, kind=Visit)
    form = ReportForm()
    return write(lambda: ops.draft_visit_report(visit, form.language.data, current_user), form=form,
                 again=on_case_page(visit, report_form=form),
                 done=_("The summary report is drafted from the visit record: read it through, then submit it "
                        "for approval."),
                 to=lambda report: url_for("letters.edit", letter_id=report.id))


# ---- Interviews: confidential to those who work on the visit -------------------------------------

def _interviews_page(visit: Visit, form: InterviewForm, confirm_form: ConfirmForm | None = None) -> Again:
    """The interviews page, with what was typed; every reading of it goes to the audit trail."""
    show = again_on("detention/interviews.html", visit=visit, form=form, confirm_form=confirm_form or ConfirmForm(),
                    editable=visit.status in ops.EDITABLE,
                    linkable=viewable_person_ids(current_user, (i.person_id for i in visit.interviews)))

    def page(status: int, reason: str | None):
        audit.record(audit.AuditAction.VIEW, obj=visit, detail={"interviews": len(visit.interviews)})
        db.session.commit()
        return show(status, reason)

    return page


@bp.route("/visits/<int:visit_id>/interviews", methods=["GET", "POST"])
def interviews(visit_id: int):
    """The interviews of a visit with their notes, and the form to record one."""
    visit = load_case(visit_id, kind=Visit)
    if not can_view_interviews(current_user, visit):
        abort(403)
    form = InterviewForm()
    page = _interviews_page(visit, form)
    if not form.is_submitted():
        return page(200, None)
    if not can(current_user, Permission.EDIT, visit):
        abort(403)
    return write(lambda: ops.add_interview(visit, form.detainee(), Consent(form.consent.data),
                                           bool(form.in_private.data), form.notes.data or "", current_user),
                 form=form, field=form.person_id, again=page, done=_("Interview recorded."),
                 to=url_for("detention.interviews", visit_id=visit.id))


@bp.route("/visits/<int:visit_id>/interviews/<int:interview_id>/remove", methods=["POST"])
def remove_interview(visit_id: int, interview_id: int):
    visit = load_case(visit_id, Permission.EDIT, kind=Visit)
    form = ConfirmForm()
    return write(lambda: ops.remove_interview(visit, interview_id), form=form,
                 again=_interviews_page(visit, InterviewForm(formdata=None), confirm_form=form),
                 done=_("Interview removed from the visit."), to=url_for("detention.interviews", visit_id=visit.id))
