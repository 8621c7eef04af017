"""Urgent action pages: the list, statistics, receiving a request or a group, and the panels of
the case page (registration check, recommendations, follow-up notes).

Each view: load (with the permission check) → validate → one operation → commit → redirect.
"""
from __future__ import annotations

from datetime import date

from flask import Blueprint, abort, render_template, request, url_for
from flask_babel import gettext as _, ngettext
from flask_login import current_user

from casework.cases.access import load_case, load_part
from casework.cases.forms import ConfirmForm
from casework.cases.views import on_case_page, render_case
from casework.core.forms import choices, list_filters, state_choices
from casework.core.pagination import paginate
from casework.core.permissions import Permission, can, units_where
from casework.core.persons import PersonRole, visible_links
from casework.core.units import Unit
from casework.core import jobs
from casework.core.inputs import bounded_int
from casework.core.writes import again_at, again_on, write
from casework.extensions import db
from casework.exports.views import export_response
from casework.urgent_actions import operations as ops
from casework.urgent_actions.forms import (
    FollowUpForm, GroupForm, ListFilterForm, OutcomeForm, RegistrationForm, ResponseForm, UrgentActionDetailsForm,
    UrgentActionForm, criteria_of, outcome_form, parse_persons,
)
from casework.urgent_actions.models import (
    CRITERIA_LABELS, LOCATED_LABELS, Criterion, Located, Recommendation, ResponseStatus, UrgentAction,
    UrgentActionGroup,
)
from casework.urgent_actions.permissions import can_see_authors
from casework.urgent_actions.queries import BUCKETS, KEY, LIST_SORTS, statistics, urgent_actions_from_args
from casework.urgent_actions.figures import statistics_charts
from casework.urgent_actions.workflow import (
    BEFORE_REGISTRATION, OPEN_STATES, URGENT_ACTION_WORKFLOW, missing_reason, open_reply_deadline,
)

bp = Blueprint("urgent_actions", __name__, url_prefix="/urgent-actions")



UNIT_CODE = "CED"  # urgent actions belong to the Committee on Enforced Disappearances' unit


def _ced_unit() -> Unit:
    """The unit new urgent actions go to, if the user may create cases there."""
    unit = next((u for u in units_where(current_user, Permission.CREATE) if u.code == UNIT_CODE), None)
    if unit is None:
        abort(403)
    return unit


@bp.route("/")
def index():
    form = list_filters(ListFilterForm(request.args), URGENT_ACTION_WORKFLOW,
                        bucket=choices([("", _("Any"))] + list(BUCKETS.items())))
    page = paginate(urgent_actions_from_args(current_user, request.args), sorts=LIST_SORTS,
                    default_sort="registered", default_direction="desc", key=KEY)
    may_create = any(u.code == UNIT_CODE for u in units_where(current_user, Permission.CREATE))
    return render_template("urgent_actions/list.html", form=form, page=page, may_create=may_create,
                           workflow=URGENT_ACTION_WORKFLOW, registering=_registration_of(request.args.get("group", type=bounded_int)))


def _visible_group(group_id: int | None) -> tuple[UrgentActionGroup, UrgentAction] | None:
    """A group and its first urgent action (the one registered at once), for whoever may see that
    one. The first is asked for alone: a group of a thousand is not loaded to show its progress."""
    group = db.session.get(UrgentActionGroup, group_id) if group_id else None
    first = ops.first_of_group(group) if group is not None else None
    if first is None or not can(current_user, Permission.VIEW, first):
        return None
    return group, first


def _registration_of(group_id: int | None) -> dict | None:
    """How far a group's registration in the background has got, while persons still wait."""
    visible = _visible_group(group_id)
    if visible is None or not visible[0].waiting:
        return None
    group, first = visible
    job = db.session.scalar(jobs.jobs_about(group).limit(1))
    return {"group": group, "registered": group.size - len(group.waiting["persons"]), "job": job,
            "confirm_form": ConfirmForm(), "may_retry": can(current_user, Permission.EDIT, first)}


