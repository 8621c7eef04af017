"""Pages of the petitions procedure: the committee lists, intake, and the actions on a case.

The case page itself is the shared one; this module adds its panels (`panels`, declared in
`module.py`). Every view that writes loads its case with the permission it needs, then goes
through `write()` (`record_step` for the forms on the case page): validate → one operation →
commit → redirect; a refusal shows the page again with the reason and the user's input.
"""
from __future__ import annotations

from datetime import date

from flask import Blueprint, abort, render_template, request
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from casework.cases.access import load_case, load_part
from casework.cases.lookup import LinkFrom
from casework.cases.forms import ConfirmForm
from casework.cases.views import case_step, record_step
from casework.communications import imports, interim_measures as im, operations as ops
from casework.communications.forms import (
    CaseDetailsForm, CloseFollowUpForm, ComplianceForm, DecisionForm, DeclineForm, FollowUpRoundForm,
    InterimMeasureForm, IntakeForm, JoinForm, RegistrationForm, SplitForm,
)
from casework.communications.models import (
    Communication, CommunicationStatus, Compliance, DecisionType, FollowUpOutcome, InterimMeasure,
    NotRegisteredReason,
)
from casework.communications.backlog import AGES, PENDING, backlog
from casework.communications.backlog import charts as backlog_charts
from casework.communications.queries import (
    LIST_SORTS, committees_where, communications_list, list_filters, possible_duplicates,
)
from casework.core.forms import choices, enum_choices, state_choices
from casework.core.imports import import_page
from casework.core.pagination import paginate
from casework.core.permissions import Permission, can
from casework.core.units import Unit
from casework.communications.workflow import COMMUNICATION_WORKFLOW
from casework.core.workflow import refusal_reason
from casework.core.writes import Refused, again_on, write
from casework.extensions import db
from casework.persons.rows import NamedPerson

bp = Blueprint("communications", __name__, url_prefix="/communications")


@bp.route("/")
def index():
    committees = committees_where(current_user, Permission.VIEW)
    listing = communications_list(current_user, **list_filters(request.args))
    page = paginate(listing.rows, LIST_SORTS, "received", "desc", key=Communication.__table__.c.id,
                    keys=listing.keys, counted=listing.counted, unseen=listing.unseen)
    return render_template("communications/index.html", page=page, committees=committees,
                           statuses=enum_choices(CommunicationStatus), states=state_choices(),
                           workflow=COMMUNICATION_WORKFLOW, ages=AGES,
                           may_create=bool(committees_where(current_user, Permission.CREATE)))


@bp.route("/backlog")
def backlog_view():
    committees = committees_where(current_user, Permission.VIEW)
    if not committees:
        abort(403)
    chosen = request.args.get("committee", type=int)
    committee = next((u for u in committees if u.id == chosen), committees[0])
    figures = backlog(current_user, committee.id)
    return render_template("communications/backlog.html", committees=committees, committee=committee,
                           backlog=figures, stages=PENDING, ages=AGES, workflow=COMMUNICATION_WORKFLOW,
                           charts=backlog_charts(figures, committee.id, COMMUNICATION_WORKFLOW.state_label))


def _intake_form() -> IntakeForm:
    form = IntakeForm()
    form.committee_id.choices = choices((u.id, f"{u.code} — {u.shown_name}")
                                        for u in committees_where(current_user, Permission.CREATE))
    form.state_id.choices = state_choices("—")
    return form


@bp.route("/new", methods=["GET", "POST"])
def new():
    form = _intake_form()
    if not form.committee_id.choices:
        abort(403)
    duplicates: list[Communication] = []
    again = again_on("communications/new.html", form=form, duplicates=duplicates)
    if form.one_more():
        return again(200, None)

    def receive() -> Communication:
        named = form.persons(current_user, LinkFrom(unit_id=form.committee_id.data))
        names = [f"{person.given_names} {person.family_name}" for persons in named.values() for person in persons]
        duplicates.extend(possible_duplicates(current_user, form.state_id.data, names))
        if duplicates and not form.duplicates_checked.data:
            raise Refused(_("Nothing was recorded: check the possible duplicates, then confirm that it is a new "
                            "complaint."), status=409)
        return ops.receive_communication(db.session.get(Unit, form.committee_id.data), _intake(form, named),
                                         current_user)

    return write(receive, form=form, again=again, to=lambda communication: communication.url,
                 done=_("Recorded as received. Register it once it meets the criteria."))


