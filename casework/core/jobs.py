"""Background jobs on RQ: queued after the commit, tracked in a row, retryable, idempotent.

Three ways to run, same job code: "redis" (real Redis, separate `rq worker` processes),
"thread" (the embedded default: fake Redis shared with a worker thread in this process) and
"inline" (tests: the job runs as soon as the request commits).

A job whose worker died, or that the queue lost (Redis restarted without its data), is found by
`reap` and shown failed with the reason, so it can be retried; see `reap` for when it runs.
"""
from __future__ import annotations

import ctypes
import ctypes.util
import enum
import functools
import gc
import importlib
import logging
import re
import threading
import traceback
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime, timedelta
from typing import Any

from flask import Flask, current_app, has_app_context
from flask_babel import gettext as _
from redis.exceptions import RedisError
from sqlalchemy import JSON, ForeignKey, Select, String, Text, event, func, or_, select, update
from sqlalchemy.orm import Mapped, Session, mapped_column, relationship

from casework.core.db import StrEnumType, utcnow
from casework.core.writes import Refused
from casework.extensions import db

log = logging.getLogger(__name__)
_JOBS: dict[str, Callable[..., Any]] = {}
_LABELS: dict[str, Any] = {}
_fake_server = None
_fake_lock = threading.Lock()
_worker_app: Flask | None = None

# Why `reap` failed a job, stored with it like any job error (and counted by /healthz).
WORKER_STOPPED = ("The worker stopped while running this job (it was killed, or its machine restarted) "
                  "and its result was never recorded. Retry it.")
QUEUE_LOST = ("The job queue lost this job before it ran (was Redis restarted without its data?). "
              "Retry it.")
QUEUE_GAVE_UP = "The job queue gave up on this job before it ran ({status}). Retry it."
UNDELIVERABLE = "The job queue could not be reached"
# A job sent to the queue less than this long ago may not have reached it yet: it is never "lost".
QUEUED_GRACE = timedelta(seconds=60)
# What RQ itself allows a job beyond its timeout before calling it abandoned (SimpleWorker).
RUNNING_GRACE = timedelta(seconds=60)
# How long /healthz keeps reporting a job lost by the queue or its worker that nobody retried.
STUCK_REPORTED_FOR = timedelta(hours=24)


class JobStatus(enum.StrEnum):
    QUEUED = "queued"
    RUNNING = "running"
    DONE = "done"
    FAILED = "failed"


class JobRecord(db.Model):
    """What a background job is doing, visible to users: queued, running, done or failed."""

    __tablename__ = "jobs"

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(120))
    args: Mapped[list] = mapped_column(JSON, default=list)
    status: Mapped[JobStatus] = mapped_column(StrEnumType(JobStatus), default=JobStatus.QUEUED, index=True)
    attempts: Mapped[int] = mapped_column(default=0)
    error: Mapped[str | None] = mapped_column(Text)
    result: Mapped[dict | None] = mapped_column(JSON)
    subject_type: Mapped[str | None] = mapped_column(String(60))
    subject_id: Mapped[int | None]
    requested_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    queued_at: Mapped[datetime | None]  # when last sent to the queue (created, or retried)
    started_at: Mapped[datetime | None]
    finished_at: Mapped[datetime | None]

    requested_by = relationship("User")


def job(fn: Callable[..., Any] | None = None, *, label: Any = None) -> Any:
    """Register a function as a background job (`@job`, or `@job(label=_l("…"))` to name it on the
    pages). It receives plain ids and must be idempotent."""
    def register(function: Callable[..., Any]) -> Callable[..., Any]:
        kind = f"{function.__module__}.{function.__name__}"
        _JOBS[kind], _LABELS[kind] = function, label
        return function

    return register(fn) if fn is not None else register


def job_label(kind: str) -> str:
    """What a job does, in the reader's words ("Render the final PDF of a letter")."""
    try:
        _registered_job(kind)
    except (ImportError, KeyError):
        pass  # a job of an older version: named by its function
    label = _LABELS.get(kind)
    return str(label) if label else kind.rpartition(".")[2].replace("_", " ").capitalize()


