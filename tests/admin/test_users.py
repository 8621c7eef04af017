"""Administration through the real pages: accounts, memberships, sign-in problems, units, jobs."""
from __future__ import annotations

import html
import re
from urllib.parse import urlsplit

import pyotp
from sqlalchemy import func, select

from casework.auth.models import Membership, Role, User
from casework.core.jobs import JobRecord, JobStatus
from casework.core.units import Unit, UnitKind
from casework.extensions import db
from tests.conftest import PASSWORD, sign_in
from tests.core import jobs_for_tests

NEW_PASSWORD = "a long enough password"


def page(response) -> str:
    return html.unescape(response.get_data(as_text=True))


def path_of(response) -> str:
    assert response.status_code in (302, 303), response.status_code
    return urlsplit(response.headers["Location"]).path


def user_by_email(email: str) -> User | None:
    return db.session.scalar(select(User).where(User.email == email))


def count(model) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


def try_sign_in(app, email: str, password: str):
    """A fresh browser signing in; returns the client and the answer to the form."""
    client = app.test_client()
    return client, client.post("/login", data={"email": email, "password": password})


def user_form(user: User, **changes) -> dict:
    """The edit form as the browser submits it: every field, ticked boxes only."""
    data = {"name": user.name, "email": user.email, "password": "", "is_admin": user.is_admin,
            "is_auditor": user.is_auditor, "active": user.active}
    data.update(changes)
    return {k: ("y" if v is True else v) for k, v in data.items() if v is not False}


# --- accounts ------------------------------------------------------------------------------

def test_admin_creates_an_account_that_can_then_sign_in(app, admin_client):
    assert admin_client.get("/admin/users/new").status_code == 200
    response = admin_client.post("/admin/users/new", data={
        "name": "Grace Mwangi", "email": "Grace.Mwangi@Example.org", "password": NEW_PASSWORD, "active": "y"})
    created = user_by_email("grace.mwangi@example.org")
    assert created is not None and created.name == "Grace Mwangi"
    assert not created.is_admin and not created.is_auditor and created.active
    assert path_of(response) == f"/admin/users/{created.id}"
    assert "Account created for Grace Mwangi." in page(admin_client.get(response.headers["Location"]))
    assert "grace.mwangi@example.org" in page(admin_client.get("/admin/users"))

    client, response = try_sign_in(app, "grace.mwangi@example.org", NEW_PASSWORD)
    assert path_of(response) == "/"
    assert client.get("/").status_code == 200


def test_duplicate_email_is_refused_and_the_form_keeps_what_was_typed(admin_client, users):
    before = count(User)
    response = admin_client.post("/admin/users/new", data={
        "name": "Second Viewer", "email": "VIEWER@example.org", "password": NEW_PASSWORD, "active": "y"})
    assert response.status_code == 400
    text = page(response)
    assert "Another account already uses viewer@example.org." in text
    assert 'value="Second Viewer"' in text
    assert 'value="VIEWER@example.org"' in text
    assert count(User) == before


def test_short_or_missing_password_is_refused_for_a_new_account(admin_client, users):
    before = count(User)
    response = admin_client.post("/admin/users/new", data={
        "name": "Short Password", "email": "short@example.org", "password": "elevenchars", "active": "y"})
    assert response.status_code == 400
    assert "Use at least 12 characters." in page(response)
    assert 'value="Short Password"' in page(response)
    response = admin_client.post("/admin/users/new", data={
        "name": "No Password", "email": "none@example.org", "password": "", "active": "y"})
    assert response.status_code == 400
    assert "A new account needs a password." in page(response)
    assert count(User) == before


def test_admin_edits_an_account_and_an_empty_password_keeps_the_old_one(app, admin_client, users):
    viewer = users["viewer"]
    response = admin_client.post(f"/admin/users/{viewer.id}", data=user_form(viewer, name="Olu Adeyemi",
                                                                             is_auditor=True))
    assert path_of(response) == f"/admin/users/{viewer.id}"
    assert "Changes saved." in page(admin_client.get(f"/admin/users/{viewer.id}"))
    assert viewer.name == "Olu Adeyemi" and viewer.is_auditor
    _, response = try_sign_in(app, viewer.email, PASSWORD)
    assert path_of(response) == "/"

    admin_client.post(f"/admin/users/{viewer.id}", data=user_form(viewer, password=NEW_PASSWORD))
    _, response = try_sign_in(app, viewer.email, PASSWORD)
    assert response.status_code == 200
    _, response = try_sign_in(app, viewer.email, NEW_PASSWORD)
    assert path_of(response) == "/"


def test_edit_refuses_an_email_another_account_uses(admin_client, users):
    viewer = users["viewer"]
    response = admin_client.post(f"/admin/users/{viewer.id}",
                                 data=user_form(viewer, name="Renamed", email="officer@example.org"))
    assert response.status_code == 400
    assert "Another account already uses officer@example.org." in page(response)
    assert 'value="Renamed"' in page(response)
    assert viewer.email == "viewer@example.org" and viewer.name == "Viewer"


