"""Releases: individual and aggregate, each person counted once. An aggregate record lists the
individual releases it already counts, so that they are not counted again on their own."""
from __future__ import annotations

from flask import render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from casework.cases.access import load_case
from casework.cases.forms import ConfirmForm
from casework.core.forms import choices
from casework.core.pagination import paginate
from casework.core.permissions import Permission
from casework.core.writes import Again, again_on, write
from casework.detention.cases import operations as ops
from casework.detention.cases.forms import AggregateForm, CoverForm
from casework.detention.cases.models import AggregateRelease, DetentionCase
from casework.detention.cases.queries import (
    RELEASE_SORTS, aggregates_query, cases_query, coverable_cases, release_totals,
)
from casework.detention.filters import filter_form
from casework.detention.forms import unit_record_form
from casework.detention.permissions import can_edit_unit_record, field_offices_where, load_unit_record
from casework.detention.views import bp
from casework.extensions import db


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


def _to_record(record: AggregateRelease) -> str:
    return url_for("detention.aggregate", record_id=record.id)


@bp.route("/releases/new", methods=["GET", "POST"])
def new_aggregate():
    form = unit_record_form(AggregateForm, None, current_user)
    page = again_on("detention/aggregate_form.html", form=form, record=None)
    return write(lambda: ops.save_aggregate(None, form.unit_id.data, form.content(), current_user), form=form,
                 field=form.period_end, again=page, done=_("Releases recorded."), to=_to_record)


def _record_page(record: AggregateRelease, confirm_form: ConfirmForm | None = None) -> Again:
    """The record's page: its counts, and the individual releases it already counts."""
    def page(status: int, reason: str | None):
        may_edit = can_edit_unit_record(current_user, record)
        cover_form = CoverForm()
        if may_edit:
            cover_form.case_id.choices = choices(
                (c.id, f"{c.reference} · {c.title} · {c.outcome_on.isoformat() if c.outcome_on else ''}")
                for c in coverable_cases(record, current_user))
        return again_on("detention/aggregate.html", record=record, may_edit=may_edit, cover_form=cover_form,
                        confirm_form=confirm_form or ConfirmForm())(status, reason)

    return page


@bp.route("/releases/<int:record_id>")
def aggregate(record_id: int):
    return _record_page(load_unit_record(AggregateRelease, record_id))(200, None)


@bp.route("/releases/<int:record_id>/edit", methods=["GET", "POST"])
def edit_aggregate(record_id: int):
    record = load_unit_record(AggregateRelease, record_id, edit=True)
    form = unit_record_form(AggregateForm, record, current_user)
    del form.unit_id  # a record stays with the field office that made it
    page = again_on("detention/aggregate_form.html", form=form, record=record)
    return write(lambda: ops.save_aggregate(record, record.unit_id, form.content(), current_user), form=form,
                 field=form.women, again=page, done=_("Changes saved."), to=_to_record)


@bp.route("/releases/<int:record_id>/cases", methods=["POST"])
def cover_case(record_id: int):
    """Mark an individual release as counted in this record, so it is not counted twice."""
    record = load_unit_record(AggregateRelease, record_id, edit=True)
    case = load_case(request.form.get("case_id", type=int) or 0, Permission.EDIT, kind=DetentionCase)
    form = ConfirmForm()
    return write(lambda: ops.cover_case(record, case, current_user), form=form, again=_record_page(record, form),
                 done=_("%(case)s is counted in this record, not on its own.", case=case.reference),
                 to=_to_record(record))


@bp.route("/releases/<int:record_id>/cases/<int:case_id>/remove", methods=["POST"])
def uncover_case(record_id: int, case_id: int):
    record = load_unit_record(AggregateRelease, record_id, edit=True)
    form = ConfirmForm()
    return write(lambda: ops.uncover_case(record, case_id), form=form, again=_record_page(record, form),
                 done=_("The case counts on its own again."), to=_to_record(record))
