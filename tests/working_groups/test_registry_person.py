"""The person concerned by a working group's communication, named from the registry without
JavaScript: typed by name, as the intake of a complaint takes it."""
from __future__ import annotations

import html

from sqlalchemy import func, select

from casework.core.persons import Person
from casework.extensions import db
from casework.working_groups.models import DetentionCommunication
from tests.conftest import sign_in
from tests.pages import form_with
from tests.working_groups.conftest import SOURCE

NEW = "/working-groups/arbitrary-detention/new"


def _registered(unit, family: str, given: str) -> Person:
    person = Person(family_name=family, given_names=given, unit_id=unit.id)
    db.session.add(person)
    db.session.commit()
    return person


def _submit(client, states, person: str):
    data = form_with(client.get(NEW), "source_name")
    data.update({"person_id": [person], "state_id": [str(states["IRQ"].id)], "received_on": ["2026-01-05"],
                 "place_of_detention": ["Central prison, Baghdad"], "summary": ["Arrested at a demonstration."],
                 "source_name": [SOURCE]})
    return client.post(NEW, data=data)


def _persons() -> int:
    return db.session.scalar(select(func.count()).select_from(Person))


def test_a_name_typed_without_javascript_names_the_one_person_who_has_it(client, users, units, states):
    known = _registered(units["WGAD"], "Karimi", "Dara")
    sign_in(client, users["officer"])

    response = _submit(client, states, "dara karimi")

    assert response.status_code == 303, html.unescape(response.get_data(as_text=True))[-2000:]
    case = db.session.scalar(select(DetentionCommunication))
    assert [p.id for p in case.subjects] == [known.id] and _persons() == 1  # linked, not registered again


def test_a_name_several_persons_have_is_refused_listing_them_with_the_name_kept(client, users, units, states):
    first, second = _registered(units["WGAD"], "Karimi", "Dara"), _registered(units["WGAD"], "Karimi", "Leyla")
    sign_in(client, users["officer"])

    response = _submit(client, states, "Karimi")

    page = html.unescape(response.get_data(as_text=True))
    assert response.status_code == 400
    assert f"Several persons are named “Karimi”: Dara KARIMI (no. {first.id}), Leyla KARIMI (no. {second.id})" in page
    assert form_with(response, "source_name")["person_id"] == ["Karimi"]
    assert db.session.scalar(select(DetentionCommunication)) is None


def test_a_name_nobody_the_user_may_see_has_is_refused_and_nobody_is_registered(client, users, units, states):
    _registered(units["CCPR"], "Karimi", "Dara")  # registered by a unit the officer does not work in
    sign_in(client, users["officer"])

    response = _submit(client, states, "Karimi")

    page = html.unescape(response.get_data(as_text=True))
    assert response.status_code == 400
    assert "Nobody in the registry you can see is named “Karimi”." in page and "Dara" not in page
    assert db.session.scalar(select(DetentionCommunication)) is None and _persons() == 1


def test_the_number_the_picker_fills_in_still_names_the_person(client, users, units, states):
    known = _registered(units["WGAD"], "Karimi", "Dara")
    sign_in(client, users["officer"])

    assert _submit(client, states, str(known.id)).status_code == 303
    assert [p.id for p in db.session.scalar(select(DetentionCommunication)).subjects] == [known.id]
