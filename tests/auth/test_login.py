"""Signing in and out through the real forms: passwords, lockout, two-factor, sessions, redirects."""
from __future__ import annotations

import html
import re
from datetime import timedelta
from urllib.parse import urljoin, urlsplit

import itsdangerous.timed
import pyotp
import pytest
from sqlalchemy import func, select

from casework import create_app
from casework.auth.models import User
from casework.core.audit import AuditEvent
from casework.core.db import utcnow
from casework.extensions import db
from config import ProductionConfig
from tests.conftest import PASSWORD, sign_in, unused_totp_code

WRONG = "not the right password at all"
NEW_PASSWORD = "a brand new long passphrase"
GENERIC = ("The e-mail address or password is not correct. After repeated failures, signing in is paused for a "
           "while; an administrator can unlock the account.")
LOCKED = GENERIC  # a locked account is refused in the same words as an unknown one
DISABLED = "This account is disabled."
BAD_CODE = "That code is not valid."
EXPIRED = "Your session has expired. Please sign in again."


def page(response) -> str:
    return html.unescape(response.get_data(as_text=True))


def path_of(response) -> str:
    """Where a redirect goes, as the path (and query) on this site."""
    assert response.status_code in (301, 302, 303), response.status_code
    location = response.headers["Location"]
    parts = urlsplit(location)
    assert parts.netloc in ("", "casework.test"), location
    return parts.path + (f"?{parts.query}" if parts.query else "")


def post_login(client, email: str, password: str, next_url: str | None = None):
    query = {"next": next_url} if next_url is not None else None
    return client.post("/login", query_string=query, data={"email": email, "password": password})


def is_signed_in(client) -> bool:
    response = client.get("/")
    if response.status_code == 200:
        return True
    assert urlsplit(response.headers["Location"]).path == "/login"
    return False


def events(action: str, user: User | None = None) -> list[AuditEvent]:
    stmt = select(AuditEvent).where(AuditEvent.action == action).order_by(AuditEvent.id)
    if user is not None:
        stmt = stmt.where(AuditEvent.object_type == "users", AuditEvent.object_id == str(user.id))
    return db.session.scalars(stmt).all()


def with_totp(user: User) -> User:
    user.totp_secret = pyotp.random_base32()
    db.session.commit()
    return user


def wrong_code(secret: str) -> str:
    """A six-digit code that the current window (and the ones either side) does not accept."""
    totp = pyotp.TOTP(secret)
    now = utcnow()
    accepted = {totp.at(now + timedelta(seconds=s)) for s in (-60, -30, 0, 30, 60)}
    return next(code for code in ("000000", "111111", "222222", "333333", "444444", "555555", "666666")
                if code not in accepted)


def lock_by_passwords(app, client, user: User) -> None:
    for _ in range(app.config["LOGIN_MAX_FAILURES"]):
        assert post_login(client, user.email, WRONG).status_code == 200


# --- signing in and out ---------------------------------------------------------------------

def test_sign_in_and_out_through_the_forms(client, users):
    viewer = users["viewer"]
    form = client.get("/login")
    assert form.status_code == 200
    assert 'name="email"' in page(form) and 'name="password"' in page(form)

    response = post_login(client, viewer.email, PASSWORD)
    assert path_of(response) == "/"
    home = client.get("/")
    assert home.status_code == 200
    assert viewer.name in page(home) and "Sign out" in page(home)
    assert viewer.last_login_at is not None
    assert len(events("login", viewer)) == 1

    response = client.post("/logout")
    assert path_of(response) == "/login"
    assert "You have signed out." in page(client.get("/login"))
    assert not is_signed_in(client)
    assert len(events("logout", viewer)) == 1


def test_email_is_matched_without_regard_to_case(client, users):
    assert path_of(post_login(client, "VIEWER@Example.ORG", PASSWORD)) == "/"
    assert is_signed_in(client)


def test_signing_out_needs_a_post(client, users):
    sign_in(client, users["viewer"])
    assert client.get("/logout").status_code == 405
    assert is_signed_in(client)


