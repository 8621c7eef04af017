"""The figures of detention work per field office, country and year (the figures page), and the
module's key figures for a period, drawn from the same counts so that they agree with the page
and its lists: visits, places visited, releases (women, men, children) and individual cases by
outcome. Only what the reader may see is counted.
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace

from flask import url_for
from flask_babel import gettext as _
from sqlalchemy import case, distinct, exists, extract, func, select

from casework.core.permissions import open_unit_ids, visibility_clause
from casework.core.states import State, collation_key, page_language
from casework.core.tallies import counts_seen_by
from casework.core.units import Unit
from casework.detention.cases.models import (
    OUTCOME_LABELS, AggregateRelease, CaseOutcome, DetentionCase, ReleaseCategory,
)
from casework.detention.cases.queries import ReleaseTotals, aggregate_sums, individual_release_counts
from casework.detention.filters import Filters, in_year, narrow
from casework.detention.places.models import Facility
from casework.detention.tallies import OUTCOME, PLACE, RELEASE, VISIT, WORK
from casework.detention.visits.models import Visit, VisitStatus
from casework.detention.visits.queries import visits_dated
from casework.extensions import db
from casework.figures.period import Period, between
from casework.figures.sections import Chart, Figure, Section, Series


@dataclass
class FigureRow:
    """One line of the figures: a field office, a country, a year."""

    unit_id: int
    state_id: int
    year: int
    unit: Unit | None = None
    state: State | None = None
    visits: int = 0
    final_visits: int = 0
    facilities: int = 0
    releases: ReleaseTotals = field(default_factory=ReleaseTotals)
    outcomes: dict[str, int] = field(default_factory=dict)

    @property
    def filters(self) -> Filters:
        return Filters(unit_id=self.unit_id, state_id=self.state_id, year=self.year)


def figures(user, f: Filters) -> tuple[list[FigureRow], FigureRow]:
    """Visits, places visited, releases (women, men, children) and individual cases by outcome,
    per field office, country and year; and the totals over them."""
    rows: dict[tuple[int, int, int], FigureRow] = {}

    def row(unit_id, state_id, year) -> FigureRow:
        key = (unit_id, state_id, int(year))
        if key not in rows:
            rows[key] = FigureRow(*key)
        return rows[key]

    visit_year = extract("year", Visit.started_on)
    visit_stmt = visits_dated(narrow(
        select(Visit.unit_id, Facility.state_id, visit_year, func.count(Visit.id),
               func.sum(case((Visit.status == VisitStatus.FINAL.value, 1), else_=0)),
               func.count(distinct(Visit.facility_id)))
        .select_from(Visit).join(Facility, Facility.id == Visit.facility_id).where(visibility_clause(user, Visit))
        .group_by(Visit.unit_id, Facility.state_id, visit_year),
        f, Visit.unit_id, Facility.state_id, Visit.started_on), f)
    for unit_id, state_id, year, count, final, places in db.session.execute(visit_stmt):
        line = row(unit_id, state_id, year)
        line.visits, line.final_visits, line.facilities = count, final or 0, places

    release_stmt = individual_release_counts(
        user, f, by=(DetentionCase.unit_id, Facility.state_id, extract("year", DetentionCase.outcome_on)))
    for unit_id, state_id, year, category, count in db.session.execute(release_stmt):
        row(unit_id, state_id, year).releases.count_individual(ReleaseCategory(category), count)

    aggregate_year = extract("year", AggregateRelease.period_end)
    for unit_id, state_id, year, women, men, children in db.session.execute(aggregate_sums(
            user, f, by=(AggregateRelease.unit_id, AggregateRelease.state_id, aggregate_year))):
        row(unit_id, state_id, year).releases.count_aggregate(women, men, children)

    outcome_year = extract("year", DetentionCase.outcome_on)
    outcome_stmt = narrow(
        select(DetentionCase.unit_id, Facility.state_id, outcome_year, DetentionCase.outcome,
               func.count(DetentionCase.id))
        .select_from(DetentionCase).join(Facility, Facility.id == DetentionCase.facility_id)
        .where(visibility_clause(user, DetentionCase), DetentionCase.outcome.is_not(None))
        .group_by(DetentionCase.unit_id, Facility.state_id, outcome_year, DetentionCase.outcome),
        f, DetentionCase.unit_id, Facility.state_id, DetentionCase.outcome_on)
    for unit_id, state_id, year, outcome, count in db.session.execute(outcome_stmt):
        row(unit_id, state_id, year).outcomes[CaseOutcome(outcome).value] = count

    _name(rows.values())
    language = page_language()
    ordered = sorted(rows.values(), key=lambda r: (-r.year, r.unit.code, collation_key(r.state.shown_name, language)))
    return ordered, _totals(user, f, ordered)


def _name(rows) -> None:
    rows = list(rows)
    units = {u.id: u for u in db.session.scalars(select(Unit).where(Unit.id.in_({r.unit_id for r in rows})))}
    states = {s.id: s for s in db.session.scalars(select(State).where(State.id.in_({r.state_id for r in rows})))}
    for r in rows:
        r.unit, r.state = units[r.unit_id], states[r.state_id]


def _totals(user, f: Filters, rows: list[FigureRow]) -> FigureRow:
    """Sums of the lines; places visited counted once each, even when visited in several years."""
    total = FigureRow(0, 0, 0)
    for r in rows:
        total.visits += r.visits
        total.final_visits += r.final_visits
        total.releases.include(r.releases)
        for outcome, count in r.outcomes.items():
            total.outcomes[outcome] = total.outcomes.get(outcome, 0) + count
    # Asked place by place ("was it visited?") among the places of the field offices whose visits
    # the lines count (a visit is always of its place's office): each answer stops at the first
    # visit found on the (place, date) index, several times faster than counting distinct places
    # over every visit.
    offices = {r.unit_id for r in rows if r.visits}
    visited = visits_dated(select(Visit.id).where(Visit.facility_id == Facility.id, visibility_clause(user, Visit),
                                                  *between(Visit.started_on, f.start, f.end)), f)
    if f.year:
        visited = visited.where(in_year(Visit.started_on, f.year))
    places = select(func.count(Facility.id)).where(Facility.unit_id.in_(offices), exists(visited))
    total.facilities = db.session.scalar(narrow(places, f, Facility.unit_id, Facility.state_id, None)) or 0
    return total


# ---- The key figures of a period ----------------------------------------------------------------

def key_figures(user, period: Period) -> Section:
    filters = Filters(start=period.start, end=period.end)
    by_country, total = _tallied(user, period) if period.in_whole_months else _counted(user, filters)
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
        *[Figure(_("Individual cases: %(outcome)s", outcome=OUTCOME_LABELS[outcome].lower()),
                 total.outcomes[outcome.value], url_for("detention.cases_list", **args, outcome=outcome.value))
          for outcome in CaseOutcome if total.outcomes.get(outcome.value)],
    ]
    return Section("detention", _("Field detention work"), section_figures,
                   [_releases_by_country(by_country, args, "detention.figures")])


def _counted(user, filters: Filters) -> tuple[list[FigureRow], FigureRow]:
    """The figures page's lines, one per country, and their totals: counted from the visits and cases
    for a period that is not made of whole months."""
    rows, total = figures(user, filters)
    by_country: dict[int, FigureRow] = {}
    for row in rows:
        line = by_country.setdefault(row.state_id, FigureRow(0, row.state_id, 0, state=row.state))
        line.releases.include(row.releases)
    return [line for line in by_country.values() if line.releases.total], total


def _tallied(user, period: Period) -> tuple[list[FigureRow], FigureRow]:
    """The same, from the counts kept in step with the visits and cases (`casework.detention.tallies`)
    and the aggregate records (a few per office and year, read as they are)."""
    total, places, by_country = FigureRow(0, 0, 0), set(), {}
    seen_openly = open_unit_ids(user)

    def country(state_id: int) -> FigureRow:
        return by_country.setdefault(state_id, FigureRow(0, state_id, 0))

    for key, n in counts_seen_by(WORK.name, user, period.start, period.end, by=("key",)):
        if key == VISIT:
            total.visits += n
        elif key.startswith(PLACE):
            places.add(key)
        elif key.startswith(OUTCOME):
            outcome = key.removeprefix(OUTCOME)
            total.outcomes[outcome] = total.outcomes.get(outcome, 0) + n
        elif key.startswith(RELEASE):
            category, state_id, covering = key.removeprefix(RELEASE).split("|")
            if not covering or (seen_openly is not None and int(covering) not in seen_openly):
                country(int(state_id)).releases.count_individual(ReleaseCategory(category), n)
    for state_id, women, men, children in db.session.execute(aggregate_sums(
            user, Filters(start=period.start, end=period.end), by=(AggregateRelease.state_id,))):
        country(state_id).releases.count_aggregate(women, men, children)
    total.facilities = len(places)
    states = {s.id: s for s in db.session.scalars(select(State).where(State.id.in_(list(by_country))))}
    for line in by_country.values():
        line.state = states[line.state_id]
        total.releases.include(line.releases)
    return [line for line in by_country.values() if line.releases.total], total


def _releases_by_country(rows, args: dict, endpoint: str) -> Chart:
    """Releases per country, women, men and children stacked; each country's bar opens `endpoint`."""
    countries: dict[int, list] = {}
    for row in rows:
        line = countries.setdefault(row.state_id, [row.state.shown_name, 0, 0, 0])
        line[1] += row.releases.women
        line[2] += row.releases.men
        line[3] += row.releases.children
    language = page_language()
    ordered = sorted(((sid, *line) for sid, line in countries.items() if sum(line[1:])),
                     key=lambda r: (-sum(r[2:]), collation_key(r[1], language)))
    links = [url_for(endpoint, **{**args, "country": r[0]}) for r in ordered]
    return Chart("releases_by_country", _("Persons released, women, men and children, by country"),
                 [r[1] for r in ordered], [
                     Series(_("Women"), [r[2] for r in ordered], links, tone="series-1"),
                     Series(_("Men"), [r[3] for r in ordered], links, tone="series-6"),
                     Series(_("Children"), [r[4] for r in ordered], links, tone="series-2"),
                 ], x_title=_("Persons released"), y_title=_("Country"), horizontal=True, stacked=True,
                 empty_text=_("No release recorded in the period."))