@bp.route("/export.csv")
def export():
    """The filtered list as CSV, now made by the exports of every list (kept for bookmarks)."""
    return export_response("urgent_actions", "csv", request.args)


@bp.route("/statistics")
def stats():
    figures = statistics(current_user)
    year = figures.year_shown(request.args.get("year", type=int))
    return render_template("urgent_actions/statistics.html", stats=figures, buckets=BUCKETS, year=year,
                           charts=statistics_charts(figures))


def _event_form(form):
    form.state_id.choices = state_choices(_("Choose…"))
    form.second_state_id.choices = state_choices(_("No second State"))
    if hasattr(form, "nationality_id"):
        form.nationality_id.choices = state_choices(_("Unknown"))
    if request.method == "GET":
        form.received_on.data = date.today()
        if hasattr(form, "registered_on"):
            form.registered_on.data = date.today()
    return form


@bp.route("/new", methods=["GET", "POST"])
def new():
    unit = _ced_unit()
    form = _event_form(UrgentActionForm())
    again = again_on("urgent_actions/form.html", form=form)
    return write(lambda: ops.create_urgent_action(form.disappearance(), [form.disappeared()], unit, current_user),
                 form=form, again=again, done=_("Request received; check it against the registration criteria."),
                 to=lambda ua: ua.url)


@bp.route("/groups/new", methods=["GET", "POST"])
def new_group():
    unit = _ced_unit()
    form = _event_form(GroupForm())
    again = again_on("urgent_actions/group_form.html", form=form,
                     criteria=[(c, CRITERIA_LABELS[c]) for c in Criterion])

    def register():
        return ops.register_group(ops.GroupRegistration(
            title=form.title.data, event=form.disappearance(), persons=parse_persons(form.persons.data),
            criteria=criteria_of(form), reason=form.reason.data or "", letters=form.letters.data), unit, current_user,
            on=form.registered_on.data)

    return write(register, form=form, field=form.persons, again=again, done=_registered,
                 to=lambda group: url_for("urgent_actions.index", group=group.id))


def _registered(group: UrgentActionGroup) -> str:
    if group.waiting:
        return ngettext("The first urgent action is registered; the other %(num)d is being registered now.",
                        "The first urgent action is registered; the other %(num)d are being registered now.",
                        group.size - 1)
    return _("%(n)s urgent actions registered.", n=len(group.members))


@bp.route("/groups/<int:group_id>/retry", methods=["POST"])
def retry_group(group_id: int):
    """Go on registering a group whose registration stopped (a failure, or a worker that died)."""
    group, first = _visible_group(group_id) or abort(404)
    if not can(current_user, Permission.EDIT, first):
        abort(403)
    record = db.session.scalar(jobs.jobs_about(group).limit(1)) or abort(404)
    form = ConfirmForm()
    to = url_for("urgent_actions.index", group=group.id)
    return write(lambda: jobs.retry(record), form=form, again=again_at(to),
                 done=_("Registering the persons still waiting."), to=to)


def _authors(ua: UrgentAction) -> list:
    return [link.person for link in visible_links(ua, current_user) if link.role is PersonRole.AUTHOR]


def panels(ua: UrgentAction) -> dict:
    registration_form = RegistrationForm()
    if request.method == "GET":
        registration_form.decided_on.data = date.today()
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
        "outcome_forms": _outcome_forms(ua),
        "located_labels": LOCATED_LABELS,
        "missing_reason": missing_reason(ua) if ua.outcomes else None,
    }


