"""A field office sees its own visits, places, cases and figures, through the one access policy;
interviews with detainees are for the team only, and every reading of them is recorded."""
from __future__ import annotations

from datetime import date

from sqlalchemy import select

from casework.core.audit import AuditEvent
from casework.core.permissions import visible_cases
from casework.detention.figures import figures
from casework.detention.filters import Filters
from casework.detention.operations import Detainee, find_or_register_person
from casework.detention.visits import operations as ops
from casework.detention.visits.models import Consent, Visit
from casework.extensions import db
from tests.conftest import sign_in
from tests.pages import link, text


def test_a_field_office_sees_only_its_own_visits(client, users, make_facility, make_visit):
    colombia = make_visit(make_facility("FO-COL", "Cárcel de San Isidro"), date(2025, 3, 12), pop_total=150)
    mexico = make_visit(make_facility("FO-MEX", "Estación Migratoria Frontera Sur"), date(2025, 5, 14), pop_total=900)

    def seen_by(role):
        return set(db.session.scalars(visible_cases(users[role], Visit)))

    assert seen_by("officer") == seen_by("viewer") == seen_by("supervisor") == {colombia}
    assert seen_by("outsider") == {mexico}  # the Mexico office's supervisor
    assert seen_by("secretariat") == seen_by("auditor") == seen_by("admin") == {colombia, mexico}

    sign_in(client, users["officer"])
    listing = text(client.get("/detention/"))
    assert colombia.number in listing and mexico.number not in listing
    assert client.get(f"/cases/{mexico.id}").status_code == 404  # it does not exist for them
    assert client.get(f"/detention/visits/{mexico.id}/edit").status_code == 404
    assert client.get(f"/detention/facilities/{mexico.facility_id}").status_code == 404
    assert "Frontera Sur" not in text(client.get("/detention/facilities/"))
    assert "No visits match." in text(client.get(f"/detention/?q={mexico.number}"))

    rows, total = figures(users["officer"], Filters())
    assert [(r.unit.code, r.visits) for r in rows] == [("FO-COL", 1)] and total.visits == 1
    rows, total = figures(users["secretariat"], Filters())
    assert sorted((r.unit.code, r.visits) for r in rows) == [("FO-COL", 1), ("FO-MEX", 1)]


def test_a_field_office_records_visits_for_itself_only(client, users, make_facility):
    mexico_place = make_facility("FO-MEX", "Estación Migratoria Frontera Sur")
    sign_in(client, users["officer"])
    response = client.post("/detention/visits/new", data={"facility_id": mexico_place.id, "started_on": "2025-03-12"})
    assert response.status_code == 400  # not a place it can choose
    assert db.session.scalar(select(Visit)) is None
    client.post("/logout")
    sign_in(client, users["secretariat"])  # a viewer everywhere records nothing
    assert client.get("/detention/visits/new").status_code == 403


def test_interviews_are_for_the_team_and_each_reading_is_recorded(app, users, facility, make_visit):
    visit = make_visit(facility)
    person = find_or_register_person(visit.unit_id, Detainee("Rentería", "Yadira"), users["officer"])
    ops.add_interview(visit, person, Consent.NONE, True, "Untreated diabetes.", users["officer"])
    db.session.commit()
    assert person.protected_identity

    for role in ("viewer", "secretariat", "auditor"):
        client = app.test_client()
        sign_in(client, users[role])
        page = text(client.get(f"/cases/{visit.id}"))
        assert "1 detainee interviewed." in page
        assert "Rentería" not in page and "diabetes" not in page
        assert client.get(f"/detention/visits/{visit.id}/interviews").status_code == 403

    client = app.test_client()
    sign_in(client, users["officer"])
    page = text(client.get(f"/detention/visits/{visit.id}/interviews"))
    assert "Yadira RENTERÍA" in page and "Untreated diabetes." in page
    readings = db.session.scalars(select(AuditEvent).where(
        AuditEvent.action == "view", AuditEvent.case_id == visit.id)).all()
    assert [(r.actor_id, r.detail) for r in readings] == [(users["officer"].id, {"interviews": 1})]
    created = db.session.scalar(select(AuditEvent).where(AuditEvent.object_type == "detention_interviews"))
    assert created.changes["notes"] == "[redacted]"  # the trail says an interview was added, not what was said


def test_the_summary_report_names_no_one_interviewed(users, facility, make_visit):
    visit = make_visit(facility, pop_total=150)
    person = find_or_register_person(visit.unit_id, Detainee("Rentería", "Yadira"), users["officer"])
    ops.add_interview(visit, person, Consent.NAMED, True, "Untreated diabetes.", users["officer"])
    report = ops.draft_visit_report(visit, "en", users["officer"])
    assert "interviewed 1 detainees in private" in report.body
    assert "Rentería" not in report.body and "diabetes" not in report.body


def test_an_interviewed_person_of_a_confidential_case_is_named_but_not_linked(app, users, facility, make_visit,
                                                                              make_case):
    """The head of office reads the interviews of the office's visit; the person is also in a
    confidential case the head is not assigned to, so the registry page would not open for them."""
    from casework.core.persons import CasePerson, PersonRole

    visit = make_visit(facility)
    person = find_or_register_person(visit.unit_id, Detainee("Rentería", "Yadira"), users["officer"])
    ops.add_interview(visit, person, Consent.NONE, True, "Untreated diabetes.", users["officer"])
    hidden = make_case("FO-COL", confidential=True, reference="FO-COL/IC/2025/1", assigned=(users["officer"],))
    db.session.add(CasePerson(case_id=hidden.id, person_id=person.id, role=PersonRole.DETAINEE))
    db.session.commit()

    for role, linked in (("supervisor", False), ("officer", True)):
        client = app.test_client()
        sign_in(client, users[role])
        page = client.get(f"/detention/visits/{visit.id}/interviews")
        assert "Yadira RENTERÍA" in text(page)
        assert (link(page, "Yadira RENTERÍA") == f"/persons/{person.id}") is linked
        assert client.get(f"/persons/{person.id}").status_code == (200 if linked else 404)
