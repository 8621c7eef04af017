"""Form parts the places, visits and cases share: a count of persons, and the detained person."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import DateField, IntegerField, SelectField, StringField
from wtforms.validators import Length, NumberRange, Optional, ValidationError

from casework.core.forms import choices
from casework.core.persons import Sex
from casework.detention.operations import Detainee


def count_field(label) -> IntegerField:
    """A number of persons: empty, or 0 or more."""
    at_least_0 = NumberRange(min=0, message=_l("A number of persons, 0 or more."))
    return IntegerField(label, validators=[Optional(), at_least_0], render_kw={"inputmode": "numeric", "min": 0})


class DetaineeForm(FlaskForm):
    """A detained person: by their registry number, or registered here with a protected identity."""

    person_id = IntegerField(_l("Person number in the registry"), validators=[Optional()],
                             description=_l("Or register the person below (their identity will be protected)."))
    family_name = StringField(_l("Family name"), validators=[Optional(), Length(max=200)])
    given_names = StringField(_l("Given names"), validators=[Optional(), Length(max=200)])
    sex = SelectField(_l("Sex"), choices=choices((s.value, s.value.capitalize()) for s in Sex),
                      default=Sex.UNKNOWN.value)
    date_of_birth = DateField(_l("Date of birth"), validators=[Optional()])

    def validate_family_name(self, field) -> None:
        if not self.person_id.data and not (field.data or "").strip():
            raise ValidationError(_l("Give the person's registry number, or their family name to register them."))

    def detainee(self) -> Detainee:
        if self.person_id.data:
            return Detainee(person_id=self.person_id.data)
        return Detainee(family_name=self.family_name.data or "", given_names=self.given_names.data or "",
                        sex=Sex(self.sex.data), date_of_birth=self.date_of_birth.data)
