"""The detained person of a new case, named from the registry without JavaScript: by name."""
from __future__ import annotations

import html

from sqlalchemy import func, select

from casework.core.persons import Person
from casework.detention.cases.models import DetentionCase
from casework.extensions import db
from tests.conftest import sign_in
from tests.pages import form_with


def _open(client, facility, person: str):
    form = form_with(client.get("/detention/cases/new"), "issue")
    form.update({"person_id": [person], "facility_id": [str(facility.id)], "issue": ["no_legal_basis"]})
    return client.post("/detention/cases/new", data=form)


def test_a_detainee_typed_by_name_is_the_person_of_the_registry(client, users, facility):
    known = Person(family_name="Palacios", given_names="Luz", unit_id=facility.unit_id)
    db.session.add(known)
    db.session.commit()
    sign_in(client, users["officer"])

    response = _open(client, facility, "Luz Palacios")

    assert response.status_code == 303, html.unescape(response.get_data(as_text=True))[-2000:]
    case = db.session.scalar(select(DetentionCase))
    assert case.person_id == known.id
    assert db.session.scalar(select(func.count()).select_from(Person)) == 1


def test_a_name_in_nobody_s_registry_is_refused_with_the_name_kept(client, users, facility):
    sign_in(client, users["officer"])

    response = _open(client, facility, "Palacios")

    assert response.status_code == 400
    assert "Nobody in the registry you can see is named “Palacios”." in html.unescape(response.get_data(as_text=True))
    assert form_with(response, "issue")["person_id"] == ["Palacios"]
    assert db.session.scalar(select(DetentionCase)) is None
