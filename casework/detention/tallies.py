"""The counts the key figures read for periods of whole months (`casework.core.tallies`): visits
by month and by place visited; individual cases by outcome and month; individual releases by
category, country and month, with the field office of the aggregate record that already counts
the person, if any (a reader who sees that record does not count the person again)."""
from __future__ import annotations

from sqlalchemy import ColumnElement, Select, String, cast, func, literal, select, union_all

from casework.core.cases import Case
from casework.core.tallies import Tally, Watch, month_start, register
from casework.detention.cases.models import (
    RELEASE_OUTCOMES, AggregateRelease, CoveredRelease, DetentionCase,
)
from casework.detention.places.models import Facility
from casework.detention.visits.models import Visit
from casework.extensions import db

VISIT, PLACE, OUTCOME, RELEASE = "visit", "place|", "outcome|", "release|"  # the kinds of key
_visit = Visit.__table__
_case = DetentionCase.__table__
_place = Facility.__table__
_covered = CoveredRelease.__table__
_aggregate = AggregateRelease.__table__


def _of(table, key: ColumnElement[str], on, condition: ColumnElement[bool]) -> Select:
    return (select(Case.unit_id, Case.confidential, key.label("key"), month_start(on).label("day"))
            .select_from(Case).join(table, table.c.id == Case.id).where(condition, on.is_not(None)))


def _work(condition: ColumnElement[bool]) -> Select:
    covering = func.coalesce(cast(_aggregate.c.unit_id, String), "")
    releases = (_of(_case, literal(RELEASE) + cast(_case.c.category, String) + "|" + cast(_place.c.state_id, String)
                    + "|" + covering, _case.c.outcome_on, condition)
                .join(_place, _place.c.id == _case.c.facility_id)
                .outerjoin(_covered, _covered.c.case_id == Case.id)
                .outerjoin(_aggregate, _aggregate.c.id == _covered.c.aggregate_id)
                .where(_case.c.outcome.in_(sorted(RELEASE_OUTCOMES)), _case.c.category.is_not(None)))
    rows = union_all(
        _of(_visit, literal(VISIT), _visit.c.started_on, condition),
        _of(_visit, literal(PLACE) + cast(_visit.c.facility_id, String), _visit.c.started_on, condition),
        _of(_case, literal(OUTCOME) + cast(_case.c.outcome, String), _case.c.outcome_on, condition)
        .where(_case.c.outcome.is_not(None)),
        releases,
    ).subquery()
    return (select(rows.c.unit_id, rows.c.confidential, rows.c.key, rows.c.day, func.count().label("n"))
            .group_by(rows.c.unit_id, rows.c.confidential, rows.c.key, rows.c.day))


def _cases_at(place: Facility) -> list[int] | None:
    """A place moved to another country moves the releases of the cases at it."""
    if place.id is None:
        return None
    return list(db.session.scalars(select(DetentionCase.id).where(DetentionCase.facility_id == place.id)))


def _covered_case(row: CoveredRelease) -> int | None:
    return row.case_id if row.case_id is not None else getattr(row.case, "id", None)


# A visit or case moves in this when its unit, confidentiality, place, date or outcome changes; a
# case's releases also when its place changes country, or when an aggregate record comes to count
# the person (or its field office changes).
_CASE = ("unit_id", "confidential")
WORK = register(Tally("detention_work", _work, {
    Visit: Watch(lambda visit: visit.id, (*_CASE, "started_on", "facility_id")),
    DetentionCase: Watch(lambda case: case.id, (*_CASE, "facility_id", "outcome", "outcome_on", "category")),
    Facility: Watch(_cases_at, ("state_id",)),
    CoveredRelease: Watch(_covered_case, ("case_id", "aggregate_id")),
    AggregateRelease: Watch(lambda record: [row.case_id for row in record.covered], ("unit_id",))}))
