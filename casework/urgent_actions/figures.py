"""CED urgent actions' key figures: registered in the period, persons located, and the disappeared
persons of the urgent actions registered by State and outcome. Each counts `urgent_actions_for`,
the list's own query, so a figure's link shows the urgent actions it counts (a parallel
registration counts for both its States, as the list's State filter finds it under either). The
persons located are counted one by one: a request covering two persons both found counts two."""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from flask import url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import and_

from casework.core.persons import CasePerson, PersonRole
from casework.core.tallies import counts_seen_by
from casework.figures.period import Period
from casework.figures.sections import (
    Chart, Figure, Section, Series, by_count_then_name, counts_by, ids_where, month_labels, month_of, monthly,
    starting_from,
)
from casework.urgent_actions.models import Located, Outcome, UrgentAction
from casework.urgent_actions.queries import Statistics, located_ids, urgent_actions_for
from casework.urgent_actions.tallies import LOCATED, PERSONS, REGISTERED

OUTCOMES = {Located.ALIVE_AND_FREE.value: _l("Located alive and free"),
            Located.IN_DETENTION.value: _l("Located in detention"), Located.DECEASED.value: _l("Located deceased"),
            "none": _l("Not located")}
TONES = {Located.ALIVE_AND_FREE.value: "good", Located.IN_DETENTION.value: "held", Located.DECEASED.value: "grave",
         "none": "pending"}
TOP_STATES = 15
# The statistics page's charts: the persons found, each series with the list of its urgent actions.
FOUND = (("located_alive", _l("Located alive"), "good", {"bucket": "located_alive"}),
         ("located_deceased", _l("Located deceased"), "grave", {"bucket": "located_deceased"}))


def _link(period: Period | None, **args) -> str:
    return url_for("urgent_actions.index", **(period.args() if period else {}),
                   **{k: v for k, v in args.items() if v})


@dataclass
class Counts:
    """What the section shows, counted: urgent actions registered per (State, second State, year,
    month); persons located in the period and up to its end, per outcome; and the disappeared
    persons of the urgent actions registered, per (State, second State, outcome or None)."""

    registered: dict[tuple, int]
    located: dict[Located, int]
    located_to_date: int
    persons: dict[tuple, int]


def key_figures(user, period: Period) -> Section:
    counts = _tallied(user, period) if period.in_whole_months else _counted(user, period)
    figures = [
        Figure(_("Urgent actions registered"), sum(counts.registered.values()), _link(period)),
        Figure(_("Persons located"), sum(counts.located.values()), _link(period, dated="located"),
               note=_("located in the period, whenever the urgent action was registered")),
        *[Figure(str(OUTCOMES[kind.value]), counts.located[kind], _link(period, dated="located", located=kind.value),
                 level=1) for kind in Located if counts.located.get(kind)],
        Figure(_("Persons located to date"), counts.located_to_date,
               url_for("urgent_actions.index", to=period.end.isoformat(), dated="located"),
               note=_("since the first urgent action, up to the end of the period")),
    ]
    return Section("urgent_actions", _("CED urgent actions"), figures,
                   [_by_state(counts.persons, period), _per_month(counts.registered, period)])


def _tallied(user, period: Period) -> Counts:
    """The counts kept in step with the urgent actions (`casework.urgent_actions.tallies`): a few
    rows per State and month, however many urgent actions there are."""
    registered: Counter = Counter()
    for key, day, n in counts_seen_by(REGISTERED.name, user, period.start, period.end, by=("key", "day")):
        registered[(*_states(key), day.year, day.month)] += n
    located: Counter = Counter()
    to_date = 0
    for key, day, n in counts_seen_by(LOCATED.name, user, None, period.end, by=("key", "day")):
        to_date += n
        if day >= period.start:
            located[Located(key)] += n
    persons: Counter = Counter()
    for key, n in counts_seen_by(PERSONS.name, user, period.start, period.end, by=("key",)):
        states, outcome = key.rsplit("|", 1)
        persons[(*_states(states), Located(outcome) if outcome else None)] += n
    return Counts(dict(registered), dict(located), to_date, dict(persons))


def _states(key: str) -> tuple[int, int | None]:
    first, second = key.split("|")
    return int(first), int(second) if second else None


