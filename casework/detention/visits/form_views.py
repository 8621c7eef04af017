"""The visit form, which never loses what was typed: filled in days after the visit, often on a poor
connection, it is kept as a draft on the server as the officer types (static/js/autosave.js), and
again whenever a save is invalid or refused, should the tab be closed then.
"""
from __future__ import annotations

from flask import jsonify, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from casework.cases.access import load_case
from casework.cases.forms import ConfirmForm
from casework.cases.views import back_to_case, on_case_page
from casework.core import drafts
from casework.core.permissions import Permission
from casework.core.writes import Again, write
from casework.detention.places.queries import facility_choices
from casework.detention.views import bp
from casework.detention.visits import operations as ops
from casework.detention.visits.forms import VisitForm
from casework.detention.visits.models import POPULATION_FIELDS, Visit
from casework.extensions import db


def _visit_data(visit: Visit) -> dict:
    """The visit as the form shows it, with one empty line for a new recommendation."""
    data = {name: getattr(visit, name) for name in (
        "facility_id", "started_on", "ended_on", "team", "announced", "access_notes", "capacity",
        "issues_raised", "authority_response", *POPULATION_FIELDS)}
    data.update(version=visit.version, visit_kind=visit.visit_kind.value, access=visit.access.value)
    data["conditions"] = {}
    for condition in visit.conditions:
        data["conditions"][condition.item.value] = condition.assessment.value
        data["conditions"][f"{condition.item.value}_note"] = condition.note
    data["recommendations"] = [{"id": r.id, "addressee": r.addressee, "text": r.text, "deadline": r.deadline}
                               for r in visit.recommendations] + [{}]
    found = {f.recommendation_id: f for f in visit.follow_ups}
    data["follow_ups"] = [{"recommendation_id": r.id, "status": found[r.id].status.value if r.id in found else "",
                           "note": found[r.id].note if r.id in found else ""} for r in ops.open_recommendations(visit)]
    return data


def _visit_form(visit: Visit, draft: drafts.FormDraft | None) -> VisitForm:
    """The form as posted; else as the user's unsaved draft left it; else as the visit is saved."""
    if request.method == "POST":
        form = VisitForm()
    elif draft is not None:
        formdata = draft.formdata()
        formdata.setlist("version", [str(visit.version)])  # the draft is shown over the visit as it now is
        form = VisitForm(formdata=formdata)
    else:
        form = VisitForm(data=_visit_data(visit))
    form.facility_id.choices = facility_choices(current_user, [visit.unit_id])
    return form


def _form_page(visit: Visit, form: VisitForm, draft: drafts.FormDraft | None, status: int = 200,
               error: str | None = None):
    return render_template(
        "detention/visit_form.html", visit=visit, form=form, draft=draft, error=error,
        followed={r.id: r for r in ops.open_recommendations(visit)}, confirm_form=ConfirmForm(),
        changed_since_draft=draft is not None and draft.base_version not in (None, visit.version),
    ), status


def _kept_as_draft(visit: Visit, form: VisitForm) -> Again:
    """The form again after an invalid or refused save: what was typed stays on the page, and in
    the user's draft should the tab close now."""
    def page(status: int, reason: str | None):
        saved_at = ops.save_visit_draft(visit, drafts.fields_of(request.form), current_user)
        db.session.commit()
        return _form_page(visit, form, drafts.FormDraft(saved_at=saved_at, base_version=form.version.data), status,
                          reason)

    return page


@bp.route("/visits/<int:visit_id>/edit", methods=["GET", "POST"])
def edit_visit(visit_id: int):
    visit = load_case(visit_id, Permission.EDIT, kind=Visit)
    if visit.status not in ops.EDITABLE:
        return back_to_case(visit, _("The head of office has reviewed this visit: ask them to reopen it to change it."))
    draft = drafts.find_draft(current_user, visit.form_key)
    form = _visit_form(visit, draft)
    if request.method == "GET":
        return _form_page(visit, form, draft)
    return write(lambda: ops.update_visit(visit, form.content(), current_user), form=form, record=visit,
                 again=_kept_as_draft(visit, form), done=_("Visit saved."), to=visit.url)


@bp.route("/visits/<int:visit_id>/draft", methods=["POST"])
def autosave(visit_id: int):
    """Keep what the officer is typing (called by static/js/autosave.js every few seconds).

    It answers the script in JSON, not with a page: `write()`, which answers with pages, does not
    serve it. Only the user's own draft changes, never the visit.
    """
    visit = load_case(visit_id, Permission.EDIT, kind=Visit)
    if visit.status not in ops.EDITABLE:
        return jsonify(error="not_editable", message=_(
            "The head of office has reviewed this visit meanwhile: your changes are kept in this page only.")), 409
    try:
        saved_at = ops.save_visit_draft(visit, drafts.fields_of(request.form), current_user)
    except drafts.DraftTooLarge as refusal:
        return jsonify(error="too_large", message=str(refusal)), 413
    db.session.commit()
    return jsonify(saved_at=saved_at.isoformat(timespec="milliseconds"), message=_("Draft saved"))


@bp.route("/visits/<int:visit_id>/draft/discard", methods=["POST"])
def discard_draft(visit_id: int):
    visit = load_case(visit_id, Permission.EDIT, kind=Visit)
    form = ConfirmForm()
    return write(lambda: drafts.discard_draft(current_user, visit.form_key), form=form,
                 again=on_case_page(visit, confirm_form=form), done=_("Your unsaved changes were discarded."),
                 to=url_for("detention.edit_visit", visit_id=visit.id) if visit.status in ops.EDITABLE else visit.url)
