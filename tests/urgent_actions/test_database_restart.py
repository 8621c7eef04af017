"""PostgreSQL restarted or down under a working office: no acknowledged write is lost, a request
made while it is down is told to try again (503, nothing half-saved), and the next one works.

They stop and start the suite's own throwaway PostgreSQL (scripts/test.sh gives the script).
"""
from __future__ import annotations

import subprocess

import pytest
from sqlalchemy import func, select

from casework.core.persons import CasePerson, Person
from casework.extensions import db
from casework.urgent_actions.models import UrgentAction
from tests.conftest import PG_CTL, sign_in
from tests.pages import text
from tests.urgent_actions.test_views import _event_form

pytestmark = [pytest.mark.postgres, pytest.mark.postgres_restart]


def _postgresql(action: str) -> None:
    subprocess.run([PG_CTL, action], check=True, capture_output=True, timeout=120)


def _received(states, family_name: str) -> dict:
    return _event_form(states, family_name=family_name, given_names="Ana", sex="female", age="41",
                       nationality_id=states["MEX"].id)


def _urgent_actions_of(family_name: str) -> int:
    db.session.rollback()
    return db.session.scalar(select(func.count(UrgentAction.id)).join(CasePerson, CasePerson.case_id == UrgentAction.id)
                             .join(Person).where(Person.family_name == family_name))


def _between_requests() -> None:
    """Give the connection back to the pool, as a server does at the end of every request."""
    db.session.close()


def test_a_restart_loses_no_acknowledged_write_and_the_next_request_works(client, users, states):
    sign_in(client, users["officer"])
    before, after = _received(states, "Before-restart"), _received(states, "After-restart")
    saved = client.post("/urgent-actions/new", data=before)
    assert saved.status_code == 303
    _between_requests()

    _postgresql("restart")  # every pooled connection is now dead

    page = client.get(saved.headers["Location"])
    assert page.status_code == 200 and "BEFORE-RESTART" in text(page).upper()
    assert client.post("/urgent-actions/new", data=after).status_code == 303
    assert (_urgent_actions_of("Before-restart"), _urgent_actions_of("After-restart")) == (1, 1)


def test_while_it_is_down_a_request_is_told_to_try_again_and_nothing_is_half_saved(client, users, states):
    sign_in(client, users["officer"])
    typed = _received(states, "While-down")
    _between_requests()
    _postgresql("stop")
    try:
        refused = client.post("/urgent-actions/new", data=typed)
        api = client.get("/api/v1/cases", headers={"Authorization": "Bearer cw_not_checked_while_down"})
    finally:
        _postgresql("start")
    assert refused.status_code == 503 and refused.headers["Retry-After"] == "5"
    assert "nothing was saved" in text(refused) and "Reference" in text(refused)
    assert api.status_code == 503 and "nothing was saved" in api.get_json()["error"]["message"]
    assert _urgent_actions_of("While-down") == 0

    assert client.post("/urgent-actions/new", data=typed).status_code == 303
    assert _urgent_actions_of("While-down") == 1
