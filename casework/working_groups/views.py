"""Working group pages: a list, figures and a registration form per working group, its members, and
the panels of the case page (dated steps, the reply extension, the opinion, review requests).

The case page itself is the shared `/cases/<id>`. Each view that changes something loads the case
with the permission and kind it needs and goes through `casework.core.writes.write()`: validate →
one operation → commit → redirect.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from sqlalchemy import select

from casework.cases.access import load_case
from casework.cases.views import back_to_case, case_step, record_step
from casework.core import inputs
from casework.core.forms import choices, list_filters, state_choices
from casework.core.pagination import paginate
from casework.core.permissions import Permission, can, can_in_unit
from casework.core.units import Unit
from casework.core.workflow import Workflow
from casework.core.writes import again_on, write
from casework.extensions import db
from casework.working_groups import corrections, letters, operations as ops
from casework.working_groups.forms import (
    DetentionDetailsForm, DetentionForm, DisappearanceDetailsForm, DisappearanceForm, ExtensionForm, ListFilterForm,
    MemberForm, OpinionForm, ReviewForm, StepForm,
)
from casework.working_groups.models import (
    CATEGORY_LABELS, WGAD_CODE, WGEID_CODE, DetentionCommunication, DisappearanceCase, Member, WorkingGroupCase,
    urgent_until,
)
from casework.working_groups.permissions import can_see_source
from casework.working_groups.queries import cases_from_args, count_by_status, list_sorts
from casework.working_groups.figures import status_chart
from casework.working_groups.workflow import (
    DETENTION_WORKFLOW, DISAPPEARANCE_WORKFLOW, EXTENSION, OBJECTION_DEADLINE, REMINDER_DEADLINE, REPLY_DEADLINE,
    FOLLOW_UP_DEADLINE, dated_steps, open_deadline,
)

bp = Blueprint("working_groups", __name__, url_prefix="/working-groups")


@dataclass(frozen=True)
class Group:
    slug: str
    code: str
    title: str
    model: type[WorkingGroupCase]
    workflow: Workflow
    form: type
    export_name: str
    details_form: type


GROUPS = {
    "arbitrary-detention": Group("arbitrary-detention", WGAD_CODE, "Arbitrary detention", DetentionCommunication,
                                 DETENTION_WORKFLOW, DetentionForm, "wgad", DetentionDetailsForm),
    "disappearances": Group("disappearances", WGEID_CODE, "Enforced disappearances", DisappearanceCase,
                            DISAPPEARANCE_WORKFLOW, DisappearanceForm, "wgeid", DisappearanceDetailsForm),
}
GROUP_OF_TYPE = {"wgad_communication": GROUPS["arbitrary-detention"], "wgeid_case": GROUPS["disappearances"]}


def _group(slug: str) -> tuple[Group, Unit]:
    group = GROUPS.get(slug)
    unit = db.session.scalar(select(Unit).where(Unit.code == group.code)) if group else None
    if unit is None:
        abort(404)
    return group, unit



@bp.route("/")
def index():
    return redirect(url_for("working_groups.cases", slug="arbitrary-detention"))


@bp.route("/<slug>/")
def cases(slug: str):
    group, unit = _group(slug)
    form = list_filters(ListFilterForm(request.args), group.workflow)
    stmt = cases_from_args(current_user, group.model, unit.id, request.args)
    page = paginate(stmt, sorts=list_sorts(group.model), default_sort="received", default_direction="desc",
                    key=group.model.id)
    return render_template("working_groups/list.html", group=group, groups=GROUPS.values(), unit=unit, form=form,
                           page=page, may_create=can_in_unit(current_user, Permission.CREATE, unit.id))


@bp.route("/<slug>/figures")
def figures(slug: str):
    group, unit = _group(slug)
    year = request.args.get("year", type=inputs.year)
    counts = count_by_status(current_user, group.model, unit.id, year)
    return render_template("working_groups/figures.html", group=group, groups=GROUPS.values(),
                           chart=status_chart(group, counts, year), total=sum(counts.values()), year=year)


@bp.route("/<slug>/new", methods=["GET", "POST"])
def new(slug: str):
    group, unit = _group(slug)
    if not can_in_unit(current_user, Permission.CREATE, unit.id):
        abort(403)
    form = group.form()
    form.state_id.choices = state_choices(_("Choose…"))
    form.nationality_id.choices = state_choices(_("Unknown"))
    again = again_on("working_groups/form.html", group=group, form=form)
    if request.method == "GET":
        form.received_on.data = date.today()
    register = ops.register_detention if group.model is DetentionCommunication else ops.register_disappearance
    return write(lambda: register(form.submission(), unit, current_user), form=form, again=again,
                 done=_received, to=lambda case: case.url)


def _received(case: WorkingGroupCase) -> str:
    if isinstance(case, DetentionCommunication):
        return _("%(ref)s received; its transmittal letter is drafted.", ref=case.reference)
    return _("%(ref)s received; its letter is drafted when it is transmitted.", ref=case.reference)


@bp.route("/<slug>/members", methods=["GET", "POST"])
def members(slug: str):
    group, unit = _group(slug)
    may_add = can_in_unit(current_user, Permission.APPROVE, unit.id)
    form = MemberForm()
    form.state_id.choices = state_choices(_("Choose…"))
    rows = db.session.scalars(select(Member).where(Member.unit_id == unit.id).order_by(Member.name)).all()
    again = again_on("working_groups/members.html", group=group, groups=GROUPS.values(), unit=unit, members=rows,
                     form=form, may_add=may_add)
    if request.method == "GET":
        return again(200, None)
    if not may_add:
        abort(403)
    return write(lambda: ops.add_member(unit, form.name.data, form.state_id.data, current_user), form=form,
                 again=again, done=_("Member added."), to=url_for("working_groups.members", slug=slug))


def panels(case: WorkingGroupCase) -> dict:
    today = date.today()
    reply = open_deadline(case, REPLY_DEADLINE)
    opinion_form = OpinionForm(formdata=None, adopted_on=today)
    members = ops.active_members(case.unit_id) if isinstance(case, DetentionCommunication) else []
    opinion_form.taking_part.choices = choices((m.id, str(m)) for m in members)
    opinion_form.taking_part.data = [m.id for m in members if m.state_id != case.state_id]
    return {
        "wg": case,
        "group": GROUP_OF_TYPE[case.case_type],
        "see_source": can_see_source(current_user, case),
        "may_edit": can(current_user, Permission.EDIT, case),
        "may_edit_details": can(current_user, Permission.EDIT, case) and corrections.edit_refusal(case) is None,
        "may_approve": can(current_user, Permission.APPROVE, case),
        "steps": dated_steps(case, current_user),
        "step_form": StepForm(formdata=None, version=case.version, on=today),
        # The dated steps share one form class: only the step that was sent shows what was typed in it.
        "blank_step_form": StepForm(formdata=None, version=case.version, on=today),
        "step_sent": request.view_args.get("event") if request.endpoint == "working_groups.step" else None,
        "reply_deadline": reply,
        "extension_until": EXTENSION.after(reply.original_due_on) if reply else None,
        "extension_form": ExtensionForm(formdata=None),
        "follow_up_deadline": open_deadline(case, FOLLOW_UP_DEADLINE),
        "objection_deadline": open_deadline(case, OBJECTION_DEADLINE),
        "reminder_deadline": open_deadline(case, REMINDER_DEADLINE),
        "opinion_form": opinion_form,
        "own_state_members": [m for m in members if m.state_id == case.state_id],
        "category_labels": CATEGORY_LABELS,
        "outcome_label": letters.outcome_label(case) if isinstance(case, DetentionCommunication) else "",
        "urgent_until": urgent_until(case.disappeared_on) if isinstance(case, DisappearanceCase) else None,
        "review_form": ReviewForm(formdata=None, received_on=today),
    }


@case_step(bp, "/cases/<int:case_id>/steps/<event>", kind=WorkingGroupCase, form=StepForm, key="step_form",
           done=_l("Recorded."))
def step(case: WorkingGroupCase, form: StepForm, event: int) -> None:
    ops.take_step(case, event, form.on.data, current_user, note=form.note.data or "", session=form.session.data)


@case_step(bp, "/cases/<int:case_id>/extension", kind=DetentionCommunication, form=ExtensionForm,
           key="extension_form", done=_l("The Government's reply is now due one month later."))
def extend(case: DetentionCommunication, form: ExtensionForm) -> None:
    ops.extend_reply_deadline(case, current_user, form.note.data)


@bp.route("/cases/<int:case_id>/opinion", methods=["POST"])
def opinion(case_id: int):
    case = load_case(case_id, Permission.APPROVE, kind=DetentionCommunication)
    form = OpinionForm()
    form.taking_part.choices = choices((m.id, str(m)) for m in ops.active_members(case.unit_id))
    return record_step(case, "opinion_form", form, lambda: ops.adopt_opinion(case, form.opinion(), current_user),
                       _("Opinion adopted and numbered; its letters to the Government and the source are drafted."))


@case_step(bp, "/cases/<int:case_id>/reviews", kind=DetentionCommunication, form=ReviewForm, key="review_form",
           done=_l("Review request recorded."))
def review(case: DetentionCommunication, form: ReviewForm) -> None:
    ops.record_review_request(case, form.requested_by.data, form.received_on.data, form.grounds.data, current_user)


def _details_form(case: WorkingGroupCase, see_source: bool):
    """The registration form of the case's kind, prefilled on GET, holding only what may change."""
    group = GROUP_OF_TYPE[case.case_type]
    form = group.details_form(obj=case, version=case.version) if request.method == "GET" else group.details_form()
    editable = corrections.editable_fields(case, see_source)
    for name in [f.name for f in form if f.name not in ("csrf_token", "version", *editable)]:
        delattr(form, name)
    if "state_id" in form:
        form.state_id.choices = state_choices(_("Choose…"))
    return form


