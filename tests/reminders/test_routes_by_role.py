"""The notifications routes for every role: each user reaches only their own notifications."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pytest

from casework.extensions import db
from casework.reminders.models import Notification, NotificationKind
from tests.routes import LOGIN, ROLES, SIGNED_IN, Route, answers, changing, check_every_role, check_route, reading

OWN_ONLY = answers(LOGIN, officer=303, others=404)
SIGNED_IN_POST = answers(LOGIN, others=303)


@dataclass
class World:
    notification_id: int


@pytest.fixture
def world(users) -> World:
    notification = Notification(user_id=users["officer"].id, kind=NotificationKind.DIGEST,
                                key=f"digest:{date.today().isoformat()}", text="Your deadlines for today")
    db.session.add(notification)
    db.session.commit()
    return World(notification.id)


ROUTES = [
    Route("main.notifications", "GET", lambda w: "/notifications", SIGNED_IN),
    Route("main.read_notification", "POST", lambda w: f"/notifications/{w.notification_id}/read", OWN_ONLY),
    Route("main.read_all_notifications", "POST", lambda w: "/notifications/read-all", SIGNED_IN_POST),
    Route("main.notification_preferences", "POST", lambda w: "/notifications/preferences", SIGNED_IN_POST,
          lambda w: {"email_digest": "y"}),
]


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("route", changing(ROUTES), ids=lambda r: f"{r.method} {r.endpoint}")
def test_route_answers_role(route: Route, role: str, world: World, client, users):
    check_route(client, route, role, users, world)


@pytest.mark.parametrize("route", reading(ROUTES), ids=lambda r: f"{r.method} {r.endpoint}")
def test_page_answers_every_role(route: Route, world: World, users, app):
    check_every_role(app, route, users, world)
