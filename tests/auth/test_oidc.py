"""Single sign-on through an OpenID Connect provider run by the tests (tests/auth/oidc_provider.py).

Each sign-in is followed as a browser follows it: the sign-in page's button, the redirect to the
provider, the provider's redirect back with a code, Casework's redirect to the page asked for.
"""
from __future__ import annotations

import html
from collections.abc import Iterator
from urllib.parse import urlsplit

import pytest
import requests
from sqlalchemy import select

from casework.core.audit import AuditEvent
from casework.extensions import db
from tests.auth import oidc_provider
from tests.conftest import PASSWORD, sign_in

LABEL = "Sign in with UN Entra ID"
UNKNOWN = ("No Casework account uses the e-mail address stranger@example.org. Ask an administrator to create one; "
           "signing in does not create accounts.")
UNVERIFIED = ("The identity provider has not verified the e-mail address viewer@example.org, so it cannot be "
              "matched to a Casework account.")
FORGED = ("Signing in through the identity provider did not succeed: its answer could not be verified or came too "
          "late. Start again.")
PASSWORD_REFUSED = (f"Sign in with the button above ({LABEL}): passwords are kept for administrators only.")


@pytest.fixture(scope="module")
def provider_server() -> Iterator[oidc_provider.Provider]:
    with oidc_provider.serving() as provider:
        yield provider


@pytest.fixture
def provider(app, provider_server) -> Iterator[oidc_provider.Provider]:
    """Casework set up to sign in through the test provider, for one test."""
    settings = {"OIDC_ISSUER": provider_server.issuer, "OIDC_CLIENT_ID": oidc_provider.CLIENT_ID,
                "OIDC_CLIENT_SECRET": oidc_provider.CLIENT_SECRET, "OIDC_LABEL": LABEL, "OIDC_REQUIRED": False}
    before = {name: app.config.get(name) for name in settings}
    app.config.update(settings)
    provider_server.identity, provider_server.tamper = {}, None
    provider_server.authorizations.clear()
    try:
        yield provider_server
    finally:
        app.config.update(before)


def text_of(response) -> str:
    return html.unescape(response.get_data(as_text=True))


def browse(client, address: str, provider: oidc_provider.Provider):
    """GET `address` and follow every redirect, to Casework (the test client) or to the provider
    (over HTTP), as a browser would; the last answer and the path it came from."""
    for _hop in range(10):
        if address.startswith(provider.issuer):
            answer = requests.get(address, allow_redirects=False, timeout=10)
            status, location = answer.status_code, answer.headers.get("Location")
        else:
            answer = client.get(address)
            status, location = answer.status_code, answer.headers.get("Location")
        if status not in (301, 302, 303, 307):
            return answer, urlsplit(address).path
        address = location if "://" in location else f"http://casework.test{location}"
    raise AssertionError("too many redirects")


def sign_in_through_provider(client, provider, email: str, verified: bool = True, next_url: str | None = None):
    """Open the sign-in page, press the provider's button and follow the browser to where it lands."""
    provider.identity = {"email": email, "email_verified": verified}
    login_page = text_of(client.get("/login", query_string={"next": next_url} if next_url else None))
    assert LABEL in login_page
    start = "/login/oidc" + (f"?next={next_url}" if next_url else "")
    assert f'href="{start}"' in login_page
    return browse(client, start, provider)


def sso_events(action: str) -> list[AuditEvent]:
    return [e for e in db.session.scalars(select(AuditEvent).where(AuditEvent.action == action))
            if (e.detail or {}).get("method") == "oidc"]


def test_a_verified_address_of_an_existing_account_signs_in_and_lands_on_my_work(client, users, provider):
    answer, path = sign_in_through_provider(client, provider, "Viewer@Example.org")

    assert (answer.status_code, path) == (200, "/")
    assert "Viewer" in text_of(answer)
    asked = provider.authorizations[-1]
    assert asked["code_challenge_method"] == "S256" and asked["nonce"] and asked["state"]
    assert asked["redirect_uri"] == "http://casework.test/login/oidc/callback"
    [signed_in] = sso_events("login")
    assert signed_in.object_id == str(users["viewer"].id)
    # The session is Casework's own: signing out ends it as it ends a password session.
    assert client.post("/logout").status_code == 302
    assert urlsplit(client.get("/").headers["Location"]).path == "/login"


