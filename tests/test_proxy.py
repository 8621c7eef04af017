"""Behind a reverse proxy: the audit trail records the client's address the proxy forwards,
and only when Casework is told a proxy is there (CASEWORK_PROXY_COUNT)."""
from __future__ import annotations

from collections.abc import Iterator

import pytest
from flask import Flask
from sqlalchemy import select

from casework import create_app
from casework.core.audit import AuditAction, AuditEvent
from casework.extensions import db
from config import TestConfig
from tests.conftest import PASSWORD

CLIENT = "203.0.113.7"  # the browser, as the proxy saw it
PROXY = "10.0.0.5"  # the proxy, as gunicorn sees it


@pytest.fixture
def behind_one_proxy(app) -> Iterator[Flask]:
    """The same installation started with CASEWORK_PROXY_COUNT=1."""
    proxied = create_app(TestConfig, SQLALCHEMY_DATABASE_URI=app.config["SQLALCHEMY_DATABASE_URI"],
                         UPLOAD_FOLDER=app.config["UPLOAD_FOLDER"], PROXY_COUNT=1)
    yield proxied
    with proxied.app_context():
        db.engine.dispose()


def sign_in_through_proxy(app: Flask, email: str) -> None:
    response = app.test_client().post(
        "/login", data={"email": email, "password": PASSWORD},
        headers={"X-Forwarded-For": CLIENT, "X-Forwarded-Proto": "https"}, environ_base={"REMOTE_ADDR": PROXY},
    )
    assert response.status_code == 302, response.get_data(as_text=True)


def audited_sign_in_addresses() -> list[str | None]:
    db.session.expire_all()
    return list(db.session.scalars(select(AuditEvent.remote_addr).where(AuditEvent.action == AuditAction.LOGIN)))


def test_a_sign_in_through_one_proxy_is_audited_with_the_forwarded_client_address(app, behind_one_proxy, users):
    sign_in_through_proxy(behind_one_proxy, users["officer"].email)
    assert audited_sign_in_addresses() == [CLIENT]


def test_without_a_configured_proxy_the_forwarded_address_is_ignored(app, users):
    assert app.config["PROXY_COUNT"] == 0
    sign_in_through_proxy(app, users["officer"].email)
    assert audited_sign_in_addresses() == [PROXY]


def test_a_forged_address_before_the_proxys_own_is_not_believed(app, behind_one_proxy, users):
    """The proxy appends the address it saw: what the client put in front of it is its own say-so."""
    response = behind_one_proxy.test_client().post(
        "/login", data={"email": users["officer"].email, "password": PASSWORD},
        headers={"X-Forwarded-For": f"198.51.100.1, {CLIENT}"}, environ_base={"REMOTE_ADDR": PROXY},
    )
    assert response.status_code == 302
    assert audited_sign_in_addresses() == [CLIENT]
