"""Listings and figures of a working group's cases, always through the one access policy."""
from __future__ import annotations

from datetime import date

from sqlalchemy import Select, func, select

from casework.core.cases import Case
from casework.core.permissions import visible_in_unit
from casework.extensions import db
from casework.working_groups.models import WorkingGroupCase


def cases_for(user, model: type[WorkingGroupCase], unit_id: int, *, state: int | None = None, status: str = "",
              year: int | None = None) -> Select:
    """The cases of one working group `user` may see, narrowed by the list's filters.

    These cases never belong to another case, so the policy's per-unit form applies: a long list
    walks the unit's own index instead of checking each case.
    """
    stmt = select(model).where(Case.unit_id == unit_id, visible_in_unit(user, unit_id, model.id))
    if state:
        stmt = stmt.where(model.state_id == state)
    if status:
        stmt = stmt.where(Case.status == status)
    if year:
        # A range on the indexed date rather than a function of it, so the index serves the filter.
        stmt = stmt.where(model.received_on >= date(year, 1, 1), model.received_on < date(year + 1, 1, 1))
    return stmt


def list_sorts(model: type[WorkingGroupCase]) -> dict:
    """The list's sort keys, shared by the page and its exports."""
    return {"received": model.received_on, "reference": model.reference, "status": model.status}


def cases_from_args(user, model: type[WorkingGroupCase], unit_id: int, args) -> Select:
    """The list's query from its query string: the page and its exports both call this."""
    return cases_for(user, model, unit_id, state=args.get("state", type=int) or None,
                     status=args.get("status") or "", year=args.get("year", type=int) or None)


def count_by_status(user, model: type[WorkingGroupCase], unit_id: int, year: int | None = None) -> dict[str, int]:
    """How many visible cases are in each state (of one year of receipt, or all)."""
    stmt = cases_for(user, model, unit_id, year=year)
    grouped = stmt.with_only_columns(Case.status, func.count(), maintain_column_froms=True).group_by(Case.status)
    return {status: n for status, n in db.session.execute(grouped)}
