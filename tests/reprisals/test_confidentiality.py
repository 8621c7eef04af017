"""The access rule beyond single pages: lists and counts, search, exports, the audit log, PDFs, the
persons registry and links from other procedures, for every role; and the assignment rule."""
from __future__ import annotations

import pytest
from sqlalchemy import select

from casework.auth.models import Membership
from casework.cases.operations import assign_user, unassign_user
from casework.core.audit import AuditEvent
from casework.core.cases import CaseAssignment
from casework.core.writes import Refused
from casework.extensions import db
from casework.reprisals import operations as ops
from casework.letters.operations import request_preview
from casework.reprisals.letters import draft_raising_letter
from tests.conftest import sign_in
from tests.reprisals.conftest import TITLE as _TITLE, VICTIM_FAMILY as _FAMILY
from tests.routes import ROLES

VICTIM_FAMILY, TITLE = _FAMILY.upper(), _TITLE.upper()
SEES = {"officer", "supervisor", "admin"}
SIGNED_IN = [r for r in ROLES if r != "anonymous"]


def _get(client, users, role: str, url: str) -> tuple[int, str]:
    sign_in(client, users[role])
    response = client.get(url)
    return response.status_code, response.get_data(as_text=True).upper()  # names are shown in capitals


@pytest.mark.parametrize("role", SIGNED_IN)
@pytest.mark.parametrize("url", ["/reprisals/", "/reprisals/export.csv", "/", "/letters/",
                                 f"/persons/?q={_FAMILY}", "/audit/"])
def test_lists_searches_and_exports_show_the_case_only_to_those_assigned(make_reprisal, client, users, role, url):
    case = make_reprisal()
    draft_raising_letter(case, users["officer"])
    db.session.commit()
    status, body = _get(client, users, role, url)
    if url == "/audit/":
        # The auditor reads the trail, never the values of a case they may not open.
        assert status == (200 if role in ("auditor", "admin") else 403)
        if role == "auditor":
            assert VICTIM_FAMILY not in body and TITLE not in body
        return
    assert status == 200
    shown = VICTIM_FAMILY in body or case.reference.upper() in body
    if url.startswith("/persons/"):  # the search box repeats the name searched for
        shown = f"/PERSONS/{case.victims[0].person_id}" in body
    if url == "/letters/":  # the letter register names the letter, whose reference is the case's
        shown = case.reference.upper() in body
    # "My work" lists one's own cases: the administrator sees the case everywhere else, not there.
    expected = role in SEES - {"admin"} if url == "/" else role in SEES
    assert shown is expected, f"{role} on {url}"


@pytest.mark.parametrize("role", SIGNED_IN)
def test_counts_include_the_case_only_for_those_assigned(make_reprisal, client, users, role):
    make_reprisal()
    make_reprisal(title="Another", family="Other")
    _status, body = _get(client, users, role, "/reprisals/")
    expected = 2 if role in SEES else 0
    assert f"{expected} RECORDS" in body or (expected == 0 and "NO REPRISALS CASES" in body)


@pytest.mark.parametrize("role", SIGNED_IN)
def test_the_victim_in_the_registry_is_hidden_from_everyone_else(make_reprisal, client, users, role):
    case = make_reprisal()
    person_id = case.victims[0].person_id
    status, _body = _get(client, users, role, f"/persons/{person_id}")
    assert status == (200 if role in SEES else 404)


@pytest.mark.parametrize("role", SIGNED_IN)
def test_report_pdf_and_html_hold_only_cases_the_reader_is_assigned_to(make_reprisal, client, users, role):
    make_reprisal()
    sign_in(client, users[role])
    html = client.get("/reprisals/report/2027.html")
    pdf = client.get("/reprisals/report/2027.pdf")
    if role not in ("viewer", "officer", "supervisor", "admin"):
        assert (html.status_code, pdf.status_code) == (403, 403)
        return
    assert pdf.data.startswith(b"%PDF")
    assert (VICTIM_FAMILY in html.get_data(as_text=True).upper()) is (role in SEES)


def test_the_letter_pdf_and_page_follow_the_case(make_reprisal, client, users):
    case = make_reprisal()
    letter = draft_raising_letter(case, users["officer"])
    db.session.commit()
    request_preview(letter, users["officer"])
    db.session.commit()  # the preview is rendered by a job, run here as soon as it is committed
    assert letter.confidential and letter.parent_id == case.id
    for role in SIGNED_IN:
        client = client.application.test_client()
        sign_in(client, users[role])
        response = client.get(f"/letters/{letter.id}/pdf/preview")
        data = response.data
        response.close()  # a file download holds the file open until closed
        assert response.status_code == (200 if role in SEES else 404), role
        assert data.startswith(b"%PDF") is (role in SEES)


@pytest.fixture
def urgent_action(units, states, users):
    from casework.core.cases import Case

    from tests.sample_workflow import SampleCase

    other = SampleCase(unit=units["CED"], confidential=False, status="draft", reference="UA 7/2026",
                       title="Disappearance of her son")
    db.session.add(other)
    db.session.commit()
    return db.session.get(Case, other.id)


