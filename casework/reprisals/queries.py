"""Lists of reprisals cases, always through the one access policy."""
from __future__ import annotations

from datetime import date

from sqlalchemy import Select, or_, select

from casework.core.permissions import visibility_clause
from casework.figures.period import between
from casework.reprisals.models import ReprisalCase


def reprisal_cases_for(user, *, q: str = "", state: int | None = None, status: str = "", start: date | None = None,
                       end: date | None = None) -> Select:
    """The reprisals cases `user` may see (assigned ones; all for administrators), filtered
    (`start`/`end`: received in that span)."""
    stmt = select(ReprisalCase).where(visibility_clause(user, ReprisalCase))
    if q:
        pattern = f"%{q.strip()}%"
        stmt = stmt.where(or_(ReprisalCase.reference.ilike(pattern), ReprisalCase.title.ilike(pattern)))
    if state:
        stmt = stmt.where(ReprisalCase.state_id == state)
    if status:
        stmt = stmt.where(ReprisalCase.status == status)
    return stmt.where(*between(ReprisalCase.received_on, start, end))
