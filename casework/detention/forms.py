"""Form parts the places, visits and cases share: a count of persons, the detained person, and the
choices of a field office's record (a place of detention, an aggregate release record)."""
from __future__ import annotations

from typing import TypeVar

from flask import abort
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import IntegerField, SelectField, StringField
from wtforms.validators import Length, NumberRange, Optional, ValidationError

from casework.cases.lookup import PickerSource
from casework.persons.lookup import RegistryPersonField
from casework.core.forms import Form, PastDateField, choices, state_choices
from casework.core.permissions import Permission
from casework.core.persons import Sex
from casework.detention.operations import Detainee
from casework.detention.permissions import field_offices_where

F = TypeVar("F", bound=FlaskForm)


def count_field(label) -> IntegerField:
    """A number of persons: empty, or 0 or more."""
    at_least_0 = NumberRange(min=0, message=_l("A number of persons, 0 or more."))
    return IntegerField(label, validators=[Optional(), at_least_0], render_kw={"inputmode": "numeric", "min": 0})


class DetaineeForm(Form):
    """A detained person: by their registry number, or registered here with a protected identity."""

    person_id = RegistryPersonField(_l("Person in the registry (name or number)"),
                                    description=_l("Or register the person below (their identity will be protected)."),
                                    render_kw={"data-picker": PickerSource("persons.lookup")})
    family_name = StringField(_l("Family name"), validators=[Optional(), Length(max=200)])
    given_names = StringField(_l("Given names"), validators=[Optional(), Length(max=200)])
    sex = SelectField(_l("Sex"), choices=choices((s.value, s.value.capitalize()) for s in Sex),
                      default=Sex.UNKNOWN.value)
    date_of_birth = PastDateField(_l("Date of birth"), validators=[Optional()])

    def validate_family_name(self, field) -> None:
        if not self.person_id.data and not (field.data or "").strip():
            raise ValidationError(_l("Give the person's registry number, or their family name to register them."))

    def detainee(self) -> Detainee:
        if self.person_id.data:
            return Detainee(person_id=self.person_id.data)
        return Detainee(family_name=self.family_name.data or "", given_names=self.given_names.data or "",
                        sex=Sex(self.sex.data), date_of_birth=self.date_of_birth.data)


def unit_record_form(form_class: type[F], record, user) -> F:
    """The form of a place of detention or an aggregate record (`record`, None for a new one): in
    a field office where the user may record (a new one is refused, 403, to whoever records for
    none), in any country."""
    form = form_class(obj=record)
    form.unit_id.choices = choices((u.id, str(u)) for u in field_offices_where(user, Permission.EDIT))
    if record is None and not form.unit_id.choices:
        abort(403)
    form.state_id.choices = state_choices("—")
    return form
