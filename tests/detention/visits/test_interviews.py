"""Interviews through their page: a detainee named by a number the registry does not give is
refused by that field, and an interview cannot be taken off a reviewed visit; each refusal says
why on the interviews page."""
from __future__ import annotations

from casework.core.persons import Sex
from casework.core.workflow import fire
from casework.detention.operations import Detainee
from casework.detention.visits import operations as ops
from casework.detention.visits.models import Consent, Interview
from casework.extensions import db
from tests.conftest import sign_in
from tests.pages import text


def test_a_person_number_the_registry_does_not_give_is_refused_by_its_field(client, users, facility, make_visit):
    visit = make_visit(facility)
    sign_in(client, users["officer"])
    response = client.post(f"/detention/visits/{visit.id}/interviews", data={"person_id": "999999", "consent": "none"})
    assert response.status_code == 400
    assert "There is no person number 999999 in the registry you can see." in text(response)
    assert db.session.scalars(db.select(Interview)).all() == []


def test_an_interview_stays_on_a_reviewed_visit(client, users, facility, make_visit):
    visit = make_visit(facility, pop_total=10)
    interview = ops.add_interview(visit, Detainee("Rentería", "Yadira", Sex.FEMALE), Consent.NONE, True, "",
                                  users["officer"])
    fire(visit, "submit", users["officer"])
    fire(visit, "review", users["supervisor"])
    db.session.commit()
    sign_in(client, users["officer"])
    response = client.post(f"/detention/visits/{visit.id}/interviews/{interview.id}/remove")
    assert response.status_code == 422
    assert "ask them to reopen it to change it" in text(response)
    assert db.session.get(Interview, interview.id) is not None