def test_signed_in_user_visiting_the_login_page_goes_to_my_work(client, users):
    sign_in(client, users["viewer"])
    assert path_of(client.get("/login")) == "/"


# --- wrong credentials and lockout --------------------------------------------------------

def test_wrong_password_is_refused_with_a_message_and_the_email_kept(client, users):
    response = post_login(client, "viewer@example.org", WRONG)
    assert response.status_code == 200
    text = page(response)
    assert GENERIC in text
    assert 'value="viewer@example.org"' in text
    assert WRONG not in text  # the password is never sent back
    assert not is_signed_in(client)
    assert users["viewer"].failed_logins == 1


def test_unknown_email_gets_the_same_message_as_a_wrong_password(client, users):
    unknown = page(post_login(client, "nobody@example.org", WRONG))
    known = page(post_login(client, "viewer@example.org", WRONG))
    error = re.compile(r'<p class="error"[^>]*>([^<]*)</p>')
    assert error.findall(unknown) == error.findall(known) == [GENERIC]
    assert 'value="nobody@example.org"' in unknown
    [failure] = [e for e in events("login_failed") if e.object_id is None]
    assert failure.detail == {"email": "nobody@example.org"}


def test_account_locks_after_repeated_failures_and_refuses_even_the_right_password(app, client, users):
    viewer = users["viewer"]
    limit = app.config["LOGIN_MAX_FAILURES"]
    assert limit == 5
    for attempt in range(1, limit):
        post_login(client, viewer.email, WRONG)
        assert viewer.failed_logins == attempt and not viewer.is_locked
    response = post_login(client, viewer.email, WRONG)
    assert GENERIC in page(response)
    assert viewer.is_locked

    response = post_login(client, viewer.email, PASSWORD)
    assert response.status_code == 200
    assert LOCKED in page(response)
    assert not is_signed_in(client)

    failures = events("login_failed", viewer)
    assert len(failures) == limit + 1  # five wrong passwords and the refused right one
    assert failures[-1].detail == {"reason": "locked"}
    assert all(f.actor_id == viewer.id for f in failures)
    [lockout] = events("locked_out", viewer)
    assert failures[limit - 1].id < lockout.id < failures[limit].id  # recorded at the fifth failure


def test_lock_lasts_for_the_configured_time_and_then_lets_the_user_in(app, client, users):
    viewer = users["viewer"]
    lock_by_passwords(app, client, viewer)
    remaining = viewer.locked_until - utcnow()
    lockout = app.config["LOGIN_LOCKOUT"]
    assert lockout - timedelta(minutes=1) < remaining <= lockout

    viewer.locked_until = utcnow() + timedelta(minutes=1)  # almost over: still locked
    db.session.commit()
    assert LOCKED in page(post_login(client, viewer.email, PASSWORD))

    viewer.locked_until = utcnow() - timedelta(seconds=1)  # the lockout time has passed
    db.session.commit()
    assert path_of(post_login(client, viewer.email, PASSWORD)) == "/"
    assert is_signed_in(client)
    assert viewer.locked_until is None and viewer.failed_logins == 0


def test_successful_sign_in_resets_the_failure_count(app, client, users):
    viewer = users["viewer"]
    for _ in range(app.config["LOGIN_MAX_FAILURES"] - 1):
        post_login(client, viewer.email, WRONG)
    sign_in(client, viewer)
    client.post("/logout")
    post_login(client, viewer.email, WRONG)
    assert viewer.failed_logins == 1 and not viewer.is_locked


def test_disabled_account_is_refused_without_revealing_itself_to_a_wrong_password(client, users):
    viewer = users["viewer"]
    viewer.active = False
    db.session.commit()
    assert GENERIC in page(post_login(client, viewer.email, WRONG))
    response = post_login(client, viewer.email, PASSWORD)
    assert DISABLED in page(response)
    assert not is_signed_in(client)


# --- two-factor sign-in --------------------------------------------------------------------

