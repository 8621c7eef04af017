"""Operations on the register of places of detention: the only code that changes it."""
from __future__ import annotations

from dataclasses import dataclass

from flask_babel import gettext as _

from casework.core.permissions import Permission, can_in_unit
from casework.core.writes import Refused
from casework.detention.operations import fill
from casework.detention.places.models import Facility, FacilityType
from casework.extensions import db


@dataclass
class FacilityContent:
    """What the register's form edits."""

    name: str
    facility_type: FacilityType
    state_id: int
    authority: str = ""
    location: str = ""
    address: str = ""
    capacity: int | None = None
    active: bool = True
    notes: str = ""


def save_facility(facility: Facility | None, unit_id: int, content: FacilityContent, actor) -> Facility:
    """Add a place of detention to a field office's register, or update it."""
    if not can_in_unit(actor, Permission.EDIT, unit_id):
        raise Refused(_("You cannot add places of detention to this field office's register."), forbidden=True)
    facility = facility or Facility(unit_id=unit_id)
    fill(facility, content)
    facility.unit_id = unit_id
    db.session.add(facility)
    db.session.flush()
    return facility