def test_deactivated_account_cannot_sign_in_and_loses_its_open_session(app, admin_client, users):
    viewer = users["viewer"]
    open_session = app.test_client()
    sign_in(open_session, viewer)

    response = admin_client.post(f"/admin/users/{viewer.id}", data=user_form(viewer, active=False))
    assert path_of(response) == f"/admin/users/{viewer.id}"
    assert not viewer.active
    assert '<span class="badge badge-danger">disabled</span>' in page(admin_client.get("/admin/users"))

    assert path_of(open_session.get("/")) == "/login"
    client, response = try_sign_in(app, viewer.email, PASSWORD)
    assert response.status_code == 200
    assert "This account is disabled." in page(response)
    assert path_of(client.get("/")) == "/login"

    admin_client.post(f"/admin/users/{viewer.id}", data=user_form(viewer, active=True))
    _, response = try_sign_in(app, viewer.email, PASSWORD)
    assert path_of(response) == "/"


# --- memberships ---------------------------------------------------------------------------

def test_memberships_decide_what_the_user_can_see_and_do(app, admin_client, units, make_user, make_case):
    newcomer = make_user("newcomer")
    case = make_case("CCPR")
    browser = app.test_client()
    sign_in(browser, newcomer)
    assert browser.get(f"/cases/{case.id}").status_code == 404
    assert "No memberships: this user sees no cases." in page(admin_client.get(f"/admin/users/{newcomer.id}"))

    response = admin_client.post(f"/admin/users/{newcomer.id}/memberships",
                                 data={"unit_id": units["CCPR"].id, "role": Role.VIEWER.value})
    assert path_of(response) == f"/admin/users/{newcomer.id}"
    assert "Membership saved." in page(admin_client.get(f"/admin/users/{newcomer.id}"))
    assert browser.get(f"/cases/{case.id}").status_code == 200
    assert browser.post(f"/cases/{case.id}/actions/submit", data={"version": case.version}).status_code == 403

    admin_client.post(f"/admin/users/{newcomer.id}/memberships",
                      data={"unit_id": units["CCPR"].id, "role": Role.CASE_OFFICER.value})
    [membership] = newcomer.memberships
    assert membership.role is Role.CASE_OFFICER
    assert "case officer" in page(admin_client.get(f"/admin/users/{newcomer.id}"))
    response = browser.post(f"/cases/{case.id}/actions/submit", data={"version": case.version})
    assert response.status_code == 303
    assert case.status == "submitted"

    response = admin_client.post(f"/admin/memberships/{membership.id}/remove")
    assert path_of(response) == f"/admin/users/{newcomer.id}"
    assert "Membership removed." in page(admin_client.get(f"/admin/users/{newcomer.id}"))
    assert db.session.get(Membership, membership.id) is None
    assert browser.get(f"/cases/{case.id}").status_code == 404


def test_membership_without_a_unit_is_refused(admin_client, users):
    viewer = users["viewer"]
    response = admin_client.post(f"/admin/users/{viewer.id}/memberships", data={"role": Role.VIEWER.value})
    assert response.status_code == 400 and "Choose a unit." in page(response)
    assert len(viewer.memberships) == 1


# --- sign-in problems ----------------------------------------------------------------------

def test_admin_unlocks_a_locked_account(app, admin_client, users):
    viewer = users["viewer"]
    browser = app.test_client()
    for _ in range(app.config["LOGIN_MAX_FAILURES"]):
        browser.post("/login", data={"email": viewer.email, "password": "not the password"})
    assert viewer.is_locked
    edit_page = page(admin_client.get(f"/admin/users/{viewer.id}"))
    assert "Locked until" in edit_page
    assert f'action="/admin/users/{viewer.id}/unlock"' in edit_page
    assert '<span class="badge badge-danger">locked</span>' in page(admin_client.get("/admin/users"))

    response = admin_client.post(f"/admin/users/{viewer.id}/unlock")
    assert path_of(response) == f"/admin/users/{viewer.id}"
    assert "Account unlocked." in page(admin_client.get(f"/admin/users/{viewer.id}"))
    assert not viewer.is_locked
    response = browser.post("/login", data={"email": viewer.email, "password": PASSWORD})
    assert path_of(response) == "/"


def test_reset_two_factor_lets_a_user_sign_in_with_the_password_alone(app, admin_client, users):
    officer = users["officer"]
    officer.totp_secret = pyotp.random_base32()
    db.session.commit()
    _, response = try_sign_in(app, officer.email, PASSWORD)
    assert path_of(response) == "/login/totp"
    assert f'action="/admin/users/{officer.id}/reset-two-factor"' in page(admin_client.get(f"/admin/users/{officer.id}"))

    response = admin_client.post(f"/admin/users/{officer.id}/reset-two-factor")
    assert path_of(response) == f"/admin/users/{officer.id}"
    assert "Two-factor sign-in reset." in page(admin_client.get(f"/admin/users/{officer.id}"))
    assert officer.totp_secret is None
    _, response = try_sign_in(app, officer.email, PASSWORD)
    assert path_of(response) == "/"


