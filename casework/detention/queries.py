"""Lists and figures of detention work, so that views stay thin.

Every query starts from the access policy: visits and individual cases from `visible_cases`
(a field office sees its own), places of detention and aggregate records from `unit_clause`.
Figures are therefore what the reader may see, and each number links to the list it counts.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import Select, and_, case, distinct, exists, extract, func, or_, select
from sqlalchemy.orm import selectinload

from casework.core.permissions import Permission, unit_clause, visibility_clause, visible_cases
from casework.core.states import State
from casework.core.units import Unit
from casework.detention.models import Facility, Visit, VisitStatus
from casework.detention.permissions import field_offices_where, visible_aggregates, visible_facilities
from casework.detention.release_models import (
    AggregateRelease, CaseOutcome, CoveredRelease, DetentionCase, RELEASE_OUTCOMES, ReleaseCategory,
)
from casework.extensions import db
from casework.figures.period import between, list_period
from casework.figures.sections import ids_where, starting_from


@dataclass
class Filters:
    """What a list or the figures are narrowed to; None means any."""

    unit_id: int | None = None
    state_id: int | None = None
    year: int | None = None
    facility_id: int | None = None
    status: str | None = None
    outcome: str | None = None
    issue: str | None = None
    facility_type: str | None = None
    q: str | None = None
    visited: bool = False  # places: only those visited (in the year, if one is given)
    releases_only: bool = False
    start: date | None = None  # like the year, any span of dates (the key figures' period)
    end: date | None = None

    def args(self, **changes) -> dict:
        """The filters as query-string arguments, e.g. for a figure's link to its list."""
        names = {"unit_id": "unit", "state_id": "country", "year": "year", "facility_id": "facility",
                 "status": "status", "outcome": "outcome", "issue": "issue", "facility_type": "type", "q": "q",
                 "visited": "visited"}
        values = {names[k]: int(v) if isinstance(v, bool) else v for k, v in vars(self).items() if k in names and v}
        values.update({name: day.isoformat() for name, day in (("from", self.start), ("to", self.end)) if day})
        values.update({k: v for k, v in changes.items() if v})
        return values


def _in_year(column, year: int):
    """Index-friendly: a range on the date column rather than a function of it."""
    return column.between(date(year, 1, 1), date(year, 12, 31))


def _narrow(stmt: Select, f: Filters, unit_column, state_column, date_column) -> Select:
    """The filters every list and figure shares: field office, country, and year of `date_column`."""
    if f.unit_id:
        stmt = stmt.where(unit_column == f.unit_id)
    if f.state_id:
        stmt = stmt.where(state_column == f.state_id)
    if f.year and date_column is not None:
        stmt = stmt.where(_in_year(date_column, f.year))
    if date_column is not None:
        stmt = stmt.where(*between(date_column, f.start, f.end))
    return stmt


def _visits_dated(stmt: Select, f: Filters) -> Select:
    """The visits of `stmt`, read first from the dates' index when the filters name a period or a
    year, so that access is checked visit by visit rather than over every case."""
    dated = [*between(Visit.started_on, f.start, f.end), *([_in_year(Visit.started_on, f.year)] if f.year else [])]
    return starting_from(stmt, ids_where(Visit, *dated)) if dated else stmt


# ---- Lists ---------------------------------------------------------------------------------------

def filters_from_args(user, args) -> Filters:
    """The filters of a list from its query string; the page and its exports both read them here.

    A field office, country or year the filter form does not offer the user is ignored, as the
    form ignores it.
    """
    unit_id = args.get("unit", type=int) or None
    if unit_id and unit_id not in {u.id for u in field_offices_where(user, Permission.VIEW)}:
        unit_id = None
    state_id = args.get("country", type=int) or None
    if state_id and db.session.scalar(visible_facilities(user).with_only_columns(Facility.id)
                                      .where(Facility.state_id == state_id).limit(1)) is None:
        state_id = None
    year = args.get("year", type=int) or None
    if year and not first_year() <= year <= date.today().year:
        year = None
    start, end = list_period(args)
    return Filters(
        unit_id=unit_id, state_id=state_id, year=year, facility_id=args.get("facility", type=int),
        status=args.get("status") or None, outcome=args.get("outcome") or None, issue=args.get("issue") or None,
        facility_type=args.get("type") or None, q=(args.get("q") or "").strip() or None,
        visited=args.get("visited") == "1", start=start, end=end,
    )


VISIT_SORTS = {"date": Visit.started_on, "number": Visit.number, "place": Facility.name, "status": Visit.status}
CASE_SORTS = {"reference": DetentionCase.reference, "outcome": DetentionCase.outcome_on,
              "status": DetentionCase.status, "opened": DetentionCase.created_at}
