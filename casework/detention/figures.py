"""Field detention key figures: visits, places visited, releases (women, men, children) and
individual cases by outcome, from the module's own figures (`detention.queries.figures`) for the
period, so they agree with the detention figures page and its lists."""
from __future__ import annotations

from flask import url_for
from flask_babel import gettext as _

from casework.detention.queries import Filters, figures
from casework.detention.release_models import OUTCOME_LABELS, CaseOutcome
from casework.figures.period import Period
from casework.figures.sections import Chart, Figure, Section, Series


def key_figures(user, period: Period) -> Section:
    filters = Filters(start=period.start, end=period.end)
    rows, total = figures(user, filters)
    args = filters.args()
    releases = total.releases
    listed = url_for("detention.figures", **args)
    section_figures = [
        Figure(_("Visits to places of detention"), total.visits, url_for("detention.index", **args)),
        Figure(_("Places of detention visited"), total.facilities, url_for("detention.facilities", **args,
                                                                           visited=1)),
        Figure(_("Persons released upon the Office's action"), releases.total, listed,
               note=_("each person once: aggregate records plus the individual releases they do not cover")),
        Figure(_("Women"), releases.women, listed, level=1),
        Figure(_("Men"), releases.men, listed, level=1),
        Figure(_("Children"), releases.children, listed, level=1),
        *[Figure(_("Individual cases: %(outcome)s", outcome=_(OUTCOME_LABELS[outcome]).lower()),
                 total.outcomes[outcome.value], url_for("detention.cases_list", **args, outcome=outcome.value))
          for outcome in CaseOutcome if total.outcomes.get(outcome.value)],
    ]
    return Section("detention", _("Field detention work"), section_figures, [_releases_by_country(rows, args)])


def _releases_by_country(rows, args: dict) -> Chart:
    """Releases per country, women, men and children stacked."""
    countries: dict[int, list] = {}
    for row in rows:
        line = countries.setdefault(row.state_id, [row.state.name, 0, 0, 0])
        line[1] += row.releases.women
        line[2] += row.releases.men
        line[3] += row.releases.children
    ordered = sorted(((sid, *line) for sid, line in countries.items() if sum(line[1:])), key=lambda r: -sum(r[2:]))
    links = [url_for("detention.figures", **args, country=r[0]) for r in ordered]
    return Chart("releases_by_country", _("Persons released, women, men and children, by country"),
                 [r[1] for r in ordered], [
                     Series(_("Women"), [r[2] for r in ordered], links),
                     Series(_("Men"), [r[3] for r in ordered], links),
                     Series(_("Children"), [r[4] for r in ordered], links),
                 ], x_title=_("Persons released"), y_title=_("Country"), horizontal=True, stacked=True,
                 empty_text=_("No release recorded in the period."))
