"""Special-procedures pages for the desks: the list, drafting, co-signature, sending, replies.

Each view: load (with the permission check) → validate → one operation → commit → redirect.
The public register is in `public.py`, the Council report's pages in `report_views.py`.
"""
from __future__ import annotations

from datetime import date

from flask import Blueprint, Response, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select
from sqlalchemy.orm.exc import StaleDataError
from wtforms.validators import ValidationError

from casework.cases.access import load_case
from casework.cases.views import render_case
from casework.core import audit
from casework.core.forms import choices
from casework.core.pagination import paginate
from casework.core.permissions import Permission, can, can_in_unit
from casework.core.states import State
from casework.core.writes import EditConflict, Refused
from casework.extensions import db
from casework.special_procedures import operations as ops
from casework.special_procedures.forms import (
    REPLY_LANGUAGES, CommunicationForm, DecisionForm, FilterForm, HolderForm, InviteForm, PressReleaseForm, ReplyForm,
    ReportForm, SendForm, VictimForm,
)
from casework.special_procedures.letters import render_communication_pdf
from casework.special_procedures.models import (
    TYPE_LABELS, Addressee, SpCommunication, SpCommunicationStatus, CoSignature, Mandate,
)
from casework.special_procedures.permissions import can_decide, can_see_source
from casework.special_procedures.queries import (
    LIST_SORTS, Filters, communications_from_args, cosignature_queue, figures_of_year, mandate_choices, overdue_replies,
    state_choices,
)
from casework.special_procedures.workflow import COMMUNICATION_WORKFLOW
from casework.figures.period import list_period

bp = Blueprint("special_procedures", __name__, url_prefix="/special-procedures", cli_group="special-procedures")
S = SpCommunicationStatus


def filter_form() -> tuple[FilterForm, Filters]:
    """The list filters from the query string, shared with the public register."""
    form = FilterForm(request.args)
    form.state.choices = choices([(0, _("Any"))] + state_choices())
    form.mandate.choices = choices([(0, _("Any"))] + mandate_choices())
    form.comm_type.choices = choices([("", _("Any"))] + [(t.value, label) for t, label in TYPE_LABELS.items()])
    form.validate()
    start, end = list_period(request.args)
    return form, Filters(state=form.state.data or None, mandate=form.mandate.data or None,
                         comm_type=form.comm_type.data or "", year=form.year.data, q=form.q.data or "",
                         start=start, end=end, replied=request.args.get("replied") == "1")


@bp.route("/")
def index():
    form, _filters = filter_form()
    page = paginate(communications_from_args(current_user, request.args), sorts=LIST_SORTS,
                    default_sort="updated", default_direction="desc", key=SpCommunication.id)
    return render_template("special_procedures/list.html", form=form, page=page, workflow=COMMUNICATION_WORKFLOW,
                           leads=_lead_mandates(), queue=len(cosignature_queue(current_user)))


def _lead_mandates() -> list[Mandate]:
    """Mandates whose desk the user may draft for."""
    mandates = db.session.scalars(select(Mandate).where(Mandate.active).order_by(Mandate.name))
    return [m for m in mandates if can_in_unit(current_user, Permission.CREATE, m.unit_id)]


def _iso3_ids() -> dict[str, int]:
    return dict(db.session.execute(select(State.iso3, State.id)).all())


def _drafting_form(form: CommunicationForm, comm: SpCommunication | None = None) -> CommunicationForm:
    form.state_ids.choices = choices(state_choices())
    form.lead_mandate_id.choices = choices((m.id, m.name) for m in _lead_mandates())
    if comm is not None and request.method == "GET":
        form.state_ids.data = [a.state_id for a in comm.addressees if a.is_state]
        form.non_state.data = "\n".join(
            " | ".join([a.name, a.contact_name, ", ".join(c.state.iso3 for c in a.copies)])
            for a in comm.addressees if not a.is_state)
        form.comm_type.data = comm.comm_type.value
        form.version.data = comm.version
    return form


