"""Correcting the details of an urgent action through its "Edit details" page."""
from __future__ import annotations

import pytest
from sqlalchemy import select

from casework.auth.models import Role
from casework.core.audit import AuditEvent
from casework.extensions import db
from casework.search import search
from casework.urgent_actions.models import UrgentAction
from tests.conftest import sign_in
from tests.urgent_actions.conftest import AUTHOR_FAMILY


def _form(ua: UrgentAction, **changes) -> dict:
    """What the page posts when nothing is changed, with `changes` typed over it."""
    data = {
        "version": ua.version, "state_id": ua.state_id, "second_state_id": 0,
        "received_on": ua.received_on.isoformat(), "language": ua.language, "age": "22",
        "last_seen_on": ua.last_seen_on.isoformat(), "last_seen_place": ua.last_seen_place,
        "circumstances": ua.circumstances, "alleged_perpetrators": ua.alleged_perpetrators,
        "complaint_authority": "Fiscalía General de la República", "complaint_filed_on": "2026-02-22",
        "complaint_file_number": "FGR/GRO/0042/2026", "other_procedures": "", "protection_needs": ua.protection_needs,
        "authors_relationship": "Mother", "authors_contact": "+52 55 0000 0000",
    }
    data.update(changes)
    return data


def _url(ua: UrgentAction) -> str:
    return f"/urgent-actions/{ua.id}/edit"


def test_the_officer_corrects_the_details_and_the_case_page_shows_them(client, users, make_ua):
    ua = make_ua(events=("transmit_to_state",))
    reference = ua.reference
    sign_in(client, users["officer"])
    page = client.get(ua.url).get_data(as_text=True)
    assert _url(ua) in page and "Edit details" in page
    form = client.get(_url(ua)).get_data(as_text=True)
    assert "Taken from a bus by municipal police officers." in form and 'value="Iguala, Guerrero"' in form

    response = client.post(_url(ua), data=_form(
        ua, last_seen_place="Iguala de la Independencia, Guerrero", age="23",
        circumstances="Taken from a bus near the Palacio de Justicia by municipal police officers."))
    assert response.status_code == 303 and response.headers["Location"] == f"/cases/{ua.id}"
    page = client.get(ua.url).get_data(as_text=True)
    assert "Iguala de la Independencia, Guerrero" in page and "near the Palacio de Justicia" in page
    assert "aged 23" in page
    db.session.expire_all()
    saved = db.session.get(UrgentAction, ua.id)
    assert (saved.reference, saved.status) == (reference, "awaiting_reply")
    assert saved.complaints[0].file_number == "FGR/GRO/0042/2026"
    change = db.session.scalar(select(AuditEvent).where(
        AuditEvent.case_id == ua.id, AuditEvent.action == "update", AuditEvent.object_type == "urgent_actions",
        AuditEvent.actor_id == users["officer"].id).order_by(AuditEvent.id.desc()))
    assert change.changes["last_seen_place"] == ["Iguala, Guerrero", "Iguala de la Independencia, Guerrero"]
    assert change.changes["age_at_disappearance"] == [22, 23]


def test_an_edited_circumstance_is_found_by_search(client, users, make_ua):
    ua = make_ua()
    sign_in(client, users["officer"])
    assert search(users["officer"], "Cocula").total == 0
    client.post(_url(ua), data=_form(ua, circumstances="Last seen at the Cocula landfill."))
    assert [hit.case_id for hit in search(users["officer"], "Cocula").hits] == [ua.id]


def test_the_national_complaint_is_corrected_or_removed(client, users, make_ua):
    ua = make_ua()
    sign_in(client, users["officer"])
    client.post(_url(ua), data=_form(ua, complaint_file_number="FGR/GRO/0043/2026"))
    db.session.expire_all()
    assert [c.file_number for c in db.session.get(UrgentAction, ua.id).complaints] == ["FGR/GRO/0043/2026"]
    client.post(_url(ua), data=_form(ua, complaint_authority=" ", complaint_filed_on="", complaint_file_number=""))
    db.session.expire_all()
    assert db.session.get(UrgentAction, ua.id).complaints == []


def test_bad_input_is_shown_again_with_the_reason_and_nothing_is_saved(client, users, make_ua):
    ua = make_ua()
    sign_in(client, users["officer"])
    response = client.post(_url(ua), data=_form(ua, age="130", received_on="", circumstances="A new fact typed in."))
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "Number must be between 0 and 120." in page and "This field is required." in page
    assert "A new fact typed in." in page and 'value="130"' in page
    db.session.expire_all()
    assert db.session.get(UrgentAction, ua.id).circumstances == "Taken from a bus by municipal police officers."