def test_two_factor_user_is_not_signed_in_until_the_code_is_given(client, users):
    officer = with_totp(users["officer"])
    response = post_login(client, officer.email, PASSWORD)
    assert path_of(response) == "/login/totp"
    assert not is_signed_in(client)

    response = client.post("/login/totp", data={"code": pyotp.TOTP(officer.totp_secret).now()})
    assert path_of(response) == "/"
    assert is_signed_in(client)
    assert len(events("login", officer)) == 1


def test_wrong_two_factor_code_is_refused_with_a_message(client, users):
    officer = with_totp(users["officer"])
    post_login(client, officer.email, PASSWORD)
    response = client.post("/login/totp", data={"code": wrong_code(officer.totp_secret)})
    assert response.status_code == 200
    assert BAD_CODE in page(response)
    assert not is_signed_in(client)
    assert officer.failed_logins == 1
    assert len(events("login_failed", officer)) == 1


def test_two_factor_step_cannot_be_reached_without_the_password(client, users):
    with_totp(users["officer"])
    assert path_of(client.get("/login/totp")) == "/login"
    response = client.post("/login/totp", data={"code": pyotp.TOTP(users["officer"].totp_secret).now()})
    assert path_of(response) == "/login"
    assert not is_signed_in(client)


def test_repeated_wrong_codes_lock_the_account(app, client, users):
    officer = with_totp(users["officer"])
    post_login(client, officer.email, PASSWORD)
    code = wrong_code(officer.totp_secret)
    for _ in range(app.config["LOGIN_MAX_FAILURES"] - 1):
        assert client.post("/login/totp", data={"code": code}).status_code == 200
    response = client.post("/login/totp", data={"code": code})
    assert path_of(response) == "/login"
    assert "the account is locked" in page(client.get("/login"))
    assert officer.is_locked
    assert len(events("locked_out", officer)) == 1

    # The pending second step is gone, and the password alone no longer gets anywhere.
    assert path_of(client.get("/login/totp")) == "/login"
    assert LOCKED in page(post_login(client, officer.email, PASSWORD))
    assert not is_signed_in(client)


def test_locked_account_cannot_finish_a_second_step_started_before_the_lock(app, users):
    """Two browsers pass the password; one locks the account with wrong codes; the other is refused."""
    officer = with_totp(users["officer"])
    first, second = app.test_client(), app.test_client()
    assert path_of(post_login(first, officer.email, PASSWORD)) == "/login/totp"
    assert path_of(post_login(second, officer.email, PASSWORD)) == "/login/totp"
    code = wrong_code(officer.totp_secret)
    for _ in range(app.config["LOGIN_MAX_FAILURES"]):
        second.post("/login/totp", data={"code": code})
    assert officer.is_locked

    response = first.post("/login/totp", data={"code": pyotp.TOTP(officer.totp_secret).now()})
    assert path_of(response) == "/login"
    assert not is_signed_in(first)
    assert officer.is_locked
    assert events("login", officer) == []


def test_account_disabled_between_password_and_code_is_not_signed_in(app, users):
    officer = with_totp(users["officer"])
    client = app.test_client()
    post_login(client, officer.email, PASSWORD)
    officer.active = False
    db.session.commit()
    response = client.post("/login/totp", data={"code": pyotp.TOTP(officer.totp_secret).now()})
    assert path_of(response) == "/login"
    assert not is_signed_in(client)
    assert events("login", officer) == []


