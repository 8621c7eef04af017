"""The bulk bar's form: one action, with what it needs, for the records ticked in the list."""
from flask_babel import lazy_gettext as _l
from wtforms import HiddenField, SelectField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional

from casework.core.forms import Form, PastDateField
from casework.letters.forms import CHANNELS


def _optional_id(value: object) -> int | None:
    """A chosen id, or None for "nobody chosen"; anything else is not a choice of the page."""
    if value in (None, ""):
        return None
    return int(value)


class BulkForm(Form):
    """The records come as `record` values "id:version", one per ticked row, beside this form's fields."""

    action = SelectField(_l("Action"), validators=[DataRequired(_l("Choose an action."))], validate_choice=False)
    assignee = SelectField(_l("Colleague to assign"), coerce=_optional_id, validate_choice=False,
                           validators=[Optional()])
    on = PastDateField(_l("Date it happened"), validators=[Optional()])  # blank: today
    channel = SelectField(_l("How the letters went out"), choices=CHANNELS, validators=[Optional()])
    comment = TextAreaField(_l("Comment (optional)"), validators=[Optional(), Length(max=4000)])
    back = HiddenField()
