"""Jobs nobody will finish: a worker killed mid-job, a Redis restarted empty. The reaper shows
them failed with the reason, within a bounded time, /healthz reports them, and a retry runs them.

The embedded pass plays production's queue on a fakeredis of the test's own, the test standing in
for the `rq worker`; the PostgreSQL + Redis pass kills a real worker and empties a real Redis.
"""
from __future__ import annotations

import os
import signal
import subprocess
import time
import uuid
from datetime import timedelta

import fakeredis
import pytest
from rq import Worker as ForkingWorker
from rq.job import Job, JobStatus as RQStatus
from rq.registry import FailedJobRegistry

from casework import ROOT, create_app
from casework.core import jobs
from casework.core.db import utcnow
from casework.core.jobs import QUEUE_LOST, WORKER_STOPPED, JobRecord, JobStatus, enqueue, reap, retry
from casework.core.worker import Worker
from casework.core.writes import Refused
from casework.extensions import db
from config import TestConfig
from tests.conftest import POSTGRES_URL, REDIS_URL
from tests.core.jobs_for_tests import add, rq_worker_command, wait_for_file

# Past every bound of the default 300 s job timeout: RQ's (timeout + 60 s) and the reaper's.
LATER = timedelta(seconds=300 + 61)


def _reload(record_id: int) -> JobRecord:
    db.session.expire_all()
    return db.session.get(JobRecord, record_id)


class _TestWorker(Worker):
    """The `rq worker` of production's command line, run by the test: signals stay the test's."""

    def _install_signal_handlers(self) -> None:
        pass


@pytest.fixture
def fake_redis(app, monkeypatch):
    """Production's queue mode (jobs wait in Redis for an `rq worker`) on a Redis of the test's own."""
    server = fakeredis.FakeServer()
    monkeypatch.setitem(app.config, "JOB_QUEUE_MODE", "redis")
    monkeypatch.setitem(app.config, "JOB_QUEUE_NAME", f"casework-test-{uuid.uuid4().hex}")
    monkeypatch.setattr(jobs, "redis_connection", lambda: fakeredis.FakeRedis(server=server))
    return fakeredis.FakeRedis(server=server)


def _work() -> None:
    """Be the `rq worker`: run what is queued, then stop."""
    queue = jobs.get_queue()
    _TestWorker([queue], connection=queue.connection).work(burst=True, logging_level="WARNING")


# --- the embedded pass ---------------------------------------------------------------------------


def test_a_job_whose_worker_died_is_failed_once_rq_calls_it_abandoned_and_runs_on_retry(fake_redis, tmp_path):
    gate = tmp_path / "gate"
    record_id = enqueue(wait_for_file, str(gate)).id
    db.session.commit()
    # A forking `rq worker` takes the job and dies with it: RQ's started-job registry holds it
    # while the worker's heartbeats last (90 s after the last one), and nothing records an outcome.
    queue = jobs.get_queue()
    job = Job.fetch(jobs.queue_job_id(record_id), connection=fake_redis)
    queue.remove(job)
    ForkingWorker([queue], connection=fake_redis).prepare_execution(job)
    job.set_status(RQStatus.STARTED)
    record = _reload(record_id)
    record.status, record.started_at, record.attempts = JobStatus.RUNNING, utcnow(), 1
    db.session.commit()

    with pytest.raises(Refused, match="Only a failed job"):
        retry(_reload(record_id))
    db.session.rollback()
    assert reap() == []  # its worker may still be alive: nothing is failed before its time
    assert _reload(record_id).status is JobStatus.RUNNING

    # RQ calls it abandoned 90 s on, long before the reaper's own bound on running jobs (360 s).
    assert reap(now=utcnow() + timedelta(seconds=91)) == [(record_id, WORKER_STOPPED)]
    record = _reload(record_id)
    assert record.status is JobStatus.FAILED
    assert record.error.startswith("The worker stopped while running this job")
    assert job.id in FailedJobRegistry(queue=queue).get_job_ids()

    retry(record)
    db.session.commit()
    assert queue.get_job_ids() == [job.id]  # sent again, and no longer among RQ's failed jobs
    assert job.id not in FailedJobRegistry(queue=queue).get_job_ids()
    gate.touch()
    _work()
    record = _reload(record_id)
    assert record.status is JobStatus.DONE, record.error
    assert record.attempts == 2


