"""Special-procedures pages for the desks: the list, drafting, co-signature, sending, replies.

Each view that changes something loads its letter with the permission it needs and goes through
`write()` with one operation (the letter page's forms through `record_step`).
The public register is in `public.py`, the Council report's pages in `report_views.py`.
"""
from __future__ import annotations

from datetime import date

from flask import Blueprint, Response, abort, flash, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from sqlalchemy import select

from casework.cases.access import load_case
from casework.cases.views import case_step, record_step
from casework.core import audit, inputs, storage
from casework.core.forms import choices, state_choices
from casework.core.pagination import paginate
from casework.core.permissions import Permission, can, can_in_unit
from casework.core.states import State, collation_key, page_language
from casework.core.storage import Stored
from casework.core.writes import again_on, write
from casework.extensions import db
from casework.special_procedures import operations as ops
from casework.special_procedures.forms import (
    REPLY_LANGUAGES, CommunicationForm, DecisionForm, DraftForm, FilterForm, HolderForm, InviteForm,
    NewCommunicationForm, PressReleaseForm, ReplyForm, ReportForm, SendForm, VictimForm,
)
from casework.special_procedures.letters import render_communication_pdf
from casework.letters.models import LetterAddressee
from casework.special_procedures.models import TYPE_LABELS, CommunicationType, CoSignature, Mandate, SpCommunication
from casework.special_procedures.permissions import can_decide, can_see_source
from casework.special_procedures.queries import (
    KEY, LIST_SORTS, Filters, communications_from_args, cosignature_queue, mandate_choices, overdue_replies,
)
from casework.special_procedures.workflow import COMMUNICATION_WORKFLOW
from casework.figures.period import Period, list_period
from casework.special_procedures.figures import key_figures, letters_by_type

bp = Blueprint("special_procedures", __name__, url_prefix="/special-procedures", cli_group="special-procedures")


def filter_form() -> tuple[FilterForm, Filters]:
    """The list filters from the query string, shared with the public register."""
    form = FilterForm(request.args)
    form.state.choices = state_choices(_("Any"))
    form.mandate.choices = choices([(0, _("Any"))] + mandate_choices())
    form.comm_type.choices = choices([("", _("Any"))] + [(t.value, label) for t, label in TYPE_LABELS.items()])
    form.validate()
    start, end = list_period(request.args)
    return form, Filters(state=form.state.data or None, mandate=form.mandate.data or None,
                         comm_type=request.args.get("comm_type", type=CommunicationType) or "",
                         year=form.year.data, q=form.q.data or "",
                         start=start, end=end, replied=request.args.get("replied") == "1")


@bp.route("/")
def index():
    form, _filters = filter_form()
    page = paginate(communications_from_args(current_user, request.args), sorts=LIST_SORTS,
                    default_sort="updated", default_direction="desc", key=KEY)
    return render_template("special_procedures/list.html", form=form, page=page, workflow=COMMUNICATION_WORKFLOW,
                           leads=_lead_mandates(), queue=len(cosignature_queue(current_user)))


def _lead_mandates() -> list[Mandate]:
    """Mandates whose desk the user may draft for."""
    mandates = db.session.scalars(select(Mandate).where(Mandate.active).order_by(Mandate.name))
    return [m for m in mandates if can_in_unit(current_user, Permission.CREATE, m.unit_id)]


def _drafting_form(form: CommunicationForm, comm: SpCommunication | None = None) -> CommunicationForm:
    form.iso3_ids = dict(db.session.execute(select(State.iso3, State.id)).all())
    form.state_ids.choices = state_choices()
    if comm is not None and request.method == "GET":
        form.state_ids.data = [a.state_id for a in comm.recipients if a.is_state]
        form.non_state.data = "\n".join(
            " | ".join([a.name, a.contact_name, ", ".join(c.state.iso3 for c in a.copied)])
            for a in comm.recipients if not a.is_state)
        form.comm_type.data = comm.comm_type.value
    return form