def _content(form: CommunicationForm):
    try:
        return form.content(_iso3_ids())
    except ValidationError as error:  # a line of non-State actors that cannot be read
        form.non_state.errors = [*form.non_state.errors, str(error)]
        return None


@bp.route("/new", methods=["GET", "POST"])
def new():
    leads = _lead_mandates()
    if not leads:
        abort(403)
    form = _drafting_form(CommunicationForm())
    if form.validate_on_submit():
        lead = next((m for m in leads if m.id == form.lead_mandate_id.data), None)
        content = _content(form)
        if lead is None:
            form.lead_mandate_id.errors = [_("Choose the lead mandate.")]
        elif content is not None:
            comm = ops.create_communication(content, lead, current_user)
            db.session.commit()
            flash(_("Draft saved. Add the alleged victims and invite the co-signing mandates."), "success")
            return redirect(comm.url, 303)
    return render_template("special_procedures/form.html", form=form, comm=None), 400 if form.errors else 200


def load_communication(case_id: int, permission: Permission = Permission.VIEW) -> SpCommunication:
    comm = load_case(case_id, permission)
    if not isinstance(comm, SpCommunication):
        abort(404)
    return comm


@bp.route("/<int:case_id>/edit", methods=["GET", "POST"])
def edit(case_id: int):
    comm = load_communication(case_id, Permission.EDIT)
    form = _drafting_form(CommunicationForm(obj=comm), comm)
    if not can_see_source(current_user, comm):
        abort(403)
    if form.validate_on_submit():
        content = _content(form)
        if content is not None:
            try:
                ops.update_communication(comm, content, current_user, form.version.data or 0)
                db.session.commit()
            except (EditConflict, StaleDataError):
                db.session.rollback()
                flash(str(EditConflict(comm)), "danger")
                return render_template("special_procedures/form.html", form=form, comm=comm), 409
            except Refused as refusal:
                db.session.rollback()
                flash(str(refusal), "danger")
                return render_template("special_procedures/form.html", form=form, comm=comm), 422
            flash(_("Draft saved."), "success")
            return redirect(comm.url, 303)
    return render_template("special_procedures/form.html", form=form, comm=comm), 400 if form.errors else 200


def panels(comm: SpCommunication) -> dict:
    invite_form = InviteForm()
    present = {c.mandate_id for c in comm.cosignatures if c.status.value != "declined"}
    invite_form.mandate_ids.choices = choices((i, n) for i, n in mandate_choices() if i not in present)
    reply_form = ReplyForm()
    reply_form.addressee_id.choices = choices([(0, _("Not said"))] + [(a.id, a.display_name) for a in comm.addressees])
    if request.method == "GET":
        reply_form.received_on.data = date.today()
    return {
        "comm": comm,
        "see_source": can_see_source(current_user, comm),
        "may_edit": can(current_user, Permission.EDIT, comm),
        "decidable": [c for c in comm.pending if can_decide(current_user, c)],
        "invite_form": invite_form,
        "victim_form": VictimForm(),
        "decision_form": DecisionForm(),
        "send_form": SendForm(version=comm.version, sent_on=date.today()),
        "reply_form": reply_form,
        "press_form": PressReleaseForm(version=comm.version, released_on=date.today()),
        "report_form": ReportForm(version=comm.version),
        "language_names": REPLY_LANGUAGES,
        "signature_states": _signature_states(),
    }


def _signature_states() -> dict[str, str]:
    """Where each mandate stands on the letter, in words."""
    return {"lead": _("lead mandate"), "invited": _("invited, awaiting the holder's decision"),
            "approved": _("approved by"), "declined": _("declined by")}



def _refused(comm: SpCommunication, error: str, status: int, **forms):
    db.session.rollback()
    return render_case(comm, status, error=error, **forms)


