"""The joint communications report's pages: letters sent in a period, by State, on screen, as CSV and as PDF."""
from __future__ import annotations

from datetime import date

from flask import Response, render_template, request
from flask_login import current_user

from casework.core.permissions import visible_cases
from casework.special_procedures.models import SpCommunication
from casework.special_procedures.report import report_csv, report_pdf, report_rows
from casework.special_procedures.views import bp, pdf_response


def _report_period() -> tuple[str, date, date]:
    today = date.today()
    start = request.args.get("start", type=date.fromisoformat)  # None when missing or not a date
    end = request.args.get("end", type=date.fromisoformat)
    return (request.args.get("session", "").strip()[:60], start or date(today.year, 1, 1),
            end or today)


@bp.route("/report")
def council_report():
    """The joint communications report for a Council session: letters sent in a period, by State."""
    session, start, end = _report_period()
    groups = report_rows(visible_cases(current_user, SpCommunication), start, end)
    return render_template("special_procedures/report.html", groups=groups, session=session, start=start, end=end)


@bp.route("/report.<any(csv, pdf):fmt>")
def council_report_file(fmt: str):
    session, start, end = _report_period()
    groups = report_rows(visible_cases(current_user, SpCommunication), start, end)
    name = f"communications-{start.isoformat()}-{end.isoformat()}"
    if fmt == "csv":
        return Response(report_csv(groups), mimetype="text/csv",
                        headers={"Content-Disposition": f"attachment; filename={name}.csv"})
    return pdf_response(report_pdf(groups, session, start, end), name)
