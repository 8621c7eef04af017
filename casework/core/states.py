"""UN Member and observer States, with their Permanent Missions in Geneva."""
from __future__ import annotations

import csv
import enum
from importlib import resources

from sqlalchemy import String, select
from sqlalchemy.orm import Mapped, mapped_column

from casework.core.db import StrEnumType
from casework.extensions import db


class UNStatus(enum.StrEnum):
    MEMBER = "member"
    OBSERVER = "observer"


class State(db.Model):
    """A State, always addressed through its Permanent Mission in Geneva."""

    __tablename__ = "states"

    id: Mapped[int] = mapped_column(primary_key=True)
    iso2: Mapped[str] = mapped_column(String(2), unique=True)
    iso3: Mapped[str] = mapped_column(String(3), unique=True)
    name: Mapped[str] = mapped_column(String(120), unique=True)
    un_status: Mapped[UNStatus] = mapped_column(StrEnumType(UNStatus))
    mission_name: Mapped[str] = mapped_column(String(300))

    def __str__(self) -> str:
        return self.name


def reference_states() -> list[dict[str, str]]:
    """The States as shipped with Casework (reference_data/states.csv)."""
    source = resources.files("casework.core").joinpath("reference_data/states.csv")
    with source.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def load_states() -> int:
    """Insert or update every State from the reference file; returns how many changed."""
    existing = {s.iso3: s for s in db.session.scalars(select(State))}
    changed = 0
    for row in reference_states():
        state = existing.get(row["iso3"]) or State(iso3=row["iso3"])
        values = {k: row[k] for k in ("iso2", "name", "un_status", "mission_name")}
        if state.id is None or any(getattr(state, k) != v for k, v in values.items()):
            for key, value in values.items():
                setattr(state, key, value)
            db.session.add(state)
            changed += 1
    db.session.flush()
    return changed
