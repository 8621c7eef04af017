"""The outgoing correspondence register: every letter the user may see, filterable."""
from __future__ import annotations

from flask import render_template, request
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from sqlalchemy.orm import selectinload
from wtforms import DateField, SelectField, StringField
from wtforms.validators import Optional

from casework.core.forms import Form, choices, enum_choices, state_choices
from casework.core.pagination import paginate
from casework.core.permissions import Permission, units_where
from casework.core.units import UnitKind
from casework.letters.models import Letter, LetterStatus
from casework.letters.queries import KEY, LIST_SORTS, letters_from_args
from casework.letters.types import all_letter_types


class RegisterFilterForm(Form):
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


def register_page():
    form = RegisterFilterForm(request.args)
    form.state.choices = state_choices(_l("Any"))
    form.letter_type.choices = choices([("", _l("Any"))] + [(t.key, t.label) for t in all_letter_types()])
    form.validate()
    # Each row names its first addressee: the page's addressees in one query.
    letters = letters_from_args(current_user, request.args).options(selectinload(Letter.addressees))
    page = paginate(letters, sorts=LIST_SORTS, default_sort="created", default_direction="desc", key=KEY)
    return render_template("letters/register.html", form=form, page=page,
                           may_draft=bool(units_where(current_user, Permission.CREATE)))