def test_reset_two_factor_sends_an_administrator_back_to_enrolment(app, admin_client, make_user):
    deputy = make_user("deputy", admin=True)
    admin_client.post(f"/admin/users/{deputy.id}/reset-two-factor")
    assert deputy.totp_secret is None
    client, response = try_sign_in(app, deputy.email, PASSWORD)
    assert path_of(response) == "/"
    assert path_of(client.get("/admin/users")) == "/account/two-factor"


# --- units ---------------------------------------------------------------------------------

def test_admin_creates_a_unit_and_a_duplicate_code_is_refused(admin_client, units):
    response = admin_client.post("/admin/units", data={"code": "CAT", "name": "Committee against Torture",
                                                       "kind": UnitKind.COMMITTEE.value})
    assert path_of(response) == "/admin/units"
    listing = page(admin_client.get("/admin/units"))
    assert "Unit created." in listing and "Committee against Torture" in listing
    cat = db.session.scalar(select(Unit).where(Unit.code == "CAT"))
    assert cat.kind is UnitKind.COMMITTEE

    before = count(Unit)
    response = admin_client.post("/admin/units", data={"code": "ccpr", "name": "Another committee",
                                                       "kind": UnitKind.COMMITTEE.value})
    assert response.status_code == 400
    assert "A unit with code ccpr already exists." in page(response)
    assert 'value="Another committee"' in page(response)

    response = admin_client.post("/admin/units", data={"code": "NEW UNIT", "name": "Spaces in the code",
                                                       "kind": UnitKind.MANDATE.value})
    assert response.status_code == 400
    assert "Letters, digits, . _ - only." in page(response)
    assert count(Unit) == before


# --- background jobs -----------------------------------------------------------------------

def _failed_add_job() -> JobRecord:
    record = JobRecord(kind=f"{jobs_for_tests.__name__}.add", args=[1, 2], status=JobStatus.FAILED,
                       attempts=1, error="ConnectionError: mail server unreachable\nTraceback (most recent call last)")
    db.session.add(record)
    db.session.commit()
    return record


def test_jobs_page_lists_a_failed_job_with_its_error_and_a_retry_button(admin_client):
    record = _failed_add_job()
    text = page(admin_client.get("/admin/jobs"))
    assert "<td>Add</td>" in text and "tests.core" not in text  # what it does, not where its code is
    assert '<span class="badge badge-danger">Failed</span>' in text
    assert "<summary>ConnectionError: mail server unreachable</summary>" in text
    retry = re.search(rf'<form method="post" action="/admin/jobs/{record.id}/retry"[^>]*>.*?</form>', text, re.S)
    assert retry is not None and "Retry" in retry.group(0)


def test_retry_queues_a_failed_job_again_and_it_runs(admin_client):
    record = _failed_add_job()
    response = admin_client.post(f"/admin/jobs/{record.id}/retry")
    assert path_of(response) == "/admin/jobs"
    db.session.expire_all()
    record = db.session.get(JobRecord, record.id)
    assert record.status is JobStatus.DONE  # the test settings run jobs inline
    assert record.result == {"sum": 3}
    assert record.error is None and record.attempts == 2

    text = page(admin_client.get("/admin/jobs"))
    assert "Job queued again." in text
    assert f"/admin/jobs/{record.id}/retry" not in text


def test_only_a_failed_job_can_be_retried(admin_client):
    record = JobRecord(kind=f"{jobs_for_tests.__name__}.add", args=[1, 2], status=JobStatus.DONE,
                       attempts=1, result={"sum": 3})
    db.session.add(record)
    db.session.commit()
    response = admin_client.post(f"/admin/jobs/{record.id}/retry")
    assert response.status_code == 303  # back to the list, with the reason
    assert "Only a failed job can be retried." in page(admin_client.get(response.headers["Location"]))
    db.session.expire_all()
    assert db.session.get(JobRecord, record.id).attempts == 1


def test_the_last_administrator_cannot_remove_their_own_rights(admin_client, users):
    admin = users["admin"]
    response = admin_client.post(f"/admin/users/{admin.id}", data=user_form(admin, is_admin=False))
    assert response.status_code == 400
    assert "This is the last active administrator" in page(response)
    db.session.refresh(admin)
    assert admin.is_admin and admin.active


def test_a_password_set_by_the_administrator_ends_the_users_open_sessions(app, admin_client, users):
    viewer = users["viewer"]
    elsewhere = app.test_client()
    sign_in(elsewhere, viewer)
    assert elsewhere.get("/").status_code == 200
    response = admin_client.post(f"/admin/users/{viewer.id}", data=user_form(viewer, password="a brand new password"))
    assert response.status_code == 303
    assert elsewhere.get("/").status_code == 302
