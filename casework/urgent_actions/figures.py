"""CED urgent actions' key figures: registered in the period, persons located, and urgent actions
by State and outcome. Each counts `urgent_actions_for`, the list's own query, so a figure and its
link show the same urgent actions (a parallel registration counts for both its States, as the
list's State filter finds it under either)."""
from __future__ import annotations

from flask import url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from casework.core.states import State
from casework.extensions import db
from casework.figures.period import Period
from casework.figures.sections import (
    Chart, Figure, Section, Series, count, counts_by, ids_where, month_labels, month_of, monthly, starting_from,
)
from casework.urgent_actions.models import Located, UrgentAction
from casework.urgent_actions.queries import Statistics, urgent_actions_for

OUTCOMES = {Located.ALIVE_AND_FREE.value: "Located alive and free", Located.IN_DETENTION.value: "Located in detention",
            Located.DECEASED.value: "Located deceased", "none": "Not located"}
TONES = {Located.ALIVE_AND_FREE.value: "good", Located.IN_DETENTION.value: "held", Located.DECEASED.value: "grave",
         "none": "pending"}
TOP_STATES = 15
# The statistics page's charts: what became of the persons, each with the list that finds them.
FOUND = (("located_alive", _l("Located alive"), "good", {"bucket": "located_alive"}),
         ("located_deceased", _l("Located deceased"), "grave", {"bucket": "located_deceased"}),
         ("not_located", _l("Not located"), "pending", {"bucket": "registered", "located": "none"}))


def _link(period: Period | None, **args) -> str:
    return url_for("urgent_actions.index", **(period.args() if period else {}),
                   **{k: v for k, v in args.items() if v})


def key_figures(user, period: Period) -> Section:
    in_period, located_in_period = (column.between(period.start, period.end)
                                    for column in (UrgentAction.registered_on, UrgentAction.located_on))
    # Each list counted once by the database, per State, outcome and month: the figures and charts
    # below add up those lines.
    registered = counts_by(starting_from(urgent_actions_for(user, start=period.start, end=period.end),
                                         ids_where(UrgentAction, in_period)),
                           UrgentAction.state_id, UrgentAction.second_state_id, UrgentAction.located,
                           *month_of(UrgentAction.registered_on))
    located = counts_by(starting_from(urgent_actions_for(user, start=period.start, end=period.end, dated="located"),
                                      ids_where(UrgentAction, located_in_period)), UrgentAction.located)
    by_outcome = {outcome: n for (outcome,), n in located.items()}
    to_date = starting_from(urgent_actions_for(user, end=period.end, dated="located"),
                            ids_where(UrgentAction, UrgentAction.located_on <= period.end))
    figures = [
        Figure(_("Urgent actions registered"), sum(registered.values()), _link(period)),
        Figure(_("Persons located"), sum(located.values()), _link(period, dated="located"),
               note=_("located in the period, whenever the urgent action was registered")),
        *[Figure(_(OUTCOMES[kind.value]), by_outcome[kind], _link(period, dated="located", located=kind.value),
                 level=1) for kind in Located if by_outcome.get(kind)],
        Figure(_("Persons located to date"), count(to_date),
               url_for("urgent_actions.index", to=period.end.isoformat(), dated="located"),
               note=_("since the first urgent action, up to the end of the period")),
    ]
    return Section("urgent_actions", _("CED urgent actions"), figures,
                   [_by_state(registered, period), _per_month(registered, period)])


def _by_state(registered: dict[tuple, int], period: Period) -> Chart:
    """Registered in the period, per State (either State of a parallel registration) and outcome."""
    cells: dict[int, dict[str, int]] = {}
    for (first, second, located, _year, _month), n in registered.items():
        outcome = str(located) if located else "none"
        for state_id in {first, second} - {None}:
            line = cells.setdefault(state_id, {})
            line[outcome] = line.get(outcome, 0) + n
    top = sorted(cells, key=lambda s: -sum(cells[s].values()))[:TOP_STATES]
    names = dict(db.session.execute(db.select(State.id, State.name).where(State.id.in_(top))).all())
    return Chart("urgent_actions_by_state", _("Urgent actions registered, by State and outcome"),
                 [names[s] for s in top], [
                     Series(_(label), [cells[s].get(kind, 0) for s in top],
                            [_link(period, state=s, located=kind) for s in top], tone=TONES[kind])
                     for kind, label in OUTCOMES.items()
                 ], x_title=_("Urgent actions"), y_title=_("State"), horizontal=True, stacked=True,
                 empty_text=_("No urgent action registered in the period."))


def _per_month(registered: dict[tuple, int], period: Period) -> Chart:
    months = period.months()
    return Chart("urgent_actions_per_month", _("Urgent actions registered per month"), month_labels(period), [
        Series(_("Registered"), monthly(registered, period),
               [_link(m) for m in months]),
    ], x_title=_("Month"), y_title=_("Urgent actions"))


def statistics_charts(stats: Statistics) -> tuple[Chart, Chart]:
    """The statistics page's tables drawn: per year of registration, and per State (the
    `TOP_STATES` with the most), what became of the persons sought."""
    years = stats.years
    states = stats.states[:TOP_STATES]
    per_year = Chart("statistics_per_year", _("Urgent actions registered per year, by what became of the person"),
                     [str(y["year"]) for y in years],
                     [Series(str(label), [_found(y, key) for y in years],
                             [_link(None, year=y["year"], **args) for y in years], tone=tone)
                      for key, label, tone, args in FOUND],
                     x_title=_("Year"), stacked=True, empty_text=_("No urgent action registered."))
    per_state = Chart("statistics_per_state", _("Urgent actions registered per State, by what became of the person"),
                      [s["state"] for s in states],
                      [Series(str(label), [_found(s, key) for s in states],
                              [_link(None, state=s["state_id"], **args) for s in states], tone=tone)
                       for key, label, tone, args in FOUND],
                      y_title=_("State"), horizontal=True, stacked=True, empty_text=_("No urgent action registered."))
    return per_year, per_state


def _found(counts: dict, key: str) -> int:
    if key == "not_located":
        return counts["registered"] - counts["located_alive"] - counts["located_deceased"]
    return counts[key]
