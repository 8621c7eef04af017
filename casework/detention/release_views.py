"""Releases (individual and aggregate, each person counted once) and the figures."""
from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from casework.cases.forms import ConfirmForm
from casework.core.forms import choices
from casework.core.pagination import paginate
from casework.core.permissions import Permission
from casework.core.states import State
from casework.core.writes import Refused
from casework.detention import release_operations as releases
from casework.detention.case_views import load_detention_case
from casework.detention.forms import AggregateForm, CoverForm
from casework.detention.permissions import can_edit_unit_record, can_view_unit_record, field_offices_where
from casework.detention.queries import (
    RELEASE_SORTS, aggregates_query, cases_query, figures as figures_of, release_totals,
)
from casework.detention.release_models import AggregateRelease
from casework.detention.views import bp, filter_form
from casework.extensions import db


def load_aggregate(record_id: int, edit: bool = False) -> AggregateRelease:
    record = db.session.get(AggregateRelease, record_id)
    if record is None or not can_view_unit_record(current_user, record):
        abort(404)
    if edit and not can_edit_unit_record(current_user, record):
        abort(403)
    return record


@bp.route("/releases/")
def releases_list():
    """Both kinds of release for the filters, and their totals with no person counted twice."""
    form, filters = filter_form()
    filters.releases_only = True
    individual = paginate(cases_query(current_user, filters), sorts=RELEASE_SORTS, default_sort="date",
                          default_direction="desc")
    aggregates = db.session.scalars(aggregates_query(current_user, filters)
                                    .order_by(AggregateRelease.period_end.desc()).limit(200)).all()
    return render_template("detention/releases.html", form=form, filters=filters, individual=individual,
                           aggregates=aggregates, totals=release_totals(current_user, filters),
                           can_record=bool(field_offices_where(current_user, Permission.EDIT)))


def _aggregate_form(record: AggregateRelease | None) -> AggregateForm:
    form = AggregateForm(obj=record)
    form.unit_id.choices = choices((u.id, str(u)) for u in field_offices_where(current_user, Permission.EDIT))
    form.state_id.choices = choices([(0, "—")] + [
        (s.id, s.name) for s in db.session.scalars(select(State).order_by(State.name))])
    return form


@bp.route("/releases/new", methods=["GET", "POST"])
def new_aggregate():
    form = _aggregate_form(None)
    if not form.unit_id.choices:
        abort(403)
    if form.validate_on_submit():
        try:
            record = releases.save_aggregate(None, form.unit_id.data, form.content(), current_user)
        except Refused as refusal:
            db.session.rollback()
            form.period_end.errors.append(str(refusal))
        else:
            db.session.commit()
            flash(_("Releases recorded."), "success")
            return redirect(url_for("detention.aggregate", record_id=record.id), 303)
    return render_template("detention/aggregate_form.html", form=form, record=None), 400 if form.errors else 200


@bp.route("/releases/<int:record_id>")
def aggregate(record_id: int):
    record = load_aggregate(record_id)
    may_edit = can_edit_unit_record(current_user, record)
    cover_form = CoverForm()
    if may_edit:
        cover_form.case_id.choices = choices(
            (c.id, f"{c.reference} · {c.title} · {c.outcome_on.isoformat() if c.outcome_on else ''}")
            for c in releases.coverable_cases(record, current_user))
    return render_template("detention/aggregate.html", record=record, may_edit=may_edit, cover_form=cover_form,
                           confirm_form=ConfirmForm())


@bp.route("/releases/<int:record_id>/edit", methods=["GET", "POST"])
def edit_aggregate(record_id: int):
    record = load_aggregate(record_id, edit=True)
    form = _aggregate_form(record)
    del form.unit_id  # a record stays with the field office that made it
    if form.validate_on_submit():
        try:
            releases.save_aggregate(record, record.unit_id, form.content(), current_user)
        except Refused as refusal:
            db.session.rollback()
            form.women.errors.append(str(refusal))
        else:
            db.session.commit()
            flash(_("Changes saved."), "success")
            return redirect(url_for("detention.aggregate", record_id=record.id), 303)
    return render_template("detention/aggregate_form.html", form=form, record=record), 400 if form.errors else 200


@bp.route("/releases/<int:record_id>/cases", methods=["POST"])
def cover_case(record_id: int):
    """Mark an individual release as counted in this record, so it is not counted twice."""
    record = load_aggregate(record_id, edit=True)
    case = load_detention_case(request.form.get("case_id", type=int) or 0, Permission.EDIT)
    if ConfirmForm().validate_on_submit():
        try:
            releases.cover_case(record, case, current_user)
        except Refused as refusal:
            db.session.rollback()
            flash(str(refusal), "warning")
        else:
            db.session.commit()
            flash(_("%(case)s is counted in this record, not on its own.", case=case.reference), "success")
    return redirect(url_for("detention.aggregate", record_id=record.id), 303)


@bp.route("/releases/<int:record_id>/cases/<int:case_id>/remove", methods=["POST"])
def uncover_case(record_id: int, case_id: int):
    record = load_aggregate(record_id, edit=True)
    if ConfirmForm().validate_on_submit():
        releases.uncover_case(record, case_id)
        db.session.commit()
        flash(_("The case counts on its own again."), "success")
    return redirect(url_for("detention.aggregate", record_id=record.id), 303)


@bp.route("/figures")
def figures():
    """Per field office, country and year, as the Office reports them; every number links to its list."""
    form, filters = filter_form()
    rows, total = figures_of(current_user, filters)
    return render_template("detention/figures.html", form=form, filters=filters, rows=rows, total=total)