def test_queued_jobs_lost_with_an_emptied_redis_are_failed_retryable_and_reported(fake_redis, client):
    record_id = enqueue(add, 1, 2).id
    db.session.commit()
    assert _reload(record_id).status is JobStatus.QUEUED
    fake_redis.flushall()  # Redis restarted without persistence: the queue and its jobs are gone

    assert reap() == []  # a job sent a moment ago may not have reached the queue yet
    assert reap(now=utcnow() + timedelta(seconds=61)) == [(record_id, QUEUE_LOST)]
    record = _reload(record_id)
    assert record.status is JobStatus.FAILED
    assert record.error.startswith("The job queue lost this job before it ran")

    response = client.get("/healthz")
    assert response.status_code == 200  # the app works: keep it in the load balancer's rotation
    assert response.get_json()["status"] == "degraded"
    assert response.get_json()["jobs"] == {"status": "degraded", "mode": "redis", "stuck": 1}

    retry(_reload(record_id))
    db.session.commit()
    _work()
    record = _reload(record_id)
    assert record.status is JobStatus.DONE and record.result == {"sum": 3}
    assert client.get("/healthz").get_json()["jobs"] == {"status": "ok", "mode": "redis", "stuck": 0}


def test_a_job_waiting_for_a_worker_is_never_called_lost(fake_redis):
    record_id = enqueue(add, 1, 2).id
    db.session.commit()

    assert reap(now=utcnow() + timedelta(days=1)) == []  # every worker busy, or stopped: it waits
    assert _reload(record_id).status is JobStatus.QUEUED
    _work()
    assert _reload(record_id).status is JobStatus.DONE


def test_a_job_running_past_its_timeout_is_failed_even_with_no_queue_to_ask(app):
    # The embedded queue's worker thread dies with its process, and its fake Redis with it; a
    # job run inline has no queue at all. The time bound on running jobs covers both.
    record_id = enqueue(add, 1, 2).id  # runs inline at the commit
    db.session.commit()
    record = _reload(record_id)
    record.status, record.started_at = JobStatus.RUNNING, utcnow()
    db.session.commit()

    assert reap(now=utcnow() + timedelta(seconds=300)) == []
    assert reap(now=utcnow() + LATER) == [(record_id, WORKER_STOPPED)]
    assert _reload(record_id).status is JobStatus.FAILED


def test_flask_jobs_reap_fails_the_dead_jobs_and_says_which(app):
    record_id = enqueue(add, 1, 2).id
    db.session.commit()
    record = _reload(record_id)
    record.status, record.started_at = JobStatus.RUNNING, utcnow() - LATER
    db.session.commit()

    result = app.test_cli_runner().invoke(args=["jobs", "reap"])

    assert result.exit_code == 0, result.output
    assert f"job {record_id} failed: The worker stopped while running this job" in result.output
    assert "1 job failed by the reaper." in result.output
    assert _reload(record_id).status is JobStatus.FAILED


# --- production: real Redis, real PostgreSQL, a real `rq worker` process ---------------------------


@pytest.fixture
def redis_app(app, tmp_path):
    """An app on production's queue: the suite's PostgreSQL, the real Redis, a queue of its own."""
    from redis import Redis

    queue_name = f"casework-test-{uuid.uuid4().hex}"
    redis_app = create_app(TestConfig, SQLALCHEMY_DATABASE_URI=POSTGRES_URL, UPLOAD_FOLDER=str(tmp_path),
                           JOB_QUEUE_MODE="redis", REDIS_URL=REDIS_URL, JOB_QUEUE_NAME=queue_name)
    connection = Redis.from_url(REDIS_URL)
    try:
        with redis_app.app_context():
            yield redis_app
            db.session.remove()
            db.engine.dispose()
    finally:
        for key in connection.scan_iter(match=f"*{queue_name}*"):
            connection.delete(key)
        connection.close()