def _fixed_facts(case: WorkingGroupCase) -> list[tuple[str, str]]:
    """The details that stay as sent, labelled as the form labels them, for the page to show."""
    shown = GROUP_OF_TYPE[case.case_type].details_form(formdata=None, obj=case, meta={"csrf": False})
    facts = []
    for name in corrections.fixed_fields(case):
        field = shown[name]
        if name == "state_id":
            value = case.state.name
        elif getattr(field, "choices", None):
            value = next((str(option.label.text) for option in field if option.checked), str(field.data))
        elif isinstance(field.data, date):
            value = field.data.isoformat()
        else:
            value = field.data or "—"
        facts.append((str(field.label.text), value))
    return facts


@bp.route("/cases/<int:case_id>/details", methods=["GET", "POST"])
def edit_details(case_id: int):
    """Correct the details recorded at receipt; what may change is decided in `corrections`."""
    case = load_case(case_id, Permission.EDIT, kind=WorkingGroupCase)
    refusal = corrections.edit_refusal(case)
    if refusal and request.method == "GET":
        return back_to_case(case, refusal)
    see_source = can_see_source(current_user, case)
    form = _details_form(case, see_source)
    again = again_on("working_groups/edit.html", wg=case, group=GROUP_OF_TYPE[case.case_type], form=form,
                     see_source=see_source, fixed=_fixed_facts(case))
    return write(lambda: corrections.correct_details(case, form.details(), see_source=see_source), form=form,
                 record=case, again=again, done=lambda changed: _corrected(case, changed), to=case.url)


def _corrected(case: WorkingGroupCase, changed: list[str]) -> str:
    """What the user is told once the corrections are saved, with the letter they may have outdated."""
    if corrections.drafted_letter_outdated(case, changed):
        flash(_("The transmittal letter was drafted from the details as received: bring its text up to date on the "
                "letter's page before it is approved."), "warning")
    return _("Details saved.") if changed else _("Nothing was changed.")
