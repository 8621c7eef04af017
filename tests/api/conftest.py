"""Fixtures for the API: tokens for any user, and a world with every kind of record to hide or show.

The world, around the shared users (CCPR roles, a CED supervisor as outsider):
- an open CCPR communication, and a confidential one assigned to the officer;
- a CED urgent action whose author only the CED unit may know;
- a reprisals case, seen only by the reprisals officer who opened it (and administrators).
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pytest

from casework.api.tokens import create_token
from casework.auth.models import Role
from casework.communications import operations as comm_ops
from casework.core.cases import CaseAssignment
from casework.core.persons import Sex
from casework.core.units import Unit, UnitKind
from casework.extensions import db
from casework.reprisals import operations as rep_ops
from casework.reprisals.models import UNBody, VictimKind
from casework.urgent_actions import operations as ua_ops

CED_AUTHOR = "Quetzalcoatl-Ibarra"  # distinctive: a leak anywhere is found by looking for it
REPRISAL_VICTIM = "Zarkanova-Quill"
SECRET_AUTHOR = "Okonkwo-Lindqvist"


@pytest.fixture
def units(units) -> dict[str, Unit]:
    team = Unit(code="REPRISALS", name="Reprisals team", kind=UnitKind.REPRISALS_TEAM)
    db.session.add(team)
    db.session.commit()
    return {**units, "REPRISALS": team}


@pytest.fixture
def token_for(app):
    """A new token of `user`; returns its secret, as the page shows it once."""
    def make(user, name: str = "script", expires_on: date | None = None) -> str:
        _token, secret = create_token(user, name, expires_on, user)
        db.session.commit()
        return secret

    return make


class Api:
    """The test client, speaking JSON with a bearer token."""

    def __init__(self, client, secret: str | None):
        self.client, self.secret = client, secret

    def _headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.secret}"} if self.secret else {}

    def get(self, url: str, **params):
        return self.client.get(url, headers=self._headers(), query_string=params)

    def post(self, url: str, body=None, **kwargs):
        return self.client.post(url, headers=self._headers(), json=body, **kwargs)


@pytest.fixture
def api_as(client, token_for):
    def make(user) -> Api:
        return Api(client, token_for(user) if user is not None else None)

    return make


@dataclass
class World:
    users: dict
    communication: object
    secret_communication: object
    urgent_action: object
    reprisal: object
    rep_officer: object


def receive(users, states, family: str = "Haddad", committee: str = "CCPR", units=None):
    intake = comm_ops.Intake(state_id=states["MEX"].id, received_on=date(2026, 3, 1),
                             authors=[comm_ops.NameInput(family, "Samir")], subject_matter="Deportation to torture")
    return comm_ops.receive_communication(units[committee], intake, users["officer"])


@pytest.fixture
def world(users, units, states, make_user) -> World:
    communication = receive(users, states, units=units)
    secret = receive(users, states, family=SECRET_AUTHOR, units=units)
    secret.confidential = True
    db.session.add(CaseAssignment(case_id=secret.id, user_id=users["officer"].id))
    event = ua_ops.Disappearance(state_id=states["MEX"].id, received_on=date(2026, 3, 2),
                                 authors=[ua_ops.PersonInput(CED_AUTHOR, "Rosalinda", Sex.FEMALE)],
                                 authors_relationship="Mother", authors_contact="+52 55 0000 0000")
    urgent_action = ua_ops.create_urgent_action(event, [ua_ops.PersonInput("Mondragón", "Julio", Sex.MALE, age=22)],
                                                units["CED"], users["outsider"])
    rep_officer = make_user("reprisals", ("REPRISALS", Role.CASE_OFFICER))
    reprisal = rep_ops.create_case(
        rep_ops.Allegation(title="Defender detained after briefing the Committee", state_id=states["IRQ"].id,
                           received_on=date(2026, 6, 3), engaged_body=UNBody.TREATY_BODY),
        [rep_ops.VictimInput(VictimKind.INDIVIDUAL, family_name=REPRISAL_VICTIM, given_names="Oleksandra")],
        units["REPRISALS"], rep_officer)
    db.session.commit()
    return World(users, communication, secret, urgent_action, reprisal, rep_officer)
