"""The search page, for every role: every signed-in user may search; what they find is theirs."""
from __future__ import annotations

import pytest

from tests.routes import ROLES, SIGNED_IN, Route, check_route

ROUTES = [
    Route("search.index", "GET", lambda w: "/search/?q=garcia&kind=person", SIGNED_IN),
]


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("route", ROUTES, ids=lambda r: f"{r.method} {r.endpoint}")
def test_route_answers_role(route: Route, role: str, world, users, client):
    check_route(client, route, role, users, world)
