"""The case page and the actions every kind of case shares.

Each view follows one shape: load (with the permission check) → validate → one operation → commit
→ redirect. Refusals re-render the case page with the reason and keep what the user typed.
"""
from __future__ import annotations

import functools
from collections.abc import Callable
from datetime import date

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_babel import format_date
from flask_babel import gettext as _
from flask_login import current_user
from flask_wtf import FlaskForm
from sqlalchemy import select

from casework.auth.models import User
from casework.cases import lookup, operations
from casework.cases.access import load_case, load_part, record_confidential_view
from casework.cases.lookup import LinkFrom
from casework.cases.forms import (
    AssignmentForm, AttachmentForm, ConfirmForm, ExtendDeadlineForm, LinkPersonForm, ReminderForm, TransitionForm,
)
from casework.core import audit
from casework.core.attachments import Attachment, attach_file, may_read_files, readable_attachments, send_attachment
from casework.core.audit import AuditEvent
from casework.core.cases import Case
from casework.core.deadlines import Deadline, extend_deadline, record_reminder
from casework.core.forms import choices, form_refusal
from casework.core.permissions import Permission, can
from casework.core.persons import visible_links
from casework.core.workflow import history, workflow_for
from casework.core.writes import Again, write
from casework.extensions import db
from casework.persons.lookup import typed_person

bp = Blueprint("cases", __name__, url_prefix="/cases")


def _assignable_users():
    users = db.session.scalars(select(User).where(User.active).order_by(User.name))
    return choices((u.id, f"{u.name} ({u.email})") for u in users)


_DETAIL_CONTEXT: dict[str | None, list[Callable[[Case], dict]]] = {}


def register_detail_context(case_type: str | None, build: Callable[[Case], dict]) -> None:
    """Let a module add its panels' data to the case page of its case type (None: every type)."""
    builders = _DETAIL_CONTEXT.setdefault(case_type, [])
    if build not in builders:
        builders.append(build)


def group_events(events: list[AuditEvent]) -> list[tuple[AuditEvent, int]]:
    """Runs of the same creation or removal by the same person (195 addressees of a circular)
    shown once with a count, so the trail stays readable."""
    grouped: list[tuple[AuditEvent, int]] = []
    for event in events:
        if grouped and event.action in ("create", "delete") and _same_run(grouped[-1][0], event):
            grouped[-1] = (grouped[-1][0], grouped[-1][1] + 1)
        else:
            grouped.append((event, 1))
    return grouped


def _same_run(first: AuditEvent, event: AuditEvent) -> bool:
    return (first.action, first.object_type, first.actor_id) == (event.action, event.object_type, event.actor_id) \
        and abs((first.occurred_at - event.occurred_at).total_seconds()) < 60


def _extend_forms(failed: tuple[int, ExtendDeadlineForm] | None) -> Callable[[Deadline], ExtendDeadlineForm]:
    """One extension form per open deadline; the one that failed keeps what the user typed."""
    def form_for(deadline: Deadline) -> ExtendDeadlineForm:
        if failed is not None and failed[0] == deadline.id:
            return failed[1]
        return ExtendDeadlineForm(formdata=None, prefix=_extend_prefix(deadline.id))

    return form_for


def _extend_prefix(deadline_id: int) -> str:
    return f"deadline-{deadline_id}"


