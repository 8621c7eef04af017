"""Sessions end on the server: a copied cookie dies with signing out; a new password ends the
other browsers and the API tokens; a locked account is refused in the words of an unknown one."""
from __future__ import annotations

import re

from casework.api.tokens import create_token
from casework.auth.models import User, UserSession
from casework.extensions import db
from tests.auth.test_login import NEW_PASSWORD, WRONG, is_signed_in, page, post_login
from tests.conftest import PASSWORD, sign_in


def _copy_cookie(app, source, target) -> None:
    name, domain = app.config["SESSION_COOKIE_NAME"], app.config["SERVER_NAME"]
    target.set_cookie(name, source.get_cookie(name, domain=domain).value, domain=domain)


def test_a_copy_of_the_session_cookie_is_worthless_once_signed_out(app, client, users):
    sign_in(client, users["viewer"])
    thief = app.test_client()
    _copy_cookie(app, client, thief)
    assert is_signed_in(thief)
    client.post("/logout")
    assert not is_signed_in(thief)
    assert not is_signed_in(client)
    [ended] = db.session.scalars(db.select(UserSession).where(UserSession.user_id == users["viewer"].id)).all()
    assert ended.ended_at is not None


def test_signing_out_ends_this_browser_only(app, users):
    office, laptop = app.test_client(), app.test_client()
    sign_in(office, users["viewer"])
    sign_in(laptop, users["viewer"])
    office.post("/logout")
    assert not is_signed_in(office)
    assert is_signed_in(laptop)


def _api_status(client, secret: str) -> int:
    return client.get("/api/v1/cases", headers={"Authorization": f"Bearer {secret}"}).status_code


def test_a_new_password_ends_the_other_browsers_and_the_api_tokens(app, client, users):
    viewer = users["viewer"]
    _token, secret = create_token(viewer, "nightly export", None, viewer)
    db.session.commit()
    other = app.test_client()
    sign_in(other, viewer)
    sign_in(client, viewer)
    assert _api_status(app.test_client(), secret) == 200
    response = client.post("/account/password", data={
        "current_password": PASSWORD, "new_password": NEW_PASSWORD, "confirm": NEW_PASSWORD})
    assert response.status_code == 303
    assert "API tokens revoked" in page(client.get("/"))
    assert is_signed_in(client)
    assert not is_signed_in(other)
    assert _api_status(app.test_client(), secret) == 401


def test_a_password_set_by_an_administrator_ends_the_api_tokens(app, client, users, make_user):
    from casework.admin.operations import save_user

    viewer = users["viewer"]
    _token, secret = create_token(viewer, "nightly export", None, viewer)
    db.session.commit()
    save_user(viewer, viewer.name, viewer.email, NEW_PASSWORD, False, False, True)
    db.session.commit()
    assert _api_status(app.test_client(), secret) == 401


def test_a_locked_account_is_refused_in_the_words_of_an_unknown_one(app, client, users):
    viewer = users["viewer"]
    for _ in range(app.config["LOGIN_MAX_FAILURES"]):
        post_login(client, viewer.email, WRONG)
    assert db.session.get(User, viewer.id).is_locked
    error = re.compile(r'<p class="error"[^>]*>([^<]*)</p>')
    locked = error.findall(page(post_login(client, viewer.email, PASSWORD)))
    unknown = error.findall(page(post_login(client, "nobody@example.org", PASSWORD)))
    assert locked == unknown and len(locked) == 1
    assert "locked" not in locked[0].split(";")[0]


def test_a_control_character_in_the_sign_in_form_is_refused_in_words(client, users):
    response = post_login(client, "viewer@example.org\x00", PASSWORD)
    assert response.status_code == 200
    assert not is_signed_in(client)
