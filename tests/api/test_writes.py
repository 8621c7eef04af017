"""Creating through the API: the module's own rules, the role's permissions, the audit trail."""
from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import select

from casework.api.tokens import AccessToken
from casework.auth.models import Role
from casework.core.audit import AuditEvent
from casework.core.cases import Case
from casework.core.persons import Person
from casework.core.units import Unit, UnitKind
from casework.detention.places.models import Facility, FacilityType
from casework.extensions import db
from casework.special_procedures.operations import ensure_mandates
from casework.special_procedures.models import Mandate
from tests.routes import ROLES

COMPLAINT = {"state": "MEX", "received_on": "2026-03-01", "author": {"family_name": "Pérez", "given_names": "José"},
             "subject_matter": "Deportation to torture", "articles_invoked": ["ccpr-7", "CCPR-14-1"]}
# CCPR roles: the officer, the supervisor and the administrator create; the CED supervisor
# may create communications, but not for CCPR; the others may not create at all.
CREATE_COMMUNICATION = {"viewer": 403, "officer": 201, "supervisor": 201, "outsider": 422, "secretariat": 403,
                        "auditor": 403, "admin": 201}


@pytest.mark.parametrize("role", ROLES)
def test_who_may_record_a_complaint(role, users, states, api_as):
    api = api_as(users.get(role))
    response = api.post("/api/v1/communications", {**COMPLAINT, "committee": "CCPR"})
    expected = 401 if role == "anonymous" else CREATE_COMMUNICATION[role]
    assert response.status_code == expected, response.json
    assert db.session.scalar(select(Case.id)) is None or expected == 201
    if expected == 201:
        assert response.json["module"] == "communications" and response.json["status"] == "received"
        assert response.json["details"]["articles_invoked"] == ["CCPR-7", "CCPR-14-1"]
        assert response.json["unit"]["code"] == "CCPR"


def test_a_created_case_is_audited_with_the_user_and_the_token(users, states, api_as):
    api = api_as(users["officer"])
    case_id = api.post("/api/v1/communications", COMPLAINT).json["id"]
    created = db.session.scalar(select(AuditEvent).where(AuditEvent.object_type == "communications",
                                                         AuditEvent.object_id == str(case_id)))
    token = db.session.scalar(select(AccessToken))
    assert created.action == "create" and created.actor_id == users["officer"].id
    assert created.detail == {"api_token": {"id": token.id, "name": "script"}}


def test_possible_duplicates_are_confirmed_first(users, states, api_as):
    api = api_as(users["officer"])
    assert api.post("/api/v1/communications", COMPLAINT).status_code == 201
    again = api.post("/api/v1/communications", COMPLAINT)
    assert again.status_code == 409 and "duplicates_checked" in again.json["error"]["message"]
    assert api.post("/api/v1/communications", {**COMPLAINT, "duplicates_checked": True}).status_code == 201


def test_invalid_fields_answer_422_with_a_message_per_field(users, states, api_as):
    api = api_as(users["officer"])
    response = api.post("/api/v1/communications", {"state": "XX", "author": {"given_names": "José"},
                                                   "articles_invoked": ["article seven"], "colour": "blue"})
    assert response.status_code == 422
    fields = response.json["error"]["fields"]
    assert {"state", "received_on", "author.family_name", "articles_invoked", "colour"} <= set(fields)
    assert "article code" in fields["articles_invoked"][0]
    late = api.post("/api/v1/communications", {**COMPLAINT, "submitted_on": "2026-04-01"})
    assert late.status_code == 422 and "dated after it was received" in str(late.json["error"]["fields"])
    unknown = api.post("/api/v1/communications", {**COMPLAINT, "state": "ZZZ"})
    assert unknown.status_code == 422 and unknown.json["error"]["fields"]["state"][0].startswith("There is no State")
    assert db.session.scalar(select(Case.id)) is None


def test_malformed_bodies_and_wrong_content_types(users, states, api_as, client):
    secret = api_as(users["officer"]).secret
    headers = {"Authorization": f"Bearer {secret}"}
    broken = client.post("/api/v1/persons", data='{"family_name": ', headers=headers,
                         content_type="application/json")
    assert broken.status_code == 400 and broken.json["error"]["message"] == "The body is not valid JSON."
    form = client.post("/api/v1/persons", data={"family_name": "X"}, headers=headers)
    assert form.status_code == 415
    listed = client.post("/api/v1/persons", json=["not", "an", "object"], headers=headers)
    assert listed.status_code == 422 and listed.json["error"]["fields"] == {"body": ["Send a JSON object."]}
    nul = client.post("/api/v1/persons", json={"family_name": "A\x00B", "unit": "CCPR"}, headers=headers)
    assert nul.status_code == 422 and "NUL" in str(nul.json["error"]["fields"])


def test_unknown_addresses_and_methods_answer_json(users, api_as, client):
    api = api_as(users["officer"])
    missing = api.get("/api/v1/no-such-thing")
    assert missing.status_code == 404 and missing.json["error"]["status"] == 404
    wrong = client.delete("/api/v1/cases", headers={"Authorization": f"Bearer {api.secret}"})
    assert wrong.status_code == 405 and "GET" in wrong.headers["Allow"] and wrong.json["error"]["status"] == 405
    assert api.get("/api/v1/cases", limit=1000).status_code == 422
    assert api.get(f"/api/v1/cases/{2**40}").status_code == 404