def enqueue(fn: Callable[..., Any], *args: Any, subject=None, requested_by=None) -> JobRecord:
    """Record a job now and send it to the queue once the current transaction commits."""
    kind = f"{fn.__module__}.{fn.__name__}"
    if kind not in _JOBS:
        raise ValueError(f"{kind} is not a registered job")
    record = JobRecord(
        kind=kind, args=list(args), requested_by_id=getattr(requested_by, "id", None),
        subject_type=getattr(subject, "__tablename__", None), subject_id=getattr(subject, "id", None),
        queued_at=utcnow(),
    )
    db.session.add(record)
    db.session.flush()
    db.session.info.setdefault("jobs_to_dispatch", []).append(record.id)
    return record


def jobs_about(subject) -> Select:
    """The jobs recorded about a record, the newest first."""
    return (select(JobRecord).where(JobRecord.subject_type == subject.__tablename__,
                                    JobRecord.subject_id == subject.id)
            .order_by(JobRecord.id.desc()))


def retry(record: JobRecord) -> None:
    """Queue a failed job again, after the current transaction commits."""
    if record.status is not JobStatus.FAILED:
        raise Refused(_("Only a failed job can be retried."))
    record.status, record.error, record.queued_at = JobStatus.QUEUED, None, utcnow()
    db.session.info.setdefault("jobs_to_dispatch", []).append(record.id)


@event.listens_for(Session, "after_transaction_create")
def _mark_savepoint(session: Session, transaction) -> None:
    """Remember how many jobs were waiting when a savepoint began, to forget only its own on rollback."""
    if transaction.nested:
        session.info.setdefault("job_marks", {})[id(transaction)] = len(session.info.get("jobs_to_dispatch", []))


@event.listens_for(Session, "after_transaction_end")
def _unmark_savepoint(session: Session, transaction) -> None:
    if transaction.nested:
        session.info.get("job_marks", {}).pop(id(transaction), None)


@event.listens_for(Session, "after_commit")
def _dispatch_after_commit(session: Session) -> None:
    # Releasing a savepoint "commits" too, but the request's transaction may still roll back: the
    # worker would look for a job that is not there yet, or never will be.
    if session.in_nested_transaction():
        return
    ids = session.info.pop("jobs_to_dispatch", [])
    if ids and has_app_context():
        queue = get_queue()
        for record_id in ids:
            try:
                _send(queue, record_id)
            except RedisError as error:
                _mark_undeliverable(record_id, error)
        if current_app.config["JOB_QUEUE_MODE"] == "thread":
            _EmbeddedWorker.wake(current_app._get_current_object())


def queue_job_id(record_id: int) -> str:
    """The id of a record's job in RQ: one per record and queue, so the reaper can look it up."""
    return f"{re.sub(r'[^A-Za-z0-9_-]', '_', current_app.config['JOB_QUEUE_NAME'])}-job-{record_id}"


def _send(queue, record_id: int) -> None:
    """Put the record's job on the queue, replacing what RQ kept of an earlier attempt."""
    from rq.exceptions import NoSuchJobError
    from rq.job import Job

    job_id = queue_job_id(record_id)
    try:
        Job.fetch(job_id, connection=queue.connection).delete()
    except NoSuchJobError:
        pass
    queue.enqueue(run_job, record_id, job_id=job_id, job_timeout=current_app.config["JOB_TIMEOUT_SECONDS"])


def _mark_undeliverable(record_id: int, error: Exception) -> None:
    """The work is committed but the queue is down: show the job as failed, so it can be retried.

    The request's session is already committed and closed for SQL, hence a connection of its own.
    """
    log.error("job %s could not be queued: %s", record_id, error)
    with db.engine.begin() as connection:
        connection.execute(
            update(JobRecord.__table__).where(JobRecord.__table__.c.id == record_id).values(
                status=JobStatus.FAILED.value, finished_at=utcnow(),
                error=f"{UNDELIVERABLE} ({type(error).__name__}: {error}). Retry when it is back.",
            )
        )