def _run(comm: SpCommunication, operation, success: str, **forms):
    """Run one operation, commit, and redirect; a refusal re-renders the page with the reason."""
    try:
        operation()
        db.session.commit()
    except (EditConflict, StaleDataError):
        return _refused(comm, str(EditConflict(comm)), 409, **forms)
    except Refused as refusal:
        return _refused(comm, str(refusal), 403 if refusal.forbidden else 422, **forms)
    flash(success, "success")
    return redirect(comm.url, 303)


@bp.route("/<int:case_id>/victims", methods=["POST"])
def add_victim(case_id: int):
    comm = load_communication(case_id, Permission.EDIT)
    form = VictimForm()
    if not form.validate_on_submit():
        return render_case(comm, 400, victim_form=form)
    return _run(comm, lambda: ops.add_victim(comm, form.victim(), current_user), _("Alleged victim added."),
                victim_form=form)


@bp.route("/<int:case_id>/invitations", methods=["POST"])
def invite(case_id: int):
    comm = load_communication(case_id, Permission.EDIT)
    form = InviteForm()
    form.mandate_ids.choices = choices(mandate_choices())
    if not form.validate_on_submit():
        return render_case(comm, 400, invite_form=form)
    mandates = list(db.session.scalars(select(Mandate).where(Mandate.id.in_(form.mandate_ids.data))))
    return _run(comm, lambda: ops.invite_mandates(comm, mandates, current_user),
                _("Mandates invited; their holders can now read the letter and decide."), invite_form=form)


@bp.route("/cosignature")
def queue():
    return render_template("special_procedures/queue.html", queue=cosignature_queue(current_user),
                           decision_form=DecisionForm())


@bp.route("/cosignatures/<int:cosignature_id>", methods=["POST"])
def decide(cosignature_id: int):
    row = db.session.get(CoSignature, cosignature_id)
    if row is None:
        abort(404)
    comm = load_communication(row.communication_id)
    if not can_decide(current_user, row):
        abort(403)
    form = DecisionForm()
    if not form.validate_on_submit():
        return render_case(comm, 400, decision_form=form)
    approve = form.decision.data == "approve"
    return _run(comm, lambda: ops.decide_cosignature(row, approve, current_user, form.comment.data or ""),
                _("Co-signature approved.") if approve else _("Declined: the mandate is removed from the letter."),
                decision_form=form)


@bp.route("/<int:case_id>/send", methods=["POST"])
def send(case_id: int):
    comm = load_communication(case_id, Permission.EDIT)
    form = SendForm()
    if not form.validate_on_submit():
        return render_case(comm, 400, send_form=form)
    return _run(comm, lambda: ops.send_communication(comm, form.sent_on.data, current_user, form.version.data),
                _("Sent. The references are allocated and the letters are being produced."), send_form=form)


@bp.route("/<int:case_id>/replies", methods=["POST"])
def reply(case_id: int):
    comm = load_communication(case_id, Permission.EDIT)
    form = ReplyForm()
    form.addressee_id.choices = choices([(0, "")] + [(a.id, a.display_name) for a in comm.addressees])
    if not form.validate_on_submit():
        return render_case(comm, 400, reply_form=form)
    addressee = next((a for a in comm.addressees if a.id == form.addressee_id.data), None)
    upload = form.file.data if form.file.data and form.file.data.filename else None
    from casework.core.attachments import Refused

    try:
        return _run(comm, lambda: ops.record_reply(comm, form.received_on.data, form.language.data, upload,
                                                   current_user, addressee), _("Reply recorded."), reply_form=form)
    except Refused as rejected:
        form.file.errors = [str(rejected)]
        return _refused(comm, str(rejected), 400, reply_form=form)


@bp.route("/<int:case_id>/press-release", methods=["POST"])
def press_release(case_id: int):
    comm = load_communication(case_id, Permission.EDIT)
    form = PressReleaseForm()
    if not form.validate_on_submit():
        return render_case(comm, 400, press_form=form)
    return _run(comm, lambda: ops.record_press_release(comm, form.released_on.data, form.url.data, current_user,
                                                       form.version.data),
                _("Press release recorded: the communication is public."), press_form=form)


