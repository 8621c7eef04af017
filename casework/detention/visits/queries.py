"""The visits list, as the user may see it (a field office sees its own visits)."""
from __future__ import annotations

from sqlalchemy import Select, or_
from sqlalchemy.orm import selectinload

from casework.core.cases import Case
from casework.core.permissions import visible_cases
from casework.core.queries import where_given
from casework.detention.filters import Filters, filters_from_args, in_year, narrow
from casework.detention.places.models import Facility
from casework.detention.visits.models import VISIT_TYPE, Visit
from casework.figures.period import between
from casework.figures.sections import ids_where, starting_from

# Columns, whose NOT NULL lets a "Next" page start from the last row's key.
VISIT_SORTS = {"date": Visit.__table__.c.started_on, "number": Visit.__table__.c.number,
               "place": Facility.__table__.c.name, "status": Case.__table__.c.status}
KEY = Visit.__table__.c.id  # the key the visits' own indexes (by day, by number) hold


def visits_query(user, f: Filters) -> Select:
    """The visits the user may see, narrowed by the filters (year: of the first day)."""
    # Naming the kind lets the visits in one state be read from the index of cases by kind and state.
    stmt = visible_cases(user, Visit).where(Visit.case_type == VISIT_TYPE).join(
        Facility, Facility.id == Visit.facility_id).options(
        selectinload(Visit.facility).selectinload(Facility.state))
    stmt = narrow(stmt, f, Visit.unit_id, Facility.state_id, Visit.started_on)
    stmt = where_given(stmt, (Visit.facility_id, f.facility_id), (Visit.status, f.status))
    if f.q:
        pattern = f"%{f.q.strip()}%"
        stmt = stmt.where(or_(Visit.number.ilike(pattern), Facility.name.ilike(pattern)))
    return stmt


def visits_from_args(user, args) -> Select:
    """The visits list for its query string (what its export holds)."""
    return visits_query(user, filters_from_args(user, args))


def visits_dated(stmt: Select, f: Filters) -> Select:
    """The visits of `stmt`, read first from the dates' index when the filters name a period or a
    year, so that access is checked visit by visit rather than over every case."""
    dated = [*between(Visit.started_on, f.start, f.end), *([in_year(Visit.started_on, f.year)] if f.year else [])]
    return starting_from(stmt, ids_where(Visit, *dated)) if dated else stmt