@bp.route("/new", methods=["GET", "POST"])
def new():
    leads = _lead_mandates()
    if not leads:
        abort(403)
    by_id = {m.id: m for m in leads}
    form = _drafting_form(NewCommunicationForm())
    form.lead_mandate_id.choices = choices((m.id, m.name) for m in leads)
    page = again_on("special_procedures/form.html", form=form, comm=None)
    return write(lambda: ops.create_communication(form.content(), by_id[form.lead_mandate_id.data], current_user),
                 form=form, again=page,
                 done=_("Draft saved. Add the alleged victims and invite the co-signing mandates."),
                 to=lambda comm: comm.url)


@bp.route("/<int:case_id>/edit", methods=["GET", "POST"])
def edit(case_id: int):
    comm = load_case(case_id, Permission.EDIT, kind=SpCommunication)
    if not can_see_source(current_user, comm):
        abort(403)
    # Only the page as drawn fills the form: a field missing from a POST is not taken from the letter.
    form = _drafting_form(DraftForm(obj=comm if request.method == "GET" else None), comm)
    page = again_on("special_procedures/form.html", form=form, comm=comm)
    return write(lambda: ops.update_communication(comm, form.content(), current_user), form=form, record=comm,
                 again=page, done=_("Draft saved."), to=comm.url)


def panels(comm: SpCommunication) -> dict:
    invite_form = InviteForm()
    present = {c.mandate_id for c in comm.cosignatures if c.status.value != "declined"}
    invite_form.mandate_ids.choices = choices((i, n) for i, n in mandate_choices() if i not in present)
    reply_form = ReplyForm()
    reply_form.addressee_id.choices = choices([(0, _("Not said"))] + [(a.id, a.display_name) for a in comm.recipients])
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
        # Once sent, each signing mandate's block as the letter carries it, whoever holds it now.
        "blocks": {c.id: (s.name, s.title) for c, s in zip(comm.signing, comm.signatories)} if comm.sent_on else {},
    }


def _signature_states() -> dict[str, str]:
    """Where each mandate stands on the letter, in words."""
    return {"lead": _("lead mandate"), "invited": _("invited, awaiting the holder's decision"),
            "approved": _("approved by"), "declined": _("declined by")}


@case_step(bp, "/<int:case_id>/victims", kind=SpCommunication, form=VictimForm, key="victim_form",
           done=_l("Alleged victim added."))
def add_victim(comm: SpCommunication, form: VictimForm) -> None:
    ops.add_victim(comm, form.victim(), current_user)


@bp.route("/<int:case_id>/invitations", methods=["POST"])
def invite(case_id: int):
    comm = load_case(case_id, Permission.EDIT, kind=SpCommunication)
    form = InviteForm()
    form.mandate_ids.choices = choices(mandate_choices())
    chosen = select(Mandate).where(Mandate.id.in_(form.mandate_ids.data or []))
    return record_step(comm, "invite_form", form,
                       lambda: ops.invite_mandates(comm, list(db.session.scalars(chosen)), current_user),
                       _("Mandates invited; their holders can now read the letter and decide."))


@bp.route("/cosignature")
def queue():
    return render_template("special_procedures/queue.html", queue=cosignature_queue(current_user),
                           decision_form=DecisionForm())


@bp.route("/cosignatures/<int:cosignature_id>", methods=["POST"])
def decide(cosignature_id: int):
    row = db.session.get(CoSignature, cosignature_id)
    if row is None:
        abort(404)
    comm = load_case(row.communication_id, kind=SpCommunication)
    form = DecisionForm()
    approve = form.decision.data == "approve"
    done = _("Co-signature approved.") if approve else _("Declined: the mandate is removed from the letter.")
    return record_step(comm, "decision_form", form,
                       lambda: ops.decide_cosignature(row, approve, current_user, form.comment.data or ""), done)


@case_step(bp, "/<int:case_id>/send", kind=SpCommunication, form=SendForm, key="send_form",
           done=_l("Sent. The references are allocated and the letters are being produced."))
def send(comm: SpCommunication, form: SendForm) -> None:
    ops.send_communication(comm, form.sent_on.data, current_user)


@bp.route("/<int:case_id>/replies", methods=["POST"])
def reply(case_id: int):
    comm = load_case(case_id, Permission.EDIT, kind=SpCommunication)
    form = ReplyForm()
    form.addressee_id.choices = choices([(0, "")] + [(a.id, a.display_name) for a in comm.recipients])
    addressee = next((a for a in comm.recipients if a.id == form.addressee_id.data), None)
    upload = form.file.data if form.file.data and form.file.data.filename else None
    return record_step(comm, "reply_form", form,
                       lambda: ops.record_reply(comm, form.received_on.data, form.language.data, upload, current_user,
                                                addressee),
                       _("Reply recorded."))


