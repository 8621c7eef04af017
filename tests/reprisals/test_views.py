"""Opening a case from the form, and the forms of the case page re-rendered with the reason."""
from __future__ import annotations

from sqlalchemy import select

from casework.extensions import db
from casework.reprisals.models import ReprisalCase
from tests.conftest import sign_in


def _allegation(states, **changes) -> dict:
    data = {"title": "Journalist banned from travelling to Geneva", "state_id": states["MEX"].id,
            "received_on": "2026-10-01", "engaged_body": "human_rights_council", "engagement_type": "side event",
            "kind": "individual", "family_name": "Beltrán", "given_names": "Lucía", "sex": "female", "minor": "y"}
    data.update(changes)
    return data


def test_opening_a_case_makes_it_confidential_and_assigned(client, users, states):
    sign_in(client, users["officer"])
    response = client.post("/reprisals/new", data=_allegation(states))
    assert response.status_code == 303
    case = db.session.scalar(select(ReprisalCase))
    assert case.confidential and case.victims[0].minor and case.victims[0].person.family_name == "Beltrán"
    assert {a.user_id for a in case.assignments} == {users["officer"].id, users["supervisor"].id}
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Journalist banned from travelling to Geneva" in page and "Allegation received" in page


def test_an_incomplete_allegation_comes_back_with_what_was_typed(client, users, states):
    sign_in(client, users["officer"])
    response = client.post("/reprisals/new", data=_allegation(states, family_name=""))
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert "Give the family name" in page and "Journalist banned from travelling to Geneva" in page
    assert db.session.scalar(select(ReprisalCase.id)) is None


def test_an_allegation_without_its_state_says_so_by_the_field(client, users, states):
    sign_in(client, users["officer"])
    response = client.post("/reprisals/new", data=_allegation(states, state_id=0))
    assert response.status_code == 400
    state_field = response.get_data(as_text=True).split('id="state_id"')[1].split("</div>")[0]
    assert "Choose the State." in state_field
    assert db.session.scalar(select(ReprisalCase.id)) is None


def test_the_assign_list_offers_only_team_members(make_reprisal, client, users):
    case = make_reprisal("received")
    sign_in(client, users["supervisor"])
    page = client.get(f"/cases/{case.id}").get_data(as_text=True)
    form = page.split('id="assign-h"')[1]
    assert users["viewer"].email in form and users["outsider"].email not in form
    assert users["secretariat"].email not in form


def test_a_refused_transition_says_why(make_reprisal, client, users):
    case = make_reprisal("received")
    sign_in(client, users["officer"])
    client.post(f"/cases/{case.id}/actions/assess", data={"version": case.version})
    db.session.refresh(case)
    response = client.post(f"/cases/{case.id}/actions/verify", data={"version": case.version})
    assert response.status_code == 422
    assert "Record a risk assessment and a consent record before verification." in response.get_data(as_text=True)


def test_a_consent_is_revoked_only_through_its_own_case(make_reprisal, client, users):
    case = make_reprisal("assessed")
    other = make_reprisal("received", family="Other")
    consent = case.consents[0]
    sign_in(client, users["officer"])
    url = f"/reprisals/{other.id}/consents/{consent.id}/revoke"
    assert client.post(url, data={"revoked_on": "2026-11-20"}).status_code == 404
    db.session.refresh(consent)
    assert consent.revoked_on is None
