"""The daily jobs, declared once, and the scheduler that runs each of them once a day.

Production: `rq cron casework.reminders.cron` puts `tick` on the queue every few minutes and
an `rq worker` runs it. The embedded default: a scheduler thread in the web process calls
`run_due_jobs` itself. Either way a job is claimed for the day in the database before it is
queued, so a restart, a second scheduler or a second tick never runs it twice.
"""
from __future__ import annotations

import importlib
import logging
import threading
import time as clock
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Any

from flask import Flask, current_app
from sqlalchemy import update
from sqlalchemy.dialects import postgresql, sqlite

from casework.core.db import utcnow
from casework.core.jobs import enqueue, reap_on_schedule
from casework.extensions import db
from casework.reminders.models import ScheduledRun

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class DailyJob:
    """A registered job run once a day, from `at` (server time), with the day's ISO date."""

    name: str
    job: str  # dotted path of a function registered with @job, taking the ISO date
    at: time

    def function(self) -> Callable[..., Any]:
        module, _, name = self.job.rpartition(".")
        return getattr(importlib.import_module(module), name)


SCHEDULE: tuple[DailyJob, ...] = (
    DailyJob("special_procedures_publication", "casework.special_procedures.jobs.publish_due_communications",
             time(2, 0)),
    DailyJob("housekeeping", "casework.reminders.housekeeping.run_housekeeping", time(3, 0)),
    DailyJob("deadline_check", "casework.reminders.deadline_check.run_deadline_check", time(5, 0)),
    DailyJob("digest", "casework.reminders.digest.run_digest", time(6, 0)),  # after the check
)


def claim(name: str, day: date) -> bool:
    """Record that `name` runs for `day`; False if it already has. Atomic: the unique key decides."""
    dialect = postgresql if db.engine.dialect.name == "postgresql" else sqlite
    statement = dialect.insert(ScheduledRun.__table__).values(name=name, run_on=day, claimed_at=utcnow())
    claimed = statement.on_conflict_do_nothing(index_elements=["name", "run_on"]).returning(ScheduledRun.__table__.c.id)
    return db.session.execute(claimed).scalar() is not None


def run_due_jobs(now: datetime, schedule: tuple[DailyJob, ...] = SCHEDULE) -> list[str]:
    """Queue every job whose time has come today and that nobody has claimed today. Commits."""
    queued = []
    for daily in sorted(schedule, key=lambda d: d.at):
        if now.time() < daily.at:
            continue
        if not claim(daily.name, now.date()):
            db.session.rollback()
            continue
        record = enqueue(daily.function(), now.date().isoformat())
        db.session.execute(update(ScheduledRun).where(
            ScheduledRun.name == daily.name, ScheduledRun.run_on == now.date()).values(job_id=record.id))
        db.session.commit()  # the job goes to the queue now
        queued.append(daily.name)
    return queued


def tick() -> list[str]:
    """What `rq cron` queues every few minutes; a worker runs it in the app. It also fails the jobs
    a dead worker or an emptied Redis left behind, so that they can be retried."""
    from casework.core.jobs import _job_app

    with _job_app().app_context():
        reap_on_schedule()
        return run_due_jobs(datetime.now())


class EmbeddedScheduler:
    """The embedded default's scheduler: a daemon thread calling `run_due_jobs` every tick."""

    _thread: threading.Thread | None = None
    _lock = threading.Lock()

    @classmethod
    def start(cls, app: Flask) -> None:
        with cls._lock:
            if cls._thread is None or not cls._thread.is_alive():
                cls._thread = threading.Thread(target=cls._loop, args=(app,), name="casework-scheduler", daemon=True)
                cls._thread.start()

    @classmethod
    def _loop(cls, app: Flask) -> None:
        while True:
            try:
                with app.app_context():
                    reap_on_schedule()
                    run_due_jobs(datetime.now())
            except Exception:  # noqa: BLE001 — keep ticking; the next tick retries
                log.exception("the daily jobs could not be queued")
            clock.sleep(app.config["SCHEDULER_TICK_SECONDS"])


def start_in_process_scheduler() -> None:
    """Before a request of the embedded default: make sure the scheduler thread runs."""
    app = current_app._get_current_object()
    if app.config["JOB_QUEUE_MODE"] == "thread" and app.config.get("SCHEDULER_IN_PROCESS"):
        EmbeddedScheduler.start(app)
