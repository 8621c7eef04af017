"""Forms for registering and editing persons."""
from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional, ValidationError

from casework.core.submissions import SubmittedOnce
from casework.core.forms import Form, PastDateField, enum_choices
from casework.core.persons import Sex


class PersonForm(SubmittedOnce, Form):
    family_name = StringField(_l("Family name"), validators=[DataRequired(), Length(max=200)])
    given_names = StringField(_l("Given names"), validators=[Optional(), Length(max=200)])
    other_names = TextAreaField(
        _l("Other spellings and transliterations"),
        description=_l("One per line, optionally followed by “|” and the script, e.g. “محمد | Arabic”."),
        validators=[Optional(), Length(max=4000)],
    )
    sex = SelectField(_l("Sex"), choices=enum_choices(Sex), default=Sex.UNKNOWN.value)
    date_of_birth = PastDateField(_l("Date of birth"), validators=[Optional()])
    nationality_id = SelectField(_l("Nationality"), coerce=int, validators=[Optional()])
    contact = TextAreaField(_l("Contact details"), validators=[Optional(), Length(max=2000)])
    protected_identity = BooleanField(
        _l("Protected identity"), description=_l("Public output shows initials only.")
    )
    unit_id = SelectField(_l("Registering unit"), coerce=int, validators=[DataRequired()])

    def validate_date_of_birth(self, field) -> None:
        from datetime import date

        if field.data and field.data > date.today():
            raise ValidationError(_l("The date of birth cannot be in the future."))

    def other_name_pairs(self) -> list[tuple[str, str]]:
        pairs = []
        for line in (self.other_names.data or "").splitlines():
            name, _sep, script = line.partition("|")
            if name.strip():
                pairs.append((name.strip(), script.strip()))
        return pairs


class PersonSearchForm(Form):
    class Meta:
        csrf = False

    q = StringField(_l("Name"), validators=[Optional(), Length(max=200)])
