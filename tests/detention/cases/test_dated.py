"""A case recorded after the day it was opened: the reference takes the year of that day, and a
case identified at a visit cannot be opened before the visit."""
from __future__ import annotations

from datetime import date

from sqlalchemy import select

from casework.detention.cases.models import DetentionCase
from casework.extensions import db
from tests.conftest import sign_in
from tests.pages import form_with, words


def _new_case_form(client, url: str = "/detention/cases/new") -> dict:
    return {**form_with(client.get(url), "issue"), "family_name": "Palacios", "given_names": "Luz",
            "sex": "female", "issue": "no_legal_basis"}


def test_a_case_recorded_afterwards_takes_the_reference_of_the_year_it_was_opened(client, users, facility):
    sign_in(client, users["officer"])
    form = _new_case_form(client)
    assert form["opened_on"] == [date.today().isoformat()]  # the page offers today
    response = client.post("/detention/cases/new", data={**form, "facility_id": facility.id,
                                                         "opened_on": "2025-11-03"})
    assert response.status_code == 303
    case = db.session.scalar(select(DetentionCase))
    assert case.reference == f"{facility.unit.code}/IC/2025/001"


def test_a_case_from_a_visit_cannot_be_opened_before_the_visit(client, users, facility, make_visit):
    visit = make_visit(facility, date(2025, 3, 12))
    db.session.commit()
    sign_in(client, users["officer"])
    url = f"/detention/cases/new?visit_id={visit.id}"
    refused = client.post(url, data={**_new_case_form(client, url), "opened_on": "2025-03-01"})
    assert refused.status_code == 400
    assert "cannot be opened before the visit began, on Mar 12, 2025" in words(refused)
    assert form_with(refused, "issue")["opened_on"] == ["2025-03-01"]  # kept, to correct
    assert db.session.scalar(select(DetentionCase)) is None