@bp.route("/import", methods=["GET", "POST"])
def import_csv():
    return import_page(imports.IMPORTER)


def _intake(form: IntakeForm, named: dict[str, list[NamedPerson]]) -> ops.Intake:
    persons = {name: [ops.NameInput(p.family_name, p.given_names, p.person_id) for p in people]
               for name, people in named.items()}
    return ops.Intake(
        state_id=form.state_id.data, received_on=form.received_on.data, submitted_on=form.submitted_on.data,
        authors=persons["authors"], victims=persons["victims"], counsel=persons["counsel"],
        submission_language=form.submission_language.data, subject_matter=form.subject_matter.data or "",
        articles_invoked=form.articles_invoked.data,
        confidentiality_requested=form.confidentiality_requested.data,
    )


def panels(case: Communication) -> dict:
    """The communication's own panels on the shared case page, with empty forms."""
    return {
        "registration_form": RegistrationForm(formdata=None, registered_on=date.today()),
        "decline_form": DeclineForm(formdata=None),
        "split_form": SplitForm(formdata=None),
        "join_form": JoinForm(formdata=None),
        "measure_form": InterimMeasureForm(formdata=None),
        "compliance_forms": {m.id: ComplianceForm(formdata=None, obj=m) for m in case.interim_measures},
        "decision_form": _decision_form(case, formdata=None),
        "follow_up_form": FollowUpRoundForm(formdata=None),
        "close_follow_up_form": CloseFollowUpForm(formdata=None),
        "may_edit": can(current_user, Permission.EDIT, case),
        "may_decide": can(current_user, Permission.APPROVE, case),
        "possible_duplicates": (
            possible_duplicates(current_user, case.state_id, [link.person.full_name for link in case.person_links],
                                case.id)
            if case.status in (CommunicationStatus.RECEIVED, CommunicationStatus.CLARIFICATION_REQUESTED) else []),
    }


def _moved_on(case: Communication, event: str) -> str | None:
    """Why the page's form for `event` no longer applies: the case left the stages it is drawn in.

    Said before the form's own errors: its panel is no longer on the page, so they would not be seen.
    """
    transition = COMMUNICATION_WORKFLOW.transition(event)
    return refusal_reason(case, transition, current_user) if case.status not in transition.sources else None


@bp.route("/<int:case_id>/details", methods=["GET", "POST"])
def edit_details(case_id: int):
    """Correct the details recorded at receipt, on a page of their own as in every module."""
    case = load_case(case_id, Permission.EDIT, kind=Communication)
    form = CaseDetailsForm(obj=case, version=case.version) if request.method == "GET" else CaseDetailsForm()
    again = again_on("communications/edit.html", case=case, form=form)
    return write(lambda: ops.update_details(case, ops.CaseDetails(
        subject_matter=form.subject_matter.data or "", procedural_issues=form.procedural_issues.data or "",
        domestic_remedies=form.domestic_remedies.data or "", articles_invoked=form.articles_invoked.data,
        confidentiality_requested=form.confidentiality_requested.data,
    ), current_user), form=form, record=case, again=again, done=_l("Details saved."), to=case.url)


@case_step(bp, "/<int:case_id>/register", kind=Communication, form=RegistrationForm, key="registration_form",
           permission=Permission.APPROVE, applies=lambda case: _moved_on(case, "register"), done=_l("Registered."))
def register(case: Communication, form: RegistrationForm) -> None:
    ops.register_communication(case, current_user, form.registered_on.data)


@case_step(bp, "/<int:case_id>/decline", kind=Communication, form=DeclineForm, key="decline_form",
           permission=Permission.APPROVE, applies=lambda case: _moved_on(case, "decline_registration"),
           done=_l("Recorded as not registered."))
