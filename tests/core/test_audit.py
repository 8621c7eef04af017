"""The audit trail: every change with before/after values, confidential views, append-only."""
from __future__ import annotations

import pytest
from sqlalchemy import select, text
from sqlalchemy.exc import DBAPIError

from casework.core.audit import AuditEvent, acting_as
from casework.core.persons import Person
from casework.extensions import db
from tests.pages import words


def _events(**where):
    stmt = select(AuditEvent).order_by(AuditEvent.id)
    for key, value in where.items():
        stmt = stmt.where(getattr(AuditEvent, key) == value)
    return db.session.scalars(stmt).all()


def test_create_update_delete_are_recorded_with_values(users, units):
    with acting_as(users["officer"].id):
        person = Person(family_name="Haddad", given_names="Samir", unit_id=units["CCPR"].id)
        db.session.add(person)
        db.session.commit()
        person_id = person.id
        person.given_names = "Samir Ali"
        db.session.commit()
        db.session.delete(person)
        db.session.commit()

    created, updated, deleted = _events(object_type="persons")
    assert {e.object_id for e in (created, updated, deleted)} == {str(person_id)}
    assert created.action == "create" and created.changes["family_name"] == "Haddad"
    assert updated.action == "update" and updated.changes == {"given_names": ["Samir", "Samir Ali"]}
    assert deleted.action == "delete" and deleted.changes["given_names"] == "Samir Ali"
    assert {e.actor_id for e in (created, updated, deleted)} == {users["officer"].id}


def test_secrets_are_never_written_to_the_trail(users):
    users["viewer"].set_password("another long password")
    db.session.commit()
    event = _events(object_type="users", object_id=str(users["viewer"].id))[-1]
    assert event.changes == {"password_hash": ["[redacted]", "[redacted]"]}


def test_viewing_a_confidential_case_is_recorded(login, users, make_case):
    secret = make_case(confidential=True, assigned=(users["officer"],))
    open_case = make_case(reference="S 8/2026")
    client = login(users["officer"])
    client.get(f"/cases/{secret.id}")
    client.get(f"/cases/{open_case.id}")
    views = _events(action="view")
    assert [(e.case_id, e.actor_id) for e in views] == [(secret.id, users["officer"].id)]


def test_case_timeline_shows_changes_of_the_case(login, users, make_case):
    case = make_case(officer=users["officer"])
    supervisor_id = users["supervisor"].id  # loading it would flush the change below too early
    case.title = "Renamed case"
    with acting_as(supervisor_id):
        db.session.commit()
    page = login(users["supervisor"]).get(f"/cases/{case.id}").get_data(as_text=True)
    assert "A sample case → Renamed case" in page
    assert "Supervisor" in page[page.index("Audit trail"):]


def test_audit_rows_cannot_be_changed_through_the_app(users):
    event = _events()[0]
    event.action = "nothing happened"
    with pytest.raises(PermissionError, match="append-only"):
        db.session.flush()


@pytest.mark.postgres
def test_database_refuses_to_change_or_delete_audit_rows(users):
    event_id = _events()[0].id
    for statement in ("UPDATE audit_events SET action = 'x' WHERE id = :id",
                      "DELETE FROM audit_events WHERE id = :id"):
        with pytest.raises(DBAPIError, match="append-only"):
            db.session.execute(text(statement), {"id": event_id})
        db.session.rollback()


def test_auditor_log_withholds_changes_of_confidential_cases(login, users, make_case):
    secret = make_case(confidential=True, title="Secret matter", assigned=(users["officer"],))
    secret.title = "Very secret matter"
    db.session.commit()
    page = login(users["auditor"]).get(f"/audit/?case_id={secret.id}").get_data(as_text=True)
    assert "Withheld: confidential record you are not assigned to." in page
    assert "Very secret matter" not in page


def test_audit_log_filters_by_user_and_action(login, users, make_case):
    make_case()
    client = login(users["auditor"])
    page = client.get(f"/audit/?actor={users['auditor'].id}&action=login").get_data(as_text=True)
    assert "1 record" in page
    assert client.get("/audit/?action=login").status_code == 200


def test_auditor_log_withholds_persons_of_confidential_cases_only(login, users, make_case, units):
    from casework.core.persons import CasePerson, PersonRole

    secret = make_case(confidential=True, assigned=(users["officer"],))
    open_case = make_case(reference="S 9/2026")
    hidden = Person(family_name="Qasemi", given_names="Leyla", unit_id=units["CED"].id)
    shown = Person(family_name="Mendoza", given_names="Jorge", unit_id=units["CED"].id)
    db.session.add_all([hidden, shown])
    db.session.flush()
    db.session.add_all([CasePerson(case_id=secret.id, person_id=hidden.id, role=PersonRole.AUTHOR),
                        CasePerson(case_id=open_case.id, person_id=shown.id, role=PersonRole.AUTHOR)])
    db.session.commit()

    page = login(users["auditor"]).get("/audit/?object_type=persons").get_data(as_text=True)
    assert "Mendoza" in page
    assert "Qasemi" not in page and "Leyla" not in page
    assert "Withheld: a person the registry does not show you." in page


def test_the_audit_log_writes_recorded_values_as_words(login, users):
    """An export's filters, a checklist or a list read as words, never as Python prints them."""
    from casework.core import audit

    audit.record(audit.AuditAction.DOWNLOAD, detail={"list": "communications", "filters": {"from": ["2026-01-01"]}})
    db.session.commit()
    page = words(login(users["auditor"]).get("/audit/"))
    assert "filters: from: 2026-01-01" in page
    assert "{'" not in page and "['" not in page
