"""The search page, for every role: every signed-in user may search; what they find is theirs."""
from __future__ import annotations

import pytest

from tests.routes import SIGNED_IN, Route, check_every_role, reading

ROUTES = [
    Route("search.index", "GET", lambda w: "/search/?q=garcia&kind=person", SIGNED_IN),
]


@pytest.mark.parametrize("route", reading(ROUTES), ids=lambda r: f"{r.method} {r.endpoint}")
def test_page_answers_every_role(route: Route, world, users, app):
    check_every_role(app, route, users, world)
