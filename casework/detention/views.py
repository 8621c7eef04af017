"""Detention work in the browser: visits and their form, which never loses what was typed.

The blueprint is defined here; the register of places of detention, individual cases, releases
and the figures add their routes to it from their own modules (imported at the end). A visit's
and a case's own page is the shared case page, with this module's panels added to it.

Each view: load (with the permission check) → validate → one operation → commit → redirect.
"""
from __future__ import annotations

from datetime import date

from flask import Blueprint, abort, flash, jsonify, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm.exc import StaleDataError

from casework.cases.access import load_case
from casework.cases.forms import ConfirmForm
from casework.cases.views import render_case
from casework.core import audit, drafts
from casework.core.forms import choices
from casework.core.pagination import paginate
from casework.core.permissions import Permission, can
from casework.core.persons import viewable_person_ids
from casework.core.states import State
from casework.core.writes import EditConflict, Refused
from casework.detention import labels
from casework.detention import operations as ops
from casework.detention.forms import FilterForm, InterviewForm, NewVisitForm, ReportForm, VisitForm
from casework.detention.models import Facility, POPULATION_FIELDS, Visit
from casework.detention.permissions import can_view_interviews, field_offices_where, visible_facilities
from casework.detention.queries import VISIT_SORTS, Filters, filters_from_args, first_year, visits_query
from casework.detention.release_models import DetentionCase
from casework.extensions import db

bp = Blueprint("detention", __name__, url_prefix="/detention")


@bp.app_context_processor
def _labels() -> dict:
    """The module's words for its values, on its own pages and on the shared case page."""
    return {"detention": labels}


def load_visit(visit_id: int, permission: Permission = Permission.VIEW) -> Visit:
    visit = load_case(visit_id, permission)
    if not isinstance(visit, Visit):
        abort(404)
    return visit


# ---- Filters shared by the lists and the figures -------------------------------------------------

def filter_form(**extra_choices) -> tuple[FilterForm, Filters]:
    """The filter form of a list, filled from the query string, and the filters it gives."""
    form = FilterForm(request.args)
    form.unit.choices = choices([(0, _("Any"))] + [(u.id, u.code) for u in field_offices_where(current_user,
                                                                                               Permission.VIEW)])
    countries = db.session.scalars(select(State).where(
        State.id.in_(visible_facilities(current_user).with_only_columns(Facility.state_id))).order_by(State.name))
    form.country.choices = choices([(0, _("Any"))] + [(s.id, s.name) for s in countries])
    form.year.choices = choices([(0, _("Any"))] + [(y, str(y)) for y in range(date.today().year, first_year() - 1, -1)])
    form.validate()
    filters = filters_from_args(current_user, request.args)
    return form, filters


# ---- Visits --------------------------------------------------------------------------------------

@bp.route("/")
def index():
    """The visits the user may see: a field office sees its own."""
    form, filters = filter_form()
    page = paginate(visits_query(current_user, filters), sorts=VISIT_SORTS, default_sort="date",
                    default_direction="desc")
    facility = db.session.get(Facility, filters.facility_id) if filters.facility_id else None
    return render_template("detention/visits.html", form=form, filters=filters, page=page, facility=facility,
                           can_record=bool(field_offices_where(current_user, Permission.CREATE)))


def _facility_choices(unit_ids: list[int]):
    facilities = db.session.scalars(
        visible_facilities(current_user).where(Facility.unit_id.in_(unit_ids), Facility.active)
        .join(State, State.id == Facility.state_id).order_by(State.name, Facility.name))
    return choices((f.id, f"{f.state.name} — {f.name} ({f.location or f.type_label})") for f in facilities)


@bp.route("/visits/new", methods=["GET", "POST"])
def new_visit():
    units = field_offices_where(current_user, Permission.CREATE)
    if not units:
        abort(403)
    form = NewVisitForm()
    form.facility_id.choices = _facility_choices([u.id for u in units])
    if request.method == "GET" and request.args.get("facility_id", type=int):
        form.facility_id.data = request.args.get("facility_id", type=int)
    if form.validate_on_submit():
        facility = db.session.get(Facility, form.facility_id.data)
        for attempt in (1, 2):
            try:
                visit = ops.record_visit(facility, form.started_on.data, current_user)
                db.session.commit()
                break
            except IntegrityError:  # another visit took the number at the same moment: take the next
                db.session.rollback()
                if attempt == 2:
                    raise
        return redirect(url_for("detention.edit_visit", visit_id=visit.id), 303)
    return render_template("detention/visit_new.html", form=form), 400 if form.errors else 200