def _worker_env() -> dict[str, str]:
    return {**os.environ, "CASEWORK_ENV": "test", "CASEWORK_TEST_DATABASE_URL": POSTGRES_URL, "PYTHONPATH": str(ROOT)}


def _run_burst_worker(queue_name: str) -> None:
    try:
        worker = subprocess.run(rq_worker_command(REDIS_URL, queue_name, "--burst"), env=_worker_env(), cwd=ROOT,
                                capture_output=True, text=True, timeout=180)
    except subprocess.TimeoutExpired as hung:
        raise AssertionError(f"the worker did not finish: {hung.stdout!r} {hung.stderr!r}") from hung
    assert worker.returncode == 0, worker.stderr


@pytest.mark.redis
@pytest.mark.postgres
def test_a_real_worker_killed_mid_job_leaves_a_failed_retryable_job(redis_app, tmp_path):
    queue_name = redis_app.config["JOB_QUEUE_NAME"]
    gate = tmp_path / "gate"
    record_id = enqueue(wait_for_file, str(gate)).id
    db.session.commit()
    # Its own session, so that killing it kills only what this test started.
    worker = subprocess.Popen(rq_worker_command(REDIS_URL, queue_name), env=_worker_env(), cwd=ROOT,
                              start_new_session=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 120
        while _reload(record_id).status is not JobStatus.RUNNING:
            assert time.monotonic() < deadline, "the worker never started the job"
            time.sleep(0.2)
    finally:
        os.killpg(worker.pid, signal.SIGKILL)
        worker.wait(timeout=30)

    with pytest.raises(Refused, match="Only a failed job"):
        retry(_reload(record_id))
    db.session.rollback()
    assert reap() == []
    assert reap(now=utcnow() + LATER) == [(record_id, WORKER_STOPPED)]
    record = _reload(record_id)
    assert record.status is JobStatus.FAILED and record.error.startswith("The worker stopped")
    assert jobs.queue_job_id(record_id) in FailedJobRegistry(queue=jobs.get_queue()).get_job_ids()

    retry(record)
    db.session.commit()
    gate.touch()
    _run_burst_worker(queue_name)
    record = _reload(record_id)
    assert record.status is JobStatus.DONE, record.error
    assert record.result == {"opened": str(gate)} and record.attempts == 2


@pytest.mark.redis
@pytest.mark.postgres
def test_a_real_redis_emptied_leaves_failed_retryable_jobs_and_healthz_says_so(redis_app):
    from redis import Redis

    queue_name = redis_app.config["JOB_QUEUE_NAME"]
    record_id = enqueue(add, 1, 2).id
    db.session.commit()
    connection = Redis.from_url(REDIS_URL)
    try:
        lost = list(connection.scan_iter(match=f"*{queue_name}*"))
        assert lost, "the job never reached Redis"
        connection.delete(*lost)  # what a restart without persistence does to this queue
    finally:
        connection.close()
    client = redis_app.test_client()
    assert client.get("/healthz").get_json()["jobs"] == {"status": "ok", "mode": "redis", "stuck": 0}

    assert reap(now=utcnow() + timedelta(seconds=61)) == [(record_id, QUEUE_LOST)]
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.get_json()["jobs"] == {"status": "degraded", "mode": "redis", "stuck": 1}

    retry(_reload(record_id))
    db.session.commit()
    _run_burst_worker(queue_name)
    record = _reload(record_id)
    assert record.status is JobStatus.DONE and record.result == {"sum": 3}
    assert client.get("/healthz").get_json()["jobs"]["stuck"] == 0
