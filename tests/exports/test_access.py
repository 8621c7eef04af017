"""Exports never show what the access policy hides: every role, every format, three lists.

The world holds a visible communication of the CCPR, a confidential one assigned to the officer,
and a reprisals case assigned to its team and, here, to the CCPR supervisor.
"""
from __future__ import annotations

import pytest
from sqlalchemy import select

from casework.core.audit import AuditEvent
from casework.exports.models import Export
from casework.extensions import db
from tests.conftest import sign_in
from tests.exports.conftest import (
    CONFIDENTIAL_AUTHOR, CONFIDENTIAL_TITLE, REPRISALS_TITLE, REPRISALS_VICTIM, VISIBLE_AUTHOR, VISIBLE_TITLE, export,
    read_rows,
)
from tests.routes import ROLES

SEES_VISIBLE = {"viewer", "officer", "supervisor", "secretariat", "auditor", "admin"}
SEES_CONFIDENTIAL = {"officer", "admin"}  # assigned, or an administrator
SEES_REPRISALS = {"supervisor", "admin"}  # assigned, or an administrator


def _expected(role: str, visible: str, confidential: str, reprisals: str | None = None) -> set[str]:
    found = {visible} if role in SEES_VISIBLE else set()
    found |= {confidential} if role in SEES_CONFIDENTIAL else set()
    if reprisals is not None and role in SEES_REPRISALS:
        found.add(reprisals)
    return found


def _column(rows: list[list], header: str) -> list:
    index = rows[0].index(header)
    return [row[index] for row in rows[1:]]


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
@pytest.mark.parametrize("role", ROLES[1:])
def test_each_role_exports_exactly_what_it_may_see(client, users, world, role, fmt):
    sign_in(client, users[role])

    communications = read_rows(fmt, export(client, "communications", fmt).data)
    assert set(_column(communications, "Title")) == _expected(role, VISIBLE_TITLE, CONFIDENTIAL_TITLE)

    reprisals = read_rows(fmt, export(client, "reprisals", fmt).data)
    assert set(_column(reprisals, "Title")) == ({REPRISALS_TITLE} if role in SEES_REPRISALS else set())

    persons = read_rows(fmt, export(client, "persons", fmt).data)
    assert set(_column(persons, "Family name")) == _expected(role, VISIBLE_AUTHOR, CONFIDENTIAL_AUTHOR,
                                                            REPRISALS_VICTIM)


@pytest.mark.parametrize("role", ROLES[1:])
def test_every_list_exports_for_every_role_without_leaking(client, users, world, role):
    """Each exportable list answers each role with a file that names nothing hidden from it."""
    from casework.exports.registry import all_lists

    sign_in(client, users[role])
    hidden = []
    if role not in SEES_CONFIDENTIAL:
        hidden += [CONFIDENTIAL_TITLE, CONFIDENTIAL_AUTHOR]
    if role not in SEES_REPRISALS:
        hidden += [REPRISALS_TITLE, REPRISALS_VICTIM]
    for exportable in all_lists():
        response = export(client, exportable.name, "csv")
        assert response.status_code == 200, exportable.name
        text = response.data.decode("utf-8-sig")
        assert not [word for word in hidden if word in text], exportable.name


def test_an_export_is_audited_with_who_what_and_which_filters(client, users, world):
    sign_in(client, users["officer"])
    export(client, "communications", "xlsx", state=str(world.states["MEX"].id), sort="number", dir="asc")
    record = db.session.scalars(select(Export)).one()
    assert (record.user_id, record.list_name, record.format, record.rows_total) == (
        users["officer"].id, "communications", "xlsx", 1)
    assert record.filters == {"state": [str(world.states["MEX"].id)], "sort": ["number"], "dir": ["asc"]}
    event = db.session.scalars(select(AuditEvent).where(AuditEvent.object_type == "exports")).one()
    assert event.actor_id == users["officer"].id and event.action == "create"


def test_each_reprisals_case_exported_is_a_download_in_its_trail(client, users, world):
    sign_in(client, users["supervisor"])
    export(client, "reprisals", "csv")
    downloads = db.session.scalars(select(AuditEvent).where(
        AuditEvent.action == "download", AuditEvent.case_id == world.reprisal.id)).all()
    assert [e.actor_id for e in downloads] == [users["supervisor"].id]


def test_the_old_csv_addresses_still_answer_through_the_same_exports(app, users, world):
    assigned, team_viewer = app.test_client(), app.test_client()
    sign_in(assigned, users["supervisor"])
    rows = read_rows("csv", assigned.get("/reprisals/export.csv").data)
    assert _column(rows, "Title") == [REPRISALS_TITLE]
    sign_in(team_viewer, users["viewer"])
    assert read_rows("csv", team_viewer.get("/reprisals/export.csv").data) == [rows[0]]


SEES_CED_AUTHORS = {"outsider"}  # the supervisor of the CED unit; nobody outside the unit, not even an administrator
SEES_CED_CASES = {"outsider", "secretariat", "auditor", "admin"}


@pytest.fixture
def urgent_action(users, units, export_states):
    from casework.urgent_actions import operations as ua_ops
    from casework.core.persons import Sex
    from tests.urgent_actions.conftest import ALL_MET, event

    ced = users["outsider"]
    ua = ua_ops.create_urgent_action(event(export_states), [ua_ops.PersonInput("Mondragón", "Julio", Sex.MALE, age=22)],
                                     units["CED"], ced)
    ua_ops.decide_registration(ua, "register", ALL_MET, "All criteria met.", ced)
    db.session.commit()
    return ua


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
@pytest.mark.parametrize("role", ROLES[1:])
def test_authors_of_urgent_actions_stay_hidden_outside_the_unit(client, users, urgent_action, role, fmt):
    from tests.urgent_actions.conftest import AUTHOR_FAMILY

    sign_in(client, users[role])
    persons = set(_column(read_rows(fmt, export(client, "persons", fmt).data), "Family name"))
    assert (AUTHOR_FAMILY in persons) == (role in SEES_CED_AUTHORS)
    assert ("Mondragón" in persons) == (role in SEES_CED_CASES)
    urgent_actions = read_rows(fmt, export(client, "urgent_actions", fmt).data)
    assert _column(urgent_actions, "Disappeared person") == (["Julio MONDRAGÓN"] if role in SEES_CED_CASES else [])
    assert AUTHOR_FAMILY not in str(urgent_actions)
