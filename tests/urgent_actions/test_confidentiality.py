"""The authors' identity is known only to the CED unit: nowhere else, not to the State.

Every page, list, search, export and PDF is read as each user outside the unit would, and the
author's name must not appear in any of them.
"""
from __future__ import annotations

import io

import pytest
from pypdf import PdfReader
from sqlalchemy import select
from werkzeug.datastructures import FileStorage

from casework.api.tokens import create_token
from casework.auth.models import Role
from casework.cases.operations import assign_user
from casework.core.attachments import Attachment, attach_file
from casework.core.cases import CaseAssignment
from casework.core.persons import CasePerson, PersonRole
from casework.core.writes import Refused
from casework.extensions import db
from casework.letters.compose import compose
from casework.letters.models import Letter
from casework.letters.rendering import render_letter_pdf
from casework.urgent_actions.permissions import can_see_authors
from tests.conftest import sign_in
from tests.urgent_actions.conftest import AUTHOR_FAMILY, AUTHOR_GIVEN

OUTSIDE = ("outsider", "secretariat", "auditor", "admin")
PDF = b"%PDF-1.7\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"


@pytest.fixture
def world(make_ua):
    ua = make_ua(events=("transmit_to_state", "inform_authors", "record_state_reply", "transmit_to_authors"))
    author_id = db.session.scalar(select(CasePerson.person_id).where(
        CasePerson.case_id == ua.id, CasePerson.role == PersonRole.AUTHOR))
    letters = list(db.session.scalars(select(Letter).where(Letter.parent_id == ua.id)))
    return ua, author_id, letters


def _pages(ua, author_id, letters) -> list[str]:
    return [
        f"/cases/{ua.id}", "/urgent-actions/", f"/urgent-actions/?q={AUTHOR_FAMILY}", "/urgent-actions/export.csv",
        "/urgent-actions/statistics", f"/persons/?q={AUTHOR_FAMILY}", "/persons/", f"/persons/{author_id}",
        "/letters/", "/", "/audit/", f"/audit/?case_id={ua.id}",
        *[f"/cases/{letter.id}" for letter in letters],
    ]


def _leaks(text: str) -> bool:
    # A search page repeats what was searched for; only what it found counts.
    text = text.replace(f'value="{AUTHOR_FAMILY}"', "").replace(f"q={AUTHOR_FAMILY}", "")
    return AUTHOR_FAMILY.lower() in text.lower() or AUTHOR_GIVEN.lower() in text.lower()


@pytest.mark.parametrize("role", OUTSIDE)
def test_no_page_list_search_or_export_names_the_authors_outside_the_unit(client, users, world, role):
    ua, author_id, letters = world
    sign_in(client, users[role])
    for url in _pages(ua, author_id, letters):
        response = client.get(url)
        assert response.status_code in (200, 403, 404), url
        assert not _leaks(response.get_data(as_text=True)), f"{role} reads the author's name on {url}"
    assert client.get(f"/persons/{author_id}").status_code == 404


@pytest.mark.parametrize("role", ("viewer", "officer", "supervisor"))
def test_the_unit_sees_the_authors_on_the_urgent_action_and_in_the_registry(client, users, world, role):
    ua, author_id, _letters = world
    sign_in(client, users[role])
    page = client.get(f"/cases/{ua.id}").get_data(as_text=True)
    assert AUTHOR_FAMILY.upper() in page and "Mother" in page
    assert client.get(f"/persons/{author_id}").status_code == 200
    assert AUTHOR_FAMILY in client.get(f"/persons/?q={AUTHOR_FAMILY}").get_data(as_text=True)


def test_who_may_know_the_authors(users, world):
    ua = world[0]
    assert [role for role, user in users.items() if can_see_authors(user, ua)] == ["viewer", "officer", "supervisor"]


def test_assignment_by_the_unit_reveals_the_authors(users, world, client):
    ua = world[0]
    assign_user(ua, users["secretariat"], users["supervisor"])
    db.session.commit()
    assert can_see_authors(users["secretariat"], ua)
    sign_in(client, users["secretariat"])
    assert AUTHOR_FAMILY.upper() in client.get(f"/cases/{ua.id}").get_data(as_text=True)


def test_letters_sent_to_the_state_and_to_the_authors_never_name_them(world):
    _ua, _author_id, letters = world
    assert {l.letter_type for l in letters} >= {"ua_registration_nv", "ua_registration_authors",
                                                "ua_transmittal_to_authors"}
    for letter in letters:
        pdf = render_letter_pdf(compose(letter, draft=False))
        text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
        assert "Mondragón".upper() in text.upper() or letter.letter_type.endswith("authors")
        assert not _leaks(text), letter.letter_type


def test_the_audit_trail_withholds_the_authors_details(client, users, world):
    ua = world[0]
    ua.authors_contact = "new address: Calle Quetzalcoatl-Ibarra 12"
    db.session.commit()
    sign_in(client, users["auditor"])
    for url in (f"/cases/{ua.id}", f"/audit/?case_id={ua.id}", "/audit/"):
        assert not _leaks(client.get(url).get_data(as_text=True)), url


