"""Fixtures for the petitions procedure: committees, a State, and communications at any stage."""
from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

import pytest

from casework.communications import operations as ops
from casework.communications.models import Communication
from casework.core.states import State, UNStatus
from casework.core.units import Unit, UnitKind
from casework.extensions import db



@pytest.fixture
def states(states) -> dict[str, State]:
    """The shared States, and France for complaints against a second State."""
    france = State(iso2="FR", iso3="FRA", name="France", un_status=UNStatus.MEMBER,
                   mission_name="Permanent Mission of France to the United Nations Office at Geneva")
    db.session.add(france)
    db.session.commit()
    return {**states, "FRA": france}


@pytest.fixture
def committee(units) -> Callable[[str], Unit]:
    def get(code: str) -> Unit:
        if code in units:
            return units[code]
        unit = Unit(code=code, name=code, kind=UnitKind.COMMITTEE)
        db.session.add(unit)
        db.session.commit()
        units[code] = unit
        return unit

    return get


@pytest.fixture
def make_communication(users, states, committee) -> Callable[..., Communication]:
    """A communication received (and, with `register=True`, registered) before the CCPR by default."""
    def make(*, code: str = "CCPR", author: tuple[str, str] = ("Pérez", "José"), state: str = "MEX",
             register: bool = False, received_on: date = date(2026, 3, 2)) -> Communication:
        communication = ops.receive_communication(committee(code), ops.Intake(
            state_id=states[state].id, received_on=received_on, authors=[ops.NameInput(*author)],
            articles_invoked=["CCPR-7", "CCPR-14-1"], subject_matter="Deportation to a risk of torture",
        ), users["officer"])
        if register:
            registered_on = min(received_on + timedelta(days=30), date.today())  # 1 April for the default
            ops.register_communication(communication, users["supervisor"], registered_on)
        db.session.commit()
        return communication

    return make


@pytest.fixture
def client_for(app) -> Callable:
    """A browser of its own for each user, signed in through the login form."""
    from tests.conftest import sign_in

    def make(user):
        client = app.test_client()
        sign_in(client, user)
        return client

    return make