def test_the_page_asked_for_is_where_the_sign_in_lands(client, users, provider, make_case):
    case = make_case()
    answer, path = sign_in_through_provider(client, provider, "viewer@example.org", next_url=f"/cases/{case.id}")
    assert (answer.status_code, path) == (200, f"/cases/{case.id}")


@pytest.mark.parametrize("email, verified, message", [
    ("stranger@example.org", True, UNKNOWN),
    ("viewer@example.org", False, UNVERIFIED),
])
def test_an_unknown_or_unverified_address_is_refused_with_the_reason(client, users, provider, email, verified,
                                                                    message):
    answer, path = sign_in_through_provider(client, provider, email, verified=verified)

    assert (answer.status_code, path) == (200, "/login")
    assert message in text_of(answer)
    assert urlsplit(client.get("/").headers["Location"]).path == "/login"
    [refused] = sso_events("login_failed")
    assert refused.detail["email"] == email
    assert sso_events("login") == []


def test_a_disabled_account_is_refused(client, users, provider):
    users["viewer"].active = False
    db.session.commit()
    answer, path = sign_in_through_provider(client, provider, "viewer@example.org")
    assert path == "/login" and "This account is disabled." in text_of(answer)


@pytest.mark.parametrize("tamper", ["signature", "nonce"])
def test_a_forged_id_token_is_refused(client, users, provider, tamper):
    provider.tamper = tamper
    answer, path = sign_in_through_provider(client, provider, "viewer@example.org")

    assert (answer.status_code, path) == (200, "/login")
    assert FORGED in text_of(answer)
    assert urlsplit(client.get("/").headers["Location"]).path == "/login"
    assert sso_events("login") == []


def test_an_answer_the_browser_did_not_ask_for_is_refused(client, users, provider):
    """A callback with another browser's code (a forged sign-in link): the state does not match."""
    provider.identity = {"email": "viewer@example.org", "email_verified": True}
    other_browser = client.application.test_client()
    to_provider = other_browser.get("/login/oidc").headers["Location"]
    back = requests.get(to_provider, allow_redirects=False, timeout=10).headers["Location"]

    answer, path = browse(client, back, provider)
    assert path == "/login" and FORGED in text_of(answer)


def test_with_single_sign_on_required_a_password_is_refused_but_an_administrator_keeps_it(
        app, client, users, provider):
    app.config["OIDC_REQUIRED"] = True
    answer = client.post("/login", data={"email": "viewer@example.org", "password": PASSWORD})
    assert answer.status_code == 200
    assert PASSWORD_REFUSED in text_of(answer)
    assert urlsplit(client.get("/").headers["Location"]).path == "/login"
    # A wrong password is told the same words as before: nothing about the account is given away.
    wrong = client.post("/login", data={"email": "viewer@example.org", "password": "not it at all"})
    assert PASSWORD_REFUSED not in text_of(wrong)

    sign_in(client, users["admin"])  # the way back in when the provider is down: password + code
    assert client.get("/").status_code == 200

    viewer = app.test_client()
    answer, path = sign_in_through_provider(viewer, provider, "viewer@example.org")
    assert (answer.status_code, path) == (200, "/")


def test_an_unreachable_provider_is_said_so_on_the_sign_in_page(app, client, users, provider):
    app.config["OIDC_ISSUER"] = "http://127.0.0.1:9"  # nothing listens there
    answer, path = browse(client, "/login/oidc", provider)
    assert path == "/login"
    assert "The identity provider cannot be reached." in text_of(answer)


def test_without_a_provider_the_sign_in_page_has_no_button_and_the_routes_do_not_exist(client, users):
    assert "/login/oidc" not in client.get("/login").get_data(as_text=True)
    assert client.get("/login/oidc").status_code == 404
    assert client.get("/login/oidc/callback?code=x&state=y").status_code == 404


def test_requiring_single_sign_on_without_a_provider_stops_the_start(database_url):
    """Otherwise everyone but the administrators would be locked out by a typo in the settings."""
    from casework import create_app
    from config import TestConfig

    with pytest.raises(RuntimeError, match="CASEWORK_OIDC_REQUIRED needs CASEWORK_OIDC_ISSUER"):
        create_app(TestConfig, SQLALCHEMY_DATABASE_URI=database_url, OIDC_REQUIRED=True)
