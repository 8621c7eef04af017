"""Filterable audit log. Changes to confidential records the auditor is not assigned to are withheld,
so are the records of files the reader may not read, and what others searched for."""
from __future__ import annotations

from datetime import datetime, time, UTC

from flask import Blueprint, abort, render_template, request
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from sqlalchemy import select
from wtforms import DateField, SelectField, StringField
from wtforms.validators import Optional

from casework.auth.models import User
from casework.core.attachments import Attachment, may_read_files
from casework.audit.words import Words
from casework.core.audit import RECORD_NAMES, AuditAction, AuditEvent, shown_changes
from casework.core.cases import Case
from casework.core.forms import Form, choices, enum_choices
from casework.core.pagination import paginate
from casework.core.permissions import Permission, has_global, visible_case_ids
from casework.core.persons import Person, PersonName, person_visibility_clause
from casework.core.queries import where_given
from casework.extensions import db

bp = Blueprint("audit", __name__, url_prefix="/audit")


class AuditFilterForm(Form):
    class Meta:
        csrf = False

    actor = SelectField(_l("User"), coerce=int, validators=[Optional()])
    action = SelectField(_l("Action"), choices=choices([("", _l("Any"))]) + enum_choices(AuditAction),
                         validators=[Optional()])
    object_type = SelectField(_l("Record type"), validators=[Optional()],
                              choices=choices([("", _l("Any"))] + sorted(RECORD_NAMES.items(), key=lambda i: str(i[1]))))
    case_id = StringField(_l("Case number"), validators=[Optional()])
    date_from = DateField(_l("From"), validators=[Optional()])
    date_to = DateField(_l("To"), validators=[Optional()])


def _filtered(form: AuditFilterForm):
    stmt = select(AuditEvent)
    stmt = where_given(stmt, (AuditEvent.actor_id, form.actor.data), (AuditEvent.action, form.action.data))
    if form.object_type.data:
        stmt = stmt.where(AuditEvent.object_type == form.object_type.data.strip())
    if form.case_id.data and form.case_id.data.strip().isdigit():
        stmt = stmt.where(AuditEvent.case_id == int(form.case_id.data))
    if form.date_from.data:
        stmt = stmt.where(AuditEvent.occurred_at >= datetime.combine(form.date_from.data, time.min, UTC))
    if form.date_to.data:
        stmt = stmt.where(AuditEvent.occurred_at <= datetime.combine(form.date_to.data, time.max, UTC))
    return stmt


# Why an event's values are withheld, as the log says it.
WITHHELD_REASONS = {
    "case": _l("Withheld: confidential record you are not assigned to."),
    "person": _l("Withheld: a person the registry does not show you."),
    "file": _l("Withheld: a file of a case whose authors or source you may not know."),
}


def withheld_events(events: list[AuditEvent]) -> dict[int, str]:
    """The events whose values the current user may not read, with why (a key of WITHHELD_REASONS).

    Those of a confidential case they are not assigned to, those of a person they cannot see in
    the registry (e.g. someone who appears only in confidential cases), and those of a file they
    may not read (on an urgent action whose authors they may not know: its name may tell them).
    """
    # Administrators see every case, but not the persons the registry hides from them (CED authors).
    hidden_cases = set() if current_user.is_admin else _hidden_cases({e.case_id for e in events if e.case_id})
    person_of = {e.id: _person_id(e) for e in events if e.object_type in ("persons", "person_names")}
    hidden_persons = _hidden_persons({pid for pid in person_of.values() if pid})
    unread_files = _unreadable_files({e.case_id for e in events if e.object_type == Attachment.__tablename__})
    withheld = {}
    for e in events:
        if e.case_id in hidden_cases:
            withheld[e.id] = "case"
        elif e.id in person_of and (person_of[e.id] in hidden_persons or not person_of[e.id]):
            withheld[e.id] = "person"
        elif e.object_type == Attachment.__tablename__ and (e.case_id is None or e.case_id in unread_files):
            withheld[e.id] = "file"
    return withheld


def _unreadable_files(case_ids: set[int | None]) -> set[int]:
    """The cases among these whose files the reader may not read (deleted ones included, to be safe)."""
    ids = {i for i in case_ids if i is not None}
    if not ids:
        return set()
    readable = {case.id for case in db.session.scalars(select(Case).where(Case.id.in_(ids)))
                if may_read_files(current_user, case)}
    return ids - readable


def _hidden_cases(case_ids: set[int]) -> set[int]:
    """The cases among these the reader may not view (deleted ones included, to be safe)."""
    if not case_ids:
        return set()
    return case_ids - set(db.session.scalars(visible_case_ids(current_user).where(Case.id.in_(case_ids))))


def _person_id(event: AuditEvent) -> int | None:
    if event.object_type == "persons":
        return int(event.object_id) if event.object_id else None
    recorded = (event.changes or {}).get("person_id")
    if isinstance(recorded, int):
        return recorded
    return db.session.scalar(select(PersonName.person_id).where(PersonName.id == int(event.object_id or 0)))


def _hidden_persons(person_ids: set[int]) -> set[int]:
    if not person_ids:
        return set()
    visible = set(db.session.scalars(
        select(Person.id).where(Person.id.in_(person_ids), person_visibility_clause(current_user))
    ))
    return person_ids - visible


@bp.route("/")
def index():
    if not has_global(current_user, Permission.VIEW_AUDIT):
        abort(403)
    form = AuditFilterForm(request.args)
    form.actor.choices = choices(
        [(0, _("Anyone"))] + [(u.id, u.name) for u in db.session.scalars(select(User).order_by(User.name))]
    )
    form.validate()
    page = paginate(_filtered(form), sorts={"time": AuditEvent.id}, default_sort="time", default_direction="desc")
    withheld = withheld_events(page.items)
    shown = {e.id: shown_changes(e, current_user.id) for e in page.items}
    return render_template("audit/index.html", form=form, page=page, withheld=withheld, shown=shown,
                           reasons=WITHHELD_REASONS, words=Words([e for e in page.items if e.id not in withheld]))