def _counted(user, period: Period) -> Counts:
    """The counts taken from the urgent actions themselves, for a period that is not made of whole
    months: each list counted once by the database, per State and month, and its persons per State
    and outcome."""
    in_period = UrgentAction.registered_on.between(period.start, period.end)
    registered_list = starting_from(urgent_actions_for(user, start=period.start, end=period.end),
                                    ids_where(UrgentAction, in_period))
    registered = counts_by(registered_list, UrgentAction.state_id, UrgentAction.second_state_id,
                           *month_of(UrgentAction.registered_on))
    return Counts({(first, second, int(year), int(month)): n for (first, second, year, month), n in registered.items()},
                  _persons_located(user, period),
                  sum(_persons_located(user, period, since_the_start=True).values()),
                  _persons_by_state(registered_list))


def _persons_located(user, period: Period, *, since_the_start: bool = False) -> dict:
    """Persons located in the period (or up to its end), per outcome: one line per person."""
    start = None if since_the_start else period.start
    requests = starting_from(urgent_actions_for(user, start=start, end=period.end, dated="located"),
                             ids_where(UrgentAction, UrgentAction.id.in_(located_ids(start=start, end=period.end))))
    in_span = [Outcome.located_on <= period.end] + ([] if start is None else [Outcome.located_on >= start])
    persons = requests.join(Outcome, and_(Outcome.case_id == UrgentAction.id, *in_span))
    return {outcome: n for (outcome,), n in counts_by(persons, Outcome.outcome).items()}


def _persons_by_state(registered_list) -> dict[tuple, int]:
    """The disappeared persons of the urgent actions registered, per State and outcome (None: not
    located yet)."""
    persons = registered_list.join(CasePerson, and_(CasePerson.case_id == UrgentAction.id,
                                                    CasePerson.role == PersonRole.DISAPPEARED_PERSON)) \
        .outerjoin(Outcome, and_(Outcome.case_id == UrgentAction.id, Outcome.person_id == CasePerson.person_id))
    return counts_by(persons, UrgentAction.state_id, UrgentAction.second_state_id, Outcome.outcome)


def _by_state(persons: dict[tuple, int], period: Period) -> Chart:
    """Persons of the urgent actions registered in the period, per State (either State of a
    parallel registration) and outcome."""
    cells: dict[int, dict[str, int]] = {}
    for (first, second, located), n in persons.items():
        outcome = str(located) if located else "none"
        for state_id in {first, second} - {None}:
            line = cells.setdefault(state_id, {})
            line[outcome] = line.get(outcome, 0) + n
    names = dict(by_count_then_name({s: sum(line.values()) for s, line in cells.items()}, TOP_STATES))
    top = list(names)
    return Chart("urgent_actions_by_state", _("Disappeared persons of the urgent actions registered, by State and "
                                              "outcome"),
                 [names[s] for s in top], [
                     Series(str(label), [cells[s].get(kind, 0) for s in top],
                            [_link(period, state=s, located=kind) for s in top], tone=TONES[kind])
                     for kind, label in OUTCOMES.items()
                 ], x_title=_("Persons"), y_title=_("State"), horizontal=True, stacked=True,
                 empty_text=_("No urgent action registered in the period."))


def _per_month(registered: dict[tuple, int], period: Period) -> Chart:
    months = period.months()
    return Chart("urgent_actions_per_month", _("Urgent actions registered per month"), month_labels(period), [
        Series(_("Registered"), monthly(registered, period),
               [_link(m) for m in months]),
    ], x_title=_("Month"), y_title=_("Urgent actions"))


def statistics_charts(stats: Statistics) -> tuple[Chart, Chart]:
    """The statistics page's tables drawn: per year of registration, and per State (the
    `TOP_STATES` with the most), the persons located alive or deceased."""
    years = stats.years
    states = stats.states[:TOP_STATES]
    per_year = Chart("statistics_per_year", _("Persons located, by year of registration of their urgent action"),
                     [str(y["year"]) for y in years],
                     [Series(str(label), [y[key] for y in years],
                             [_link(None, year=y["year"], **args) for y in years], tone=tone)
                      for key, label, tone, args in FOUND],
                     x_title=_("Year"), stacked=True, empty_text=_("No urgent action registered."))
    per_state = Chart("statistics_per_state", _("Persons located, by State"),
                      [s["state"] for s in states],
                      [Series(str(label), [s[key] for s in states],
                              [_link(None, state=s["state_id"], **args) for s in states], tone=tone)
                       for key, label, tone, args in FOUND],
                      y_title=_("State"), horizontal=True, stacked=True, empty_text=_("No urgent action registered."))
    return per_year, per_state