def test_register_a_person_with_other_spellings(users, states, api_as):
    api = api_as(users["officer"])
    body = {"family_name": "Haddad", "given_names": "Samir", "sex": "male", "nationality": "IRQ", "unit": "CCPR",
            "other_names": [{"name": "سمير حداد", "script": "Arabic"}]}
    response = api.post("/api/v1/persons", body)
    assert response.status_code == 201, response.json
    assert response.json["other_names"] == [{"name": "سمير حداد", "script": "Arabic"}]
    assert response.json["nationality"] == "IRQ"
    assert api.get("/api/v1/persons", q="haddad").json["total"] == 1
    assert api_as(users["viewer"]).post("/api/v1/persons", body).status_code == 403
    elsewhere = api_as(users["outsider"]).post("/api/v1/persons", body)
    assert elsewhere.status_code == 422 and "CED" in elsewhere.json["error"]["fields"]["unit"][0]
    future = api.post("/api/v1/persons", {**body, "date_of_birth": str(date.today() + timedelta(days=1))})
    assert future.status_code == 422 and "date_of_birth" in future.json["error"]["fields"]
    assert len(db.session.scalars(select(Person)).all()) == 1


def test_record_an_urgent_action_as_a_ced_member_only(users, states, api_as):
    body = {"state": "MEX", "received_on": "2026-03-02", "language": "es",
            "disappeared": {"family_name": "Mondragón", "given_names": "Julio", "sex": "male", "age": 22},
            "author": {"family_name": "Ibarra"}, "complaint": {"authority": "Fiscalía", "filed_on": "2026-02-22"}}
    assert api_as(users["officer"]).post("/api/v1/urgent-actions", body).status_code == 403
    response = api_as(users["outsider"]).post("/api/v1/urgent-actions", body)
    assert response.status_code == 201, response.json
    assert response.json["module"] == "urgent_actions" and response.json["details"]["state"] == "MEX"
    late = api_as(users["outsider"]).post("/api/v1/urgent-actions", {**body, "last_seen_on": "2026-04-01"})
    assert late.status_code == 422


def test_record_a_visit_to_a_place_of_the_field_office(users, states, units, make_user, api_as):
    office = units["FO-COL"] = Unit(code="FO-COL", name="Colombia", kind=UnitKind.FIELD_OFFICE)
    db.session.add(office)
    db.session.flush()
    place = Facility(unit_id=office.id, state_id=states["MEX"].id, name="Cárcel de San Isidro",
                     facility_type=FacilityType.PRISON, capacity=100)
    db.session.add(place)
    db.session.commit()
    monitor = make_user("monitor", ("FO-COL", Role.CASE_OFFICER))
    body = {"facility_id": place.id, "started_on": "2026-03-12"}
    assert api_as(users["officer"]).post("/api/v1/detention/visits", body).status_code == 403
    response = api_as(monitor).post("/api/v1/detention/visits", body)
    assert response.status_code == 201, response.json
    assert response.json["reference"] == "FO-COL/DV/2026/001" and response.json["details"]["state"] == "MEX"
    future = api_as(monitor).post("/api/v1/detention/visits", {**body, "started_on": "2999-01-01"})
    assert future.status_code == 422 and "future" in future.json["error"]["fields"]["started_on"][0]
    assert api_as(monitor).post("/api/v1/detention/visits", {**body, "facility_id": 999}).status_code == 422


def test_draft_a_special_procedures_communication(users, states, units, make_user, api_as):
    units["SR-HRD"] = Unit(code="SR-HRD", name="Special Rapporteur on human rights defenders", kind=UnitKind.MANDATE)
    db.session.add(units["SR-HRD"])
    db.session.flush()
    ensure_mandates()
    db.session.commit()
    mandate = db.session.scalar(select(Mandate))
    desk = make_user("desk", ("SR-HRD", Role.CASE_OFFICER))
    body = {"lead_mandate_id": mandate.id, "comm_type": "AL", "title": "Arrest of three defenders",
            "states": ["MEX"], "non_state": [{"name": "Acme Mining Ltd.", "copy_states": ["IRQ"]}],
            "source": "A trusted NGO"}
    assert api_as(users["officer"]).post("/api/v1/special-procedures", body).status_code == 403
    response = api_as(desk).post("/api/v1/special-procedures", body)
    assert response.status_code == 201, response.json
    assert [a["state"] for a in response.json["details"]["addressees"]] == ["MEX", None]
    assert "A trusted NGO" not in response.get_data(as_text=True)
    assert api_as(desk).post("/api/v1/special-procedures", {**body, "comm_type": "XX"}).status_code == 422


def test_open_a_reprisals_case_as_a_team_member_only(world, api_as):
    body = {"title": "Lawyer threatened after the review", "state": "MEX", "received_on": "2026-05-01",
            "engaged_body": "treaty_body", "victim": {"kind": "individual", "family_name": "Lindqvist"}}
    assert api_as(world.users["supervisor"]).post("/api/v1/reprisals", body).status_code == 403
    response = api_as(world.rep_officer).post("/api/v1/reprisals", body)
    assert response.status_code == 201, response.json
    assert response.json["confidential"] is True
    assert response.json["id"] not in {c["id"] for c in
                                       api_as(world.users["secretariat"]).get("/api/v1/cases").json["items"]}
    nameless = api_as(world.rep_officer).post("/api/v1/reprisals", {**body, "victim": {"kind": "group"}})
    assert nameless.status_code == 422 and "organisation or group" in nameless.json["error"]["fields"]["victim"][0]
