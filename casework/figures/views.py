"""The key figures page and its PDF: every module's section for the period, as the reader may see it."""
from __future__ import annotations

from datetime import date

from flask import Blueprint, Response, render_template, request
from flask_login import current_user

from casework import domain_modules
from casework.core.pdf import render_pdf
from casework.figures.charts import data_uri
from casework.figures.period import FIRST_YEAR, Period, PeriodError, parse_period
from casework.figures.sections import Section

bp = Blueprint("figures", __name__, url_prefix="/figures")


def key_figures(user, period: Period) -> list[Section]:
    """Each module's section, in the modules' order; a module that shows the reader nothing is left out."""
    found = (module.figures(user, period) for module in domain_modules() if module.figures is not None)
    return [section for section in found if section is not None]


def _page(template: str):
    """The period from the query string and the sections; or the form again with what went wrong (400)."""
    today = date.today()
    years = list(range(today.year, today.year - 15, -1))
    try:
        period = parse_period(request.args, today)
    except PeriodError as error:
        return None, render_template("figures/index.html", error=str(error), period=None, sections=[],
                                     images={}, years=years, args=request.args, first_year=FIRST_YEAR,
                                     printing=False), 400
    sections = key_figures(current_user, period)
    # The page draws its charts in itself (`Chart.svg`); the PDF, which WeasyPrint makes, as images.
    printing = template == "figures/print.html"
    images = {chart.key: data_uri(chart) for section in sections for chart in section.charts
              if printing and not chart.is_empty}
    return period, render_template(template, period=period, sections=sections, images=images, years=years,
                                   args=request.args, error=None, first_year=FIRST_YEAR, today=today,
                                   printing=printing), 200


@bp.route("/")
def index():
    period, html, status = _page("figures/index.html")
    return html, status


@bp.route("/key-figures.pdf")
def pdf():
    """The same figures and charts, printed (a few hundred milliseconds: rendered in the request)."""
    period, html, status = _page("figures/print.html")
    if period is None:
        return html, status
    name = f"key-figures-{period.start.isoformat()}-{period.end.isoformat()}"
    return Response(render_pdf(html, stylesheets=("css/figures_print.css",)), mimetype="application/pdf",
                    headers={"Content-Disposition": f'inline; filename="{name}.pdf"'})