@pytest.mark.parametrize("role", SIGNED_IN)
def test_a_linked_case_of_another_procedure_shows_only_restricted_case(make_reprisal, urgent_action, client, users,
                                                                       role):
    case = make_reprisal()
    ops.link_case(case, urgent_action.reference, "Her son", users["admin"])
    db.session.commit()
    status, body = _get(client, users, role, f"/cases/{urgent_action.id}")
    if status != 200:
        assert role not in ("outsider", "secretariat", "auditor", "admin")
        return
    assert "RELATED CASES" in body
    if role in SEES:
        assert case.reference.upper() in body
    else:
        assert "RESTRICTED CASE" in body and case.reference.upper() not in body and TITLE not in body


def test_every_view_and_download_is_in_the_case_trail(make_reprisal, client, users):
    case = make_reprisal()
    sign_in(client, users["officer"])
    client.get(f"/cases/{case.id}")
    client.get("/reprisals/report/2027.pdf")
    client.get("/reprisals/export.csv")
    actions = db.session.scalars(select(AuditEvent.action).where(
        AuditEvent.case_id == case.id, AuditEvent.actor_id == users["officer"].id,
        AuditEvent.action.in_(["view", "download"]))).all()
    assert sorted(actions) == ["download", "download", "view"]


def test_assignments_go_only_to_members_of_the_team(make_reprisal, users, make_user):
    case = make_reprisal()
    for role in ("outsider", "secretariat", "auditor"):
        with pytest.raises(Refused):
            assign_user(case, users[role], users["supervisor"])
        db.session.rollback()
    assign_user(case, users["viewer"], users["supervisor"])
    db.session.commit()
    assert {a.user_id for a in case.assignments} >= {users["viewer"].id}


def test_the_shared_assign_route_refuses_an_outsider(make_reprisal, client, users):
    case = make_reprisal()
    sign_in(client, users["supervisor"])
    response = client.post(f"/cases/{case.id}/assignments", data={"user_id": users["outsider"].id})
    assert response.status_code == 400
    assert "Only members of the reprisals team" in response.get_data(as_text=True)
    assert db.session.scalar(select(CaseAssignment.id).where(
        CaseAssignment.case_id == case.id, CaseAssignment.user_id == users["outsider"].id)) is None


def test_leaving_the_team_ends_access(make_reprisal, client, users):
    case = make_reprisal()
    membership = db.session.scalar(select(Membership).where(Membership.user_id == users["officer"].id))
    db.session.delete(membership)
    db.session.commit()
    assert all(a.user_id != users["officer"].id for a in case.assignments)
    sign_in(client, users["officer"])
    assert client.get(f"/cases/{case.id}").status_code == 404


def test_a_supervisor_removed_from_a_case_no_longer_sees_it(make_reprisal, client, users):
    """Supervisors are assigned to each new case, not given the whole team's cases by their role."""
    case = make_reprisal()
    unassign_user(case, users["supervisor"].id)
    db.session.commit()
    sign_in(client, users["supervisor"])
    assert client.get(f"/cases/{case.id}").status_code == 404
    assert case.reference not in client.get("/reprisals/").get_data(as_text=True)


def test_a_reprisals_case_cannot_be_made_public(make_reprisal):
    case = make_reprisal()
    case.confidential = False
    with pytest.raises(ValueError):
        db.session.flush()
    db.session.rollback()


def test_only_the_team_opens_cases(units, users):
    from casework.reprisals.access import units_to_open_cases

    assert [u.code for u in units_to_open_cases(users["officer"])] == ["REPRISALS"]
    assert units_to_open_cases(users["secretariat"]) == []
    assert units_to_open_cases(users["viewer"]) == []


def test_opening_the_letter_of_a_case_is_in_the_case_trail(make_reprisal, client, users):
    case = make_reprisal()
    letter = draft_raising_letter(case, users["officer"])
    db.session.commit()
    sign_in(client, users["officer"])
    assert client.get(f"/letters/{letter.id}/edit").status_code == 200
    assert db.session.scalar(select(AuditEvent.id).where(
        AuditEvent.case_id == letter.id, AuditEvent.action == "view", AuditEvent.actor_id == users["officer"].id))


def test_what_someone_searched_for_in_an_export_is_shown_to_them_alone(make_reprisal, app, users):
    """An export filtered on a victim's name is in the audit log as an export of the list; the name
    searched for is not, but to whoever made it."""
    make_reprisal()
    exports = {}
    for role in ("officer", "admin"):
        browser = app.test_client()
        sign_in(browser, users[role])
        assert browser.get(f"/reprisals/export.csv?q={_FAMILY}").status_code == 200
        exports[role] = browser
    for role, reader in (("auditor", None), ("admin", exports["admin"])):
        if reader is None:
            reader = app.test_client()
            sign_in(reader, users[role])
        body = reader.get("/audit/?object_type=exports").get_data(as_text=True)
        assert "reprisals" in body
        mine = body.count(_FAMILY)
        assert mine == (1 if role == "admin" else 0), role