def test_administrator_without_two_factor_must_enrol_before_anything_else(client, make_user, make_case):
    chief = make_user("chief", admin=True)
    chief.totp_secret = None
    db.session.commit()
    case = make_case()

    assert path_of(post_login(client, chief.email, PASSWORD)) == "/"  # no second step yet
    for url in ("/", "/admin/users", "/admin/jobs", f"/cases/{case.id}", "/persons/", "/audit/",
                "/account/password"):
        assert path_of(client.get(url)) == "/account/two-factor", url
    response = client.post("/admin/units", data={"code": "CAT", "name": "Committee against Torture",
                                                 "kind": "committee"})
    assert path_of(response) == "/account/two-factor"

    enrolment = client.get("/account/two-factor")
    assert enrolment.status_code == 200
    assert "Administrators must set up two-factor sign-in before continuing." in page(enrolment)
    secret = re.search(r'<p class="secret"><code>([A-Z2-7]+)</code>', page(enrolment)).group(1)
    assert client.get("/account/two-factor").status_code == 200  # same key on reload
    assert secret in page(client.get("/account/two-factor"))

    response = client.post("/account/two-factor", data={"code": wrong_code(secret)})
    assert response.status_code == 200
    assert "That code does not match." in page(response)
    assert path_of(client.get("/admin/users")) == "/account/two-factor"

    response = client.post("/account/two-factor", data={"code": pyotp.TOTP(secret).now()})
    assert path_of(response) == "/"
    assert chief.totp_secret == secret
    assert client.get("/admin/users").status_code == 200
    assert client.get(f"/cases/{case.id}").status_code == 200

    # From now on the administrator signs in with the code.
    client.post("/logout")
    assert path_of(post_login(client, chief.email, PASSWORD)) == "/login/totp"
    assert path_of(client.post("/login/totp", data={"code": unused_totp_code(chief)})) == "/"
    assert client.get("/admin/users").status_code == 200


def test_a_two_factor_code_is_accepted_only_once(client, users):
    officer = users["officer"]
    officer.totp_secret = pyotp.random_base32()
    db.session.commit()
    code = unused_totp_code(officer)
    post_login(client, officer.email, PASSWORD)
    assert path_of(client.post("/login/totp", data={"code": code})) == "/"
    client.post("/logout")
    post_login(client, officer.email, PASSWORD)
    response = client.post("/login/totp", data={"code": code})
    assert response.status_code == 200
    assert "That code is not valid." in page(response)


# --- sessions ------------------------------------------------------------------------------

def _clock_ahead(monkeypatch, seconds: float) -> None:
    """Make the signed session cookie look `seconds` older than it is."""
    real = itsdangerous.timed.TimestampSigner.get_timestamp
    monkeypatch.setattr(itsdangerous.timed.TimestampSigner, "get_timestamp",
                        lambda self: real(self) + int(seconds))


def test_session_cookie_expires_after_the_idle_limit(app, client, users):
    idle = app.config["PERMANENT_SESSION_LIFETIME"]
    assert timedelta(0) < idle <= timedelta(hours=8)
    sign_in(client, users["viewer"])
    cookie = client.get_cookie("session", domain="casework.test")
    assert cookie is not None and cookie.expires is not None
    assert abs(cookie.expires - (utcnow() + idle)) < timedelta(minutes=1)


def test_idle_session_is_refused_after_the_idle_limit(app, client, users, monkeypatch):
    idle = app.config["PERMANENT_SESSION_LIFETIME"].total_seconds()
    sign_in(client, users["viewer"])
    _clock_ahead(monkeypatch, idle - 60)
    assert is_signed_in(client)  # each request refreshes the cookie
    monkeypatch.undo()

    sign_in(client, users["viewer"])
    _clock_ahead(monkeypatch, idle + 60)
    response = client.get("/")
    assert path_of(response).startswith("/login")
    assert not is_signed_in(client)


def _signed_in_since(client, ago: timedelta) -> None:
    with client.session_transaction() as session:
        session["auth_at"] = (utcnow() - ago).timestamp()


def test_session_ends_after_the_absolute_limit_however_active(app, client, users):
    limit = app.config["SESSION_ABSOLUTE_LIFETIME"]
    assert limit > app.config["PERMANENT_SESSION_LIFETIME"]
    sign_in(client, users["viewer"])
    _signed_in_since(client, limit - timedelta(minutes=5))
    assert is_signed_in(client)

    _signed_in_since(client, limit + timedelta(minutes=1))
    response = client.get("/persons/")
    assert path_of(response).startswith("/login")
    assert EXPIRED in page(client.get(response.headers["Location"]))
    assert not is_signed_in(client)


