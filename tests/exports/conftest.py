"""A world for exports: a visible communication, a confidential one of the same committee, and a
reprisals case, around the shared users (all working for the CCPR, the outsider for CED)."""
from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import date

import pytest
from openpyxl import load_workbook

from casework.auth.models import Role
from casework.communications import operations as comm_ops
from casework.communications.models import Communication
from casework.core.cases import CaseAssignment
from casework.core.persons import Sex
from casework.core.states import State, UNStatus
from casework.core.units import Unit, UnitKind
from casework.extensions import db
from casework.reprisals import operations as rep_ops
from casework.reprisals.models import ReprisalCase, UNBody, VictimKind

VISIBLE_TITLE = "Visible case of the Committee"
CONFIDENTIAL_TITLE = "Confidential case of the Committee"
REPRISALS_TITLE = "Defender detained after a briefing"
VISIBLE_AUTHOR, CONFIDENTIAL_AUTHOR, REPRISALS_VICTIM = "Quintanilla", "Ozturkova", "Zarkanova-Quill"


@dataclass
class World:
    visible: Communication
    confidential: Communication
    reprisal: ReprisalCase
    states: dict[str, State]


@pytest.fixture(autouse=True)
def export_folder(app, tmp_path, monkeypatch):
    """Export files go to the test's own folder."""
    monkeypatch.setitem(app.config, "EXPORT_FOLDER", str(tmp_path / "exports"))
    return tmp_path / "exports"


@pytest.fixture
def export_states(app) -> dict[str, State]:
    rows = {iso3: State(iso2=iso2, iso3=iso3, name=name, un_status=UNStatus.MEMBER, mission_name=f"Mission of {name}")
            for iso2, iso3, name in (("MX", "MEX", "Mexico"), ("FR", "FRA", "France"), ("EG", "EGY", "Egypt"))}
    db.session.add_all(rows.values())
    db.session.commit()
    return rows


def receive(users, units, states, *, family: str, title: str, state: str = "MEX", confidential: bool = False,
            received_on: date = date(2026, 3, 2)) -> Communication:
    """A communication received before the CCPR, with its title and confidentiality set for the test."""
    communication = comm_ops.receive_communication(units["CCPR"], comm_ops.Intake(
        state_id=states[state].id, received_on=received_on, authors=[comm_ops.NameInput(family, "Ana")],
        subject_matter="Deportation to a risk of torture"), users["officer"])
    communication.title, communication.confidential = title, confidential
    if confidential:
        db.session.add(CaseAssignment(case_id=communication.id, user_id=users["officer"].id))
    db.session.commit()
    return communication


@pytest.fixture
def world(users, units, make_user, export_states) -> World:
    """The supervisor of the CCPR is also in the reprisals team and assigned to its case; nobody else
    of the 8 roles is."""
    from casework.admin.operations import set_membership

    team = Unit(code="REPRISALS", name="Reprisals team", kind=UnitKind.REPRISALS_TEAM)
    db.session.add(team)
    for code in ("WGAD", "WGEID"):  # the working groups' lists are pages of their units
        db.session.add(Unit(code=code, name=f"Working group {code}", kind=UnitKind.MANDATE))
    db.session.commit()
    units["REPRISALS"] = team
    opener = make_user("reprisals-officer", ("REPRISALS", Role.CASE_OFFICER))
    set_membership(users["supervisor"], team, Role.VIEWER)  # only team members may be assigned
    visible = receive(users, units, export_states, family=VISIBLE_AUTHOR, title=VISIBLE_TITLE)
    confidential = receive(users, units, export_states, family=CONFIDENTIAL_AUTHOR, title=CONFIDENTIAL_TITLE,
                           confidential=True, state="FRA")
    reprisal = rep_ops.create_case(rep_ops.Allegation(
        title=REPRISALS_TITLE, state_id=export_states["EGY"].id, received_on=date(2026, 6, 3),
        engaged_body=UNBody.TREATY_BODY, engaged_body_name="Committee against Torture",
        engagement_type="briefed the Committee", summary="Arrested on her return from Geneva."),
        [rep_ops.VictimInput(VictimKind.INDIVIDUAL, family_name=REPRISALS_VICTIM, given_names="Oleksandra",
                             sex=Sex.FEMALE, description="woman human rights defender")], team, opener)
    db.session.add(CaseAssignment(case_id=reprisal.id, user_id=users["supervisor"].id))
    db.session.commit()
    return World(visible, confidential, reprisal, export_states)


def read_csv(data: bytes) -> list[list[str]]:
    assert data.startswith("\ufeff".encode()), "CSV for Excel starts with a byte-order mark"
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))


def read_xlsx(data: bytes) -> list[list]:
    """The sheet as Excel would read it, through a second library (openpyxl)."""
    sheet = load_workbook(io.BytesIO(data)).worksheets[0]
    return [list(row) for row in sheet.iter_rows(values_only=True)]


def read_rows(fmt: str, data: bytes) -> list[list]:
    return read_csv(data) if fmt == "csv" else read_xlsx(data)


def export(client, name: str, fmt: str, **filters):
    """Press a list's export button with these filters."""
    return client.post(f"/exports/{name}/{fmt}", data=filters)


def fetch(client, url: str):
    """GET a file and close it (a file download holds the file open until closed)."""
    response = client.get(url)
    response.get_data()  # read before closing
    response.close()
    return response
