"""Drafting letters, their PDFs, sending and replies, and the outgoing correspondence register.

The letter page itself is the shared case page (a letter is a case record), with the letter's
panels added through `register_detail_context`.
"""
from __future__ import annotations

import io

from flask import Blueprint, abort, current_app, flash, render_template, request, send_file, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user

from casework.cases.access import is_of_kind, load_case, record_confidential_view
from casework.cases.forms import ConfirmForm
from casework.cases.views import back_to_case, on_case_page, record_step
from casework.core import audit, jobs
from casework.core import storage
from casework.core.storage import Stored, content_key
from casework.core.forms import choices, state_choices
from casework.core.permissions import Permission, can, units_where, visible_cases
from casework.core.writes import again_at, again_on, write
from casework.extensions import db
from casework.letters import batches, operations as ops
from casework.letters.forms import LetterForm, NewLetterForm, ReplyForm, SentForm
from casework.letters.models import AddresseeKind, Letter, LetterBatch
from casework.letters.phrases import LANGUAGES
from casework.letters.register import register_page
from casework.letters.types import letter_types_for

bp = Blueprint("letters", __name__, url_prefix="/letters")


def letter_panels(letter: Letter) -> dict:
    job = ops.latest_job(letter)
    return {
        "job": job,
        "job_running": job is not None and job.status in (jobs.JobStatus.QUEUED, jobs.JobStatus.RUNNING),
        "preview_sha": ops.latest_preview_sha(letter),
        "sent_form": SentForm(version=letter.version),
        "reply_form": ReplyForm(version=letter.version),
        "batches": batches.batches_of(letter),
        "letter_languages": LANGUAGES,
    }



@bp.route("/")
def index():
    return register_page()


@bp.route("/new", methods=["GET", "POST"])
def new():
    case_id = request.args.get("case_id", type=int)
    if "case_id" in request.args and case_id is None:
        abort(404)  # an address that names no case
    parent = load_case(case_id, Permission.EDIT) if case_id else None
    if parent is not None and parent.parent_id is not None:
        abort(404)  # letters belong to a case, never to another letter
    form = NewLetterForm()
    types = letter_types_for(parent.case_type if parent else None)
    form.letter_type.choices = choices((t.key, t.label) for t in types)
    form.unit_id.choices = choices((u.id, str(u)) for u in units_where(current_user, Permission.CREATE))
    if parent is None and not form.unit_id.choices:
        abort(403)
    again = again_on("letters/new.html", form=form, parent=parent)
    return write(lambda: ops.draft_letter(form.letter_type.data, form.language.data, current_user, parent=parent,
                                          unit_id=form.unit_id.data),
                 form=form, field=form.unit_id, again=again, done=None,
                 to=lambda letter: url_for("letters.edit", letter_id=letter.id))


def _letter_form(letter: Letter) -> LetterForm:
    form = LetterForm(obj=None if request.method == "POST" else letter)
    form.addressee_states.choices = form.copy_states.choices = state_choices()
    if request.method == "GET":
        form.version.data, form.subject.data = letter.version, letter.title
        to_states = [a.state_id for a in letter.recipients if a.kind is AddresseeKind.STATE]
        form.all_missions.data = len(to_states) == len(form.addressee_states.choices) > 1
        form.addressee_states.data = [] if form.all_missions.data else to_states
        form.copy_states.data = [a.state_id for a in letter.copies]
        form.other_addressees.data = "\n".join(f"{a.name} | {a.address}" for a in letter.recipients
                                               if a.kind is not AddresseeKind.STATE)
        form.signatories.data = "\n".join(f"{s.name} | {s.title}" for s in letter.signatories)
        if letter.annexes:
            form.annex_title.data, form.annex_body.data = letter.annexes[0].title, letter.annexes[0].body
    return form


