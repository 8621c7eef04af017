"""Reprisals pages: the list, opening a case, the panels of the case page and their forms.

The case page itself is the shared `/cases/<id>` (which 404s for anyone not assigned and records
every view of a confidential case); this blueprint adds the forms that record victims, acts,
consent, risk, actions, inclusion decisions and links, and the annual report draft.
Each view that changes something loads the case with the permission it needs and goes through
`casework.core.writes.write()`: validate → one operation → commit → redirect.
"""
from __future__ import annotations

from dataclasses import fields
from datetime import date

from flask import Blueprint, abort, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from sqlalchemy import select

from casework.cases.access import load_case, load_part
from casework.cases.lookup import LinkFrom, with_picker
from casework.cases.forms import AssignmentForm, ConfirmForm
from casework.cases.views import back_to_case, case_step, on_case_page
from casework.core.forms import choices, list_filters, state_choices
from casework.core.i18n import enum_label
from casework.core.pagination import paginate
from casework.core.permissions import Permission, can
from casework.core.writes import again_on, write
from casework.exports.views import export_response
from casework.extensions import db
from casework.reprisals import letters, operations as ops
from casework.reprisals.access import assignable_users, units_to_open_cases
from casework.reprisals.forms import (
    ActForm, ActionForm, CaseForm, ConsentForm, DetailsForm, InclusionForm, LinkForm, ListFilterForm, RevokeForm,
    RiskForm, VictimFields,
)
from casework.reprisals.models import (
    UN_BODY_LABELS, ActCategory, Annex, Consent, RelatedCase, ReprisalCase, RiskLevel,
)
from casework.reprisals.queries import LIST_SORTS, reprisal_cases_from_args
from casework.reprisals.report import REPORTED_DETAILS, current_report_year, published_report_year
from casework.reprisals.workflow import ACTING, REPRISAL_WORKFLOW

bp = Blueprint("reprisals", __name__, url_prefix="/reprisals")



@bp.route("/")
def index():
    form = list_filters(ListFilterForm(request.args), REPRISAL_WORKFLOW)
    page = paginate(reprisal_cases_from_args(current_user, request.args), sorts=LIST_SORTS,
                    default_sort="received", default_direction="desc")
    return render_template("reprisals/list.html", form=form, page=page, workflow=REPRISAL_WORKFLOW,
                           may_create=bool(units_to_open_cases(current_user)))


@bp.route("/export.csv")
def export():
    """The filtered list as CSV, now made by the exports of every list (kept for bookmarks)."""
    return export_response("reprisals", "csv", request.args)


@bp.route("/new", methods=["GET", "POST"])
def new():
    units = units_to_open_cases(current_user)
    if not units:
        abort(403)
    form = CaseForm()
    form.state_id.choices = state_choices(_("Choose…"))
    form.origin = LinkFrom(unit_id=units[0].id)
    with_picker(form.person_id, url_for("persons.lookup", unit=units[0].id))
    again = again_on("reprisals/form.html", form=form)
    if request.method == "GET":
        form.received_on.data = date.today()
    # What the operation refuses is about the victim: it is shown under the field that named them (400).
    return write(lambda: ops.create_case(form.allegation(), [form.victim()], units[0], current_user), form=form,
                 field=form.person_id if form.person_id.data else form.family_name, again=again,
                 to=lambda case: case.url,
                 done=lambda case: _("Case %(ref)s opened; it is visible only to the people assigned to it.",
                                     ref=case.reference))


@bp.route("/<int:case_id>/edit", methods=["GET", "POST"])
def edit(case_id: int):
    """Correct the details given at registration; see `ops.update_details` for what stays fixed."""
    case = load_case(case_id, Permission.EDIT, kind=ReprisalCase)
    refusal = ops.edit_refusal(case)
    if refusal and request.method == "GET":  # a POST is refused by the operation, with the input kept
        return back_to_case(case, refusal)
    form = DetailsForm(data=None if request.method == "POST" else {**_details(case), "version": case.version})
    form.state_id.choices = state_choices(_("Choose…"))
    published = published_report_year(case)
    if published is not None:  # shown, not editable: the published report tells them
        for name, value in _details(case).items():
            if name in REPORTED_DETAILS:
                form[name].data = value
    again = again_on("reprisals/edit.html", rc=case, form=form, published=published,
                     locked=REPORTED_DETAILS if published else (),
                     un_bodies={body.value: label for body, label in UN_BODY_LABELS.items()})
    return write(lambda: ops.update_details(case, form.allegation(), current_user), form=form, record=case,
                 again=again, done=_("Details saved."), to=case.url)


def _details(case: ReprisalCase) -> dict:
    """The case's details as the form holds them."""
    return {f.name: getattr(case, f.name) for f in fields(ops.Allegation)} | {
        "engaged_body": case.engaged_body.value, "raised_by": case.raised_by.value if case.raised_by else ""}


