"""The filters every detention list and the figures share: field office, country, year or period.

`filters_from_args` reads them from a query string (the page and its export both read them
there); `filter_form` draws them, with the choices the user may make. Each list adds its own
fields to `FilterForm` in its sub-package's forms.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from flask import request
from flask_babel import gettext as _, lazy_gettext as _l
from flask_login import current_user
from sqlalchemy import Select, func, select
from wtforms import SelectField
from wtforms.validators import Optional

from casework.core.forms import Form, choices
from casework.core.permissions import Permission
from casework.core.queries import where_given
from casework.core.states import State, by_name
from casework.detention.cases.models import AggregateRelease, CaseIssue, CaseOutcome, DetentionCase
from casework.detention.permissions import field_offices_where, visible_facilities
from casework.detention.places.models import Facility, FacilityType
from casework.detention.visits.models import Visit
from casework.extensions import db
from casework.figures.period import between, list_period


@dataclass
class Filters:
    """What a list or the figures are narrowed to; None means any."""

    unit_id: int | None = None
    state_id: int | None = None
    year: int | None = None
    facility_id: int | None = None
    status: str | None = None
    outcome: str | None = None
    issue: str | None = None
    facility_type: str | None = None
    q: str | None = None
    visited: bool = False  # places: only those visited (in the year, if one is given)
    releases_only: bool = False
    start: date | None = None  # like the year, any span of dates (the key figures' period)
    end: date | None = None

    def args(self, **changes) -> dict:
        """The filters as query-string arguments, e.g. for a figure's link to its list."""
        names = {"unit_id": "unit", "state_id": "country", "year": "year", "facility_id": "facility",
                 "status": "status", "outcome": "outcome", "issue": "issue", "facility_type": "type", "q": "q",
                 "visited": "visited"}
        values = {names[k]: int(v) if isinstance(v, bool) else v for k, v in vars(self).items() if k in names and v}
        values.update({name: day.isoformat() for name, day in (("from", self.start), ("to", self.end)) if day})
        values.update({k: v for k, v in changes.items() if v})
        return values


def in_year(column, year: int):
    """Index-friendly: a range on the date column rather than a function of it."""
    return column.between(date(year, 1, 1), date(year, 12, 31))


def narrow(stmt: Select, f: Filters, unit_column, state_column, date_column) -> Select:
    """The filters every list and figure shares: field office, country, and year of `date_column`."""
    stmt = where_given(stmt, (unit_column, f.unit_id), (state_column, f.state_id))
    if f.year and date_column is not None:
        stmt = stmt.where(in_year(date_column, f.year))
    if date_column is not None:
        stmt = stmt.where(*between(date_column, f.start, f.end))
    return stmt


def filters_from_args(user, args) -> Filters:
    """The filters of a list from its query string.

    A field office, country or year the filter form does not offer the user is ignored, as the
    form ignores it.
    """
    unit_id = args.get("unit", type=int) or None
    if unit_id and unit_id not in {u.id for u in field_offices_where(user, Permission.VIEW)}:
        unit_id = None
    state_id = args.get("country", type=int) or None
    if state_id and db.session.scalar(visible_facilities(user).with_only_columns(Facility.id)
                                      .where(Facility.state_id == state_id).limit(1)) is None:
        state_id = None
    year = args.get("year", type=int) or None
    if year and not first_year() <= year <= date.today().year:
        year = None
    start, end = list_period(args)
    return Filters(
        unit_id=unit_id, state_id=state_id, year=year, facility_id=args.get("facility", type=int),
        status=args.get("status") or None, outcome=args.get("outcome", type=CaseOutcome),
        issue=args.get("issue", type=CaseIssue),
        facility_type=args.get("type", type=FacilityType), q=(args.get("q") or "").strip() or None,
        visited=args.get("visited") == "1", start=start, end=end,
    )


def first_year() -> int:
    """The earliest year with a visit or a release on record, for the year filter. Read from the
    records' own tables: through their case records, PostgreSQL joins every case to find the
    first day (100 ms at 1,000,000 cases) instead of reading the first entry of the day's index."""
    years = [d.year for d in (
        db.session.scalar(select(func.min(Visit.__table__.c.started_on))),
        db.session.scalar(select(func.min(DetentionCase.__table__.c.outcome_on))),
        db.session.scalar(select(func.min(AggregateRelease.period_end))),
    ) if d is not None]
    return min(years + [date.today().year])


class FilterForm(Form):
    """The filters of the lists and figures, read from the query string."""

    class Meta:
        csrf = False

    unit = SelectField(_l("Field office"), coerce=int, validators=[Optional()])
    country = SelectField(_l("Country"), coerce=int, validators=[Optional()])
    year = SelectField(_l("Year"), coerce=int, validators=[Optional()])


def filter_form(form_class: type[FilterForm] = FilterForm) -> tuple[FilterForm, Filters]:
    """A list's filter form, filled from the query string, and the filters it gives."""
    form = form_class(request.args)
    offices = field_offices_where(current_user, Permission.VIEW)
    form.unit.choices = choices([(0, _("Any"))] + [(u.id, u.code) for u in offices])
    countries = by_name(db.session.scalars(select(State).where(
        State.id.in_(visible_facilities(current_user).with_only_columns(Facility.state_id)))))
    form.country.choices = choices([(0, _("Any"))] + [(s.id, s.shown_name) for s in countries])
    form.year.choices = choices([(0, _("Any"))] + [(y, str(y)) for y in range(date.today().year, first_year() - 1, -1)])
    form.validate()
    return form, filters_from_args(current_user, request.args)