def _visit_data(visit: Visit) -> dict:
    """The visit as the form shows it, with one empty line for a new recommendation."""
    data = {name: getattr(visit, name) for name in (
        "facility_id", "started_on", "ended_on", "team", "announced", "access_notes", "capacity",
        "issues_raised", "authority_response", *POPULATION_FIELDS)}
    data.update(version=visit.version, visit_kind=visit.visit_kind.value, access=visit.access.value)
    data["conditions"] = {}
    for condition in visit.conditions:
        data["conditions"][condition.item.value] = condition.assessment.value
        data["conditions"][f"{condition.item.value}_note"] = condition.note
    data["recommendations"] = [{"id": r.id, "addressee": r.addressee, "text": r.text, "deadline": r.deadline}
                               for r in visit.recommendations] + [{}]
    found = {f.recommendation_id: f for f in visit.follow_ups}
    data["follow_ups"] = [{"recommendation_id": r.id, "status": found[r.id].status.value if r.id in found else "",
                           "note": found[r.id].note if r.id in found else ""} for r in ops.open_recommendations(visit)]
    return data


def _visit_form(visit: Visit, draft: drafts.FormDraft | None) -> VisitForm:
    """The form as posted; else as the user's unsaved draft left it; else as the visit is saved."""
    if request.method == "POST":
        form = VisitForm()
    elif draft is not None:
        formdata = draft.formdata()
        formdata.setlist("version", [str(visit.version)])  # the draft is shown over the visit as it now is
        form = VisitForm(formdata=formdata)
    else:
        form = VisitForm(data=_visit_data(visit))
    form.facility_id.choices = _facility_choices([visit.unit_id])
    return form


@bp.route("/visits/<int:visit_id>/edit", methods=["GET", "POST"])
def edit_visit(visit_id: int):
    visit = load_visit(visit_id, Permission.EDIT)
    if visit.status not in ops.EDITABLE:
        flash(_("The head of office has reviewed this visit: ask them to reopen it to change it."), "warning")
        return redirect(visit.url, 303)
    draft = drafts.find_draft(current_user, visit.form_key)
    form = _visit_form(visit, draft)
    error, status = None, 200
    if request.method == "POST":
        if form.validate():
            try:
                ops.update_visit(visit, form.content(), current_user, form.version.data)
                drafts.discard_draft(current_user, visit.form_key)
                db.session.commit()
            except (EditConflict, StaleDataError):
                db.session.rollback()
                error, status = str(EditConflict(visit)), 409
            except (Refused, ops.Refused) as refusal:
                db.session.rollback()
                error, status = str(refusal), 422
            else:
                flash(_("Visit saved."), "success")
                return redirect(visit.url, 303)
        status = status if error else 400
        # Refused or invalid: what was typed stays on the page, and in the draft should the tab close.
        draft_saved = ops.save_visit_draft(visit, drafts.fields_of(request.form), current_user)
        db.session.commit()
        draft = drafts.FormDraft(saved_at=draft_saved, base_version=form.version.data)
    return render_template(
        "detention/visit_form.html", visit=visit, form=form, draft=draft, error=error,
        followed=_followed_recommendations(visit), confirm_form=ConfirmForm(),
        changed_since_draft=draft is not None and draft.base_version not in (None, visit.version),
    ), status


def _followed_recommendations(visit: Visit) -> dict:
    return {r.id: r for r in ops.open_recommendations(visit)}


@bp.route("/visits/<int:visit_id>/draft", methods=["POST"])
def autosave(visit_id: int):
    """Keep what the officer is typing (called by static/js/autosave.js every few seconds)."""
    visit = load_visit(visit_id, Permission.EDIT)
    if visit.status not in ops.EDITABLE:
        return jsonify(error="not_editable", message=_(
            "The head of office has reviewed this visit meanwhile: your changes are kept in this page only.")), 409
    try:
        saved_at = ops.save_visit_draft(visit, drafts.fields_of(request.form), current_user)
    except drafts.DraftTooLarge as refusal:
        return jsonify(error="too_large", message=str(refusal)), 413
    db.session.commit()
    return jsonify(saved_at=saved_at.isoformat(timespec="milliseconds"), message=_("Draft saved"))