@event.listens_for(Session, "after_rollback")
def _forget_on_rollback(session: Session) -> None:
    # A rolled-back request sends nothing; a rolled-back savepoint forgets only the jobs queued in it.
    savepoint = session.get_nested_transaction()
    if savepoint is None:
        session.info.pop("jobs_to_dispatch", None)
        return
    mark = session.info.get("job_marks", {}).get(id(savepoint), 0)
    del session.info.get("jobs_to_dispatch", [])[mark:]


def _fake_connection():
    import fakeredis

    global _fake_server
    with _fake_lock:
        if _fake_server is None:
            _fake_server = fakeredis.FakeServer()
    return fakeredis.FakeRedis(server=_fake_server)


def redis_connection():
    """The Redis the queue lives in: real in production, an in-process fake otherwise."""
    from redis import Redis

    if current_app.config["JOB_QUEUE_MODE"] == "redis":
        return Redis.from_url(current_app.config["REDIS_URL"])
    return _fake_connection()


def get_queue():
    from rq import Queue

    inline = current_app.config["JOB_QUEUE_MODE"] == "inline"
    return Queue(current_app.config["JOB_QUEUE_NAME"], connection=redis_connection(), is_async=not inline)


def _job_app() -> Flask:
    """The app a job runs in: the embedded worker's, or one created once per worker process."""
    global _worker_app
    if has_app_context():
        return current_app._get_current_object()
    if _worker_app is None:
        _worker_app = worker_app()
    return _worker_app


def worker_app() -> Flask:
    """The app as a worker process builds it: without the JSON API, which a job never answers
    (nor its schemas, nor pydantic), and readied for a long run (`settle_worker`)."""
    from casework import create_app

    app = create_app(SERVES_API=False)
    settle_worker()
    return app


def settle_worker() -> None:
    """Ready a worker process for a long run, as wsgi.py readies a web process: WeasyPrint loaded
    and warmed, then everything built so far frozen out of the collector's full passes. Without
    it a full pass walks the whole app, and adds 150 ms to whichever letter it falls in (a
    two-page letter's p95 went from 0.20 s to 0.08 s, benchmarks/letters.py)."""
    from casework.core.pdf import preload

    preload()
    gc.collect()
    gc.freeze()


@contextmanager
def jobs_inline() -> Iterator[None]:
    """Jobs queued meanwhile run as soon as their transaction commits, in this process.

    For commands that exit at once (the demo loader, `publish-due` on the embedded queue): a job
    left on the in-process queue would die with them.
    """
    mode = current_app.config["JOB_QUEUE_MODE"]
    current_app.config["JOB_QUEUE_MODE"] = "inline"
    try:
        yield
    finally:
        current_app.config["JOB_QUEUE_MODE"] = mode


def _registered_job(kind: str) -> Callable[..., Any]:
    """The function registered as `kind`, importing its module first if this process has not.

    A separate `rq worker` process imports only what create_app() imports, so a job defined
    elsewhere would be unknown there while it runs fine in the inline and thread modes.
    """
    if kind not in _JOBS:
        importlib.import_module(kind.rpartition(".")[0])
    return _JOBS[kind]  # importing a module never makes an unregistered function runnable


def run_job(record_id: int) -> None:
    """Entry point RQ calls: runs the registered job in its own app context and transaction."""
    try:
        _run_job(record_id)
    finally:
        _give_back_freed_memory()


def _run_job(record_id: int) -> None:
    # A fresh app context gives a fresh session, even when run inline after a request's commit.
    with _job_app().app_context():
        record = db.session.get(JobRecord, record_id)
        if record is None or record.status is JobStatus.DONE:
            return  # safe to run twice
        record.status, record.started_at = JobStatus.RUNNING, utcnow()
        record.attempts += 1
        db.session.commit()
        try:
            result = _registered_job(record.kind)(*record.args)
        except Exception as exc:  # the job failed: record why, keep it retryable
            db.session.rollback()
            log.exception("job %s (%s) failed", record_id, record.kind)
            record = db.session.get(JobRecord, record_id)
            record.status, record.finished_at = JobStatus.FAILED, utcnow()
            record.error = f"{type(exc).__name__}: {exc}\n{traceback.format_exc(limit=5)}"
            db.session.commit()
            return
        record.status, record.finished_at = JobStatus.DONE, utcnow()
        record.result = result if isinstance(result, dict) else None
        db.session.commit()


