"""The annual report draft: a page for the team, the annexes as PDF and as HTML for editing.

Only members of a reprisals unit (and administrators) may open it, and it holds only the cases the
reader may see. Every case written into a draft that is shown or downloaded gets a view or
download event in its own audit trail.
"""
from __future__ import annotations

from flask import Response, abort, render_template, request
from flask_login import current_user

from casework.core import audit, inputs
from casework.core.pdf import render_pdf
from casework.core.units import Unit
from casework.extensions import db
from casework.reprisals.access import team_units, units_to_open_cases
from casework.reprisals.report import Draft, build_draft, current_report_year
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


@bp.route("/report")
def report():
    draft = _draft(request.args.get("year", type=inputs.year), audit.AuditAction.VIEW, "page")
    return render_template("reprisals/report.html", draft=draft)


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
