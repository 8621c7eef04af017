"""The register's form, and the filters of its list."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, IntegerField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, NumberRange, Optional

from casework.core.submissions import SubmittedOnce
from casework.core.forms import Form, choices
from casework.detention.filters import FilterForm
from casework.detention.places.models import FACILITY_TYPE_LABELS
from casework.detention.places.operations import FacilityContent


class FacilityForm(SubmittedOnce, Form):
    unit_id = SelectField(_l("Field office"), coerce=int, validators=[DataRequired()])
    name = StringField(_l("Name"), validators=[DataRequired(), Length(max=300)])
    facility_type = SelectField(_l("Type"), choices=choices(FACILITY_TYPE_LABELS.items()))
    state_id = SelectField(_l("Country"), coerce=int, validators=[DataRequired()])
    authority = StringField(_l("Authority"), validators=[Optional(), Length(max=300)],
                            description=_l("Who runs it, e.g. “INPEC (Ministry of Justice)”."))
    location = StringField(_l("Location"), validators=[Optional(), Length(max=300)],
                           description=_l("Town and region."))
    address = TextAreaField(_l("Address"), validators=[Optional(), Length(max=2000)], render_kw={"rows": 2})
    capacity = IntegerField(_l("Official capacity"), validators=[Optional(), NumberRange(min=0)],
                            description=_l("In persons. Occupancy is computed from it."))
    active = BooleanField(_l("In use"), default=True)
    notes = TextAreaField(_l("Notes"), validators=[Optional(), Length(max=4000)], render_kw={"rows": 3})

    def content(self) -> FacilityContent:
        return FacilityContent(
            name=self.name.data, facility_type=self.facility_type.data, state_id=self.state_id.data,
            authority=self.authority.data or "", location=self.location.data or "", address=self.address.data or "",
            capacity=self.capacity.data, active=bool(self.active.data), notes=self.notes.data or "")


class PlaceFilterForm(FilterForm):
    type = SelectField(_l("Type"), choices=choices([("", _l("Any"))] + list(FACILITY_TYPE_LABELS.items())),
                       validators=[Optional()])
    q = StringField(_l("Name, place or authority"), validators=[Optional()])