@case_step(bp, "/<int:case_id>/press-release", kind=SpCommunication, form=PressReleaseForm, key="press_form",
           done=_l("Press release recorded: the communication is public."))
def press_release(comm: SpCommunication, form: PressReleaseForm) -> None:
    ops.record_press_release(comm, form.released_on.data, form.url.data, current_user)


@case_step(bp, "/<int:case_id>/report", kind=SpCommunication, form=ReportForm, key="report_form",
           done=_l("Included in the report."))
def report(comm: SpCommunication, form: ReportForm) -> None:
    ops.include_in_report(comm, form.session.data, current_user)


def _addressee(comm: SpCommunication, addressee_id: int) -> LetterAddressee:
    """An addressee of the letter, or a State copied on one addressee's letter."""
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
    comm = load_case(case_id, kind=SpCommunication)
    addressee = _addressee(comm, addressee_id)
    addressee = addressee.copy_of or addressee  # a State copied receives its addressee's letter
    return pdf_response(render_communication_pdf(comm, addressee, draft=comm.sent_on is None),
                        f"draft-{comm.id}-{addressee.id}")


@bp.route("/<int:case_id>/letters/<int:addressee_id>.pdf")
def letter(case_id: int, addressee_id: int):
    """The PDF exactly as sent to this addressee (or to a State copied on its letter)."""
    comm = load_case(case_id, kind=SpCommunication)
    addressee = _addressee(comm, addressee_id)
    if not addressee.pdf_sha256:
        abort(404)
    audit.record(audit.AuditAction.DOWNLOAD, obj=comm,
                 detail={"letter": (addressee.copy_of or addressee).reference,
                         **({"copy_to": addressee.display_name} if addressee.is_copy else {})})
    db.session.commit()
    return storage.files().send(Stored.by_content(addressee.pdf_sha256, addressee.pdf_size),
                                mimetype="application/pdf", as_attachment=False, download_name=addressee.file_name)


@bp.route("/overdue")
def overdue():
    """Replies overdue, the most recently due first (decades of unanswered letters stay listed)."""
    from casework.core.deadlines import Deadline

    page = paginate(overdue_replies(current_user), sorts={"due": Deadline.due_on}, default_sort="due",
                    default_direction="desc", scalars=False)
    return render_template("special_procedures/overdue.html", page=page, today=date.today())


@bp.route("/figures")
def figures():
    """The year's figures as the key figures count them, each linked to its list, with their charts."""
    year = request.args.get("year", date.today().year, type=inputs.year)
    section = key_figures(current_user, Period.year(year))
    return render_template("special_procedures/figures.html", year=year, section=section,
                           charts=[letters_by_type(section), *section.charts])


@bp.route("/mandates")
def mandates():
    return _mandates_page(HolderForm())


def _mandates_page(form: HolderForm, status: int = 200):
    language = page_language()
    rows = sorted(db.session.scalars(select(Mandate)), key=lambda m: collation_key(m.shown_name, language))
    editable = {m.id for m in rows if can_in_unit(current_user, Permission.APPROVE, m.unit_id)}
    return render_template("special_procedures/mandates.html", mandates=rows, editable=editable, form=form), status


@bp.route("/mandates/<int:mandate_id>", methods=["POST"])
def change_holder(mandate_id: int):
    mandate = db.session.get(Mandate, mandate_id)
    if mandate is None:
        abort(404)
    if not can_in_unit(current_user, Permission.APPROVE, mandate.unit_id):
        abort(403)
    form = HolderForm()

    def again(status: int, reason: str | None):
        flash(reason or _("Give the holder's name and title."), "danger")
        return _mandates_page(form, status)

    return write(lambda: ops.change_holder(mandate, form.holder_name.data, form.holder_title.data,
                                           form.resolutions.data or "", current_user),
                 form=form, again=again,
                 done=_("%(mandate)s: the new holder signs future letters; letters sent keep their signatures.",
                        mandate=mandate.name),
                 to=url_for("special_procedures.mandates"))
