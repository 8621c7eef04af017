"""Every route of the API and of the token pages, for every role.

The API never accepts the session cookie: signed in or not, every data route answers 401 without
a token (the token tests and test_access.py check what tokens get). Its description is public.
"""
from __future__ import annotations

from dataclasses import dataclass

import pytest

from casework.api.tokens import create_token
from casework.core.persons import Person
from casework.extensions import db
from casework.letters.operations import draft_letter
from tests.routes import (
    ADMIN_ONLY_GET, LOGIN, ROLES, SIGNED_IN, Route, answers, changing, check_every_role, check_route, reading,
)

NO_COOKIE = answers(401, others=401)
PUBLIC = answers(200, others=200)


@dataclass
class World:
    case_id: int
    person_id: int
    letter_id: int
    token_id: int


@pytest.fixture
def world(users, make_case) -> World:
    case = make_case(officer=users["officer"])
    person = Person(family_name="Haddad", given_names="Samir", unit_id=case.unit_id)
    db.session.add(person)
    letter = draft_letter("letter", "en", users["officer"], parent=case)
    token, _secret = create_token(users["viewer"], "script", None, users["viewer"])
    db.session.commit()
    return World(case.id, person.id, letter.id, token.id)


def _api(endpoint: str, method: str, path) -> Route:
    return Route(endpoint, method, lambda w: "/api/v1" + path(w), NO_COOKIE)


ROUTES = [
    Route("api.openapi", "GET", lambda w: "/api/v1/openapi.json", PUBLIC),
    Route("api.docs", "GET", lambda w: "/api/v1/docs", PUBLIC),
    _api("api.index", "GET", lambda w: ""),
    _api("api.list_cases", "GET", lambda w: "/cases"),
    _api("api.read_case", "GET", lambda w: f"/cases/{w.case_id}"),
    _api("api.list_transitions", "GET", lambda w: f"/cases/{w.case_id}/transitions"),
    _api("api.take_action", "POST", lambda w: f"/cases/{w.case_id}/transitions/submit"),
    _api("api.create_communications", "POST", lambda w: "/communications"),
    _api("api.create_urgent_actions", "POST", lambda w: "/urgent-actions"),
    _api("api.create_detention_visits", "POST", lambda w: "/detention/visits"),
    _api("api.create_special_procedures", "POST", lambda w: "/special-procedures"),
    _api("api.create_reprisals", "POST", lambda w: "/reprisals"),
    _api("api.create_working_groups_arbitrary_detention", "POST", lambda w: "/working-groups/arbitrary-detention"),
    _api("api.create_working_groups_disappearances", "POST", lambda w: "/working-groups/disappearances"),
    _api("api.list_persons", "GET", lambda w: "/persons"),
    _api("api.read_person", "GET", lambda w: f"/persons/{w.person_id}"),
    _api("api.create_person", "POST", lambda w: "/persons"),
    _api("api.list_letters", "GET", lambda w: "/letters"),
    _api("api.read_letter", "GET", lambda w: f"/letters/{w.letter_id}"),
    _api("api.letter_pdf", "GET", lambda w: f"/letters/{w.letter_id}/pdf"),
    _api("api.draft_letter", "POST", lambda w: "/letters"),
    Route("tokens.account_tokens", "GET", lambda w: "/account/tokens", SIGNED_IN),
    Route("tokens.account_tokens", "POST", lambda w: "/account/tokens", answers(LOGIN, others=201),
          lambda w: {"name": "Statistics script"}),
    # Only the token's own user (the viewer) and administrators may revoke it; to others it does not exist.
    Route("tokens.revoke", "POST", lambda w: f"/account/tokens/{w.token_id}/revoke",
          answers(LOGIN, viewer=303, admin=303, others=404)),
    Route("tokens.admin_tokens", "GET", lambda w: "/admin/tokens", ADMIN_ONLY_GET),
]


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("route", changing(ROUTES), ids=lambda r: f"{r.method} {r.endpoint}")
def test_route_answers_role(route: Route, role: str, world: World, client, users):
    check_route(client, route, role, users, world)


@pytest.mark.parametrize("route", reading(ROUTES), ids=lambda r: f"{r.method} {r.endpoint}")
def test_page_answers_every_role(route: Route, world: World, users, app):
    check_every_role(app, route, users, world)
