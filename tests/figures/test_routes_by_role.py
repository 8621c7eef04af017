"""The key figures, for every role: every signed-in reader gets the page and its PDF, counted from
what they may see (the figures themselves are tested in test_figures.py)."""
from __future__ import annotations

import pytest

from tests.routes import LOGIN, SIGNED_IN, Route, answers, check_every_role, check_route, reading

ROUTES = [
    Route("figures.index", "GET", lambda w: "/figures/?year=2025", SIGNED_IN),
    Route("figures.pdf", "GET", lambda w: "/figures/key-figures.pdf?from=2025-01-01&to=2025-03-31", SIGNED_IN),
]
BAD_PERIOD = answers(LOGIN, others=400)


@pytest.mark.parametrize("route", reading(ROUTES), ids=lambda r: f"{r.method} {r.endpoint}")
def test_page_answers_every_role(route: Route, users, app):
    check_every_role(app, route, users, None)


@pytest.mark.parametrize("role", ["anonymous", "viewer", "admin"])
def test_a_bad_period_is_refused_to_readers_and_sends_others_to_sign_in(role: str, users, client):
    check_route(client, Route("figures.index", "GET", lambda w: "/figures/?year=next", BAD_PERIOD), role, users, None)
