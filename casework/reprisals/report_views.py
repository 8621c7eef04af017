"""The annual report draft: a page for the team, the annexes as PDF and as HTML for editing.

Only members of a reprisals unit (and administrators) may open it, and it holds only the cases the
reader may see. Every case written into a draft that is shown or downloaded gets a view or
download event in its own audit trail.
"""
from __future__ import annotations

from datetime import date

from flask import Response, abort, render_template, request, url_for
from flask_babel import format_date, gettext as _
from flask_login import current_user

from casework.core import audit, inputs
from casework.core.forms import choices
from casework.core.permissions import supervises_unit
from casework.core.pdf import render_pdf
from casework.core.units import Unit
from casework.core.writes import again_on, write
from casework.extensions import db
from casework.reprisals import operations as ops
from casework.reprisals.access import team_units, units_to_open_cases
from casework.reprisals.forms import ReportingPeriodForm
from casework.reprisals.report import Draft, build_draft, current_report_year, period_end
from casework.reprisals.report import reporting_period as reporting_period_of
from casework.reprisals.views import bp


def _team_unit() -> Unit:
    units = team_units(current_user) or (units_to_open_cases(current_user) if current_user.is_admin else [])
    if not units:
        abort(403)
    return units[0]


def _draft(year: int | None, action: audit.AuditAction, what: str) -> Draft:
    unit = _team_unit()
    draft = build_draft(current_user, unit, year or current_report_year(unit))
    for section in (s for sections in draft.annexes.values() for s in sections):
        for entry in section.entries:
            audit.record(action, obj=entry.case, detail={"report": draft.period.year, "as": what})
    db.session.commit()
    return draft


def _may_set_period(unit: Unit) -> bool:
    return current_user.is_admin or supervises_unit(current_user, unit.id)


@bp.route("/report/period", methods=["GET", "POST"])
def reporting_period():
    """The team's supervisor sets the day the reporting period ends each year."""
    unit = _team_unit()
    if not _may_set_period(unit):
        abort(403)
    month, day = period_end(unit)
    form = ReportingPeriodForm(data=None if request.method == "POST" else {"month": month, "day": day})
    form.month.choices = choices((n, format_date(date(2001, n, 1), "MMMM")) for n in range(1, 13))
    year = current_report_year(unit)
    again = again_on("reprisals/period.html", form=form, unit=unit, period=reporting_period_of(unit, year))
    return write(lambda: ops.set_reporting_period_end(unit, form.month.data, form.day.data, current_user), form=form,
                 field=form.day, again=again, done=_("Reporting period saved."), to=url_for("reprisals.report"))


@bp.route("/report")
def report():
    draft = _draft(request.args.get("year", type=inputs.year), audit.AuditAction.VIEW, "page")
    return render_template("reprisals/report.html", draft=draft, may_set_period=_may_set_period(_team_unit()))


@bp.route("/report/<int:year>.html")
def report_html(year: int):
    draft = _draft(year, audit.AuditAction.DOWNLOAD, "html")
    html = render_template("reprisals/report_document.html", draft=draft)
    return Response(html, mimetype="text/html", headers={
        "Content-Disposition": f"attachment; filename=reprisals-report-{year}.html"})


@bp.route("/report/<int:year>.pdf")
def report_pdf(year: int):
    draft = _draft(year, audit.AuditAction.DOWNLOAD, "pdf")
    pdf = render_pdf(render_template("reprisals/report_document.html", draft=draft))
    return Response(pdf, mimetype="application/pdf", headers={
        "Content-Disposition": f"attachment; filename=reprisals-report-{year}.pdf"})
