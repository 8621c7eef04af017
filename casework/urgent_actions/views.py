"""Urgent action pages: the list, statistics, receiving a request or a group, and the panels of
the case page (registration check, recommendations, follow-up notes).

Each view: load (with the permission check) → validate → one operation → commit → redirect.
"""
from __future__ import annotations

from datetime import date

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select
from sqlalchemy.orm.exc import StaleDataError

from casework.cases.access import load_case
from casework.cases.views import render_case
from casework.core.forms import choices
from casework.core.pagination import paginate
from casework.core.permissions import Permission, can, units_where
from casework.core.persons import PersonRole, visible_links
from casework.core.states import State
from casework.core.units import Unit
from casework.core.writes import EditConflict, Refused
from casework.exports.views import export_response
from casework.extensions import db
from casework.urgent_actions import operations as ops
from casework.urgent_actions.forms import (
    FollowUpForm, GroupForm, ListFilterForm, RegistrationForm, ResponseForm, UrgentActionDetailsForm, UrgentActionForm,
    criteria_of, parse_persons,
)
from casework.urgent_actions.models import (
    CRITERIA_LABELS, Criterion, Recommendation, ResponseStatus, UrgentAction, UrgentActionStatus,
)
from casework.urgent_actions.permissions import can_see_authors
from casework.urgent_actions.queries import BUCKETS, LIST_SORTS, statistics, urgent_actions_from_args
from casework.urgent_actions.workflow import BEFORE_REGISTRATION, URGENT_ACTION_WORKFLOW, open_reply_deadline

bp = Blueprint("urgent_actions", __name__, url_prefix="/urgent-actions")


def _state_choices(blank: str) -> list:
    return choices([(0, blank)] + list(db.session.execute(select(State.id, State.name).order_by(State.name)).all()))


UNIT_CODE = "CED"  # urgent actions belong to the Committee on Enforced Disappearances' unit


def _ced_unit() -> Unit:
    """The unit new urgent actions go to, if the user may create cases there."""
    unit = next((u for u in units_where(current_user, Permission.CREATE) if u.code == UNIT_CODE), None)
    if unit is None:
        abort(403)
    return unit


def _filters() -> ListFilterForm:
    form = ListFilterForm(request.args)
    form.state.choices = _state_choices(_("Any"))
    form.status.choices = choices([("", _("Any"))] + [(s.value, URGENT_ACTION_WORKFLOW.state_label(s))
                                                      for s in UrgentActionStatus])
    form.bucket.choices = choices([("", _("Any"))] + list(BUCKETS.items()))
    form.validate()
    return form


@bp.route("/")
def index():
    form = _filters()
    page = paginate(urgent_actions_from_args(current_user, request.args), sorts=LIST_SORTS,
                    default_sort="registered", default_direction="desc")
    may_create = any(u.code == UNIT_CODE for u in units_where(current_user, Permission.CREATE))
    return render_template("urgent_actions/list.html", form=form, page=page, may_create=may_create,
                           workflow=URGENT_ACTION_WORKFLOW)


@bp.route("/export.csv")
def export():
    """The filtered list as CSV, now made by the exports of every list (kept for bookmarks)."""
    return export_response("urgent_actions", "csv", request.args)


@bp.route("/statistics")
def stats():
    return render_template("urgent_actions/statistics.html", stats=statistics(current_user), buckets=BUCKETS)


def _event_form(form):
    form.state_id.choices = _state_choices(_("Choose…"))
    form.second_state_id.choices = _state_choices(_("No second State"))
    if hasattr(form, "nationality_id"):
        form.nationality_id.choices = _state_choices(_("Unknown"))
    if request.method == "GET":
        form.received_on.data = date.today()
    return form


@bp.route("/new", methods=["GET", "POST"])
def new():
    unit = _ced_unit()
    form = _event_form(UrgentActionForm())
    if form.validate_on_submit() and form.state_id.data:
        ua = ops.create_urgent_action(form.disappearance(), [form.disappeared()], unit, current_user)
        db.session.commit()
        flash(_("Request received; check it against the registration criteria."), "success")
        return redirect(ua.url, 303)
    if request.method == "POST" and not form.state_id.data:
        form.state_id.errors = [*form.state_id.errors, _("Choose the State party.")]
    return render_template("urgent_actions/form.html", form=form), 400 if form.errors else 200


@bp.route("/groups/new", methods=["GET", "POST"])
def new_group():
    unit = _ced_unit()
    form = _event_form(GroupForm())
    if form.validate_on_submit() and form.state_id.data:
        data = ops.GroupRegistration(title=form.title.data, event=form.disappearance(),
                                     persons=parse_persons(form.persons.data), criteria=criteria_of(form),
                                     reason=form.reason.data or "", letters=form.letters.data)
        try:
            group = ops.register_group(data, unit, current_user)
        except Refused as refusal:
            db.session.rollback()
            form.persons.errors = [*form.persons.errors, str(refusal)]
        else:
            db.session.commit()
            flash(_("%(n)s urgent actions registered.", n=len(group.members)), "success")
            return redirect(url_for("urgent_actions.index", group=group.id), 303)
    return render_template("urgent_actions/group_form.html", form=form,
                           criteria=[(c, CRITERIA_LABELS[c]) for c in Criterion]), 400 if form.errors else 200


def load_urgent_action(case_id: int, permission: Permission = Permission.VIEW) -> UrgentAction:
    ua = load_case(case_id, permission)
    if not isinstance(ua, UrgentAction):
        abort(404)
    return ua


