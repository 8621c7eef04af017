"""The register of places of detention: per country, each with its history of visits and population."""
from __future__ import annotations

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from casework.core.forms import choices
from casework.core.pagination import paginate
from casework.core.permissions import Permission, can_in_unit, visibility_clause, visible_cases
from casework.core.states import State
from casework.detention import operations as ops
from casework.detention.forms import FacilityForm
from casework.detention.models import Facility, VisitRecommendation, Visit
from casework.detention.permissions import can_edit_unit_record, can_view_unit_record, field_offices_where
from casework.detention.queries import facilities_query, facility_visits, latest_visits, population_chart
from casework.detention.release_models import DetentionCase
from casework.detention.views import bp, filter_form
from casework.extensions import db


def load_facility(facility_id: int, edit: bool = False) -> Facility:
    """The place, if the user may see it (404 otherwise) and, for `edit`, change it (403)."""
    facility = db.session.get(Facility, facility_id)
    if facility is None or not can_view_unit_record(current_user, facility):
        abort(404)
    if edit and not can_edit_unit_record(current_user, facility):
        abort(403)
    return facility


@bp.route("/facilities/")
def facilities():
    form, filters = filter_form()
    page = paginate(facilities_query(current_user, filters),
                    sorts={"name": Facility.name, "country": Facility.state_id, "capacity": Facility.capacity},
                    default_sort="name")
    latest, counts = latest_visits(current_user, [f.id for f in page.items])
    return render_template("detention/facilities.html", form=form, filters=filters, page=page, latest=latest,
                           counts=counts, can_add=bool(field_offices_where(current_user, Permission.EDIT)))


def _facility_form(facility: Facility | None) -> FacilityForm:
    form = FacilityForm(obj=facility)
    units = field_offices_where(current_user, Permission.EDIT)
    form.unit_id.choices = choices((u.id, str(u)) for u in units)
    form.state_id.choices = choices([(0, "—")] + [
        (s.id, s.name) for s in db.session.scalars(select(State).order_by(State.name))])
    return form


@bp.route("/facilities/new", methods=["GET", "POST"])
def new_facility():
    form = _facility_form(None)
    if not form.unit_id.choices:
        abort(403)
    if form.validate_on_submit():
        try:
            facility = ops.save_facility(None, form.unit_id.data, form.content(), current_user)
        except ops.Refused as refusal:
            db.session.rollback()
            form.unit_id.errors.append(str(refusal))
        else:
            db.session.commit()
            flash(_("%(name)s added to the register.", name=facility.name), "success")
            return redirect(url_for("detention.facility", facility_id=facility.id), 303)
    return render_template("detention/facility_form.html", form=form, facility=None), 400 if form.errors else 200


@bp.route("/facilities/<int:facility_id>")
def facility(facility_id: int):
    place = load_facility(facility_id)
    visits = facility_visits(current_user, place)
    bars, width = population_chart(visits)
    recommendations = db.session.scalars(
        select(VisitRecommendation).join(Visit, Visit.id == VisitRecommendation.visit_id)
        .where(Visit.facility_id == place.id, visibility_clause(current_user, Visit))
        .order_by(Visit.started_on.desc(), VisitRecommendation.position)).all()
    cases = db.session.scalars(visible_cases(current_user, DetentionCase)
                               .where(DetentionCase.facility_id == place.id).order_by(DetentionCase.id.desc())).all()
    return render_template(
        "detention/facility.html", facility=place, visits=visits, bars=bars, chart_width=width,
        recommendations=recommendations, cases=cases, can_edit=can_edit_unit_record(current_user, place),
        can_record=can_in_unit(current_user, Permission.CREATE, place.unit_id))


@bp.route("/facilities/<int:facility_id>/edit", methods=["GET", "POST"])
def edit_facility(facility_id: int):
    place = load_facility(facility_id, edit=True)
    form = _facility_form(place)
    del form.unit_id  # a place stays with its field office, as do the visits made to it
    if form.validate_on_submit():
        try:
            ops.save_facility(place, place.unit_id, form.content(), current_user)
        except ops.Refused as refusal:
            db.session.rollback()
            form.name.errors.append(str(refusal))
        else:
            db.session.commit()
            flash(_("Changes saved."), "success")
            return redirect(url_for("detention.facility", facility_id=place.id), 303)
    return render_template("detention/facility_form.html", form=form, facility=place), 400 if form.errors else 200
