"""Lists of individual cases and releases, and the releases counted with no person counted twice.

Individual cases come from `visible_cases` (a field office sees its own), aggregate records from
`unit_clause`. How a person in both is counted once is explained in `cases.models`.
"""
from __future__ import annotations

from dataclasses import dataclass, fields

from sqlalchemy import Select, exists, func, or_, select
from sqlalchemy.orm import selectinload

from casework.core.permissions import unit_clause, visibility_clause, visible_cases
from casework.core.queries import where_given
from casework.detention.cases.models import (
    AggregateRelease, CoveredRelease, DetentionCase, RELEASE_OUTCOMES, ReleaseCategory,
)
from casework.detention.filters import Filters, filters_from_args, narrow
from casework.detention.permissions import visible_aggregates
from casework.detention.places.models import Facility
from casework.extensions import db

CASE_SORTS = {"reference": DetentionCase.reference, "outcome": DetentionCase.outcome_on,
              "status": DetentionCase.status, "opened": DetentionCase.created_at}
RELEASE_SORTS = {"date": DetentionCase.outcome_on, "reference": DetentionCase.reference}


def cases_query(user, f: Filters) -> Select:
    """Individual cases the user may see (year: of the outcome)."""
    stmt = visible_cases(user, DetentionCase).join(Facility, Facility.id == DetentionCase.facility_id).options(
        selectinload(DetentionCase.facility).selectinload(Facility.state), selectinload(DetentionCase.covered_by))
    stmt = narrow(stmt, f, DetentionCase.unit_id, Facility.state_id, DetentionCase.outcome_on)
    stmt = where_given(stmt, (DetentionCase.facility_id, f.facility_id), (DetentionCase.status, f.status),
                       (DetentionCase.outcome, f.outcome), (DetentionCase.issue, f.issue))
    if f.releases_only:
        stmt = stmt.where(DetentionCase.outcome.in_(sorted(RELEASE_OUTCOMES)))
    if f.q:
        stmt = stmt.where(or_(DetentionCase.reference.ilike(f"%{f.q.strip()}%"),
                              DetentionCase.title.ilike(f"%{f.q.strip()}%")))
    return stmt


def cases_from_args(user, args) -> Select:
    """The individual cases list for its query string (what its export holds)."""
    return cases_query(user, filters_from_args(user, args))


def releases_from_args(user, args) -> Select:
    """The individual releases (cases released upon the Office's action) for the query string."""
    filters = filters_from_args(user, args)
    filters.releases_only = True
    return cases_query(user, filters)


def aggregates_query(user, f: Filters) -> Select:
    """Aggregate release records the user may see (year: the one the period ends in)."""
    stmt = visible_aggregates(user).options(selectinload(AggregateRelease.state), selectinload(AggregateRelease.unit),
                                            selectinload(AggregateRelease.covered))
    return narrow(stmt, f, AggregateRelease.unit_id, AggregateRelease.state_id, AggregateRelease.period_end)


def coverable_cases(record: AggregateRelease, user) -> list[DetentionCase]:
    """Individual releases the record could cover: same field office and country, not covered yet."""
    return list(db.session.scalars(
        visible_cases(user, DetentionCase).join(Facility, Facility.id == DetentionCase.facility_id)
        .where(DetentionCase.unit_id == record.unit_id, Facility.state_id == record.state_id,
               DetentionCase.outcome.in_(sorted(RELEASE_OUTCOMES)),
               DetentionCase.category.is_not(None), ~DetentionCase.covered_by.has())
        .order_by(DetentionCase.outcome_on.desc()).limit(200)))


# ---- Releases: every person counted once ---------------------------------------------------------

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

    def count_individual(self, category: ReleaseCategory, count: int) -> None:
        name = {ReleaseCategory.WOMAN: "women", ReleaseCategory.MAN: "men", ReleaseCategory.CHILD: "children"}[category]
        setattr(self, name, getattr(self, name) + count)
        self.individual += count

    def count_aggregate(self, women: int | None, men: int | None, children: int | None) -> None:
        women, men, children = women or 0, men or 0, children or 0
        self.women, self.men, self.children = self.women + women, self.men + men, self.children + children
        self.aggregate += women + men + children

    def include(self, other: ReleaseTotals) -> None:
        for name in (f.name for f in fields(self)):
            setattr(self, name, getattr(self, name) + getattr(other, name))


def _not_covered(user):
    """Not counted in an aggregate record the user can see (which would count the person already)."""
    return ~exists(select(CoveredRelease.id).join(AggregateRelease, AggregateRelease.id == CoveredRelease.aggregate_id)
                   .where(CoveredRelease.case_id == DetentionCase.id, unit_clause(user, AggregateRelease.unit_id)))


def individual_release_counts(user, f: Filters, by: tuple = ()) -> Select:
    """Individual releases no aggregate record covers, per category (and per `by`)."""
    stmt = (select(*by, DetentionCase.category, func.count(DetentionCase.id))
            .select_from(DetentionCase).join(Facility, Facility.id == DetentionCase.facility_id)
            .where(visibility_clause(user, DetentionCase), DetentionCase.outcome.in_(sorted(RELEASE_OUTCOMES)),
                   DetentionCase.category.is_not(None), _not_covered(user))
            .group_by(*by, DetentionCase.category))
    return narrow(stmt, f, DetentionCase.unit_id, Facility.state_id, DetentionCase.outcome_on)


def aggregate_sums(user, f: Filters, by: tuple = ()) -> Select:
    """Women, men and children of the aggregate records (per `by`)."""
    stmt = (select(*by, func.sum(AggregateRelease.women), func.sum(AggregateRelease.men),
                   func.sum(AggregateRelease.children))
            .where(unit_clause(user, AggregateRelease.unit_id)).group_by(*by))
    return narrow(stmt, f, AggregateRelease.unit_id, AggregateRelease.state_id, AggregateRelease.period_end)


def release_totals(user, f: Filters) -> ReleaseTotals:
    """Releases for the filters, women, men and children, without counting anyone twice."""
    totals = ReleaseTotals()
    for category, count in db.session.execute(individual_release_counts(user, f)):
        totals.count_individual(ReleaseCategory(category), count)
    totals.count_aggregate(*db.session.execute(aggregate_sums(user, f)).one())
    totals.covered = db.session.scalar(narrow(
        select(func.count(CoveredRelease.id)).join(AggregateRelease, AggregateRelease.id == CoveredRelease.aggregate_id)
        .where(unit_clause(user, AggregateRelease.unit_id)),
        f, AggregateRelease.unit_id, AggregateRelease.state_id, AggregateRelease.period_end)) or 0
    return totals
