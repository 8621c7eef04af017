"""The forms of saved searches: save one from a list, rename or share it."""
from __future__ import annotations

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from wtforms import HiddenField, SelectField, StringField
from wtforms.validators import DataRequired, Length, Optional

from casework.core.forms import Form, choices
from casework.saved_searches.models import NAME_LENGTH, QUERY_LENGTH


class NameForm(Form):
    """A saved search's name and who it is shared with (only me, or one of my units)."""

    name = StringField(_l("Name of the search"),
                       validators=[DataRequired(_l("Give the search a name.")), Length(max=NAME_LENGTH)])
    unit = SelectField(_l("Share with"), coerce=int, validators=[Optional()])

    def share_choices(self, user) -> NameForm:
        self.unit.choices = choices([(0, _("Only me"))] + [(m.unit_id, _("Members of %(unit)s", unit=m.unit.code))
                                                           for m in user.memberships])
        return self


class SaveForm(NameForm):
    """"Save this search", on a list: the list and its filters come with the page."""

    list_name = HiddenField(validators=[DataRequired(), Length(max=40)])
    query = HiddenField(validators=[Optional(), Length(max=QUERY_LENGTH)])
