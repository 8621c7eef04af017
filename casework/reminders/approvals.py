"""“Awaiting my approval”: what waits for this user's decision, from every module.

Each domain module that has decisions reserved to a supervisor declares a function
`(user, limit) -> list[Awaiting]` as its `approvals` (in its `module.py`); letters
submitted for approval are the letters machinery's and are listed here. Every list goes through
the core policy, and a case is listed only if the user may decide on it.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from flask_babel import gettext as _
from sqlalchemy import ColumnElement, select, true

from casework.core.cases import Case
from casework.core.permissions import Permission, can, units_where, visibility_clause
from casework.extensions import db

LIMIT = 50


@dataclass(frozen=True)
class Awaiting:
    """One thing waiting for the user's decision on a case."""

    case: Case
    what: str


def cases_awaiting(user, model: type[Case], statuses: Iterable[str], what: str, limit: int = LIMIT,
                   condition: ColumnElement[bool] | None = None) -> list[Awaiting]:
    """Cases of `model` in one of `statuses` (and meeting `condition`), visible to `user`, in units
    where they approve."""
    units = [unit.id for unit in units_where(user, Permission.APPROVE)]
    if not units:
        return []
    stmt = (select(model).where(model.status.in_(list(statuses)), model.unit_id.in_(units),
                                visibility_clause(user, model), true() if condition is None else condition)
            .order_by(model.updated_at, model.id).limit(limit))
    return [Awaiting(case, what) for case in db.session.scalars(stmt) if can(user, Permission.APPROVE, case)]


def _letters(user, limit: int) -> list[Awaiting]:
    from casework.letters.models import Letter, LetterStatus

    return cases_awaiting(user, Letter, [LetterStatus.SUBMITTED], _("Letter submitted for approval"), limit)


def awaiting_approval(user, limit: int = LIMIT) -> list[Awaiting]:
    """Everything awaiting `user`'s decision, oldest first, at most `limit` items."""
    from casework import domain_modules

    found = _letters(user, limit)
    for module in domain_modules():
        if module.approvals is not None:
            found += module.approvals(user, limit)
    found.sort(key=lambda item: (item.case.updated_at, item.case.id))
    return found[:limit]