RELEASE_SORTS = {"date": DetentionCase.outcome_on, "reference": DetentionCase.reference}


def visits_from_args(user, args) -> Select:
    """The visits list for its query string (what its export holds)."""
    return visits_query(user, filters_from_args(user, args))


def cases_from_args(user, args) -> Select:
    """The individual cases list for its query string."""
    return cases_query(user, filters_from_args(user, args))


def releases_from_args(user, args) -> Select:
    """The individual releases (cases released upon the Office's action) for the query string."""
    filters = filters_from_args(user, args)
    filters.releases_only = True
    return cases_query(user, filters)


def visits_query(user, f: Filters) -> Select:
    """The visits the user may see, narrowed by the filters (year: of the first day)."""
    stmt = visible_cases(user, Visit).join(Facility, Facility.id == Visit.facility_id).options(
        selectinload(Visit.facility).selectinload(Facility.state))
    stmt = _narrow(stmt, f, Visit.unit_id, Facility.state_id, Visit.started_on)
    if f.facility_id:
        stmt = stmt.where(Visit.facility_id == f.facility_id)
    if f.status:
        stmt = stmt.where(Visit.status == f.status)
    if f.q:
        pattern = f"%{f.q.strip()}%"
        stmt = stmt.where(or_(Visit.number.ilike(pattern), Facility.name.ilike(pattern)))
    return stmt


def facilities_query(user, f: Filters) -> Select:
    """The register: places the user may see; with a year, those visited that year."""
    stmt = visible_facilities(user).options(selectinload(Facility.state), selectinload(Facility.unit))
    stmt = _narrow(stmt, f, Facility.unit_id, Facility.state_id, None)  # the year is that of a visit, below
    if f.facility_type:
        stmt = stmt.where(Facility.facility_type == f.facility_type)
    if f.q:
        pattern = f"%{f.q.strip()}%"
        stmt = stmt.where(or_(Facility.name.ilike(pattern), Facility.location.ilike(pattern),
                              Facility.authority.ilike(pattern)))
    if f.year or f.visited or f.start or f.end:
        visited = select(Visit.facility_id).where(visibility_clause(user, Visit), *between(Visit.started_on, f.start,
                                                                                          f.end))
        if f.year:
            visited = visited.where(_in_year(Visit.started_on, f.year))
        stmt = stmt.where(Facility.id.in_(visited))
    return stmt


def cases_query(user, f: Filters) -> Select:
    """Individual cases the user may see (year: of the outcome)."""
    stmt = visible_cases(user, DetentionCase).join(Facility, Facility.id == DetentionCase.facility_id).options(
        selectinload(DetentionCase.facility).selectinload(Facility.state), selectinload(DetentionCase.covered_by))
    stmt = _narrow(stmt, f, DetentionCase.unit_id, Facility.state_id, DetentionCase.outcome_on)
    if f.facility_id:
        stmt = stmt.where(DetentionCase.facility_id == f.facility_id)
    if f.status:
        stmt = stmt.where(DetentionCase.status == f.status)
    if f.outcome:
        stmt = stmt.where(DetentionCase.outcome == f.outcome)
    if f.issue:
        stmt = stmt.where(DetentionCase.issue == f.issue)
    if f.releases_only:
        stmt = stmt.where(DetentionCase.outcome.in_(sorted(RELEASE_OUTCOMES)))
    if f.q:
        stmt = stmt.where(or_(DetentionCase.reference.ilike(f"%{f.q.strip()}%"),
                              DetentionCase.title.ilike(f"%{f.q.strip()}%")))
    return stmt


def aggregates_query(user, f: Filters) -> Select:
    """Aggregate release records the user may see (year: the one the period ends in)."""
    stmt = visible_aggregates(user).options(selectinload(AggregateRelease.state), selectinload(AggregateRelease.unit),
                                            selectinload(AggregateRelease.covered))
    return _narrow(stmt, f, AggregateRelease.unit_id, AggregateRelease.state_id, AggregateRelease.period_end)


def latest_visits(user, facility_ids: list[int]) -> tuple[dict[int, Visit], dict[int, int]]:
    """For a page of the register: each place's latest visit the user may see, and its count."""
    if not facility_ids:
        return {}, {}
    counts = dict(db.session.execute(
        select(Visit.facility_id, func.count())
        .where(Visit.facility_id.in_(facility_ids), visibility_clause(user, Visit))
        .group_by(Visit.facility_id)).all())
    latest = (select(Visit.facility_id.label("facility_id"), func.max(Visit.started_on).label("started_on"))
              .where(Visit.facility_id.in_(facility_ids), visibility_clause(user, Visit))
              .group_by(Visit.facility_id).subquery())
    visits = db.session.scalars(
        select(Visit).join(latest, and_(Visit.facility_id == latest.c.facility_id,
                                        Visit.started_on == latest.c.started_on))
        .where(visibility_clause(user, Visit)).order_by(Visit.id))
    return {v.facility_id: v for v in visits}, counts