def _content(form: LetterForm) -> ops.LetterContent:
    return ops.LetterContent(
        subject=form.subject.data, body=form.body.data, language=form.language.data,
        reference=form.reference.data or "", letter_date=form.letter_date.data,
        all_missions=bool(form.all_missions.data), addressee_state_ids=form.addressee_states.data or [],
        other_addressees=form.other_addressee_pairs(),
        copy_state_ids=form.copy_states.data or [], signatories=form.signatory_pairs(),
        annex_title=form.annex_title.data or "", annex_body=form.annex_body.data or "",
    )


@bp.route("/<int:letter_id>/edit", methods=["GET", "POST"])
def edit(letter_id: int):
    letter = load_case(letter_id, Permission.EDIT, kind=Letter)
    if letter.status not in ops.EDITABLE:
        return back_to_case(letter, _("A letter that has been sent can no longer be changed."))
    form = _letter_form(letter)
    again = again_on("letters/edit.html", form=form, letter=letter)
    if request.method == "GET":
        record_confidential_view(letter)  # the page shows the whole letter, as the case page does
        db.session.commit()
    return write(lambda: ops.update_letter(letter, _content(form), current_user), form=form, record=letter,
                 again=again, done=_("Letter saved."), to=letter.url)


@bp.route("/<int:letter_id>/preview", methods=["POST"])
def preview(letter_id: int):
    letter = load_case(letter_id, Permission.EDIT, kind=Letter)
    return write(lambda: ops.request_preview(letter, current_user), again=on_case_page(letter),
                 done=_("The preview is being prepared; this page updates by itself."), to=letter.url)


@bp.route("/<int:letter_id>/pdf/<which>")
def pdf(letter_id: int, which: str):
    letter = load_case(letter_id, kind=Letter)
    sha = {"final": letter.final_pdf_sha256, "preview": ops.latest_preview_sha(letter)}.get(which)
    if which not in ("final", "preview"):
        abort(404)
    if not sha or not storage.files().exists(content_key(sha)):
        if sha:
            current_app.logger.error("letter %s: %s PDF %s missing from storage", letter.id, which, sha)
        message = (_("This letter has no final PDF: it is not approved yet, or a change sent it back to draft.")
                   if which == "final" else _("No preview of this letter has been made yet."))
        return render_template("errors/error.html", code=404, title=_("No PDF"), message=message), 404
    audit.record(audit.AuditAction.DOWNLOAD, obj=letter, detail={"pdf": which, "sha256": sha})
    db.session.commit()
    return storage.files().send(Stored.by_content(sha), mimetype="application/pdf", as_attachment=False,
                                download_name=f"{ops.file_stem(letter)}{'-DRAFT' if which == 'preview' else ''}.pdf")


@bp.route("/<int:letter_id>/sent", methods=["POST"])
def sent(letter_id: int):
    letter = load_case(letter_id, Permission.EDIT, kind=Letter)
    form = SentForm()
    return record_step(letter, "sent_form", form, lambda: ops.mark_sent(
        letter, form.sent_on.data, form.channel.data, current_user), _("Recorded as sent."))


@bp.route("/<int:letter_id>/reply", methods=["POST"])
def reply(letter_id: int):
    letter = load_case(letter_id, Permission.EDIT, kind=Letter)
    form = ReplyForm()
    return write(lambda: ops.record_reply(letter, form.received_on.data, form.file.data, current_user), form=form,
                 record=letter, field=form.file, again=on_case_page(letter, reply_form=form),
                 done=_("Reply recorded."), to=letter.url)


@bp.route("/<int:letter_id>/jobs/<int:job_id>/retry", methods=["POST"])
def retry(letter_id: int, job_id: int):
    letter = load_case(letter_id, Permission.EDIT, kind=Letter)
    record = db.session.get(jobs.JobRecord, job_id)
    if record is None or record.subject_type != "letters" or record.subject_id != letter.id:
        abort(404)
    form = ConfirmForm()
    return write(lambda: jobs.retry(record), form=form, again=on_case_page(letter, confirm_form=form),
                 done=_("Trying again; this page updates by itself."), to=letter.url)