def decline(case: Communication, form: DeclineForm) -> None:
    ops.decline_registration(case, NotRegisteredReason(form.reason.data), form.advice.data, current_user)


@case_step(bp, "/<int:case_id>/split", kind=Communication, form=SplitForm, key="split_form",
           applies=ops.split_refusal, done=_l("Split: one case per State."))
def split(case: Communication, form: SplitForm) -> None:
    ops.split_communication(case, [state.id for state in ops.states_coded(form.state_ids.data)], current_user)


@case_step(bp, "/<int:case_id>/join", kind=Communication, form=JoinForm, key="join_form",
           done=_l("Joined: examined together."))
def join(case: Communication, form: JoinForm) -> None:
    ops.join_communications(case, form.cases(case, current_user), current_user)


@case_step(bp, "/<int:case_id>/interim-measures", kind=Communication, form=InterimMeasureForm, key="measure_form",
           done=_l("Interim measures request logged."))
def request_measures(case: Communication, form: InterimMeasureForm) -> None:
    im.request_interim_measures(case, form.measure.data, form.requested_on.data, current_user)


@bp.route("/<int:case_id>/interim-measures/<int:measure_id>/<any(grant, refuse, lift):decision>", methods=["POST"])
def decide_measures(case_id: int, measure_id: int, decision: str):
    case = load_case(case_id, kind=Communication)  # the workflow says who may decide, and why not
    entry = load_part(InterimMeasure, measure_id, case, "communication_id")
    return record_step(case, "confirm_form", ConfirmForm(),
                       lambda: im.decide_interim_measures(entry, decision, current_user),
                       _("Interim measures updated."))


@case_step(bp, "/<int:case_id>/interim-measures/<int:measure_id>/compliance", kind=Communication,
           form=ComplianceForm, key="compliance_form", done=_l("Compliance recorded."))
def measure_compliance(case: Communication, form: ComplianceForm, measure_id: int) -> None:
    entry = load_part(InterimMeasure, measure_id, case, "communication_id")
    im.record_compliance(entry, Compliance(form.compliance.data), form.notes.data or "", current_user)


def _decision_form(case: Communication | None = None, **kwargs) -> DecisionForm:
    """The decision form, each kind of decision in the committee's own word (the posted form is
    the case's of the address, already loaded with its permission check)."""
    form = DecisionForm(**kwargs)
    case = case or db.session.get(Communication, request.view_args["case_id"])
    form.decision_type.choices = choices((t.value, case.rules.decision_label(t.value)) for t in DecisionType
                                         if t is not DecisionType.FRIENDLY_SETTLEMENT or case.rules.friendly_settlement)
    return form


@case_step(bp, "/<int:case_id>/decision", kind=Communication, form=_decision_form, key="decision_form",
           done=_l("Decision recorded."))
def decision(case: Communication, form: DecisionForm) -> None:
    ops.record_decision(case, ops.DecisionInput(
        decision_type=DecisionType(form.decision_type.data), adopted_on=form.adopted_on.data,
        session=form.session.data, articles_violated=form.articles_violated.data,
        individual_opinions=form.individual_opinions.data or "",
        members_not_participating=form.members_not_participating.data or "",
    ), current_user)


@case_step(bp, "/<int:case_id>/follow-up", kind=Communication, form=FollowUpRoundForm, key="follow_up_form",
           done=_l("Follow-up round recorded."))
def follow_up(case: Communication, form: FollowUpRoundForm) -> None:
    ops.record_follow_up_round(
        case, current_user, state_reply_on=form.state_reply_on.data, author_comments_on=form.author_comments_on.data,
        grade=form.grade.data or None, summary=form.summary.data or "")


@case_step(bp, "/<int:case_id>/follow-up/close", kind=Communication, form=CloseFollowUpForm,
           key="close_follow_up_form", permission=Permission.APPROVE, done=_l("Follow-up closed."))
def close_follow_up(case: Communication, form: CloseFollowUpForm) -> None:
    ops.close_follow_up(case, FollowUpOutcome(form.outcome.data), current_user)
