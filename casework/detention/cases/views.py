"""Individual cases raised with the authorities: the list, opening a case, correcting it, and the
steps taken on its page (raised, outcome), each through `write()`."""
from __future__ import annotations

from datetime import date

from flask import abort, render_template, request
from flask_babel import gettext as _
from flask_login import current_user

from casework.cases.access import load_case
from casework.cases.views import back_to_case, record_step
from casework.core.pagination import paginate
from casework.core.permissions import Permission, can_in_unit
from casework.core.writes import again_on, write
from casework.detention.cases import operations as ops
from casework.detention.cases.forms import CaseFilterForm, CaseForm, NewCaseForm, OutcomeForm, RaiseForm
from casework.detention.cases.models import CaseIssue, CaseOutcome, DetentionCase, DetentionCaseStatus
from casework.detention.cases.queries import CASE_SORTS, cases_query
from casework.detention.filters import filter_form
from casework.detention.permissions import field_offices_where, load_unit_record
from casework.detention.places.models import Facility
from casework.detention.places.queries import facility_choices
from casework.detention.views import bp
from casework.detention.visits.models import Visit


@bp.route("/cases/")
def cases_list():
    form, filters = filter_form(CaseFilterForm)
    page = paginate(cases_query(current_user, filters), sorts=CASE_SORTS, default_sort="opened",
                    default_direction="desc")
    return render_template("detention/cases.html", form=form, filters=filters, page=page,
                           can_open=bool(field_offices_where(current_user, Permission.CREATE)))


@bp.route("/cases/new", methods=["GET", "POST"])
def new_case():
    """Open a case: from a visit (the place is the visit's), from a place, or from the list."""
    visit_id = request.args.get("visit_id", type=int)
    visit = load_case(visit_id, Permission.EDIT, kind=Visit) if visit_id else None
    units = [visit.unit] if visit else field_offices_where(current_user, Permission.CREATE)
    if not units or not all(can_in_unit(current_user, Permission.CREATE, u.id) for u in units):
        abort(403)
    form = NewCaseForm()
    form.facility_id.choices = facility_choices(current_user, [u.id for u in units])
    page = again_on("detention/case_new.html", form=form, visit=visit)
    if not form.is_submitted():
        form.facility_id.data = visit.facility_id if visit else request.args.get("facility_id", type=int)
        form.opened_on.data = date.today()
    return write(lambda: ops.open_case(
        load_unit_record(Facility, form.facility_id.data), form.detainee(), CaseIssue(form.issue.data),
        form.issue_details.data or "", current_user, confidential=bool(form.confidential.data), visit=visit,
        on=form.opened_on.data),
        form=form, field=form.person_id, again=page, to=lambda case: case.url,
        done=lambda case: _("Case %(reference)s opened.", reference=case.reference))


def case_panels(case: DetentionCase) -> dict:
    """The forms of the steps on the case's page."""
    return {"raise_form": RaiseForm(version=case.version), "outcome_form": OutcomeForm(
        version=case.version, category=case.category.value if case.category else "")}


@bp.route("/cases/<int:case_id>/edit", methods=["GET", "POST"])
def edit_case(case_id: int):
    case = load_case(case_id, Permission.EDIT, kind=DetentionCase)
    if case.status == DetentionCaseStatus.CLOSED:
        return back_to_case(case, _("The case is closed: reopen it to change it."))
    form = CaseForm(data=None if request.method == "POST" else {
        "version": case.version, "issue": case.issue.value, "issue_details": case.issue_details,
        "raised_with": case.raised_with, "actions": case.actions,
        "category": case.category.value if case.category else "",
        "outcome": case.outcome.value if case.outcome else "", "outcome_on": case.outcome_on})
    page = again_on("detention/case_form.html", case=case, form=form)
    return write(lambda: ops.update_case(case, form.content(), current_user), form=form, record=case, again=page,
                 done=_("Case saved."), to=case.url)


@bp.route("/cases/<int:case_id>/raise", methods=["POST"])
def raise_case(case_id: int):
    case = load_case(case_id, Permission.EDIT, kind=DetentionCase)
    form = RaiseForm()
    return record_step(case, "raise_form", form, lambda: ops.raise_case(
        case, form.raised_on.data, form.raised_with.data, form.action.data or "", current_user),
        _("Recorded as raised with the authorities."))


@bp.route("/cases/<int:case_id>/outcome", methods=["POST"])
def record_outcome(case_id: int):
    case = load_case(case_id, Permission.EDIT, kind=DetentionCase)
    form = OutcomeForm()
    return record_step(case, "outcome_form", form, lambda: ops.record_outcome(
        case, CaseOutcome(form.outcome.data), form.outcome_on.data, form.release_category(), form.action.data or "",
        current_user), _("Outcome recorded."))
