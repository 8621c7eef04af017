"""Listings and figures of a working group's cases, always through the one access policy."""
from __future__ import annotations

from datetime import date

from sqlalchemy import ColumnElement, Select, and_, func, select

from casework.core import inputs
from casework.core.cases import Case
from casework.core.permissions import visible_in_unit
from casework.core.queries import where_given
from casework.extensions import db
from casework.figures.period import between, list_period
from casework.working_groups.models import DetentionCommunication, Opinion, Outcome, Procedure, WorkingGroupCase


def group_unit_id(code: str) -> int | None:
    """The unit of a working group (WGAD, WGEID), or None where it is not set up."""
    from casework.core.units import Unit

    return db.session.scalar(select(Unit.id).where(Unit.code == code))


def cases_for(user, model: type[WorkingGroupCase], unit_id: int, *, state: int | None = None, status: str = "",
              year: int | None = None, start: date | None = None, end: date | None = None, dated: str = "",
              outcome: str = "", procedure: str = "") -> Select:
    """The cases of one working group `user` may see, narrowed by the list's filters.

    These cases never belong to another case, so the policy's per-unit form applies: a long list
    walks the unit's own index instead of checking each case.
    """
    stmt = select(model).where(Case.unit_id == unit_id, visible_in_unit(user, unit_id, model.id))
    stmt = where_given(stmt, (model.state_id, state), (Case.status, status))
    if year:
        # A range on the indexed date rather than a function of it, so the index serves the filter.
        stmt = stmt.where(model.received_on >= date(year, 1, 1), model.received_on < date(year + 1, 1, 1))
    if start or end:
        stmt = stmt.where(dated_condition(model, dated, start, end))
    if outcome and model is DetentionCommunication:
        stmt = stmt.where(model.id.in_(select(Opinion.case_id).where(Opinion.outcome == outcome)))
    if procedure and hasattr(model, "procedure"):
        stmt = stmt.where(model.procedure == procedure)
    return stmt


def dated_condition(model: type[WorkingGroupCase], dated: str, start: date | None,
                    end: date | None) -> ColumnElement[bool]:
    """Received in the span; or transmitted, given its opinion (arbitrary detention) or clarified in it."""
    if dated == "opinion" and model is DetentionCommunication:
        return model.id.in_(select(Opinion.case_id).where(*between(Opinion.adopted_on, start, end)))
    columns = {"transmitted": model.transmitted_on, "clarified": getattr(model, "clarified_on", None)}
    column = columns.get(dated)
    return and_(*between(column if column is not None else model.received_on, start, end))


def list_sorts(model: type[WorkingGroupCase]) -> dict:
    """The list's sort keys, shared by the page and its exports."""
    return {"received": model.received_on, "reference": model.reference, "status": model.status}


def cases_from_args(user, model: type[WorkingGroupCase], unit_id: int, args) -> Select:
    """The list's query from its query string: the page and its exports both call this."""
    start, end = list_period(args)
    return cases_for(user, model, unit_id, state=args.get("state", type=int) or None,
                     status=args.get("status") or "", year=args.get("year", type=inputs.year) or None, start=start,
                     end=end, dated=args.get("dated") or "", outcome=args.get("outcome", type=Outcome) or "",
                     procedure=args.get("procedure", type=Procedure) or "")


def count_by_status(user, model: type[WorkingGroupCase], unit_id: int, year: int | None = None) -> dict[str, int]:
    """How many visible cases are in each state (of one year of receipt, or all)."""
    stmt = cases_for(user, model, unit_id, year=year)
    grouped = stmt.with_only_columns(Case.status, func.count(), maintain_column_froms=True).group_by(Case.status)
    return {status: n for status, n in db.session.execute(grouped)}
