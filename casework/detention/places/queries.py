"""The register and each place's history, as the user may see them."""
from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Select, and_, func, or_, select
from sqlalchemy.orm import selectinload

from casework.core.forms import choices
from casework.core.permissions import visibility_clause, visible_cases
from casework.core.queries import where_given
from casework.core.states import collation_key, page_language
from casework.detention.cases.models import DetentionCase
from casework.detention.filters import Filters, in_year, narrow
from casework.detention.permissions import visible_facilities
from casework.detention.places.models import Facility
from casework.detention.visits.models import Visit, VisitRecommendation
from casework.extensions import db
from casework.figures.period import between

PLACE_SORTS = {"name": Facility.name, "country": Facility.state_id, "capacity": Facility.capacity}


def facilities_query(user, f: Filters) -> Select:
    """The register: places the user may see; with a year, those visited that year."""
    stmt = visible_facilities(user).options(selectinload(Facility.state), selectinload(Facility.unit))
    stmt = narrow(stmt, f, Facility.unit_id, Facility.state_id, None)  # the year is that of a visit, below
    stmt = where_given(stmt, (Facility.facility_type, f.facility_type))
    if f.q:
        pattern = f"%{f.q.strip()}%"
        stmt = stmt.where(or_(Facility.name.ilike(pattern), Facility.location.ilike(pattern),
                              Facility.authority.ilike(pattern)))
    if f.year or f.visited or f.start or f.end:
        visited = select(Visit.facility_id).where(visibility_clause(user, Visit),
                                                  *between(Visit.started_on, f.start, f.end))
        if f.year:
            visited = visited.where(in_year(Visit.started_on, f.year))
        stmt = stmt.where(Facility.id.in_(visited))
    return stmt


def facility_choices(user, unit_ids: list[int]):
    """The places in use of these field offices, as a form offers them: by country, then name."""
    facilities = db.session.scalars(
        visible_facilities(user).where(Facility.unit_id.in_(unit_ids), Facility.active).order_by(Facility.name))
    language = page_language()
    in_order = sorted(facilities, key=lambda f: collation_key(f.state.shown_name, language))
    return choices((f.id, f"{f.state.shown_name} — {f.name} ({f.location or f.type_label})") for f in in_order)


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


def facility_recommendations(user, facility: Facility) -> list[VisitRecommendation]:
    """The recommendations made at the visits to the place the user may see, latest visit first."""
    return list(db.session.scalars(
        select(VisitRecommendation).join(Visit, Visit.id == VisitRecommendation.visit_id)
        .where(Visit.facility_id == facility.id, visibility_clause(user, Visit))
        .order_by(Visit.started_on.desc(), VisitRecommendation.position)))


def facility_cases(user, facility: Facility) -> list[DetentionCase]:
    """The individual cases of people held at the place that the user may see, latest first."""
    return list(db.session.scalars(visible_cases(user, DetentionCase).where(DetentionCase.facility_id == facility.id)
                                   .order_by(DetentionCase.id.desc())))


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
