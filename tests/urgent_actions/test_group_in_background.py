"""A group too large for one request is registered by a background job, a chunk per transaction:
the first person at once, the others as the job goes, and a registration that stopped goes on
from where it stopped, with no person twice and no number skipped."""
from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from casework.core.audit import AuditEvent
from casework.core.jobs import JobRecord, JobStatus
from casework.core.persons import Sex
from casework.extensions import db
from casework.letters.models import Letter
from casework.urgent_actions import jobs as group_jobs, operations as ops
from casework.urgent_actions.models import UrgentAction, UrgentActionGroup
from tests.conftest import sign_in
from tests.pages import read_page, text
from tests.urgent_actions.conftest import ALL_MET, event
from tests.urgent_actions.test_views import CRITERIA, _event_form

PERSONS = [ops.PersonInput(f"Worker{i:02d}", f"Given{i:02d}", Sex.MALE, age=30 + i) for i in range(1, 10)]


@pytest.fixture(autouse=True)
def small_limits(monkeypatch):
    monkeypatch.setattr(ops, "GROUP_INLINE_MAX", 4)
    monkeypatch.setattr(ops, "GROUP_CHUNK", 3)
    monkeypatch.setattr(group_jobs, "GROUP_CHUNK", 3)


def _register(units, states, users, letters=ops.PER_PERSON) -> UrgentActionGroup:
    group = ops.register_group(ops.GroupRegistration(
        title="Nine miners taken at the pit", event=event(states), persons=PERSONS, criteria=ALL_MET,
        letters=letters), units["CED"], users["officer"], on=date(2026, 10, 1))
    assert len(group.members) == 1 and len(group.waiting["persons"]) == 8  # before the commit
    db.session.commit()  # the job runs once the request's transaction is committed
    db.session.expire_all()
    return group


def _letters_of(group: UrgentActionGroup) -> list[Letter]:
    ids = [ua.id for ua in group.members]
    return list(db.session.scalars(select(Letter).where(Letter.parent_id.in_(ids))))


@pytest.mark.parametrize("mode, expected_letters", [(ops.PER_PERSON, 18), (ops.COMBINED, 2)])
def test_a_large_group_is_registered_in_the_background_numbered_in_order(units, states, users, mode,
                                                                         expected_letters):
    group = _register(units, states, users, mode)
    assert group.waiting is None and group.size == 9
    assert [ua.reference for ua in group.members] == [f"UA {n}/2026" for n in range(1, 10)]
    assert [ua.disappeared[0].family_name for ua in group.members] == [p.family_name for p in PERSONS]
    assert len(_letters_of(group)) == expected_letters
    job = db.session.scalar(select(JobRecord).where(JobRecord.subject_type == "urgent_action_groups"))
    assert job.status is JobStatus.DONE and job.result == {"registered": 9}


def test_a_registration_that_stopped_goes_on_from_where_it_stopped(units, states, users, monkeypatch):
    real, calls = ops.register_waiting, []

    def dies_on_the_second_chunk(group, actor, count=None):
        calls.append(count)
        if len(calls) == 2:
            raise RuntimeError("the worker's database connection dropped")
        return real(group, actor, count)

    monkeypatch.setattr(group_jobs, "register_waiting", dies_on_the_second_chunk)
    group = _register(units, states, users)
    job = db.session.scalar(select(JobRecord).where(JobRecord.subject_type == "urgent_action_groups"))
    assert job.status is JobStatus.FAILED and "connection dropped" in job.error
    assert len(group.members) == 4 and len(group.waiting["persons"]) == 5  # the first chunk is kept

    from casework.core.jobs import retry
    retry(job)
    db.session.commit()
    db.session.expire_all()
    assert group.waiting is None
    assert [ua.reference for ua in group.members] == [f"UA {n}/2026" for n in range(1, 10)]
    assert len(_letters_of(group)) == 18  # each person's pair once


def test_the_list_shows_the_progress_and_offers_to_go_on(client, units, states, users, monkeypatch):
    monkeypatch.setattr(group_jobs, "register_waiting", lambda *a, **k: (_ for _ in ()).throw(OSError("disk full")))
    sign_in(client, users["officer"])
    persons = "\n".join(f"Miner{i}; Given{i}; male; {20 + i}" for i in range(9))
    response = client.post("/urgent-actions/groups/new", data=_event_form(
        states, title="Nine miners", persons=persons, **CRITERIA))
    assert response.status_code == 303
    listing = client.get(response.headers["Location"])
    page = text(listing)
    assert "The first urgent action is registered; the other 8 are being registered now." in page
    assert "Registering “Nine miners”: 1 of 9 persons registered." in page and "disk full" in page

    monkeypatch.undo()
    monkeypatch.setattr(ops, "GROUP_CHUNK", 3)
    form = next(f for f in read_page(listing).forms if f["action"].endswith("/retry"))
    again = client.post(form["action"], data=dict(form["fields"]))
    assert again.status_code == 303
    done = text(client.get(again.headers["Location"]))
    assert "persons registered." not in done and done.count('badge">group') == 9


def test_the_persons_waiting_never_reach_the_audit_trail(units, states, users):
    group = _register(units, states, users)
    entries = list(db.session.scalars(select(AuditEvent).where(AuditEvent.object_type == "urgent_action_groups",
                                                                AuditEvent.object_id == str(group.id))))
    assert entries and all("Worker05" not in str(entry.changes) for entry in entries)


def test_a_person_waiting_is_not_in_the_list_of_someone_who_may_not_see_the_group(client, units, states, users,
                                                                                   monkeypatch):
    monkeypatch.setattr(group_jobs, "register_waiting", lambda *a, **k: (_ for _ in ()).throw(OSError("stop")))
    group = _register(units, states, users)
    sign_in(client, users["outsider"])  # a CCPR supervisor
    page = text(client.get(f"/urgent-actions/?group={group.id}"))
    assert "Nine miners" not in page
    assert client.post(f"/urgent-actions/groups/{group.id}/retry").status_code in (403, 404)
    assert db.session.scalar(select(UrgentAction).where(UrgentAction.group_id == group.id)) is not None