def _authors(ua: UrgentAction) -> list:
    return [link.person for link in visible_links(ua, current_user) if link.role is PersonRole.AUTHOR]


def panels(ua: UrgentAction) -> dict:
    registration_form = RegistrationForm()
    if request.method == "GET":
        for criterion in Criterion:
            registration_form[f"criterion_{criterion.value}"].data = bool((ua.criteria or {}).get(criterion.value))
    return {
        "ua": ua,
        "see_authors": can_see_authors(current_user, ua),
        "authors": _authors(ua) if can_see_authors(current_user, ua) else [],
        "reply_deadline": open_reply_deadline(ua),
        "may_edit": can(current_user, Permission.EDIT, ua),
        "details_refusal": ops.details_refusal(ua),
        "deciding": ua.status in BEFORE_REGISTRATION,
        "criteria": [(c, CRITERIA_LABELS[c]) for c in Criterion],
        "registration_form": registration_form,
        "follow_up_form": FollowUpForm(),
        "response_form": ResponseForm(),
    }



def _refused(ua: UrgentAction, error: str, status: int, **forms):
    db.session.rollback()
    return render_case(ua, status, error=error, **forms)


def _details_form(ua: UrgentAction) -> UrgentActionDetailsForm:
    """The form, prefilled from the urgent action on GET, with the user's input on POST."""
    current, see_authors = None, can_see_authors(current_user, ua)
    if request.method == "GET":
        complaint = ua.complaints[0] if ua.complaints else None
        shown = ops.DETAIL_FIELDS + (ops.AUTHOR_DETAIL_FIELDS if see_authors else ())
        current = {name: getattr(ua, name) for name in shown}
        current.update(version=ua.version, age=ua.age_at_disappearance, second_state_id=ua.second_state_id or 0,
                       complaint_authority=complaint.authority if complaint else "",
                       complaint_filed_on=complaint.filed_on if complaint else None,
                       complaint_file_number=complaint.file_number if complaint else "")
    form = UrgentActionDetailsForm(data=current)
    form.state_id.choices = _state_choices(_("Choose…"))
    form.second_state_id.choices = _state_choices(_("No second State"))
    return form if see_authors else form.without_authors()


@bp.route("/<int:case_id>/edit", methods=["GET", "POST"])
def edit(case_id: int):
    """Correct the details of the request; the reference and the workflow state stay as they are."""
    ua = load_urgent_action(case_id, Permission.EDIT)
    if request.method == "GET" and (refusal := ops.details_refusal(ua)):
        return render_case(ua, 422, error=refusal)
    form = _details_form(ua)
    error, status = None, 200
    if form.validate_on_submit():
        try:
            ops.update_details(ua, form.disappearance(), form.age.data, current_user, form.version.data,
                               with_authors=form.with_authors)
            db.session.commit()
        except (EditConflict, StaleDataError):
            db.session.rollback()
            error, status = str(EditConflict(ua)), 409
        except Refused as refused:
            db.session.rollback()
            error, status = str(refused), 422
        else:
            flash(_("Details saved."), "success")
            return redirect(ua.url, 303)
    status = status if error else (400 if form.errors else 200)
    return render_template("urgent_actions/edit.html", ua=ua, form=form, error=error,
                           authors=_authors(ua) if form.with_authors else []), status


@bp.route("/<int:case_id>/registration", methods=["POST"])
def decide(case_id: int):
    ua = load_urgent_action(case_id, Permission.EDIT)
    form = RegistrationForm()
    if not form.validate_on_submit():
        return render_case(ua, 400, registration_form=form)
    try:
        ops.decide_registration(ua, form.decision.data, criteria_of(form), form.reason.data or "", current_user)
        db.session.commit()
    except (EditConflict, StaleDataError):
        return _refused(ua, str(EditConflict(ua)), 409, registration_form=form)
    except Refused as refusal:
        return _refused(ua, str(refusal), 403 if refusal.forbidden else 422, registration_form=form)
    flash(_("Decision recorded: %(state)s.", state=ua.status_label), "success")
    return redirect(ua.url, 303)


@bp.route("/<int:case_id>/follow-up", methods=["POST"])
def follow_up(case_id: int):
    ua = load_urgent_action(case_id, Permission.EDIT)
    form = FollowUpForm()
    if not form.validate_on_submit():
        return render_case(ua, 400, follow_up_form=form)
    try:
        ops.send_follow_up_note(ua, current_user, form.pairs(), form.due_on.data)
        db.session.commit()
    except (EditConflict, StaleDataError):
        return _refused(ua, str(EditConflict(ua)), 409, follow_up_form=form)
    except Refused as refusal:
        return _refused(ua, str(refusal), 403 if refusal.forbidden else 422, follow_up_form=form)
    flash(_("Follow-up note drafted; the State's new deadline is running."), "success")
    return redirect(ua.url, 303)


@bp.route("/<int:case_id>/recommendations/<int:recommendation_id>", methods=["POST"])
def respond(case_id: int, recommendation_id: int):
    ua = load_urgent_action(case_id, Permission.EDIT)
    recommendation = db.session.get(Recommendation, recommendation_id)
    if recommendation is None or recommendation.case_id != ua.id:
        abort(404)
    form = ResponseForm()
    if not form.validate_on_submit():
        return render_case(ua, 400, response_form=form)
    ops.record_response(recommendation, ResponseStatus(form.response_status.data), form.state_response.data or "",
                        form.responded_on.data)
    db.session.commit()
    flash(_("The State's response is recorded."), "success")
    return redirect(ua.url + f"#recommendation-{recommendation.id}", 303)
