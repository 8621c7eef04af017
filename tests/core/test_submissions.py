"""A form that creates a record, sent twice (a double-click), makes one record."""
from __future__ import annotations

import re

from sqlalchemy import func, select

from casework.core.persons import Person
from casework.extensions import db
from tests.persons.test_registry import _form


def _once(page: str) -> str:
    return re.search(r'name="once" type="hidden" value="([^"]+)"', page).group(1)


def test_a_creating_form_sent_twice_records_once_and_leads_to_the_record(units, users, login):
    client = login(users["officer"])
    data = {**_form(units), "once": _once(client.get("/persons/new").get_data(as_text=True))}
    first = client.post("/persons/new", data=data)
    second = client.post("/persons/new", data=data)
    assert db.session.scalar(select(func.count(Person.id))) == 1
    assert first.status_code == second.status_code == 303
    assert second.headers["Location"] == first.headers["Location"]
    assert "This was already recorded: here it is." in client.get(second.headers["Location"]).get_data(as_text=True)


def test_each_drawing_of_the_page_creates_its_own_record(units, users, login):
    client = login(users["officer"])
    for _ in range(2):
        token = _once(client.get("/persons/new").get_data(as_text=True))
        assert client.post("/persons/new", data={**_form(units), "once": token}).status_code == 303
    assert db.session.scalar(select(func.count(Person.id))) == 2


def test_a_token_taken_by_someone_else_is_not_followed(units, users, login, app):
    client = login(users["officer"])
    data = {**_form(units), "once": _once(client.get("/persons/new").get_data(as_text=True))}
    assert client.post("/persons/new", data=data).status_code == 303
    other = app.test_client()
    from tests.conftest import sign_in

    sign_in(other, users["supervisor"])
    response = other.post("/persons/new", data=data)
    assert response.status_code == 409
    assert db.session.scalar(select(func.count(Person.id))) == 1

