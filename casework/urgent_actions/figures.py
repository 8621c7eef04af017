"""CED urgent actions' key figures: registered in the period, persons located, and urgent actions
by State and outcome. Each counts `urgent_actions_for`, the list's own query, so a figure and its
link show the same urgent actions (a parallel registration counts for both its States, as the
list's State filter finds it under either)."""
from __future__ import annotations

from flask import url_for
from flask_babel import gettext as _
from sqlalchemy import String, func, select, union_all

from casework.core.states import State
from casework.extensions import db
from casework.figures.period import Period
from casework.figures.sections import (
    Chart, Figure, Section, Series, count, month_labels, per_month, starting_from,
)
from casework.urgent_actions.models import Located, UrgentAction
from casework.urgent_actions.queries import urgent_actions_for

OUTCOMES = {Located.ALIVE_AND_FREE.value: "Located alive and free", Located.IN_DETENTION.value: "Located in detention",
            Located.DECEASED.value: "Located deceased", "none": "Not located"}
TOP_STATES = 15


def _link(period: Period | None, **args) -> str:
    return url_for("urgent_actions.index", **(period.args() if period else {}),
                   **{k: v for k, v in args.items() if v})


def key_figures(user, period: Period) -> Section:
    registered = starting_from(urgent_actions_for(user, start=period.start, end=period.end),
                               select(UrgentAction.id).where(UrgentAction.registered_on.between(period.start,
                                                                                                period.end)))
    located = starting_from(urgent_actions_for(user, start=period.start, end=period.end, dated="located"),
                            select(UrgentAction.id).where(UrgentAction.located_on.between(period.start, period.end)))
    by_outcome = dict(db.session.execute(located.with_only_columns(UrgentAction.located, func.count())
                                         .group_by(UrgentAction.located)).all())
    to_date = urgent_actions_for(user, end=period.end, dated="located")
    per_month_chart = _per_month(registered, period)
    figures = [
        # The months cover the period exactly: their sum is the count, without counting again.
        Figure(_("Urgent actions registered"), int(sum(per_month_chart.series[0].values)), _link(period)),
        Figure(_("Persons located"), sum(by_outcome.values()), _link(period, dated="located"),
               note=_("located in the period, whenever the urgent action was registered")),
        *[Figure(_(OUTCOMES[kind.value]), by_outcome[kind], _link(period, dated="located", located=kind.value),
                 level=1) for kind in Located if by_outcome.get(kind)],
        Figure(_("Persons located to date"), count(to_date),
               url_for("urgent_actions.index", to=period.end.isoformat(), dated="located"),
               note=_("since the first urgent action, up to the end of the period")),
    ]
    return Section("urgent_actions", _("CED urgent actions"), figures,
                   [_by_state(registered, period), per_month_chart])


def _by_state(registered, period: Period) -> Chart:
    """Registered in the period, per State (either State of a parallel registration) and outcome."""
    outcome = func.coalesce(UrgentAction.located, "none", type_=String)
    first = registered.with_only_columns(UrgentAction.state_id.label("state_id"), outcome.label("outcome"))
    second = registered.with_only_columns(UrgentAction.second_state_id.label("state_id"), outcome.label("outcome")) \
        .where(UrgentAction.second_state_id.is_not(None), UrgentAction.second_state_id != UrgentAction.state_id)
    both = union_all(first, second).subquery()
    rows = db.session.execute(
        db.select(both.c.state_id, both.c.outcome, func.count()).group_by(both.c.state_id, both.c.outcome)).all()
    cells: dict[int, dict[str, int]] = {}
    for state_id, kind, n in rows:
        cells.setdefault(state_id, {})[kind] = n
    top = sorted(cells, key=lambda s: -sum(cells[s].values()))[:TOP_STATES]
    names = dict(db.session.execute(db.select(State.id, State.name).where(State.id.in_(top))).all())
    return Chart("urgent_actions_by_state", _("Urgent actions registered, by State and outcome"),
                 [names[s] for s in top], [
                     Series(_(label), [cells[s].get(kind, 0) for s in top],
                            [_link(period, state=s, located=kind) for s in top])
                     for kind, label in OUTCOMES.items()
                 ], x_title=_("Urgent actions"), y_title=_("State"), horizontal=True, stacked=True,
                 empty_text=_("No urgent action registered in the period."))


def _per_month(registered, period: Period) -> Chart:
    months = period.months()
    return Chart("urgent_actions_per_month", _("Urgent actions registered per month"), month_labels(period), [
        Series(_("Registered"), per_month(registered, UrgentAction.registered_on, period),
               [_link(m) for m in months]),
    ], x_title=_("Month"), y_title=_("Urgent actions"))