@bp.route("/visits/<int:visit_id>/draft/discard", methods=["POST"])
def discard_draft(visit_id: int):
    visit = load_visit(visit_id, Permission.EDIT)
    if ConfirmForm().validate_on_submit():
        drafts.discard_draft(current_user, visit.form_key)
        db.session.commit()
        flash(_("Your unsaved changes were discarded."), "info")
    return redirect(url_for("detention.edit_visit", visit_id=visit.id) if visit.status in ops.EDITABLE
                    else visit.url, 303)


# ---- Panels of the visit page, interviews and the summary report --------------------------------

def visit_panels(visit: Visit) -> dict:
    report = ops.summary_report(visit)
    return {
        "interviews_visible": can_view_interviews(current_user, visit),
        "interview_form": InterviewForm(),
        "report": report,
        # The office's working language (its unit setting "report_language"), English otherwise.
        "report_form": ReportForm(language=visit.unit.settings.get("report_language", "en")),
        "visit_cases": db.session.scalars(
            select(DetentionCase).where(DetentionCase.visit_id == visit.id).order_by(DetentionCase.id)).all(),
        "my_draft": drafts.find_draft(current_user, visit.form_key) if can(current_user, Permission.EDIT, visit)
        else None,
        "editable": visit.status in ops.EDITABLE,
    }



@bp.route("/visits/<int:visit_id>/interviews", methods=["GET", "POST"])
def interviews(visit_id: int):
    """The interviews of a visit with their notes: confidential, and every reading is recorded."""
    visit = load_visit(visit_id)
    if not can_view_interviews(current_user, visit):
        abort(403)
    form = InterviewForm()
    if request.method == "POST":
        if not can(current_user, Permission.EDIT, visit):
            abort(403)
        if form.validate_on_submit():
            try:
                person = ops.find_or_register_person(visit.unit_id, form.person_id.data, form.new_detainee(),
                                                     current_user)
                ops.add_interview(visit, person, form.consent.data, bool(form.in_private.data),
                                  form.notes.data or "", current_user)
            except ops.Refused as refusal:
                db.session.rollback()
                form.person_id.errors.append(str(refusal))
            else:
                db.session.commit()
                flash(_("Interview recorded."), "success")
                return redirect(url_for("detention.interviews", visit_id=visit.id), 303)
    audit.record(audit.AuditAction.VIEW, obj=visit, detail={"interviews": len(visit.interviews)})
    db.session.commit()
    return render_template("detention/interviews.html", visit=visit, form=form, confirm_form=ConfirmForm(),
                           editable=visit.status in ops.EDITABLE,
                           linkable=viewable_person_ids(current_user, (i.person_id for i in visit.interviews)),
                           ), 400 if form.errors else 200


@bp.route("/visits/<int:visit_id>/interviews/<int:interview_id>/remove", methods=["POST"])
def remove_interview(visit_id: int, interview_id: int):
    visit = load_visit(visit_id, Permission.EDIT)
    if ConfirmForm().validate_on_submit():
        try:
            ops.remove_interview(visit, interview_id)
        except ops.Refused as refusal:
            flash(str(refusal), "warning")
        else:
            db.session.commit()
            flash(_("Interview removed from the visit."), "success")
    return redirect(url_for("detention.interviews", visit_id=visit.id), 303)


@bp.route("/visits/<int:visit_id>/report", methods=["POST"])
def draft_report(visit_id: int):
    """Draft the numbered summary report, then edit it on the letter's own form."""
    visit = load_visit(visit_id, Permission.EDIT)
    form = ReportForm()
    if not form.validate_on_submit():
        return render_case(visit, 400, report_form=form)
    try:
        report = ops.draft_visit_report(visit, form.language.data, current_user)
    except ops.Refused as refusal:
        db.session.rollback()
        return render_case(visit, 422, error=str(refusal), report_form=form)
    db.session.commit()
    flash(_("The summary report is drafted from the visit record: read it through, then submit it for approval."),
          "success")
    return redirect(url_for("letters.edit", letter_id=report.id), 303)
