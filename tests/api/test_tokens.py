"""A token's life: created and shown once, stored hashed, refused once revoked or expired."""
from __future__ import annotations

import hashlib
from datetime import date, timedelta

from sqlalchemy import select

from casework.api.tokens import AccessToken
from casework.core.audit import AuditEvent
from casework.core.db import utcnow
from casework.extensions import db
from tests.conftest import sign_in


def test_a_token_is_shown_once_and_stored_only_as_a_hash(client, users):
    sign_in(client, users["officer"])
    response = client.post("/account/tokens", data={"name": "Statistics script"})
    assert response.status_code == 201
    page = response.get_data(as_text=True)
    token = db.session.scalar(select(AccessToken))
    secret = next(word for word in page.replace("<", " ").replace(">", " ").split()
                  if word.startswith("cw_") and len(word) > 20)
    assert token.token_hash == hashlib.sha256(secret.encode()).hexdigest()
    assert secret not in str([getattr(token, c.key) for c in AccessToken.__table__.columns])
    assert token.prefix == secret[:10] and token.name == "Statistics script"
    again = client.get("/account/tokens").get_data(as_text=True)
    assert secret not in again and token.prefix in again
    created = db.session.scalar(select(AuditEvent).where(AuditEvent.object_type == "access_tokens"))
    assert created.actor_id == users["officer"].id and created.changes["token_hash"] == "[redacted]"


def test_the_token_authenticates_as_its_user_and_notes_its_use(client, users, token_for):
    secret = token_for(users["officer"])
    response = client.get("/api/v1", headers={"Authorization": f"Bearer {secret}"})
    assert response.status_code == 200 and response.json["user"] == "Officer"
    assert db.session.scalar(select(AccessToken)).last_used_at is not None
    assert "Set-Cookie" not in response.headers


def test_revoked_token_is_refused(client, users, token_for):
    secret = token_for(users["officer"])
    sign_in(client, users["officer"])
    token = db.session.scalar(select(AccessToken))
    assert client.post(f"/account/tokens/{token.id}/revoke").status_code == 303
    client.post("/logout")
    response = client.get("/api/v1/cases", headers={"Authorization": f"Bearer {secret}"})
    assert response.status_code == 401
    assert "revoked" in response.json["error"]["message"]


def test_an_administrator_revokes_anyone_s_token_and_others_cannot(client, users, token_for):
    token_for(users["viewer"])
    token = db.session.scalar(select(AccessToken))
    sign_in(client, users["officer"])
    assert client.post(f"/account/tokens/{token.id}/revoke").status_code == 404
    client.post("/logout")
    sign_in(client, users["admin"])
    assert users["viewer"].name in client.get("/admin/tokens").get_data(as_text=True)
    assert client.post(f"/account/tokens/{token.id}/revoke?from=admin").status_code == 303
    db.session.refresh(token)
    assert token.revoked_by_id == users["admin"].id


def test_expired_token_is_refused(client, users, token_for):
    secret = token_for(users["officer"], expires_on=date.today() + timedelta(days=2))
    headers = {"Authorization": f"Bearer {secret}"}
    assert client.get("/api/v1/cases", headers=headers).status_code == 200
    token = db.session.scalar(select(AccessToken))
    token.expires_at = utcnow() - timedelta(seconds=1)
    db.session.commit()
    assert client.get("/api/v1/cases", headers=headers).status_code == 401


def test_a_disabled_user_s_token_is_refused(client, users, token_for):
    secret = token_for(users["officer"])
    users["officer"].active = False
    db.session.commit()
    response = client.get("/api/v1/cases", headers={"Authorization": f"Bearer {secret}"})
    assert response.status_code == 401 and response.json["error"]["status"] == 401


def test_the_session_cookie_alone_is_refused(client, users):
    sign_in(client, users["admin"])
    response = client.get("/api/v1/cases")
    assert response.status_code == 401
    assert response.headers["WWW-Authenticate"].startswith("Bearer")
    assert client.post("/api/v1/persons", json={"family_name": "X", "unit": "CCPR"}).status_code == 401


def test_unknown_or_malformed_tokens_are_refused(client, users):
    for header in ("Bearer cw_not-a-token", "Basic dXNlcjpwYXNz", "Bearer", "cw_abc"):
        response = client.get("/api/v1/cases", headers={"Authorization": header})
        assert response.status_code == 401, header
        assert set(response.json["error"]) == {"status", "message", "fields"}


def test_past_expiry_dates_are_refused_on_the_page(client, users):
    sign_in(client, users["officer"])
    response = client.post("/account/tokens", data={"name": "Old", "expires_on": "2020-01-01"})
    assert response.status_code == 400 and "future" in response.get_data(as_text=True)
    assert db.session.scalar(select(AccessToken)) is None