# ---- The figures page's charts ------------------------------------------------------------------

# A release is the outcome the Office works for (green); the others are neither good nor bad news.
OUTCOME_TONES = {CaseOutcome.RELEASED: "good", CaseOutcome.ALTERNATIVE_TO_DETENTION: "accent",
                 CaseOutcome.CHARGES_DROPPED: "series-3", CaseOutcome.EXPEDITED: "series-2",
                 CaseOutcome.MEDICAL_CARE: "series-6", CaseOutcome.TRANSFERRED: "pending"}


def charts(rows: list[FigureRow], f: Filters) -> tuple[Chart, Chart]:
    """The figures page's lines added up per country: individual cases by outcome, each segment
    linked to the list of exactly those cases; and persons released, linked to the releases."""
    countries: dict[int, tuple[str, dict[str, int]]] = {}
    for row in rows:
        outcomes = countries.setdefault(row.state_id, (row.state.name, {}))[1]
        for outcome, n in row.outcomes.items():
            outcomes[outcome] = outcomes.get(outcome, 0) + n
    ordered = sorted((sid for sid in countries if countries[sid][1]), key=lambda s: -sum(countries[s][1].values()))
    by_outcome = Chart("outcomes_by_country", _("Individual cases by outcome, by country"),
                       [countries[s][0] for s in ordered], [
                           Series(str(label), [countries[s][1].get(outcome.value, 0) for s in ordered],
                                  [url_for("detention.cases_list", **replace(f, state_id=s, outcome=outcome.value).args())
                                   for s in ordered], tone=OUTCOME_TONES[outcome])
                           for outcome, label in OUTCOME_LABELS.items()
                       ], y_title=_("Country"), horizontal=True, stacked=True,
                       empty_text=_("No individual case with an outcome for these filters."))
    return by_outcome, _releases_by_country(rows, f.args(), "detention.releases_list")