def _outcome_forms(ua: UrgentAction, posted: tuple[int, OutcomeForm] | None = None) -> dict[int, OutcomeForm]:
    """One form per disappeared person while outcomes may be recorded, prefilled with the person's
    outcome if any, the date today otherwise; the form just posted keeps its input."""
    if ua.status not in OPEN_STATES or not can(current_user, Permission.EDIT, ua):
        return {}
    forms = {}
    for person in ua.disappeared:
        if posted is not None and posted[0] == person.id:
            forms[person.id] = posted[1]
            continue
        line = ua.outcome_of(person)
        forms[person.id] = outcome_form(person.id, formdata=None, data={
            "version": ua.version, "outcome": line.outcome.value if line else Located.ALIVE_AND_FREE.value,
            "located_on": line.located_on if line else date.today()})
    return forms


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
    form.state_id.choices = state_choices(_("Choose…"))
    form.second_state_id.choices = state_choices(_("No second State"))
    return form if see_authors else form.without_authors()


@bp.route("/<int:case_id>/edit", methods=["GET", "POST"])
def edit(case_id: int):
    """Correct the details of the request; the reference and the workflow state stay as they are."""
    ua = load_case(case_id, Permission.EDIT, kind=UrgentAction)
    if request.method == "GET" and (refusal := ops.details_refusal(ua)):
        return render_case(ua, 422, error=refusal)
    form = _details_form(ua)
    again = again_on("urgent_actions/edit.html", ua=ua, form=form,
                     authors=_authors(ua) if form.with_authors else [])
    return write(lambda: ops.update_details(ua, form.disappearance(), form.age.data, current_user,
                                            with_authors=form.with_authors),
                 form=form, record=ua, again=again, done=_("Details saved."), to=ua.url)


@bp.route("/<int:case_id>/registration", methods=["POST"])
def decide(case_id: int):
    ua = load_case(case_id, Permission.EDIT, kind=UrgentAction)
    form = RegistrationForm()
    return write(lambda: ops.decide_registration(ua, form.decision.data, criteria_of(form), form.reason.data or "",
                                                 current_user, on=form.decided_on.data),
                 form=form, again=on_case_page(ua, registration_form=form),
                 done=lambda _none: _("Decision recorded: %(state)s.", state=ua.status_label), to=ua.url)


@bp.route("/<int:case_id>/follow-up", methods=["POST"])
def follow_up(case_id: int):
    ua = load_case(case_id, Permission.EDIT, kind=UrgentAction)
    form = FollowUpForm()
    return write(lambda: ops.send_follow_up_note(ua, current_user, form.pairs(), form.due_on.data), form=form,
                 again=on_case_page(ua, follow_up_form=form),
                 done=_("Follow-up note drafted; the State's new deadline is running."), to=ua.url)


@bp.route("/<int:case_id>/recommendations/<int:recommendation_id>", methods=["POST"])
def respond(case_id: int, recommendation_id: int):
    ua = load_case(case_id, Permission.EDIT, kind=UrgentAction)
    recommendation = load_part(Recommendation, recommendation_id, ua)
    form = ResponseForm()
    return write(lambda: ops.record_response(recommendation, ResponseStatus(form.response_status.data),
                                             form.state_response.data or "", form.responded_on.data),
                 form=form, again=on_case_page(ua, response_form=form), done=_("The State's response is recorded."),
                 to=ua.url + f"#recommendation-{recommendation.id}")


@bp.route("/<int:case_id>/persons/<int:person_id>/outcome", methods=["POST"])
def record_outcome(case_id: int, person_id: int):
    """Where one disappeared person was found; the request follows once every person is."""
    ua = load_case(case_id, Permission.EDIT, kind=UrgentAction)
    if person_id not in {person.id for person in ua.disappeared}:
        abort(404)
    form = outcome_form(person_id)
    again = on_case_page(ua, outcome_forms=_outcome_forms(ua, (person_id, form)), posted_outcome_form=form)

    def done(_line) -> str:
        return missing_reason(ua) or _("Outcome recorded: %(state)s.", state=ua.status_label)

    return write(lambda: ops.record_outcome(ua, person_id, Located(form.outcome.data), current_user,
                                            on=form.located_on.data),
                 form=form, record=ua, field=form.located_on, again=again, done=done,
                 to=ua.url + f"#outcome-{person_id}")
