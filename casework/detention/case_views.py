"""Individual cases raised with the authorities: open, raise, record the outcome."""
from __future__ import annotations

from flask import abort, flash, redirect, render_template, request
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy.orm.exc import StaleDataError

from casework.cases.access import load_case
from casework.cases.views import record_step
from casework.core.pagination import paginate
from casework.core.permissions import Permission, can_in_unit
from casework.core.writes import EditConflict, Refused
from casework.detention import operations as ops
from casework.detention import release_operations as cases
from casework.detention.facility_views import load_facility
from casework.detention.forms import CaseForm, NewCaseForm, OutcomeForm, RaiseForm
from casework.detention.permissions import field_offices_where
from casework.detention.queries import CASE_SORTS, cases_query
from casework.detention.release_models import DetentionCase, DetentionCaseStatus
from casework.detention.views import _facility_choices, bp, filter_form, load_visit
from casework.extensions import db


def load_detention_case(case_id: int, permission: Permission = Permission.VIEW) -> DetentionCase:
    case = load_case(case_id, permission)
    if not isinstance(case, DetentionCase):
        abort(404)
    return case


@bp.route("/cases/")
def cases_list():
    form, filters = filter_form()
    page = paginate(cases_query(current_user, filters), sorts=CASE_SORTS, default_sort="opened",
                    default_direction="desc")
    return render_template("detention/cases.html", form=form, filters=filters, page=page,
                           can_open=bool(field_offices_where(current_user, Permission.CREATE)))


@bp.route("/cases/new", methods=["GET", "POST"])
def new_case():
    """Open a case: from a visit (the place is the visit's), from a place, or from the list."""
    visit_id = request.args.get("visit_id", type=int)
    visit = load_visit(visit_id, Permission.EDIT) if visit_id else None
    units = [visit.unit] if visit else field_offices_where(current_user, Permission.CREATE)
    if not units or not all(can_in_unit(current_user, Permission.CREATE, u.id) for u in units):
        abort(403)
    form = NewCaseForm()
    form.facility_id.choices = _facility_choices([u.id for u in units])
    if request.method == "GET":
        form.facility_id.data = visit.facility_id if visit else request.args.get("facility_id", type=int)
    if form.validate_on_submit():
        facility = load_facility(form.facility_id.data)
        try:
            person = ops.find_or_register_person(facility.unit_id, form.person_id.data, form.new_detainee(),
                                                 current_user)
            case = cases.open_case(facility, person, cases.CaseIssue(form.issue.data), form.issue_details.data or "",
                                   current_user,
                                   confidential=bool(form.confidential.data), visit=visit)
        except ops.Refused as refusal:
            db.session.rollback()
            form.person_id.errors.append(str(refusal))
        else:
            db.session.commit()
            flash(_("Case %(reference)s opened.", reference=case.reference), "success")
            return redirect(case.url, 303)
    return render_template("detention/case_new.html", form=form, visit=visit), 400 if form.errors else 200


def case_panels(case: DetentionCase) -> dict:
    return {"raise_form": RaiseForm(version=case.version), "outcome_form": OutcomeForm(
        version=case.version, category=case.category.value if case.category else "")}



@bp.route("/cases/<int:case_id>/edit", methods=["GET", "POST"])
def edit_case(case_id: int):
    case = load_detention_case(case_id, Permission.EDIT)
    if case.status == DetentionCaseStatus.CLOSED:
        flash(_("The case is closed: reopen it to change it."), "warning")
        return redirect(case.url, 303)
    form = CaseForm(data=None if request.method == "POST" else {
        "version": case.version, "issue": case.issue.value, "issue_details": case.issue_details,
        "raised_with": case.raised_with, "actions": case.actions,
        "category": case.category.value if case.category else "",
        "outcome": case.outcome.value if case.outcome else "", "outcome_on": case.outcome_on})
    error, status = None, 200
    if form.validate_on_submit():
        try:
            cases.update_case(case, form.content(), current_user, form.version.data)
            db.session.commit()
        except (EditConflict, StaleDataError):
            db.session.rollback()
            error, status = str(EditConflict(case)), 409
        except (Refused, ops.Refused) as refusal:
            db.session.rollback()
            error, status = str(refusal), 422
        else:
            flash(_("Case saved."), "success")
            return redirect(case.url, 303)
    status = status if error else (400 if form.errors else 200)
    return render_template("detention/case_form.html", case=case, form=form, error=error), status


@bp.route("/cases/<int:case_id>/raise", methods=["POST"])
def raise_case(case_id: int):
    case = load_detention_case(case_id, Permission.EDIT)
    form = RaiseForm()
    return record_step(case, "raise_form", form, lambda: cases.raise_case(
        case, form.raised_on.data, form.raised_with.data, form.action.data or "", current_user, form.version.data),
        _("Recorded as raised with the authorities."))


@bp.route("/cases/<int:case_id>/outcome", methods=["POST"])
def record_outcome(case_id: int):
    case = load_detention_case(case_id, Permission.EDIT)
    form = OutcomeForm()
    category = cases.ReleaseCategory(form.category.data) if form.category.data in {c.value for c in
                                                                                   cases.ReleaseCategory} else None
    return record_step(case, "outcome_form", form, lambda: cases.record_outcome(
        case, cases.CaseOutcome(form.outcome.data), form.outcome_on.data, category, form.action.data or "",
        current_user, form.version.data), _("Outcome recorded."))

