"""What every role-by-route table shares: the roles, the expected answers and the check.

The core table is `tests/test_routes_by_role.py`; each domain module keeps its own in
`tests/<module>/test_routes_by_role.py` (a `ROUTES` list and a test calling `check_route`), and the
core test checks that every route the app serves is declared in one of them.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from tests.conftest import sign_in

ROLES = ("anonymous", "viewer", "officer", "supervisor", "outsider", "secretariat", "auditor", "admin")


@dataclass
class Route:
    endpoint: str
    method: str
    url: Callable[[Any], str]  # world → URL
    expect: dict[str, int]
    data: Callable[[Any], dict] = field(default=lambda w: {})


def answers(anonymous: int, **by_role: int) -> dict[str, int]:
    """The status each role gets; `others` stands for every role not named."""
    default = by_role.pop("others", None)
    result = {"anonymous": anonymous}
    for role in ROLES[1:]:
        result[role] = by_role.get(role, default)
    assert None not in result.values()
    return result


LOGIN = 302  # anonymous users are sent to the sign-in page
ADMIN_ONLY_GET = answers(LOGIN, admin=200, others=403)
ADMIN_ONLY_POST = answers(LOGIN, admin=303, others=403)
SIGNED_IN = answers(LOGIN, others=200)
CASE_VIEW = answers(LOGIN, outsider=404, others=200)
CASE_EDIT = answers(LOGIN, officer=303, supervisor=303, admin=303, outsider=404, others=403)
CASE_ASSIGN = answers(LOGIN, supervisor=303, admin=303, outsider=404, others=403)
CASE_EDIT_FORM = answers(LOGIN, officer=200, supervisor=200, admin=200, outsider=404, others=403)


def changing(routes: list[Route]) -> list[Route]:
    """The routes that may change what the next request sees: each role gets a world of its own."""
    return [route for route in routes if route.method != "GET"]


def reading(routes: list[Route]) -> list[Route]:
    """The pages, which change nothing another role would see: every role asks on one world."""
    return [route for route in routes if route.method == "GET"]


def check_route(client, route: Route, role: str, users: dict, world: Any) -> None:
    """Sign in as `role` (unless anonymous), call the route and compare the status with the table."""
    if role != "anonymous":
        sign_in(client, users[role])
    url = route.url(world)
    response = client.open(url, method=route.method, data=route.data(world))
    response.close()  # file downloads hold the file open until closed
    assert response.status_code == route.expect[role], (
        f"{role} {route.method} {url}: {response.status_code}, expected {route.expect[role]}\n"
        + response.get_data(as_text=True)[:2000])
    if role == "anonymous" and route.expect[role] == LOGIN and route.endpoint != "auth.login_totp":
        assert "/login" in response.headers["Location"]


def check_every_role(app, route: Route, users: dict, world: Any) -> None:
    """A page asked by every role in turn, each from a browser of its own, on the same world."""
    for role in ROLES:
        check_route(app.test_client(), route, role, users, world)
