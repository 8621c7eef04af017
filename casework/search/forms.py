"""The search form: words and filters, read from the query string."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import DateField, SelectField, StringField
from wtforms.validators import Length, Optional

from casework.core.forms import Form
from casework.search.query import SearchFilters


class SearchForm(Form):
    class Meta:
        csrf = False  # a GET form that changes nothing

    q = StringField(_l("Search"), validators=[Optional(), Length(max=200)])
    module = SelectField(_l("Module"), validators=[Optional()])
    kind = SelectField(_l("Kind"), validators=[Optional()])
    state = SelectField(_l("State"), validators=[Optional()])
    status = SelectField(_l("Status"), validators=[Optional()])
    unit = SelectField(_l("Unit"), validators=[Optional()])
    date_from = DateField(_l("From"), validators=[Optional()])
    date_to = DateField(_l("To"), validators=[Optional()])

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        if valid and self.date_from.data and self.date_to.data and self.date_from.data > self.date_to.data:
            self.date_to.errors.append(_l("The end of the period comes before its start."))
            return False
        return valid

    def filters(self) -> SearchFilters:
        def number(field: SelectField) -> int | None:
            return int(field.data) if field.data else None

        return SearchFilters(
            module=self.module.data or None, kind=self.kind.data or None, state_id=number(self.state),
            status=self.status.data or None, unit_id=number(self.unit),
            date_from=self.date_from.data, date_to=self.date_to.data,
        )
