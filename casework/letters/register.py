"""The outgoing correspondence register: every letter the user may see, filterable."""
from __future__ import annotations

from datetime import datetime, time, UTC

from flask import render_template, request
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from flask_wtf import FlaskForm
from sqlalchemy import or_, select
from wtforms import DateField, SelectField, StringField
from wtforms.validators import Optional

from casework.core.forms import choices, enum_choices
from casework.core.pagination import paginate
from casework.core.permissions import visible_cases
from casework.core.states import State
from casework.core.units import Unit, UnitKind
from casework.extensions import db
from casework.letters.models import Letter, LetterAddressee, LetterStatus
from casework.letters.types import all_letter_types


class RegisterFilterForm(FlaskForm):
    class Meta:
        csrf = False

    q = StringField(_l("Reference or subject"), validators=[Optional()])
    state = SelectField(_l("State"), coerce=int, validators=[Optional()])
    unit_kind = SelectField(_l("Sent by"), choices=choices([("", _l("Any"))]) + enum_choices(UnitKind),
                            validators=[Optional()])
    letter_type = SelectField(_l("Type"), validators=[Optional()])
    status = SelectField(_l("Status"), choices=choices([("", _l("Any"))]) + enum_choices(LetterStatus),
                         validators=[Optional()])
    date_from = DateField(_l("Created from"), validators=[Optional()])
    date_to = DateField(_l("to"), validators=[Optional()])


def _filtered(form: RegisterFilterForm):
    stmt = visible_cases(current_user, Letter)
    if form.q.data:
        pattern = f"%{form.q.data.strip()}%"
        stmt = stmt.where(or_(Letter.reference.ilike(pattern), Letter.title.ilike(pattern)))
    if form.state.data:
        stmt = stmt.where(Letter.id.in_(select(LetterAddressee.letter_id).where(LetterAddressee.state_id == form.state.data)))
    if form.unit_kind.data:
        stmt = stmt.where(Letter.unit_id.in_(select(Unit.id).where(Unit.kind == form.unit_kind.data)))
    if form.letter_type.data:
        stmt = stmt.where(Letter.letter_type == form.letter_type.data)
    if form.status.data:
        stmt = stmt.where(Letter.status == form.status.data)
    if form.date_from.data:
        stmt = stmt.where(Letter.created_at >= datetime.combine(form.date_from.data, time.min, UTC))
    if form.date_to.data:
        stmt = stmt.where(Letter.created_at <= datetime.combine(form.date_to.data, time.max, UTC))
    return stmt


def register_page():
    form = RegisterFilterForm(request.args)
    form.state.choices = choices([(0, _l("Any"))] + [
        (s.id, s.name) for s in db.session.scalars(select(State).order_by(State.name))])
    form.letter_type.choices = choices([("", _l("Any"))] + [(t.key, t.label) for t in all_letter_types()])
    form.validate()
    page = paginate(
        _filtered(form),
        sorts={"created": Letter.created_at, "reference": Letter.reference, "status": Letter.status,
               "sent": Letter.sent_on},
        default_sort="created", default_direction="desc",
    )
    return render_template("letters/register.html", form=form, page=page)
