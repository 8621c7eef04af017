"""Every export route, for every role. An export belongs to whoever asked for it (here the officer)."""
from __future__ import annotations

from dataclasses import dataclass

import pytest

from casework.core import storage
from casework.core.jobs import JobRecord, JobStatus
from casework.exports.models import Export
from casework.extensions import db
from tests.routes import LOGIN, ROLES, SIGNED_IN, Route, answers, changing, check_every_role, check_route, reading

OWNER_ONLY = answers(LOGIN, officer=200, others=404)


@dataclass
class World:
    users: dict
    done: Export
    failed: Export


@pytest.fixture
def world(users, export_folder) -> World:
    stored = storage.exports().save_bytes("\ufeffReference\r\n".encode(), key="1-test.csv")

    def made(status: JobStatus, **fields) -> Export:
        job = JobRecord(kind="casework.exports.jobs.build_export", args=[], status=status,
                        error="OSError: No space left on device" if status is JobStatus.FAILED else None)
        export = Export(user_id=users["officer"].id, list_name="communications", filters={}, format="csv", job=job,
                        **fields)
        db.session.add(export)
        db.session.flush()
        job.args = [export.id]
        return export

    world = World(users, made(JobStatus.DONE, file_path=stored.key, sha256=stored.sha256, size=stored.size),
                  made(JobStatus.FAILED))
    db.session.commit()
    return world


ROUTES = [
    Route("exports.start", "POST", lambda w: "/exports/communications/csv", SIGNED_IN),
    Route("exports.index", "GET", lambda w: "/exports/", SIGNED_IN),
    Route("exports.detail", "GET", lambda w: f"/exports/{w.done.id}", OWNER_ONLY),
    Route("exports.status", "GET", lambda w: f"/exports/{w.done.id}/status", OWNER_ONLY),
    Route("exports.download", "GET", lambda w: f"/exports/{w.done.id}/download", OWNER_ONLY),
    Route("exports.retry", "POST", lambda w: f"/exports/{w.failed.id}/retry", answers(LOGIN, officer=303, others=404)),
]


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("route", changing(ROUTES), ids=lambda r: f"{r.method} {r.endpoint}")
def test_route_answers_role(route: Route, role: str, world: World, client):
    check_route(client, route, role, world.users, world)


@pytest.mark.parametrize("route", reading(ROUTES), ids=lambda r: f"{r.method} {r.endpoint}")
def test_page_answers_every_role(route: Route, world: World, app):
    check_every_role(app, route, world.users, world)