def panels(case: ReprisalCase) -> dict:
    today = date.today()
    context = {
        "rc": case,
        "may_edit": can(current_user, Permission.EDIT, case),
        "may_edit_details": can(current_user, Permission.EDIT, case) and ops.edit_refusal(case) is None,
        "may_approve": can(current_user, Permission.APPROVE, case),
        "acting": case.status in ACTING,
        "victim_form": _victim_form(case),
        "act_form": ActForm(formdata=None, occurred_on=today),
        "consent_form": ConsentForm(formdata=None, given_on=today),
        "revoke_form": RevokeForm(formdata=None, revoked_on=today),
        "risk_form": RiskForm(formdata=None, assessed_on=today, level=RiskLevel.MEDIUM.value),
        "action_form": ActionForm(formdata=None, taken_on=today),
        "inclusion_form": InclusionForm(formdata=None, report_year=current_report_year(case.unit, today),
                                        annex=(Annex.FOLLOW_UP if case.inclusions else Annex.NEW).value),
        "link_form": _link_form(case, formdata=None),
        "act_labels": {c: enum_label(c) for c in ActCategory},
    }
    if case.parent_id is None and can(current_user, Permission.ASSIGN, case):
        form = AssignmentForm(formdata=None)
        form.user_id.choices = choices((u.id, f"{u.name} ({u.email})") for u in assignable_users(case))
        context["assign_form"] = form
    return context


def _case_of_address() -> ReprisalCase:
    """The case a posted form is about, already loaded (with its permission check) by `case_step`."""
    return db.session.get(ReprisalCase, request.view_args["case_id"])


def _victim_form(case: ReprisalCase | None = None) -> VictimFields:
    form = VictimFields(prefix="victim")
    form.origin = LinkFrom(case=case or _case_of_address())
    with_picker(form.person_id, url_for("persons.lookup", **{"for": form.origin.case.id}))
    return form


def _link_form(case: ReprisalCase | None = None, **kwargs) -> LinkForm:
    form = LinkForm(**kwargs)
    form.origin = LinkFrom(case=case or _case_of_address())
    with_picker(form.related_case, url_for("cases.lookup", **{"for": form.origin.case.id}))
    return form


@case_step(bp, "/<int:case_id>/victims", kind=ReprisalCase, form=_victim_form,
           key="victim_form", done=_l("Victim added."))
def add_victim(case: ReprisalCase, form: VictimFields) -> None:
    ops.add_victim(case, form.victim(), current_user)


@case_step(bp, "/<int:case_id>/acts", kind=ReprisalCase, form=ActForm, key="act_form", done=_l("Act recorded."))
def add_act(case: ReprisalCase, form: ActForm) -> None:
    ops.add_act(case, ActCategory(form.category.data), form.occurred_on.data, form.description.data or "", current_user)


@case_step(bp, "/<int:case_id>/consents", kind=ReprisalCase, form=ConsentForm, key="consent_form",
           done=_l("Consent recorded."))
def add_consent(case: ReprisalCase, form: ConsentForm) -> None:
    ops.record_consent(
        case, informed=form.informed.data, scope=form.scope_value, given_by=form.given_by.data or "",
        given_on=form.given_on.data, note=form.note.data or "", actor=current_user)


@case_step(bp, "/<int:case_id>/consents/<int:consent_id>/revoke", kind=ReprisalCase, form=RevokeForm,
           key="revoke_form", done=_l("Consent revoked: the case is out of every report draft that relied on it."))
def revoke_consent(case: ReprisalCase, form: RevokeForm, consent_id: int) -> None:
    consent = load_part(Consent, consent_id, case)
    ops.revoke_consent(consent, form.revoked_on.data, current_user)


@case_step(bp, "/<int:case_id>/risk", kind=ReprisalCase, form=RiskForm, key="risk_form",
           done=_l("Risk assessment recorded."))
def assess_risk(case: ReprisalCase, form: RiskForm) -> None:
    ops.assess_risk(case, RiskLevel(form.level.data), form.assessed_on.data, form.measures.data or "", current_user)


@case_step(bp, "/<int:case_id>/actions", kind=ReprisalCase, form=ActionForm, key="action_form",
           done=_l("Action recorded."))
def record_action(case: ReprisalCase, form: ActionForm) -> None:
    ops.record_action(case, form.kind_value, form.taken_on.data, form.outcome.data or "", current_user)


@case_step(bp, "/<int:case_id>/inclusion", kind=ReprisalCase, form=InclusionForm, key="inclusion_form",
           permission=Permission.APPROVE, done=_l("Inclusion decided."))
def decide_inclusion(case: ReprisalCase, form: InclusionForm) -> None:
    ops.decide_inclusion(case, form.report_year.data, Annex(form.annex.data), current_user)


@case_step(bp, "/<int:case_id>/links", kind=ReprisalCase, form=_link_form, key="link_form",
           done=_l("Related case linked."))
def link_case(case: ReprisalCase, form: LinkForm) -> None:
    ops.link_case(case, form.related_case.data, form.note.data or "", current_user)


@bp.route("/<int:case_id>/letter", methods=["POST"])
def draft_letter(case_id: int):
    """Draft the note verbale raising the case with the State."""
    case = load_case(case_id, Permission.EDIT, kind=ReprisalCase)
    form = ConfirmForm()
    return write(lambda: letters.draft_raising_letter(case, current_user), form=form,
                 again=on_case_page(case, confirm_form=form),
                 done=_("Note verbale drafted; it is confidential like the case."), to=lambda letter: letter.url)


def related_reprisals(case) -> dict:
    """On the page of any other case: the reprisals cases about it, each shown only to those who
    may open it; everyone else sees "restricted case" and nothing more."""
    if case.case_type == "reprisal":
        return {}
    links = db.session.scalars(select(RelatedCase).where(RelatedCase.related_case_id == case.id)
                               .order_by(RelatedCase.id)).all()
    return {"related_restricted": [(link.case if can(current_user, Permission.VIEW, link.case) else None)
                                   for link in links]}
