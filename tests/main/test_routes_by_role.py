"""My work's sections, the team view and saved searches, for every role."""
from __future__ import annotations

from dataclasses import dataclass

import pytest

from casework.extensions import db
from casework.saved_searches.models import SavedSearch
from tests.routes import LOGIN, ROLES, SIGNED_IN, Route, answers, changing, check_every_role, check_route, reading

SUPERVISORS = answers(LOGIN, supervisor=200, outsider=200, others=403)  # outsider supervises CED
CCPR_SUPERVISOR = answers(LOGIN, supervisor=200, others=403)
# A search the officer saved and shared with CCPR: its members find it, only the officer changes it.
OPENED = answers(LOGIN, officer=303, viewer=303, supervisor=303, others=404)
OWNER_PAGE = answers(LOGIN, officer=200, viewer=403, supervisor=403, others=404)
OWNER_POST = answers(LOGIN, officer=303, viewer=403, supervisor=403, others=404)


@dataclass
class World:
    unit_id: int
    search_id: int


@pytest.fixture
def world(users) -> World:
    unit_id = users["officer"].memberships[0].unit_id
    search = SavedSearch(owner_id=users["officer"].id, name="Shared", list_name="communications", query="q=P",
                         unit_id=unit_id)
    db.session.add(search)
    db.session.commit()
    return World(unit_id, search.id)


ROUTES = [
    Route("main.my_work_section", "GET", lambda w: "/my-work/overdue", SIGNED_IN),
    Route("main.team", "GET", lambda w: "/team", SUPERVISORS),
    Route("main.team_cases", "GET", lambda w: f"/team/{w.unit_id}/cases", CCPR_SUPERVISOR),
    Route("main.saved_searches", "GET", lambda w: "/saved-searches", SIGNED_IN),
    Route("main.save_search", "GET", lambda w: "/saved-searches/new?list=communications&query=q%3DP", SIGNED_IN),
    Route("main.save_search", "POST", lambda w: "/saved-searches/new", answers(LOGIN, others=303),
          lambda w: {"name": "Mine", "list_name": "communications", "query": "q=P", "unit": "0"}),
    Route("main.open_saved_search", "GET", lambda w: f"/saved-searches/{w.search_id}", OPENED),
    Route("main.edit_saved_search", "GET", lambda w: f"/saved-searches/{w.search_id}/edit", OWNER_PAGE),
    Route("main.edit_saved_search", "POST", lambda w: f"/saved-searches/{w.search_id}/edit", OWNER_POST,
          lambda w: {"name": "Renamed", "unit": "0"}),
    Route("main.delete_saved_search", "POST", lambda w: f"/saved-searches/{w.search_id}/delete", OWNER_POST),
]


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("route", changing(ROUTES), ids=lambda r: f"{r.method} {r.endpoint}")
def test_route_answers_role(route: Route, role: str, world: World, client, users):
    check_route(client, route, role, users, world)


@pytest.mark.parametrize("route", reading(ROUTES), ids=lambda r: f"{r.method} {r.endpoint}")
def test_page_answers_every_role(route: Route, world: World, users, app):
    check_every_role(app, route, users, world)