def test_a_stale_version_is_refused_with_the_conflict_and_keeps_the_input(client, users, make_ua):
    ua = make_ua()
    stale = ua.version
    ua.protection_needs = "The brother has received threats too."
    db.session.commit()
    sign_in(client, users["officer"])
    response = client.post(_url(ua), data=_form(ua, version=stale, circumstances="My correction."))
    page = response.get_data(as_text=True)
    assert response.status_code == 409
    assert "was changed by someone else while you were working on it" in page and "My correction." in page
    db.session.expire_all()
    saved = db.session.get(UrgentAction, ua.id)
    assert (saved.circumstances, saved.protection_needs) == (
        "Taken from a bus by municipal police officers.", "The brother has received threats too.")


@pytest.mark.parametrize("events", [("transmit_to_state", "locate_alive"), ("discontinue",)])
def test_a_closed_urgent_action_is_refused_with_its_reason(client, users, make_ua, events):
    ua = make_ua(events=events)
    sign_in(client, users["supervisor"])
    assert "Edit details" not in client.get(ua.url).get_data(as_text=True)
    response = client.get(_url(ua))
    assert response.status_code == 422 and "is closed" in response.get_data(as_text=True)
    response = client.post(_url(ua), data=_form(ua, circumstances="Too late."))
    page = response.get_data(as_text=True)
    assert response.status_code == 422 and "is closed" in page and "Too late." in page
    db.session.expire_all()
    assert db.session.get(UrgentAction, ua.id).circumstances == "Taken from a bus by municipal police officers."


def test_a_request_not_registered_is_refused(client, users, make_ua):
    from casework.urgent_actions import operations as ops

    ua = make_ua(register=False)
    ops.decide_registration(ua, "refuse_registration", {}, "Anonymous.", users["officer"])
    db.session.commit()
    sign_in(client, users["officer"])
    response = client.get(_url(ua))
    assert response.status_code == 422 and "was not taken up" in response.get_data(as_text=True)


def test_an_outsider_gets_not_found_and_a_viewer_forbidden(client, users, make_ua):
    ua = make_ua()
    sign_in(client, users["outsider"])
    assert client.get(_url(ua)).status_code == 404
    assert client.post(_url(ua), data=_form(ua, circumstances="X")).status_code == 404
    client.post("/logout")
    sign_in(client, users["viewer"])
    assert "Edit details" not in client.get(ua.url).get_data(as_text=True)
    assert client.get(_url(ua)).status_code == 403
    assert client.post(_url(ua), data=_form(ua, circumstances="X")).status_code == 403
    db.session.expire_all()
    assert db.session.get(UrgentAction, ua.id).circumstances == "Taken from a bus by municipal police officers."


@pytest.mark.parametrize("role", ["admin", "secretariat supervisor"])
def test_an_editor_outside_the_unit_neither_sees_nor_changes_the_authors(client, users, make_user, make_ua, role):
    """The administrator and a supervisor of the whole secretariat may edit every case, but are not
    of the CED unit: the authors stay hidden from them."""
    ua = make_ua()
    editor = users["admin"] if role == "admin" else make_user("chief", ("OHCHR", Role.SUPERVISOR))
    sign_in(client, editor)
    form = client.get(_url(ua)).get_data(as_text=True)
    assert "authors_contact" not in form and "+52 55 0000 0000" not in form
    assert "Mother" not in form and AUTHOR_FAMILY.lower() not in form.lower()
    response = client.post(_url(ua), data=_form(ua, authors_relationship="Neighbour", authors_contact="leaked",
                                                circumstances="Corrected outside the unit."))
    assert response.status_code == 303
    db.session.expire_all()
    saved = db.session.get(UrgentAction, ua.id)
    assert saved.circumstances == "Corrected outside the unit."
    assert (saved.authors_relationship, saved.authors_contact) == ("Mother", "+52 55 0000 0000")


def test_the_unit_edits_the_authors_details(client, users, make_ua):
    ua = make_ua()
    sign_in(client, users["officer"])
    assert AUTHOR_FAMILY.upper() in client.get(_url(ua)).get_data(as_text=True)
    client.post(_url(ua), data=_form(ua, authors_contact="rosalinda.new@example.org"))
    db.session.expire_all()
    assert db.session.get(UrgentAction, ua.id).authors_contact == "rosalinda.new@example.org"
