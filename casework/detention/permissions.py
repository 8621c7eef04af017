"""Who may see and change what in detention work, on top of the one policy.

Visits and individual cases are cases: `can()` and `visible_cases()` answer for them, so a
field office sees its own visits and cases and no others. Places of detention and aggregate
release records are not cases but belong to a field office too: they are open to whoever may
view that unit's open records (`unit_clause`) and changed by whoever may edit there. Interviews
with detainees are confidential: only those who may edit the visit see them.
"""
from __future__ import annotations

from sqlalchemy import Select, select

from casework.core.permissions import Permission, can, can_in_unit, unit_clause, units_where
from casework.core.units import Unit, UnitKind
from casework.detention.models import Facility, Visit
from casework.detention.release_models import AggregateRelease


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


def can_view_interviews(user, visit: Visit) -> bool:
    """Interviews are confidential: for those who work on the visit, not for every reader."""
    return can(user, Permission.EDIT, visit)