@pytest.fixture
def chief(make_user):
    """A supervisor of the whole secretariat: reads every urgent action, but is not of the CED unit."""
    return make_user("chief", ("OHCHR", Role.SUPERVISOR))


def _assigned_ids(ua) -> set[int]:
    db.session.expire_all()
    return set(db.session.scalars(select(CaseAssignment.user_id).where(CaseAssignment.case_id == ua.id)))


def test_only_the_units_supervisors_may_give_access_to_the_authors(app, users, world, chief):
    ua = world[0]
    for granter in (chief, users["admin"]):
        browser = app.test_client()
        sign_in(browser, granter)
        response = browser.post(f"/cases/{ua.id}/assignments", data={"user_id": users["outsider"].id})
        assert response.status_code == 403, granter.name
        assert f"/cases/{ua.id}/assignments" not in browser.get(f"/cases/{ua.id}").get_data(as_text=True)
    for granter in (chief, users["admin"], users["officer"]):
        with pytest.raises(Refused) as refused:
            assign_user(ua, chief, granter)
        assert refused.value.forbidden
        db.session.rollback()
    assert _assigned_ids(ua) == set()


def test_an_assignment_made_outside_the_unit_reveals_nothing(app, users, world, chief):
    """Assignments a secretariat supervisor made before the rule: the page, the registry and the API
    keep the authors from the people he assigned, himself included."""
    ua, author_id, _letters = world
    for user in (chief, users["outsider"]):
        db.session.add(CaseAssignment(case_id=ua.id, user_id=user.id, assigned_by_id=chief.id))
    db.session.commit()
    for user in (chief, users["outsider"]):
        assert not can_see_authors(user, ua), user.name
        browser = app.test_client()
        sign_in(browser, user)
        page = browser.get(f"/cases/{ua.id}")
        assert page.status_code == 200 and not _leaks(page.get_data(as_text=True)), user.name
        assert "Mother" not in page.get_data(as_text=True)
        assert browser.get(f"/persons/{author_id}").status_code == 404
        _token, secret = create_token(user, "script", None, user)
        db.session.commit()
        api = browser.get(f"/api/v1/cases/{ua.id}", headers={"Authorization": f"Bearer {secret}"})
        assert api.status_code == 200 and not _leaks(api.get_data(as_text=True)), user.name
        assert "Mother" not in api.get_data(as_text=True)


def test_the_units_supervisor_confirms_an_assignment_made_outside_the_unit(users, world, chief):
    ua = world[0]
    db.session.add(CaseAssignment(case_id=ua.id, user_id=users["outsider"].id, assigned_by_id=chief.id))
    db.session.commit()
    assign_user(ua, users["outsider"], users["supervisor"])
    db.session.commit()
    assert can_see_authors(users["outsider"], ua)
    assert _assigned_ids(ua) == {users["outsider"].id}


def _attach(ua, user) -> Attachment:
    upload = FileStorage(io.BytesIO(PDF), filename=f"Statement of {AUTHOR_GIVEN} {AUTHOR_FAMILY}.pdf")
    attachment = attach_file(ua, upload, user, description=f"Sent by {AUTHOR_GIVEN}")
    db.session.commit()
    return attachment


@pytest.mark.parametrize("role", ("secretariat", "chief", "auditor", "admin"))
def test_files_of_an_urgent_action_are_only_for_those_who_may_know_its_authors(app, users, world, chief, role):
    ua = world[0]
    attachment = _attach(ua, users["officer"])
    browser = app.test_client()
    sign_in(browser, chief if role == "chief" else users[role])
    page = browser.get(f"/cases/{ua.id}").get_data(as_text=True)
    assert f"/attachments/{attachment.id}" not in page and not _leaks(page)
    assert browser.get(f"/cases/{ua.id}/attachments/{attachment.id}").status_code == 404
    if role in ("auditor", "admin"):
        for url in ("/audit/", f"/audit/?case_id={ua.id}", "/audit/?object_type=attachments"):
            assert not _leaks(browser.get(url).get_data(as_text=True)), url
        files = browser.get("/audit/?object_type=attachments").get_data(as_text=True)
        assert "Withheld: a file of a case whose authors or source you may not know." in files


def test_the_unit_and_those_its_supervisors_assign_read_the_files(app, users, world, chief):
    ua = world[0]
    attachment = _attach(ua, users["officer"])
    assign_user(ua, chief, users["supervisor"])
    db.session.commit()
    for user in (users["viewer"], chief):
        browser = app.test_client()
        sign_in(browser, user)
        assert f"/attachments/{attachment.id}" in browser.get(f"/cases/{ua.id}").get_data(as_text=True)
        download = browser.get(f"/cases/{ua.id}/attachments/{attachment.id}", buffered=True)
        assert download.status_code == 200 and download.data == PDF
