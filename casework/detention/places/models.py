"""Places of detention: each in the register of a field office, in a country."""
from __future__ import annotations

import enum

from flask_babel import lazy_gettext as _l
from sqlalchemy import ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from casework.core.audit import RECORD_NAMES, Audited
from casework.core.db import StrEnumType, TimestampMixin
from casework.core.states import State
from casework.core.units import Unit
from casework.extensions import db


class FacilityType(enum.StrEnum):
    POLICE_STATION = "police_station"
    PRE_TRIAL = "pre_trial"
    PRISON = "prison"
    IMMIGRATION = "immigration"
    MILITARY = "military"
    PSYCHIATRIC = "psychiatric"
    JUVENILE = "juvenile"
    QUARANTINE = "quarantine"


FACILITY_TYPE_LABELS = {
    FacilityType.POLICE_STATION: _l("Police station"), FacilityType.PRE_TRIAL: _l("Pre-trial detention centre"),
    FacilityType.PRISON: _l("Prison"), FacilityType.IMMIGRATION: _l("Immigration detention centre"),
    FacilityType.MILITARY: _l("Military facility"), FacilityType.PSYCHIATRIC: _l("Psychiatric institution"),
    FacilityType.JUVENILE: _l("Juvenile detention centre"), FacilityType.QUARANTINE: _l("Quarantine facility"),
}


class Facility(Audited, TimestampMixin, db.Model):
    """A place where people are deprived of their liberty, in the register of a field office."""

    __tablename__ = "detention_facilities"
    __table_args__ = (Index("ix_detention_facilities_state_name", "state_id", "name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"), index=True)
    state_id: Mapped[int] = mapped_column(ForeignKey("states.id"))
    name: Mapped[str] = mapped_column(String(300))
    facility_type: Mapped[FacilityType] = mapped_column(StrEnumType(FacilityType))
    authority: Mapped[str] = mapped_column(String(300), default="")  # who runs it, e.g. "INPEC (Ministry of Justice)"
    location: Mapped[str] = mapped_column(String(300), default="")  # town and region
    address: Mapped[str] = mapped_column(Text, default="")
    capacity: Mapped[int | None]  # official capacity, in persons
    active: Mapped[bool] = mapped_column(default=True)
    notes: Mapped[str] = mapped_column(Text, default="")

    unit: Mapped[Unit] = relationship()
    state: Mapped[State] = relationship()

    @property
    def type_label(self) -> str:
        return FACILITY_TYPE_LABELS[self.facility_type]

    def __str__(self) -> str:
        return self.name


RECORD_NAMES.update({"detention_facilities": _l("place of detention")})