def render_case(case, status: int = 200, **forms):
    """The case page with its shared panels; modules add their own through `detail_template`."""
    if status >= 400 and not forms.get("error"):
        forms["error"] = form_refusal(forms.values())
    assign_form = forms.pop("assign_form", None) or AssignmentForm()
    if case.parent_id is None and can(current_user, Permission.ASSIGN, case):
        assign_form.user_id.choices = _assignable_users()
    events = db.session.scalars(
        select(AuditEvent).where(AuditEvent.case_id == case.id).order_by(AuditEvent.id.desc()).limit(500)
    ).all()
    timeline = group_events(events)
    person_form = forms.pop("person_form", None) or LinkPersonForm()
    lookup.with_picker(person_form.person_id, url_for("persons.lookup", **{"for": case.id}))
    context = {
        "case": case,
        "workflow": workflow_for(case),
        "history": history(case),
        "timeline": timeline,
        "transition_form": forms.pop("transition_form", None) or TransitionForm(
            formdata=None, version=case.version, on=date.today()),
        "attachment_form": forms.pop("attachment_form", None) or AttachmentForm(),
        "attachments": readable_attachments(case, current_user),
        "timeline_withheld": _withheld_file_events(case, events),
        "assign_form": assign_form,
        "person_form": person_form,
        "extend_form_for": _extend_forms(forms.pop("extend_form", None)),
        "person_links": visible_links(case, current_user),
        "confirm_form": ConfirmForm(),
        "today": date.today(),
        "error": forms.pop("error", None),
        "failed_event": forms.pop("failed_event", None),
    }
    for build in _DETAIL_CONTEXT.get(None, []) + _DETAIL_CONTEXT.get(case.case_type, []):
        context.update(build(case))
    context.update(forms)  # a module's forms re-rendered with the user's input win
    return render_template(getattr(case, "detail_template", "cases/detail.html"), **context), status


def _withheld_file_events(case: Case, events: list[AuditEvent]) -> set[int]:
    """The timeline's records of files the reader may not read: shown without their names."""
    if may_read_files(current_user, case):
        return set()
    return {e.id for e in events if e.object_type == Attachment.__tablename__}


def back_to_case(case: Case, reason: str):
    """Back to the case page with the reason: its edit page was asked for when it can no longer be
    changed (sent, reviewed, closed)."""
    flash(reason, "warning")
    return redirect(case.url, 303)


def on_case_page(case, **forms) -> Again:
    """Show the case page again after a refused form: the reason at the top, `forms` as typed."""
    return lambda status, reason: render_case(case, status, error=reason, **forms)


def record_step(case, form_key: str, form, operation: Callable[[], object], done: str):
    """A step taken through a small form on the case page (a date sent, an outcome): validate, do
    it, commit and go back to the case; or show the page again with why not and what was typed."""
    return write(operation, form=form, record=case, again=on_case_page(case, **{form_key: form}), done=done,
                 to=case.url)


def case_step(bp: Blueprint, rule: str, *, kind: type[Case], form: Callable[[], FlaskForm], key: str, done: str,
              permission: Permission = Permission.EDIT, applies: Callable[[Case], str | None] | None = None,
              ) -> Callable[[Callable[..., object]], Callable[..., object]]:
    """Declare a form of the case page that takes one step, by the one operation it calls:

        @case_step(bp, "/<int:case_id>/acts", kind=ReprisalCase, form=ActForm, key="act_form",
                   done=_l("Act recorded."))
        def add_act(case: ReprisalCase, form: ActForm) -> None:
            ops.add_act(case, ...)

    The route (POST, endpoint named after the function) loads the case of `kind` with
    `permission`, and `record_step` does the rest. Other parts of the address (a victim's id)
    are passed to the function by name. `applies` says why the form no longer applies to the case
    (a page drawn before the case moved on): that is answered first (422), since the form's own
    panel, with its errors, is no longer on the page.
    """
    def declare(step: Callable[..., object]) -> Callable[..., object]:
        @functools.wraps(step)
        def view(case_id: int, **ids: int):
            case = load_case(case_id, permission, kind=kind)
            posted = form()
            if applies is not None and (reason := applies(case)):
                return render_case(case, 422, error=reason, **{key: posted})
            return record_step(case, key, posted, lambda: step(case, posted, **ids), done)

        bp.add_url_rule(rule, view_func=view, methods=["POST"])
        return view

    return declare


bp.add_url_rule("/lookup", view_func=lookup.lookup)  # the case picker's JSON (casework.cases.lookup)


@bp.route("/<int:case_id>")
def detail(case_id: int):
    case = load_case(case_id)
    record_confidential_view(case)
    db.session.commit()
    return render_case(case)