@bp.route("/<int:case_id>/report", methods=["POST"])
def report(case_id: int):
    comm = load_communication(case_id, Permission.EDIT)
    form = ReportForm()
    if not form.validate_on_submit():
        return render_case(comm, 400, report_form=form)
    return _run(comm, lambda: ops.include_in_report(comm, form.session.data, current_user, form.version.data),
                _("Included in the report."), report_form=form)


def _addressee(comm: SpCommunication, addressee_id: int) -> Addressee:
    addressee = next((a for a in comm.addressees if a.id == addressee_id), None)
    if addressee is None:
        abort(404)
    return addressee


def pdf_response(pdf: bytes, name: str) -> Response:
    return Response(pdf, mimetype="application/pdf",
                    headers={"Content-Disposition": f'inline; filename="{name}.pdf"'})


@bp.route("/<int:case_id>/preview/<int:addressee_id>.pdf")
def preview(case_id: int, addressee_id: int):
    """The letter as it stands, watermarked DRAFT: what the co-signing mandates approve."""
    comm = load_communication(case_id)
    addressee = _addressee(comm, addressee_id)
    return pdf_response(render_communication_pdf(comm, addressee, draft=comm.sent_on is None),
                        f"draft-{comm.id}-{addressee.id}")


@bp.route("/<int:case_id>/letters/<int:addressee_id>.pdf")
def letter(case_id: int, addressee_id: int):
    """The PDF exactly as sent to this addressee."""
    from flask import send_file

    from casework.core.attachments import storage_path

    comm = load_communication(case_id)
    addressee = _addressee(comm, addressee_id)
    if not addressee.pdf_sha256:
        abort(404)
    audit.record(audit.AuditAction.DOWNLOAD, obj=comm, detail={"letter": addressee.reference})
    db.session.commit()
    return send_file(storage_path(addressee.pdf_sha256), mimetype="application/pdf",
                     download_name=addressee.file_name)


@bp.route("/overdue")
def overdue():
    """Replies overdue, the most recently due first (decades of unanswered letters stay listed)."""
    from casework.core.deadlines import Deadline

    page = paginate(overdue_replies(current_user), sorts={"due": Deadline.due_on}, default_sort="due",
                    default_direction="desc", scalars=False)
    return render_template("special_procedures/overdue.html", page=page, today=date.today())


@bp.route("/figures")
def figures():
    year = request.args.get("year", date.today().year, type=int)
    from casework.core.permissions import visible_cases

    return render_template("special_procedures/figures.html",
                           figures=figures_of_year(year, visible_cases(current_user, SpCommunication)))


@bp.route("/mandates")
def mandates():
    rows = db.session.scalars(select(Mandate).order_by(Mandate.name)).all()
    editable = {m.id for m in rows if can_in_unit(current_user, Permission.APPROVE, m.unit_id)}
    return render_template("special_procedures/mandates.html", mandates=rows, editable=editable,
                           form=HolderForm())


@bp.route("/mandates/<int:mandate_id>", methods=["POST"])
def change_holder(mandate_id: int):
    mandate = db.session.get(Mandate, mandate_id)
    if mandate is None:
        abort(404)
    if not can_in_unit(current_user, Permission.APPROVE, mandate.unit_id):
        abort(403)
    form = HolderForm()
    if not form.validate_on_submit():
        flash(_("Give the holder's name and title."), "danger")
        return redirect(url_for("special_procedures.mandates"), 303)
    ops.change_holder(mandate, form.holder_name.data, form.holder_title.data, form.resolutions.data or "",
                      current_user)
    db.session.commit()
    flash(_("%(mandate)s: the new holder signs future letters; letters sent keep their signatures.",
            mandate=mandate.name), "success")
    return redirect(url_for("special_procedures.mandates"), 303)