@functools.cache
def _malloc_trim() -> Callable[[int], int] | None:
    library = ctypes.util.find_library("c")
    return getattr(ctypes.CDLL(library), "malloc_trim", None) if library else None


def _give_back_freed_memory() -> None:
    """Hand the system back the heap a job freed. glibc keeps freed pages for reuse, so without
    this a worker stays as large as its largest job left it (5 MB more after PDFs, measured by
    benchmarks/letters.py); the call takes well under a millisecond. Elsewhere than glibc it
    does nothing."""
    trim = _malloc_trim()
    if trim is not None:
        trim(0)


def reap(now: datetime | None = None, check_queue: bool = True) -> list[tuple[int, str]]:
    """Show failed, with the reason, the jobs nobody will finish, so they can be retried. Commits.

    A running job is dead when RQ finds it abandoned (its worker stopped heartbeating: RQ's
    StartedJobRegistry moves it to the FailedJobRegistry), or when it has run longer than the job
    timeout allows (timeout + 60 s, RQ's own bound): that second rule alone covers the embedded
    queue, whose worker thread dies with its process, and jobs run inline. A queued job is dead
    when its RQ job has vanished (Redis restarted empty) or RQ gave up on it, a minute after it was
    sent. Runs from /healthz, the scheduler's tick and `flask jobs reap`; `check_queue=False`
    where this process cannot see the queue (a command beside the embedded queue's web process).
    `now` lets a test stand later in time. Returns (job id, reason) for each job failed.
    """
    now = now or utcnow()
    dead = _running_too_long(now)
    if check_queue and current_app.config["JOB_QUEUE_MODE"] != "inline":
        dead = {**_given_up_by_the_queue(now), **dead}
    failed = []
    for record_id, (status, reason) in sorted(dead.items()):
        # Only if it is still what was seen: a worker may have finished it meanwhile.
        changed = db.session.execute(update(JobRecord).where(JobRecord.id == record_id, JobRecord.status == status)
                                     .values(status=JobStatus.FAILED, error=reason, finished_at=now))
        if changed.rowcount:
            log.error("job %s failed by the reaper: %s", record_id, reason)
            failed.append((record_id, reason))
    db.session.commit()
    return failed


def _running_too_long(now: datetime) -> dict[int, tuple[JobStatus, str]]:
    """Running jobs past the job timeout + 60 s: no worker is running them any more."""
    bound = now - timedelta(seconds=current_app.config["JOB_TIMEOUT_SECONDS"]) - RUNNING_GRACE
    return {record_id: (JobStatus.RUNNING, WORKER_STOPPED) for record_id in db.session.scalars(
        select(JobRecord.id).where(JobRecord.status == JobStatus.RUNNING, JobRecord.started_at < bound))}


def _given_up_by_the_queue(now: datetime) -> dict[int, tuple[JobStatus, str]]:
    """Queued or running jobs, sent over a minute ago, that RQ lost, failed or calls abandoned."""
    sent = func.coalesce(JobRecord.queued_at, JobRecord.created_at)
    candidates = db.session.execute(select(JobRecord.id, JobRecord.status).where(
        JobRecord.status.in_([JobStatus.QUEUED, JobStatus.RUNNING]), sent < now - QUEUED_GRACE)).all()
    in_queue = _queue_statuses([record_id for record_id, _status in candidates], now)
    verdicts = {record_id: (status, _queue_verdict(status, in_queue[record_id])) for record_id, status in candidates}
    return {record_id: (status, reason) for record_id, (status, reason) in verdicts.items() if reason}


def reap_on_schedule() -> None:
    """`reap` from the scheduler's tick: a failure is logged, never in the way of the daily jobs."""
    try:
        reap()
    except Exception:  # noqa: BLE001 — the next tick tries again
        db.session.rollback()
        log.exception("the reaper could not check the jobs")


