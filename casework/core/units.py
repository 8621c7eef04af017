"""Organisational units: committees, mandates, teams and offices that own case records."""
from __future__ import annotations

import enum

from sqlalchemy import JSON, String
from sqlalchemy.orm import Mapped, mapped_column

from casework.core.audit import Audited
from casework.core.db import StrEnumType, TimestampMixin
from casework.extensions import db


class UnitKind(enum.StrEnum):
    COMMITTEE = "committee"
    MANDATE = "mandate"
    REPRISALS_TEAM = "reprisals_team"
    FIELD_OFFICE = "field_office"
    SECRETARIAT = "secretariat"


class Unit(Audited, TimestampMixin, db.Model):
    """A unit of the Office; every case belongs to exactly one.

    Audited: its settings move deadlines and change who signs letters.
    """

    __tablename__ = "units"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(40), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    kind: Mapped[UnitKind] = mapped_column(StrEnumType(UnitKind))
    active: Mapped[bool] = mapped_column(default=True)
    # Practice that varies per unit (deadlines, reference formats) is configured here.
    settings: Mapped[dict] = mapped_column(JSON, default=dict)

    @property
    def is_secretariat(self) -> bool:
        """Membership of the secretariat applies to every unit."""
        return self.kind is UnitKind.SECRETARIAT

    def __str__(self) -> str:
        return f"{self.code} — {self.name}"
