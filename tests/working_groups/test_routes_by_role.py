"""Every working group route, for every role around both working groups (the outsider works for CCPR)."""
from __future__ import annotations

from dataclasses import dataclass

import pytest

from tests.routes import (
    CASE_ASSIGN, CASE_EDIT, CASE_EDIT_FORM, LOGIN, ROLES, SIGNED_IN, Route, answers, changing, check_every_role,
    check_route, reading,
)
from tests.working_groups.conftest import adopt, days_ago

EDITORS_FORM = answers(LOGIN, officer=200, supervisor=200, admin=200, others=403)
EDITORS_INVALID = answers(LOGIN, officer=400, supervisor=400, admin=400, others=403)
SUPERVISORS_POST = answers(LOGIN, supervisor=303, admin=303, others=403)


@dataclass
class World:
    received: object
    transmitted: object
    replied: object
    opinion: object
    members: dict


@pytest.fixture
def world(make_detention, users, members) -> World:
    opinion = make_detention(family="Opinion", steps=("transmit", "reply"))
    adopt(opinion, users, members)
    return World(make_detention(family="Received"), make_detention(family="Transmitted", steps=("transmit",)),
                 make_detention(family="Replied", steps=("transmit", "reply")), opinion, members)


ROUTES = [
    Route("working_groups.index", "GET", lambda w: "/working-groups/", answers(LOGIN, others=302)),
    Route("working_groups.cases", "GET", lambda w: "/working-groups/disappearances/?year=2026&status=outstanding",
          SIGNED_IN),
    Route("working_groups.figures", "GET", lambda w: "/working-groups/arbitrary-detention/figures", SIGNED_IN),
    Route("working_groups.new", "GET", lambda w: "/working-groups/arbitrary-detention/new", EDITORS_FORM),
    Route("working_groups.new", "POST", lambda w: "/working-groups/disappearances/new", EDITORS_INVALID),
    Route("working_groups.import_csv", "GET", lambda w: "/working-groups/import", EDITORS_FORM),
    Route("working_groups.import_csv", "POST", lambda w: "/working-groups/import", EDITORS_INVALID),
    Route("working_groups.members", "GET", lambda w: "/working-groups/arbitrary-detention/members", SIGNED_IN),
    Route("working_groups.members", "POST", lambda w: "/working-groups/arbitrary-detention/members",
          SUPERVISORS_POST, lambda w: {"name": "New Member", "state_id": w.members["iraqi"].state_id}),
    Route("working_groups.step", "POST", lambda w: f"/working-groups/cases/{w.received.id}/steps/transmit",
          CASE_EDIT, lambda w: {"version": w.received.version, "on": days_ago(1).isoformat()}),
    Route("working_groups.extend", "POST", lambda w: f"/working-groups/cases/{w.transmitted.id}/extension",
          CASE_EDIT, lambda w: {"note": "Requested by the Mission; granted by the Chair."}),
    Route("working_groups.opinion", "POST", lambda w: f"/working-groups/cases/{w.replied.id}/opinion", CASE_ASSIGN,
          lambda w: {"session": 104, "adopted_on": days_ago(2).isoformat(), "outcome": "not_arbitrary",
                     "taking_part": [w.members["mexican"].id]}),
    Route("working_groups.edit_details", "GET", lambda w: f"/working-groups/cases/{w.received.id}/details",
          CASE_EDIT_FORM),
    Route("working_groups.edit_details", "POST", lambda w: f"/working-groups/cases/{w.received.id}/details",
          CASE_EDIT, lambda w: {"version": w.received.version, "state_id": w.received.state_id,
                                "received_on": w.received.received_on.isoformat(), "language": "en",
                                "title": "Detention of Dara RECEIVED", "place_of_detention": "Central prison",
                                "summary": "Arrested after a peaceful demonstration.", "source_name": "A source"}),
    Route("working_groups.review", "POST", lambda w: f"/working-groups/cases/{w.opinion.id}/reviews", CASE_EDIT,
          lambda w: {"requested_by": "government", "received_on": days_ago(1).isoformat(),
                     "grounds": "New facts unknown to the Working Group."}),
]


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("route", changing(ROUTES), ids=lambda r: f"{r.method} {r.endpoint}")
def test_route_answers_role(route: Route, role: str, world: World, client, users):
    check_route(client, route, role, users, world)


@pytest.mark.parametrize("route", reading(ROUTES), ids=lambda r: f"{r.method} {r.endpoint}")
def test_page_answers_every_role(route: Route, world: World, users, app):
    check_every_role(app, route, users, world)
