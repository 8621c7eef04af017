"""Fixtures for detention work: two field offices, users of every role around the Colombia
office (the outsider works for the Mexico office), places of detention and visits."""
from __future__ import annotations

from datetime import date

import pytest

from casework.auth.models import Role
from casework.core.states import State, UNStatus
from casework.core.units import Unit, UnitKind
from casework.detention.places import operations as places
from casework.detention.places.models import Facility, FacilityType
from casework.detention.visits import operations as visits
from casework.extensions import db


@pytest.fixture
def units(units):
    """The root fixture's units, and the Colombia and Mexico field offices."""
    for code, name in (("FO-COL", "OHCHR Country Office in Colombia"), ("FO-MEX", "OHCHR Country Office in Mexico")):
        units[code] = Unit(code=code, name=name, kind=UnitKind.FIELD_OFFICE)
        db.session.add(units[code])
    db.session.commit()
    return units


@pytest.fixture
def users(make_user):
    """One user per role around FO-COL; `outsider` is the supervisor of FO-MEX."""
    return {
        "viewer": make_user("viewer", ("FO-COL", Role.VIEWER)),
        "officer": make_user("officer", ("FO-COL", Role.CASE_OFFICER)),
        "supervisor": make_user("supervisor", ("FO-COL", Role.SUPERVISOR)),
        "outsider": make_user("outsider", ("FO-MEX", Role.SUPERVISOR)),
        "secretariat": make_user("secretariat", ("OHCHR", Role.VIEWER)),
        "auditor": make_user("auditor", auditor=True),
        "admin": make_user("admin", admin=True),
    }


@pytest.fixture
def states(app) -> dict[str, State]:
    rows = {
        "COL": State(iso2="CO", iso3="COL", name="Colombia", un_status=UNStatus.MEMBER,
                     mission_name="Permanent Mission of Colombia to the United Nations Office at Geneva"),
        "MEX": State(iso2="MX", iso3="MEX", name="Mexico", un_status=UNStatus.MEMBER,
                     mission_name="Permanent Mission of Mexico to the United Nations Office at Geneva"),
    }
    db.session.add_all(rows.values())
    db.session.commit()
    return rows


@pytest.fixture
def make_facility(units, states, users):
    def make(code: str = "FO-COL", name: str = "Cárcel de San Isidro", capacity: int | None = 100,
             kind: FacilityType = FacilityType.PRISON) -> Facility:
        state = states["COL" if code == "FO-COL" else "MEX"]
        facility = places.save_facility(None, units[code].id, places.FacilityContent(
            name=name, facility_type=kind, state_id=state.id, authority="INPEC", location="Popayán",
            capacity=capacity), users["admin"])
        db.session.commit()
        return facility

    return make


@pytest.fixture
def facility(make_facility) -> Facility:
    return make_facility()


@pytest.fixture
def make_visit(users):
    def make(place: Facility, day: date = date(2025, 3, 12), actor=None, **population):
        actor = actor or users["officer" if place.unit.code == "FO-COL" else "outsider"]
        visit = visits.record_visit(place, day, actor)
        for name, value in population.items():
            setattr(visit, name, value)
        db.session.commit()
        return visit

    return make