def _queue_statuses(record_ids: list[int], now: datetime) -> dict[int, str | None]:
    """What RQ says of each record's job (None: RQ has no such job), abandoned jobs failed first."""
    from rq.job import Job
    from rq.registry import StartedJobRegistry

    if not record_ids:
        return {}
    queue = get_queue()
    StartedJobRegistry(queue=queue).cleanup(timestamp=now.timestamp())
    with queue.connection.pipeline() as pipeline:
        for record_id in record_ids:
            pipeline.hget(Job.key_for(queue_job_id(record_id)), "status")
        statuses = pipeline.execute()
    return {record_id: status.decode() if status else None for record_id, status in zip(record_ids, statuses)}


def _queue_verdict(status: JobStatus, rq_status: str | None) -> str | None:
    """Why a queued or running job will never finish, from its RQ job's status; None if it may."""
    from rq.job import JobStatus as RQStatus

    if status is JobStatus.QUEUED and rq_status is None:
        return QUEUE_LOST
    if status is JobStatus.QUEUED and rq_status in (RQStatus.FAILED, RQStatus.STOPPED, RQStatus.CANCELED):
        return QUEUE_GAVE_UP.format(status=rq_status)
    if status is JobStatus.RUNNING and rq_status == RQStatus.FAILED:
        return WORKER_STOPPED
    return None  # a running job whose RQ job vanished may still be finishing: the time bound decides


def stuck_jobs(now: datetime | None = None) -> int:
    """Jobs lost by the queue or their worker in the last 24 hours and not retried since."""
    now = now or utcnow()
    lost = [JobRecord.error.startswith(reason) for reason in (WORKER_STOPPED, QUEUE_LOST, UNDELIVERABLE)]
    lost.append(JobRecord.error.startswith(QUEUE_GAVE_UP.partition("{")[0]))
    return db.session.scalar(select(func.count()).select_from(JobRecord).where(
        JobRecord.status == JobStatus.FAILED, JobRecord.finished_at >= now - STUCK_REPORTED_FOR,
        or_(*lost)))


def queue_health(check_jobs: bool = True) -> dict[str, Any]:
    """Whether the queue answers, and how many jobs it or a worker lost, for /healthz.

    "degraded" (HTTP 200: the app works) when jobs were lost and await a retry; finding them is
    part of the check, so a stuck job is failed at the first check after its time bound.
    `check_jobs=False` when the database is down: only the queue is asked.
    """
    mode = current_app.config["JOB_QUEUE_MODE"]
    try:
        redis_connection().ping()
    except Exception as exc:  # noqa: BLE001 — any failure means "down"
        return {"status": "error", "mode": mode, "error": type(exc).__name__}
    if not check_jobs:
        return {"status": "ok", "mode": mode}
    try:
        reap()
        stuck = stuck_jobs()
    except Exception:  # noqa: BLE001 — a database down is reported by its own check
        db.session.rollback()
        log.exception("the reaper could not check the jobs")
        return {"status": "degraded", "mode": mode, "error": "reaper"}
    return {"status": "degraded" if stuck else "ok", "mode": mode, "stuck": stuck}


class _EmbeddedWorker:
    """An RQ worker in a daemon thread, for the single-process embedded default.

    It runs in burst mode in a polling loop: a timer-based job timeout (SIGALRM works only in
    the main thread), no signal handlers, and the scheduler runs in-thread with the fake server.
    """

    _thread: threading.Thread | None = None
    _wakeup = threading.Event()
    _lock = threading.Lock()

    @classmethod
    def wake(cls, app: Flask) -> None:
        with cls._lock:
            if cls._thread is None or not cls._thread.is_alive():
                global _worker_app
                _worker_app = app
                cls._thread = threading.Thread(target=cls._loop, args=(app,), name="casework-jobs", daemon=True)
                cls._thread.start()
        cls._wakeup.set()

    @classmethod
    def _loop(cls, app: Flask) -> None:
        from rq.timeouts import TimerDeathPenalty

        from casework.core.worker import Worker

        class ThreadWorker(Worker):
            death_penalty_class = TimerDeathPenalty

            def _install_signal_handlers(self) -> None:
                pass  # signals belong to the main thread; never SIGINT the host process

        while True:
            with app.app_context():
                queue = get_queue()
                ThreadWorker([queue], connection=queue.connection).work(burst=True, logging_level="WARNING")
            cls._wakeup.wait(timeout=2)
            cls._wakeup.clear()