def facility_visits(user, facility: Facility) -> list[Visit]:
    """The place's history: every visit the user may see, oldest first."""
    return list(db.session.scalars(visible_cases(user, Visit).where(Visit.facility_id == facility.id)
                                   .order_by(Visit.started_on, Visit.id)))


@dataclass(frozen=True)
class Bar:
    """One visit in the population chart of a place (coordinates in the SVG's units)."""

    x: int
    y: int
    height: int
    capacity_y: int | None
    label: str
    value: int
    occupancy: int | None


CHART_HEIGHT, BAR_WIDTH, GAP = 120, 18, 8


def population_chart(visits: list[Visit]) -> tuple[list[Bar], int]:
    """Bars of the population on the day of each visit, with the capacity marked; and the width."""
    counted = [v for v in visits if v.pop_total is not None][-30:]
    top = max([v.pop_total for v in counted] + [v.capacity or 0 for v in counted] + [1])
    bars = []
    for index, visit in enumerate(counted):
        height = round(visit.pop_total * CHART_HEIGHT / top)
        capacity_y = CHART_HEIGHT - round(visit.capacity * CHART_HEIGHT / top) if visit.capacity else None
        bars.append(Bar(x=index * (BAR_WIDTH + GAP), y=CHART_HEIGHT - height, height=height, capacity_y=capacity_y,
                        label=visit.started_on.isoformat(), value=visit.pop_total, occupancy=visit.occupancy))
    return bars, max(len(bars) * (BAR_WIDTH + GAP), 1)


# ---- Releases: every person counted once ---------------------------------------------------------

def _not_covered(user):
    """Not counted in an aggregate record the user can see (which would count the person already)."""
    return ~exists(select(CoveredRelease.id).join(AggregateRelease, AggregateRelease.id == CoveredRelease.aggregate_id)
                   .where(CoveredRelease.case_id == DetentionCase.id, unit_clause(user, AggregateRelease.unit_id)))


@dataclass
class ReleaseTotals:
    """Releases the Office contributed to, each person once: aggregate counts plus the individual
    releases no aggregate record covers."""

    women: int = 0
    men: int = 0
    children: int = 0
    individual: int = 0  # individual releases counted on their own
    aggregate: int = 0  # persons in aggregate records
    covered: int = 0  # individual releases the aggregate records already count

    @property
    def total(self) -> int:
        return self.women + self.men + self.children

    def add(self, category: ReleaseCategory, count: int) -> None:
        name = {ReleaseCategory.WOMAN: "women", ReleaseCategory.MAN: "men", ReleaseCategory.CHILD: "children"}[category]
        setattr(self, name, getattr(self, name) + count)


def _individual_release_counts(user, f: Filters, by: tuple = ()) -> Select:
    """Individual releases no aggregate record covers, per category (and per `by`)."""
    stmt = (select(*by, DetentionCase.category, func.count(DetentionCase.id))
            .select_from(DetentionCase).join(Facility, Facility.id == DetentionCase.facility_id)
            .where(visibility_clause(user, DetentionCase), DetentionCase.outcome.in_(sorted(RELEASE_OUTCOMES)),
                   DetentionCase.category.is_not(None), _not_covered(user))
            .group_by(*by, DetentionCase.category))
    return _narrow(stmt, f, DetentionCase.unit_id, Facility.state_id, DetentionCase.outcome_on)


def _aggregate_sums(user, f: Filters, by: tuple = ()) -> Select:
    """Women, men and children of the aggregate records (per `by`)."""
    stmt = (select(*by, func.sum(AggregateRelease.women), func.sum(AggregateRelease.men),
                   func.sum(AggregateRelease.children))
            .where(unit_clause(user, AggregateRelease.unit_id)).group_by(*by))
    return _narrow(stmt, f, AggregateRelease.unit_id, AggregateRelease.state_id, AggregateRelease.period_end)


def release_totals(user, f: Filters) -> ReleaseTotals:
    """Releases for the filters, women, men and children, without counting anyone twice."""
    totals = ReleaseTotals()
    for category, count in db.session.execute(_individual_release_counts(user, f)):
        totals.add(ReleaseCategory(category), count)
        totals.individual += count
    _add_aggregate(totals, *db.session.execute(_aggregate_sums(user, f)).one())
    totals.covered = db.session.scalar(_narrow(
        select(func.count(CoveredRelease.id)).join(AggregateRelease, AggregateRelease.id == CoveredRelease.aggregate_id)
        .where(unit_clause(user, AggregateRelease.unit_id)),
        f, AggregateRelease.unit_id, AggregateRelease.state_id, AggregateRelease.period_end)) or 0
    return totals


