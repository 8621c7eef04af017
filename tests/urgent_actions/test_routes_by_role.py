"""Every urgent action route, for every role around the CED unit (the outsider works for CCPR)."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

import pytest

from casework.core.jobs import JobRecord, JobStatus
from casework.extensions import db
from casework.urgent_actions import operations as ops
from casework.urgent_actions.jobs import register_group_members
from casework.urgent_actions.models import Criterion, UrgentActionGroup
from tests.urgent_actions.conftest import ALL_MET
from tests.routes import (
    CASE_EDIT_FORM, LOGIN, ROLES, SIGNED_IN, Route, answers, changing, check_every_role, check_route, reading,
)

EDITORS_FORM = answers(LOGIN, officer=200, supervisor=200, admin=200, others=403)
EDITORS_INVALID = answers(LOGIN, officer=400, supervisor=400, admin=400, others=403)
CASE_EDIT_INVALID = answers(LOGIN, officer=400, supervisor=400, admin=400, outsider=404, others=403)
CASE_EDIT_DONE = answers(LOGIN, officer=303, supervisor=303, admin=303, outsider=404, others=403)


@dataclass
class World:
    received: object
    registered: object
    recommendation_id: int
    group_id: int


@pytest.fixture
def world(make_ua, users) -> World:
    received = make_ua(register=False, family="Received")
    registered = make_ua(events=("transmit_to_state", "record_state_reply"))
    return World(received, registered, registered.recommendations[0].id, _stopped_group(make_ua, users).id)


def _stopped_group(make_ua, users) -> UrgentActionGroup:
    """A group whose registration in the background failed with one person still waiting."""
    first = make_ua(family="First of the group")
    group = UrgentActionGroup(unit_id=first.unit_id, title="Two taken", size=2, members=[first], waiting={
        "persons": [{"family_name": "Second", "given_names": "", "sex": "male", "age": None, "nationality_id": None,
                     "contact": ""}], "criteria": ALL_MET, "reason": "", "letters": ops.PER_PERSON,
        "language": "en", "on": date.today().isoformat(), "first_number": first.number})
    db.session.add(group)
    db.session.flush()
    db.session.add(JobRecord(kind=f"{register_group_members.__module__}.{register_group_members.__name__}",
                             args=[group.id, users["officer"].id], status=JobStatus.FAILED,
                             subject_type="urgent_action_groups", subject_id=group.id))
    db.session.commit()
    return group


def _outcome_url(w: World) -> str:
    return f"/urgent-actions/{w.registered.id}/persons/{w.registered.disappeared[0].id}/outcome"


ROUTES = [
    Route("urgent_actions.index", "GET", lambda w: "/urgent-actions/?due=overdue", SIGNED_IN),
    Route("urgent_actions.export", "GET", lambda w: "/urgent-actions/export.csv", SIGNED_IN),
    Route("urgent_actions.stats", "GET", lambda w: "/urgent-actions/statistics", SIGNED_IN),
    Route("urgent_actions.new", "GET", lambda w: "/urgent-actions/new", EDITORS_FORM),
    Route("urgent_actions.new", "POST", lambda w: "/urgent-actions/new", EDITORS_INVALID),
    Route("urgent_actions.import_csv", "GET", lambda w: "/urgent-actions/import", EDITORS_FORM),
    Route("urgent_actions.import_csv", "POST", lambda w: "/urgent-actions/import", EDITORS_INVALID),
    Route("urgent_actions.new_group", "GET", lambda w: "/urgent-actions/groups/new", EDITORS_FORM),
    Route("urgent_actions.new_group", "POST", lambda w: "/urgent-actions/groups/new", EDITORS_INVALID),
    Route("urgent_actions.decide", "POST", lambda w: f"/urgent-actions/{w.received.id}/registration",
          CASE_EDIT_DONE, lambda w: {"decision": "register", "reason": "Met.",
                                     **{f"criterion_{c.value}": "y" for c in Criterion}}),
    Route("urgent_actions.edit", "GET", lambda w: f"/urgent-actions/{w.registered.id}/edit", CASE_EDIT_FORM),
    Route("urgent_actions.edit", "POST", lambda w: f"/urgent-actions/{w.registered.id}/edit", CASE_EDIT_DONE,
          lambda w: {"version": w.registered.version, "state_id": w.registered.state_id, "language": "en",
                     "received_on": w.registered.received_on.isoformat(), "circumstances": "Corrected."}),
    Route("urgent_actions.follow_up", "POST", lambda w: f"/urgent-actions/{w.registered.id}/follow-up",
          CASE_EDIT_INVALID),
    Route("urgent_actions.respond", "POST",
          lambda w: f"/urgent-actions/{w.registered.id}/recommendations/{w.recommendation_id}", CASE_EDIT_DONE,
          lambda w: {"response_status": "implemented", "state_response": "A search commission was set up.",
                     "responded_on": (date.today() - timedelta(days=1)).isoformat()}),
    Route("urgent_actions.record_outcome", "POST", _outcome_url, CASE_EDIT_DONE, lambda w: {
        f"person-{w.registered.disappeared[0].id}-version": w.registered.version,
        f"person-{w.registered.disappeared[0].id}-outcome": "in_detention",
        f"person-{w.registered.disappeared[0].id}-located_on": date.today().isoformat()}),
    # The API takes no session cookie: without a token every role gets 401 (tests/api checks tokens).
    Route("api.record_urgent_action_outcome", "POST", lambda w: "/api/v1" + _outcome_url(w),
          answers(401, others=401)),
    Route("urgent_actions.retry_group", "POST", lambda w: f"/urgent-actions/groups/{w.group_id}/retry",
          CASE_EDIT_DONE),
]


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("route", changing(ROUTES), ids=lambda r: f"{r.method} {r.endpoint}")
def test_route_answers_role(route: Route, role: str, world: World, client, users):
    check_route(client, route, role, users, world)


@pytest.mark.parametrize("route", reading(ROUTES), ids=lambda r: f"{r.method} {r.endpoint}")
def test_page_answers_every_role(route: Route, world: World, users, app):
    check_every_role(app, route, users, world)