@bp.route("/<int:case_id>/actions/<event>", methods=["POST"])
def transition(case_id: int, event: str):
    case = load_case(case_id)
    form = TransitionForm()
    return write(lambda: operations.fire_transition(case, event, current_user, form.version.data, form.comment.data,
                                                    form.on.data),
                 form=form, record=case, again=on_case_page(case, transition_form=form, failed_event=event),
                 done=lambda entry: _("Done: %(action)s.", action=workflow_for(case).transition(entry.event).label),
                 to=case.url)


@bp.route("/<int:case_id>/attachments", methods=["POST"])
def upload(case_id: int):
    case = load_case(case_id, Permission.EDIT)
    form = AttachmentForm()
    return write(lambda: attach_file(case, form.file.data, current_user, form.description.data or ""), form=form,
                 field=form.file, again=on_case_page(case, attachment_form=form), done=_("File attached."),
                 to=case.url)


@bp.route("/<int:case_id>/attachments/<int:attachment_id>")
def download(case_id: int, attachment_id: int):
    case = load_case(case_id)
    attachment = db.session.get(Attachment, attachment_id)
    if attachment is None or attachment.case_id != case.id or not may_read_files(current_user, case):
        abort(404)
    audit.record(audit.AuditAction.DOWNLOAD, obj=attachment)
    db.session.commit()
    return send_attachment(attachment)


@bp.route("/<int:case_id>/assignments", methods=["POST"])
def assign(case_id: int):
    case = load_case(case_id, Permission.ASSIGN)
    form = AssignmentForm()
    form.user_id.choices = _assignable_users()
    return write(lambda: operations.assign_user(case, db.session.get(User, form.user_id.data), current_user),
                 form=form, field=form.user_id, again=on_case_page(case, assign_form=form),
                 done=_("Assignment saved."), to=case.url)


@bp.route("/<int:case_id>/assignments/<int:user_id>/remove", methods=["POST"])
def unassign(case_id: int, user_id: int):
    case = load_case(case_id, Permission.ASSIGN)
    form = ConfirmForm()
    return write(lambda: operations.unassign_user(case, user_id), form=form,
                 again=on_case_page(case, confirm_form=form), done=_("Assignment removed."), to=case.url)


@bp.route("/<int:case_id>/persons", methods=["POST"])
def link_person(case_id: int):
    case = load_case(case_id, Permission.EDIT)
    form = LinkPersonForm()

    def link():
        person = typed_person(current_user, form.person_id.data, LinkFrom(case=case))
        return operations.link_person(case, person.id, form.role.data, current_user)

    return write(link, form=form,
                 field=form.person_id, again=on_case_page(case, person_form=form),
                 done=_("Person linked to the case."), to=case.url)


@bp.route("/<int:case_id>/deadlines/<int:deadline_id>/extend", methods=["POST"])
def extend(case_id: int, deadline_id: int):
    case = load_case(case_id, Permission.EDIT)
    deadline = load_part(Deadline, deadline_id, case)
    form = ExtendDeadlineForm(prefix=_extend_prefix(deadline.id))
    return write(lambda: extend_deadline(deadline, form.due_on.data, current_user, form.note.data), form=form,
                 field=form.due_on, again=on_case_page(case, extend_form=(deadline.id, form)),
                 done=lambda _none: _("“%(label)s” now due on %(due)s.", label=deadline.shown_label,
                                      due=format_date(deadline.due_on)), to=case.url)


@bp.route("/<int:case_id>/deadlines/<int:deadline_id>/reminder", methods=["POST"])
def reminder(case_id: int, deadline_id: int):
    case = load_case(case_id, Permission.EDIT)
    deadline = load_part(Deadline, deadline_id, case)
    form = ReminderForm()
    return write(lambda: record_reminder(deadline, form.sent_on.data), form=form,
                 again=on_case_page(case, reminder_form=form),
                 done=lambda count: _("Reminder %(count)s recorded for “%(label)s”.", count=count,
                                      label=deadline.shown_label), to=case.url)