# ---- Figures per field office, country and year --------------------------------------------------

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
    visit_stmt = _visits_dated(_narrow(
        select(Visit.unit_id, Facility.state_id, visit_year, func.count(Visit.id),
               func.sum(case((Visit.status == VisitStatus.FINAL.value, 1), else_=0)),
               func.count(distinct(Visit.facility_id)))
        .select_from(Visit).join(Facility, Facility.id == Visit.facility_id).where(visibility_clause(user, Visit))
        .group_by(Visit.unit_id, Facility.state_id, visit_year),
        f, Visit.unit_id, Facility.state_id, Visit.started_on), f)
    for unit_id, state_id, year, count, final, places in db.session.execute(visit_stmt):
        line = row(unit_id, state_id, year)
        line.visits, line.final_visits, line.facilities = count, final or 0, places

    release_stmt = _individual_release_counts(
        user, f, by=(DetentionCase.unit_id, Facility.state_id, extract("year", DetentionCase.outcome_on)))
    for unit_id, state_id, year, category, count in db.session.execute(release_stmt):
        line = row(unit_id, state_id, year)
        line.releases.add(ReleaseCategory(category), count)
        line.releases.individual += count

    aggregate_year = extract("year", AggregateRelease.period_end)
    for unit_id, state_id, year, women, men, children in db.session.execute(_aggregate_sums(
            user, f, by=(AggregateRelease.unit_id, AggregateRelease.state_id, aggregate_year))):
        _add_aggregate(row(unit_id, state_id, year).releases, women, men, children)

    outcome_year = extract("year", DetentionCase.outcome_on)
    outcome_stmt = _narrow(
        select(DetentionCase.unit_id, Facility.state_id, outcome_year, DetentionCase.outcome,
               func.count(DetentionCase.id))
        .select_from(DetentionCase).join(Facility, Facility.id == DetentionCase.facility_id)
        .where(visibility_clause(user, DetentionCase), DetentionCase.outcome.is_not(None))
        .group_by(DetentionCase.unit_id, Facility.state_id, outcome_year, DetentionCase.outcome),
        f, DetentionCase.unit_id, Facility.state_id, DetentionCase.outcome_on)
    for unit_id, state_id, year, outcome, count in db.session.execute(outcome_stmt):
        row(unit_id, state_id, year).outcomes[CaseOutcome(outcome).value] = count

    _name(rows.values())
    ordered = sorted(rows.values(), key=lambda r: (-r.year, r.unit.code, r.state.name))
    return ordered, _totals(user, f, ordered)


def _add_aggregate(totals: ReleaseTotals, women, men, children) -> None:
    women, men, children = women or 0, men or 0, children or 0
    totals.women, totals.men, totals.children = totals.women + women, totals.men + men, totals.children + children
    totals.aggregate += women + men + children


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
        for name in ("women", "men", "children", "individual", "aggregate", "covered"):
            setattr(total.releases, name, getattr(total.releases, name) + getattr(r.releases, name))
        for outcome, count in r.outcomes.items():
            total.outcomes[outcome] = total.outcomes.get(outcome, 0) + count
    # Asked place by place ("was it visited?") among the places of the field offices whose visits
    # the lines count (a visit is always of its place's office): each answer stops at the first
    # visit found on the (place, date) index, several times faster than counting distinct places
    # over every visit.
    offices = {r.unit_id for r in rows if r.visits}
    visited = _visits_dated(select(Visit.id).where(Visit.facility_id == Facility.id, visibility_clause(user, Visit),
                                                   *between(Visit.started_on, f.start, f.end)), f)
    if f.year:
        visited = visited.where(_in_year(Visit.started_on, f.year))
    places = select(func.count(Facility.id)).where(Facility.unit_id.in_(offices), exists(visited))
    total.facilities = db.session.scalar(_narrow(places, f, Facility.unit_id, Facility.state_id, None)) or 0
    return total


def first_year() -> int:
    """The earliest year with a visit or a release on record, for the year filter."""
    years = [d.year for d in (
        db.session.scalar(select(func.min(Visit.started_on))),
        db.session.scalar(select(func.min(DetentionCase.outcome_on))),
        db.session.scalar(select(func.min(AggregateRelease.period_end))),
    ) if d is not None]
    return min(years + [date.today().year])
