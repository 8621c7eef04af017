"""Forms used on every case page."""
from flask_babel import lazy_gettext as _l
from flask_wtf.file import FileField, FileRequired
from wtforms import DateField, HiddenField, IntegerField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional

from casework.core.forms import Form, PastDateField, enum_choices
from casework.core.persons import PersonRole


class TransitionForm(Form):
    """Fires one workflow action; carries the version the user saw (optimistic locking)."""

    version = IntegerField(validators=[DataRequired()])
    on = PastDateField(_l("Date it happened"), validators=[Optional()])  # blank: today
    comment = TextAreaField(_l("Comment (optional)"), validators=[Optional(), Length(max=4000)])


class AttachmentForm(Form):
    file = FileField(_l("File"), validators=[FileRequired(_l("Choose a file to upload."))])
    description = StringField(_l("Description"), validators=[Optional(), Length(max=300)])


class AssignmentForm(Form):
    user_id = SelectField(_l("Assign a colleague"), coerce=int, validators=[DataRequired()])


class LinkPersonForm(Form):
    """A person of the registry, picked by name (or their number typed), and their part in the case."""

    person_id = StringField(_l("Person (name or registry number)"), validators=[
        DataRequired(_l("Type a name or the person's registry number.")), Length(max=200)])
    role = SelectField(
        _l("Role in this case"),
        choices=enum_choices(PersonRole),
        validators=[DataRequired()],
    )


class ConfirmForm(Form):
    """An empty form: just the CSRF token, for buttons that change something."""

    next = HiddenField()


class ReminderForm(Form):
    """A reminder sent for a deadline, on the day it went (today if not given)."""

    sent_on = PastDateField(_l("Sent on"), validators=[Optional()])


class ExtendDeadlineForm(Form):
    due_on = DateField(_l("New due date"), validators=[DataRequired(_l("Give the new due date."))])
    note = StringField(_l("Granted by, at whose request"),
                       validators=[DataRequired(_l("Say who granted the extension.")), Length(max=500)])
