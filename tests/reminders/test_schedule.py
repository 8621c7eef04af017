"""The scheduler: each daily job once a day, whoever asks and however often."""
from __future__ import annotations

import threading
from datetime import datetime, time

import fakeredis
import pytest
from sqlalchemy import func, select

from casework.core.jobs import JobRecord, JobStatus, job
from casework.extensions import db
from casework.reminders.models import ScheduledRun
from casework.reminders.schedule import SCHEDULE, DailyJob, run_due_jobs

RUNS: list[str] = []


@job
def count_run(day: str) -> dict:
    """A daily job for these tests: remembers the day it was run for."""
    RUNS.append(day)
    return {"day": day}


COUNTED = (DailyJob("counted", f"{__name__}.count_run", time(5, 0)),)


@pytest.fixture(autouse=True)
def _no_runs():
    RUNS.clear()


def test_a_job_runs_once_its_time_has_come_and_not_again_that_day(app):
    assert run_due_jobs(datetime(2027, 3, 10, 4, 59), COUNTED) == []
    assert run_due_jobs(datetime(2027, 3, 10, 5, 0), COUNTED) == ["counted"]
    assert run_due_jobs(datetime(2027, 3, 10, 5, 1), COUNTED) == []
    assert run_due_jobs(datetime(2027, 3, 10, 23, 0), COUNTED) == []
    assert RUNS == ["2027-03-10"]
    assert run_due_jobs(datetime(2027, 3, 11, 9, 0), COUNTED) == ["counted"]
    assert RUNS == ["2027-03-10", "2027-03-11"]
    run = db.session.scalar(select(ScheduledRun).where(ScheduledRun.run_on == datetime(2027, 3, 11).date()))
    assert db.session.get(JobRecord, run.job_id).status is JobStatus.DONE


def test_after_a_restart_the_days_claim_still_holds(app):
    run_due_jobs(datetime(2027, 3, 10, 6, 0), COUNTED)
    db.session.remove()  # as a new process would: nothing remembered but the database
    assert run_due_jobs(datetime(2027, 3, 10, 7, 0), COUNTED) == []
    assert RUNS == ["2027-03-10"]


def test_two_schedulers_at_once_run_the_job_once(app):
    start = threading.Barrier(2)
    results: list[list[str]] = []

    def scheduler() -> None:
        with app.app_context():
            start.wait()
            results.append(run_due_jobs(datetime(2027, 3, 10, 6, 0), COUNTED))
            db.session.remove()

    threads = [threading.Thread(target=scheduler) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert sorted(results) == [[], ["counted"]]
    assert RUNS == ["2027-03-10"]
    assert db.session.scalar(select(func.count(ScheduledRun.id))) == 1


def test_the_schedule_holds_the_deadline_check_the_digest_and_the_publication(app):
    from casework.core.jobs import _JOBS

    assert {daily.name for daily in SCHEDULE} == {"deadline_check", "digest", "housekeeping",
                                                  "special_procedures_publication"}
    for daily in SCHEDULE:
        function = daily.function()
        assert f"{function.__module__}.{function.__name__}" in _JOBS, daily.name
    check, digest = (next(d for d in SCHEDULE if d.name == name) for name in ("deadline_check", "digest"))
    assert check.at < digest.at  # the digest reports what the check has marked


def test_the_real_schedule_runs_every_job_for_the_day(users):
    assert run_due_jobs(datetime(2027, 3, 10, 23, 0)) == [
        "special_procedures_publication", "housekeeping", "deadline_check", "digest"]
    records = db.session.scalars(select(JobRecord).order_by(JobRecord.id)).all()
    assert [(r.kind.rsplit(".", 1)[1], r.args, r.status) for r in records] == [
        ("publish_due_communications", ["2027-03-10"], JobStatus.DONE),
        ("run_housekeeping", ["2027-03-10"], JobStatus.DONE),
        ("run_deadline_check", ["2027-03-10"], JobStatus.DONE),
        ("run_digest", ["2027-03-10"], JobStatus.DONE),
    ]


def test_production_runs_the_same_schedule_from_rq_cron():
    """`rq cron casework.reminders.cron` loads one entry: the tick that queues what is due."""
    from rq.cron import CronScheduler

    from casework.reminders.schedule import tick

    scheduler = CronScheduler(connection=fakeredis.FakeRedis())
    scheduler.load_config_from_file("casework.reminders.cron")
    [entry] = scheduler.get_jobs()
    assert entry.func is tick and entry.queue_name == "casework" and entry.interval == 300


def test_the_in_process_scheduler_is_only_for_the_embedded_default(app, client, users, login):
    from casework.reminders.schedule import EmbeddedScheduler

    login(users["viewer"]).get("/")
    assert EmbeddedScheduler._thread is None  # tests run jobs inline: no thread


def test_every_tick_also_fails_the_jobs_a_dead_worker_left_running(app, monkeypatch):
    from datetime import timedelta

    from casework.core.db import utcnow
    from casework.core.jobs import WORKER_STOPPED
    from casework.reminders import schedule

    record = JobRecord(kind="casework.reminders.digest.run_digest", args=["2027-03-10"], status=JobStatus.RUNNING,
                       started_at=utcnow() - timedelta(hours=1), attempts=1)
    db.session.add(record)
    db.session.commit()
    monkeypatch.setattr(schedule, "run_due_jobs", lambda now: [])  # nothing due: only the reaper acts

    schedule.tick()

    db.session.expire_all()
    record = db.session.get(JobRecord, record.id)
    assert record.status is JobStatus.FAILED and record.error == WORKER_STOPPED