# --- redirect after sign-in ----------------------------------------------------------------

def test_sign_in_returns_to_the_page_that_asked_for_it(client, users):
    response = client.get("/account/password")
    assert path_of(response) == "/login?next=%2Faccount%2Fpassword"
    response = client.post(response.headers["Location"], data={"email": "viewer@example.org",
                                                                "password": PASSWORD})
    assert path_of(response) == "/account/password"


def test_two_factor_sign_in_returns_to_the_page_that_asked_for_it(client, users):
    officer = with_totp(users["officer"])
    response = post_login(client, officer.email, PASSWORD, next_url="/persons/?page=2")
    assert urlsplit(response.headers["Location"]).path == "/login/totp"
    response = client.post(response.headers["Location"], data={"code": pyotp.TOTP(officer.totp_secret).now()})
    assert path_of(response) == "/persons/?page=2"


OFFSITE = ["//evil.example", "//evil.example/login", "https://evil.example/", "http:/evil.example",
           "/\\evil.example", "\\\\evil.example", "/\t/evil.example", "/\n/evil.example", "javascript:alert(1)",
           "evil.example"]


def where_a_browser_goes(response) -> str:
    """The host a browser would load after this redirect (it drops tabs and newlines, reads \\ as /)."""
    assert response.status_code in (301, 302, 303), response.status_code
    location = re.sub(r"[\t\n\r]", "", response.headers["Location"]).replace("\\", "/")
    return urlsplit(urljoin("https://casework.test/login", location)).netloc


@pytest.mark.parametrize("target", OFFSITE)
def test_next_never_leads_off_site(client, users, target):
    response = post_login(client, "viewer@example.org", PASSWORD, next_url=target)
    assert where_a_browser_goes(response) == "casework.test"
    assert is_signed_in(client)


@pytest.mark.parametrize("target", ["//evil.example", "/\\evil.example", "/\t/evil.example"])
def test_next_never_leads_off_site_after_two_factor(client, users, target):
    officer = with_totp(users["officer"])
    response = post_login(client, officer.email, PASSWORD, next_url=target)
    response = client.post(response.headers["Location"], data={"code": pyotp.TOTP(officer.totp_secret).now()})
    assert where_a_browser_goes(response) == "casework.test"


# --- password change and storage ----------------------------------------------------------

def test_password_change_needs_the_current_password_and_takes_effect_at_next_sign_in(client, users):
    viewer = users["viewer"]
    sign_in(client, viewer)
    response = client.post("/account/password", data={
        "current_password": WRONG, "new_password": NEW_PASSWORD, "confirm": NEW_PASSWORD})
    assert response.status_code == 400  # the form again, with the reason by the field
    assert "The current password is not correct." in page(response)
    assert viewer.check_password(PASSWORD)

    response = client.post("/account/password", data={
        "current_password": PASSWORD, "new_password": NEW_PASSWORD, "confirm": NEW_PASSWORD})
    assert path_of(response) == "/"
    assert "Your password has been changed." in page(client.get("/"))
    client.post("/logout")

    assert GENERIC in page(post_login(client, viewer.email, PASSWORD))
    assert path_of(post_login(client, viewer.email, NEW_PASSWORD)) == "/"


def test_password_change_refuses_a_short_or_mistyped_new_password(client, users):
    viewer = users["viewer"]
    sign_in(client, viewer)
    response = client.post("/account/password", data={
        "current_password": PASSWORD, "new_password": "short", "confirm": "short"})
    assert "Use at least 12 characters." in page(response)
    response = client.post("/account/password", data={
        "current_password": PASSWORD, "new_password": NEW_PASSWORD, "confirm": NEW_PASSWORD + "!"})
    assert "The two passwords differ." in page(response)
    assert viewer.check_password(PASSWORD) and not viewer.check_password(NEW_PASSWORD)