def _load_batch(batch_id: int, permission: Permission = Permission.VIEW) -> LetterBatch:
    batch = db.session.get(LetterBatch, batch_id)
    if batch is None or not batches.may_view(batch, current_user):
        abort(404)
    letters = [batch.letter] if batch.is_circular else [item.letter for item in batch.items]
    if not all(can(current_user, permission, letter) for letter in letters):
        abort(403)
    return batch


def _selected_letters(values: list[str]) -> dict[int, int | None]:
    """The register's ticked boxes, "letter id:version seen", once each and in order."""
    selected: dict[int, int | None] = {}
    for value in values:
        letter_id, _sep, version = value.partition(":")
        if letter_id.isdigit():
            selected.setdefault(int(letter_id), int(version) if version.isdigit() else None)
    return selected


@bp.route("/batches", methods=["POST"])
def start_letters_batch():
    """Letters chosen in the register: one zip of their final PDFs, approving them if asked."""
    seen = _selected_letters(request.form.getlist("letter_id"))
    chosen = [(load_case(letter_id, Permission.EDIT, kind=Letter), version) for letter_id, version in seen.items()]
    return write(lambda: batches.start_letters_batch(chosen, current_user, approve="approve" in request.form),
                 form=ConfirmForm(), again=again_at(url_for("letters.index")), done=_refused_approvals,
                 to=lambda started: url_for("letters.batch", batch_id=started[0].id))


def _refused_approvals(started: tuple[LetterBatch, list[str]]) -> None:
    """The letters a batch could not approve say why, one by one; the others are rendered."""
    for refusal in started[1]:
        flash(refusal, "warning")


@bp.route("/<int:letter_id>/batches", methods=["POST"])
def start_batch(letter_id: int):
    letter = load_case(letter_id, Permission.EDIT, kind=Letter)
    return write(lambda: batches.start_batch(letter, current_user), again=on_case_page(letter), done=None,
                 to=lambda batch: url_for("letters.batch", batch_id=batch.id))


@bp.route("/batches/<int:batch_id>")
def batch(batch_id: int):
    return render_template("letters/batch.html", **_batch_page(_load_batch(batch_id), ConfirmForm()))


def _batch_page(batch: LetterBatch, form: ConfirmForm) -> dict:
    return {"batch": batch, "progress": batches.progress(batch), "confirm_form": form,
            "item_state": batches.item_state}


@bp.route("/batches/<int:batch_id>/retry", methods=["POST"])
def retry_batch(batch_id: int):
    batch = _load_batch(batch_id, Permission.EDIT)
    form = ConfirmForm()
    return write(lambda: batches.retry_failed(batch), form=form,
                 again=again_on("letters/batch.html", **_batch_page(batch, form)),
                 done=lambda count: ngettext("%(num)s copy queued again.", "%(num)s copies queued again.", count),
                 to=url_for("letters.batch", batch_id=batch.id))


@bp.route("/batches/<int:batch_id>/zip")
def batch_zip(batch_id: int):
    batch = _load_batch(batch_id)
    if batches.progress(batch)["done"] != len(batch.items):
        abort(409)
    audit.record(audit.AuditAction.DOWNLOAD, obj=batch, detail={"copies": len(batch.items)})
    db.session.commit()
    name = ops.file_stem(batch.letter) if batch.is_circular else f"letters-{batch.id}"
    return send_file(io.BytesIO(batches.zip_of(batch)), mimetype="application/zip", as_attachment=True,
                     download_name=f"{name}.zip")


def letters_panel(case) -> dict:
    """Every case page lists the case's letters and offers to draft one."""
    if is_of_kind(case, Letter):  # a letter has no letters; a special-procedures communication may
        return {}
    letters = db.session.scalars(
        visible_cases(current_user, Letter).where(Letter.parent_id == case.id).order_by(Letter.id)).all()
    return {"case_letters": letters,
            "can_draft_letter": bool(letter_types_for(case.case_type)) and can(current_user, Permission.EDIT, case)}

