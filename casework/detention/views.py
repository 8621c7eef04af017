"""Detention work in the browser: the blueprint every sub-package's views hang their routes on, and
the figures page, which counts across them.

A visit's and an individual case's own page is the shared case page, with the panels of
`visits.views` and `cases.views` added to it.
"""
from __future__ import annotations

from flask import Blueprint, render_template
from flask_login import current_user

from casework.detention.cases.models import OUTCOME_LABELS
from casework.detention.figures import charts as charts_of
from casework.detention.figures import figures as figures_of
from casework.detention.filters import filter_form

bp = Blueprint("detention", __name__, url_prefix="/detention")


@bp.route("/figures")
def figures():
    """Per field office, country and year, as the Office reports them; every number links to its list."""
    form, filters = filter_form()
    rows, total = figures_of(current_user, filters)
    return render_template("detention/figures.html", form=form, filters=filters, rows=rows, total=total,
                           outcomes=list(OUTCOME_LABELS.items()), charts=charts_of(rows, filters))