def test_passwords_are_stored_hashed_with_scrypt_by_default(app, users):
    stored = db.session.scalar(select(User.password_hash).where(func.lower(User.email) == "viewer@example.org"))
    assert PASSWORD not in stored
    assert users["viewer"].check_password(PASSWORD) and not users["viewer"].check_password(WRONG)

    production = create_app(
        ProductionConfig, SECRET_KEY="a-real-secret-key-for-this-test",
        SQLALCHEMY_DATABASE_URI="postgresql+psycopg://casework@db.invalid/casework",
        REDIS_URL="redis://redis.invalid:6379/0", JOB_QUEUE_MODE="redis",
    )
    assert production.config["PASSWORD_HASH_METHOD"] == "scrypt"
    with production.app_context():
        user = User(email="someone@example.org", name="Someone")
        user.set_password(PASSWORD)
    assert user.password_hash.startswith("scrypt:")
    assert PASSWORD not in user.password_hash
    assert user.check_password(PASSWORD) and not user.check_password(WRONG)


# --- CSRF ---------------------------------------------------------------------------------

def _csrf_token(response) -> str:
    return re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page(response)).group(1)


def test_forms_without_a_csrf_token_are_refused_when_protection_is_on(app, client, users):
    before = app.config["WTF_CSRF_ENABLED"]
    app.config["WTF_CSRF_ENABLED"] = True
    try:
        response = post_login(client, "viewer@example.org", PASSWORD)
        assert response.status_code == 400
        assert "Form expired" in page(response)
        assert not is_signed_in(client)

        response = client.post("/login", data={"email": "viewer@example.org", "password": PASSWORD,
                                               "csrf_token": _csrf_token(client.get("/login"))})
        assert path_of(response) == "/"

        response = client.post("/logout")  # no token: refused, still signed in
        assert response.status_code == 400 and "Form expired" in page(response)
        assert is_signed_in(client)
        response = client.post("/logout", data={"csrf_token": _csrf_token(client.get("/"))})
        assert path_of(response) == "/login"
        assert not is_signed_in(client)
    finally:
        app.config["WTF_CSRF_ENABLED"] = before


# --- account safety ------------------------------------------------------------------------

def test_changing_the_password_signs_out_other_sessions(app, users):
    officer = users["officer"]
    here, elsewhere = app.test_client(), app.test_client()
    sign_in(here, officer)
    sign_in(elsewhere, officer)
    response = here.post("/account/password", data={
        "current_password": PASSWORD, "new_password": NEW_PASSWORD, "confirm": NEW_PASSWORD})
    assert path_of(response) == "/"
    assert is_signed_in(here)
    assert not is_signed_in(elsewhere)


def test_wrong_current_password_counts_towards_lockout(client, users):
    sign_in(client, users["officer"])
    for _ in range(5):
        client.post("/account/password", data={
            "current_password": WRONG, "new_password": NEW_PASSWORD, "confirm": NEW_PASSWORD})
    db.session.refresh(users["officer"])
    assert users["officer"].is_locked
    assert path_of(client.get("/")).startswith("/login")
    assert "This account is locked" in page(client.get("/login"))


def test_replacing_the_authenticator_needs_the_password(client, users):
    officer = with_totp(users["officer"])
    old_secret = officer.totp_secret
    sign_in(client, officer)
    enrolment = page(client.get("/account/two-factor"))
    new_secret = re.search(r'<p class="secret"><code>([A-Z2-7]+)</code>', enrolment).group(1)

    response = client.post("/account/two-factor", data={"code": pyotp.TOTP(new_secret).now()})
    assert response.status_code == 200
    assert "Enter your current password to replace your authenticator." in page(response)
    db.session.refresh(officer)
    assert officer.totp_secret == old_secret

    response = client.post("/account/two-factor",
                           data={"code": pyotp.TOTP(new_secret).now(), "current_password": PASSWORD})
    assert path_of(response) == "/"
    db.session.refresh(officer)
    assert officer.totp_secret == new_secret
