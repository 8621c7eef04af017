"""Lists of reprisals cases, always through the one access policy."""
from __future__ import annotations

from datetime import date

from sqlalchemy import Select, or_, select

from casework.core.permissions import visibility_clause
from casework.core.queries import where_given
from casework.figures.period import between, list_period
from casework.reprisals.models import ReprisalCase


def reprisal_cases_for(user, *, q: str = "", state: int | None = None, status: str = "", start: date | None = None,
                       end: date | None = None) -> Select:
    """The reprisals cases `user` may see (assigned ones; all for administrators), filtered
    (`start`/`end`: received in that span)."""
    stmt = select(ReprisalCase).where(visibility_clause(user, ReprisalCase))
    if q:
        pattern = f"%{q.strip()}%"
        stmt = stmt.where(or_(ReprisalCase.reference.ilike(pattern), ReprisalCase.title.ilike(pattern)))
    stmt = where_given(stmt, (ReprisalCase.state_id, state), (ReprisalCase.status, status))
    return stmt.where(*between(ReprisalCase.received_on, start, end))


LIST_SORTS = {"received": ReprisalCase.received_on, "updated": ReprisalCase.updated_at, "status": ReprisalCase.status}


def reprisal_cases_from_args(user, args) -> Select:
    """The list's query from its query string: the page and its exports both call this."""
    start, end = list_period(args)
    return reprisal_cases_for(user, q=args.get("q") or "", state=args.get("state", type=int) or None,
                              status=args.get("status") or "", start=start, end=end)
