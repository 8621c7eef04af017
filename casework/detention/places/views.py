"""The register of places of detention: per country, each with its history of visits and population."""
from __future__ import annotations

from flask import render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from casework.core.pagination import paginate
from casework.core.permissions import Permission, can_in_unit
from casework.core.writes import again_on, write
from casework.detention.filters import filter_form
from casework.detention.forms import unit_record_form
from casework.detention.permissions import can_edit_unit_record, field_offices_where, load_unit_record
from casework.detention.places import operations as ops
from casework.detention.places.forms import FacilityForm, PlaceFilterForm
from casework.detention.places.models import Facility
from casework.detention.places.queries import (
    PLACE_SORTS, facilities_query, facility_cases, facility_recommendations, facility_visits, latest_visits,
    population_chart,
)
from casework.detention.views import bp


@bp.route("/facilities/")
def facilities():
    form, filters = filter_form(PlaceFilterForm)
    page = paginate(facilities_query(current_user, filters), sorts=PLACE_SORTS, default_sort="name")
    latest, counts = latest_visits(current_user, [f.id for f in page.items])
    return render_template("detention/facilities.html", form=form, filters=filters, page=page, latest=latest,
                           counts=counts, can_add=bool(field_offices_where(current_user, Permission.EDIT)))


def _to_place(facility: Facility) -> str:
    return url_for("detention.facility", facility_id=facility.id)


@bp.route("/facilities/new", methods=["GET", "POST"])
def new_facility():
    form = unit_record_form(FacilityForm, None, current_user)
    page = again_on("detention/facility_form.html", form=form, facility=None)
    return write(lambda: ops.save_facility(None, form.unit_id.data, form.content(), current_user), form=form,
                 field=form.unit_id, again=page, to=_to_place,
                 done=lambda place: _("%(name)s added to the register.", name=place.name))


@bp.route("/facilities/<int:facility_id>")
def facility(facility_id: int):
    place = load_unit_record(Facility, facility_id)
    visits = facility_visits(current_user, place)
    bars, width = population_chart(visits)
    return render_template(
        "detention/facility.html", facility=place, visits=visits, bars=bars, chart_width=width,
        recommendations=facility_recommendations(current_user, place), cases=facility_cases(current_user, place),
        can_edit=can_edit_unit_record(current_user, place),
        can_record=can_in_unit(current_user, Permission.CREATE, place.unit_id))


@bp.route("/facilities/<int:facility_id>/edit", methods=["GET", "POST"])
def edit_facility(facility_id: int):
    place = load_unit_record(Facility, facility_id, edit=True)
    form = unit_record_form(FacilityForm, place, current_user)
    del form.unit_id  # a place stays with its field office, as do the visits made to it
    page = again_on("detention/facility_form.html", form=form, facility=place)
    return write(lambda: ops.save_facility(place, place.unit_id, form.content(), current_user), form=form,
                 field=form.name, again=page, done=_("Changes saved."), to=_to_place)
