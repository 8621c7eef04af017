"""Every bulk route, for every role. Anyone signed in may ask for an action on records they
chose: each record then answers for itself (tests/core/test_bulk.py). A result belongs to who
asked for it (here the officer)."""
from __future__ import annotations

from dataclasses import dataclass

import pytest

from casework.core.bulk import BulkItem, BulkRun
from casework.core.jobs import JobRecord, JobStatus
from casework.extensions import db
from tests.routes import LOGIN, ROLES, Route, answers, changing, check_every_role, check_route, reading

OWNER_ONLY = answers(LOGIN, officer=200, others=404)


@dataclass
class World:
    users: dict
    case: object
    run: BulkRun


@pytest.fixture
def world(users, make_case) -> World:
    case = make_case(officer=users["officer"])
    job = JobRecord(kind="casework.core.bulk.run_bulk", args=[], status=JobStatus.FAILED, error="boom")
    run = BulkRun(action="submit", label="Submit for approval", created_by_id=users["officer"].id, job=job,
                  items=[BulkItem(record_id=case.id, seen_version=case.version)])
    db.session.add(run)
    db.session.flush()
    job.args = [run.id]
    db.session.commit()
    return World(users, case, run)


ROUTES = [
    Route("bulk.start", "POST", lambda w: "/bulk", answers(LOGIN, others=303),
          lambda w: {"action": "submit", "record": f"{w.case.id}:{w.case.version}", "back": "/"}),
    Route("bulk.result", "GET", lambda w: f"/bulk/{w.run.id}", OWNER_ONLY),
    Route("bulk.resume", "POST", lambda w: f"/bulk/{w.run.id}/resume", answers(LOGIN, officer=303, others=404)),
]


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("route", changing(ROUTES), ids=lambda r: f"{r.method} {r.endpoint}")
def test_route_answers_role(route: Route, role: str, world: World, client):
    check_route(client, route, role, world.users, world)


@pytest.mark.parametrize("route", reading(ROUTES), ids=lambda r: f"{r.method} {r.endpoint}")
def test_page_answers_every_role(route: Route, world: World, app):
    check_every_role(app, route, world.users, world)
