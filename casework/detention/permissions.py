"""Who may see and change what in detention work, on top of the one policy.

Visits and individual cases are cases: `can()`, `visible_cases()` and `load_case()` answer for
them, so a field office sees its own visits and cases and no others. Places of detention and
aggregate release records are not cases but belong to a field office too: they are open to
whoever may view that unit's open records (`unit_clause`) and changed by whoever may edit there
(`load_unit_record`). Interviews with detainees are confidential: only those who may edit the
visit see them.
"""
from __future__ import annotations

from typing import TypeVar

from flask import abort
from flask_login import current_user
from sqlalchemy import Select, select

from casework.core.permissions import Permission, can, can_in_unit, unit_clause, units_where
from casework.core.units import Unit, UnitKind
from casework.detention.cases.models import AggregateRelease
from casework.detention.places.models import Facility
from casework.detention.visits.models import Visit
from casework.extensions import db

UnitRecord = TypeVar("UnitRecord", Facility, AggregateRelease)


def field_offices_where(user, permission: Permission) -> list[Unit]:
    """The field offices in which the user holds `permission` (where they may record visits)."""
    return [unit for unit in units_where(user, permission) if unit.kind is UnitKind.FIELD_OFFICE]


def visible_facilities(user) -> Select:
    """SELECT of the places of detention the user may see: those of the field offices they see."""
    return select(Facility).where(unit_clause(user, Facility.unit_id))


def visible_aggregates(user) -> Select:
    """SELECT of the aggregate release records the user may see."""
    return select(AggregateRelease).where(unit_clause(user, AggregateRelease.unit_id))


def can_view_unit_record(user, record: Facility | AggregateRelease) -> bool:
    """May the user see this place of detention or aggregate record of a field office?"""
    return can_in_unit(user, Permission.VIEW, record.unit_id)


def can_edit_unit_record(user, record: Facility | AggregateRelease) -> bool:
    """May the user change this place of detention or aggregate record?"""
    return can_in_unit(user, Permission.EDIT, record.unit_id)


def load_unit_record(model: type[UnitRecord], record_id: int, edit: bool = False) -> UnitRecord:
    """A place of detention or an aggregate record for a request: 404 unless the user may see it,
    403 unless they may change it when `edit`, as `load_case` answers for cases."""
    record = db.session.get(model, record_id)
    if record is None or not can_view_unit_record(current_user, record):
        abort(404)
    if edit and not can_edit_unit_record(current_user, record):
        abort(403)
    return record


def can_view_interviews(user, visit: Visit) -> bool:
    """Interviews are confidential: for those who work on the visit, not for every reader."""
    return can(user, Permission.EDIT, visit)
