"""Filterable audit log. Changes to confidential records the auditor is not assigned to are withheld."""
from __future__ import annotations

from datetime import datetime, time, UTC

from flask import Blueprint, abort, render_template, request
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from flask_wtf import FlaskForm
from sqlalchemy import select
from wtforms import DateField, SelectField, StringField
from wtforms.validators import Optional

from casework.auth.models import User
from casework.core.audit import RECORD_NAMES, AuditAction, AuditEvent
from casework.core.cases import Case
from casework.core.forms import choices, enum_choices
from casework.core.pagination import paginate
from casework.core.permissions import Permission, has_global, visible_case_ids
from casework.extensions import db

bp = Blueprint("audit", __name__, url_prefix="/audit")


class AuditFilterForm(FlaskForm):
    class Meta:
        csrf = False

    actor = SelectField(_l("User"), coerce=int, validators=[Optional()])
    action = SelectField(_l("Action"), choices=choices([("", _l("Any"))]) + enum_choices(AuditAction),
                         validators=[Optional()])
    object_type = SelectField(_l("Record type"), validators=[Optional()],
                              choices=choices([("", _l("Any"))] + sorted(RECORD_NAMES.items(), key=lambda i: i[1])))
    case_id = StringField(_l("Case number"), validators=[Optional()])
    date_from = DateField(_l("From"), validators=[Optional()])
    date_to = DateField(_l("To"), validators=[Optional()])


def _filtered(form: AuditFilterForm):
    stmt = select(AuditEvent)
    if form.actor.data:
        stmt = stmt.where(AuditEvent.actor_id == form.actor.data)
    if form.action.data:
        stmt = stmt.where(AuditEvent.action == form.action.data)
    if form.object_type.data:
        stmt = stmt.where(AuditEvent.object_type == form.object_type.data.strip())
    if form.case_id.data and form.case_id.data.strip().isdigit():
        stmt = stmt.where(AuditEvent.case_id == int(form.case_id.data))
    if form.date_from.data:
        stmt = stmt.where(AuditEvent.occurred_at >= datetime.combine(form.date_from.data, time.min, UTC))
    if form.date_to.data:
        stmt = stmt.where(AuditEvent.occurred_at <= datetime.combine(form.date_to.data, time.max, UTC))
    return stmt


def withheld_case_ids(event_case_ids: set[int]) -> set[int]:
    """Cases among these that are confidential and not visible to the current user."""
    if not event_case_ids or current_user.is_admin:
        return set()
    confidential = set(db.session.scalars(
        select(Case.id).where(Case.id.in_(event_case_ids), Case.confidential)
    ))
    visible = set(db.session.scalars(visible_case_ids(current_user).where(Case.id.in_(confidential))))
    return confidential - visible


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
    withheld = withheld_case_ids({e.case_id for e in page.items if e.case_id})
    return render_template("audit/index.html", form=form, page=page, withheld=withheld)
