"""Background jobs: sent only after the commit, tracked in a row, retryable and safe to run twice.

The suite runs jobs "inline" (at commit time, in this process). The embedded "thread" mode and
the production "redis" mode (a real `rq worker` process) are checked with apps of their own.
"""
from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
import uuid

import pyotp
import pytest
from sqlalchemy import func, select

from casework import ROOT, create_app
from casework.core.jobs import JobRecord, JobStatus, enqueue, retry, run_job
from casework.core.writes import Refused
from casework.extensions import db
from config import TestConfig
from tests.conftest import PASSWORD, POSTGRES_URL, REDIS_URL
from tests.core.jobs_for_tests import GATES, add, append_line, fail_first_time, rq_worker_command, wait_for_gate


def _job_count() -> int:
    return db.session.scalar(select(func.count()).select_from(JobRecord))


def _reload(record_id: int) -> JobRecord:
    db.session.expire_all()
    return db.session.get(JobRecord, record_id)


# --- inline mode (the test configuration) ------------------------------------------------------


def test_a_job_enqueued_in_a_request_runs_only_when_the_request_commits(app, tmp_path):
    out = tmp_path / "ran.txt"
    with app.test_request_context("/cases/1", method="POST"):
        record = enqueue(append_line, str(out), "ran")
        record_id = record.id
        assert record.status is JobStatus.QUEUED
        assert not out.exists(), "the job ran before the transaction committed"

        db.session.commit()

    assert out.read_text(encoding="utf-8") == "ran\n"
    record = _reload(record_id)
    assert record.status is JobStatus.DONE
    assert record.result == {"lines": 1}
    assert record.attempts == 1
    assert record.error is None
    assert record.started_at is not None and record.finished_at is not None


def test_a_rolled_back_request_dispatches_nothing(app, tmp_path):
    out = tmp_path / "ran.txt"
    with app.test_request_context("/cases/1", method="POST"):
        record_id = enqueue(append_line, str(out), "ran").id
        db.session.rollback()
        # A later commit in the same session must not send the forgotten job either.
        db.session.commit()

    assert not out.exists()
    assert db.session.get(JobRecord, record_id) is None
    assert _job_count() == 0


def test_a_job_queued_in_a_savepoint_waits_for_the_request_to_commit(app, tmp_path):
    """Releasing a savepoint is not the request's commit: a worker must not look for the job yet."""
    out = tmp_path / "ran.txt"
    with app.test_request_context("/cases/1", method="POST"):
        with db.session.begin_nested():
            record_id = enqueue(append_line, str(out), "ran").id
        assert not out.exists(), "the job was sent when its savepoint was released"

        db.session.commit()

    assert out.read_text(encoding="utf-8") == "ran\n"
    assert _reload(record_id).status is JobStatus.DONE


def test_a_rolled_back_savepoint_forgets_its_own_jobs_only(app, tmp_path):
    """One record refused in a run of many (its savepoint rolled back) must not drop the others' jobs."""
    kept, dropped = tmp_path / "kept.txt", tmp_path / "dropped.txt"
    with app.test_request_context("/cases/1", method="POST"):
        kept_id = enqueue(append_line, str(kept), "kept").id
        savepoint = db.session.begin_nested()
        enqueue(append_line, str(dropped), "dropped")
        savepoint.rollback()

        db.session.commit()

    assert kept.read_text(encoding="utf-8") == "kept\n"
    assert not dropped.exists()
    assert _reload(kept_id).status is JobStatus.DONE
    assert _job_count() == 1


def test_a_rolled_back_retry_sends_nothing(app, tmp_path):
    record_id = enqueue(fail_first_time, str(tmp_path)).id
    db.session.commit()

    retry(_reload(record_id))
    db.session.rollback()
    db.session.commit()  # whatever the session commits next, the abandoned retry stays abandoned

    record = _reload(record_id)
    assert record.status is JobStatus.FAILED
    assert record.attempts == 1


def test_only_registered_functions_can_be_enqueued(app):
    def not_a_job() -> None:
        raise AssertionError("must never run")

    with pytest.raises(ValueError, match="not a registered job"):
        enqueue(not_a_job)
    db.session.commit()
    assert _job_count() == 0


def test_a_failing_job_is_recorded_as_failed_and_runs_again_after_retry(app, tmp_path):
    record_id = enqueue(fail_first_time, str(tmp_path)).id
    db.session.commit()

    record = _reload(record_id)
    assert record.status is JobStatus.FAILED
    assert "RuntimeError: the mail server did not answer" in record.error
    assert record.attempts == 1
    assert record.result is None

    retry(record)
    assert record.status is JobStatus.QUEUED  # queued again, not run before the commit
    assert record.attempts == 1
    db.session.commit()

    record = _reload(record_id)
    assert record.status is JobStatus.DONE
    assert record.result == {"delivered": True}
    assert record.attempts == 2
    assert record.error is None


def test_only_a_failed_job_can_be_retried(app):
    record_id = enqueue(add, 1, 2).id
    db.session.commit()
    record = _reload(record_id)
    assert record.status is JobStatus.DONE

    with pytest.raises(Refused, match="Only a failed job"):
        retry(record)


def test_an_administrator_sees_why_a_job_failed_and_retries_it(app, users, login, tmp_path):
    record_id = enqueue(fail_first_time, str(tmp_path)).id
    db.session.commit()
    client = login(users["admin"])

    page = client.get("/admin/jobs").get_data(as_text=True)
    assert "RuntimeError: the mail server did not answer" in page
    assert f"/admin/jobs/{record_id}/retry" in page

    response = client.post(f"/admin/jobs/{record_id}/retry")
    assert response.status_code == 303
    record = _reload(record_id)
    assert record.status is JobStatus.DONE
    assert record.result == {"delivered": True}


def test_running_a_finished_job_again_does_nothing(app, tmp_path):
    out = tmp_path / "ran.txt"
    record_id = enqueue(append_line, str(out), "ran").id
    db.session.commit()
    finished_at = _reload(record_id).finished_at

    run_job(record_id)  # e.g. RQ delivering the same job a second time

    assert out.read_text(encoding="utf-8") == "ran\n"
    record = _reload(record_id)
    assert record.status is JobStatus.DONE
    assert record.attempts == 1
    assert record.finished_at == finished_at


def test_health_check_reports_the_job_queue(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.get_json()["jobs"] == {"status": "ok", "mode": "inline", "stuck": 0}


def test_health_check_fails_when_the_queue_is_unreachable(tmp_path):
    # Nothing listens on port 1: the queue is down, and monitoring must be told so.
    down = create_app(TestConfig, SQLALCHEMY_DATABASE_URI=f"sqlite:///{tmp_path / 'down.db'}",
                      UPLOAD_FOLDER=str(tmp_path / "uploads"), JOB_QUEUE_MODE="redis",
                      REDIS_URL="redis://127.0.0.1:1/0")
    try:
        response = down.test_client().get("/healthz")
        assert response.status_code == 503
        body = response.get_json()
        assert body["status"] == "error"
        assert body["database"] == {"status": "ok"}
        assert body["jobs"]["status"] == "error"
        assert body["jobs"]["mode"] == "redis"
    finally:
        with down.app_context():
            db.engine.dispose()


def test_a_job_the_queue_cannot_take_is_shown_failed_and_retryable(tmp_path):
    down = create_app(TestConfig, SQLALCHEMY_DATABASE_URI=f"sqlite:///{tmp_path / 'down.db'}",
                      UPLOAD_FOLDER=str(tmp_path / "uploads"), JOB_QUEUE_MODE="redis",
                      REDIS_URL="redis://127.0.0.1:1/0")
    try:
        with down.app_context():
            db.create_all()
            record_id = enqueue(add, 1, 2).id
            db.session.commit()  # the work is saved even though the queue is down
            record = db.session.get(JobRecord, record_id)
            assert record.status is JobStatus.FAILED
            assert "The job queue could not be reached" in record.error
            retry(record)  # allowed: the job is failed, not stuck in "queued"
    finally:
        with down.app_context():
            db.session.remove()
            db.engine.dispose()


# --- the embedded "thread" mode -----------------------------------------------------------------


@pytest.fixture(scope="module")
def thread_app(tmp_path_factory):
    """An app in the embedded default mode, on a database of its own.

    Its worker thread lives as long as the process and serves the first thread-mode app only,
    so the tests of this module share one app.
    """
    folder = tmp_path_factory.mktemp("thread-mode")
    thread_app = create_app(
        TestConfig,
        SQLALCHEMY_DATABASE_URI=f"sqlite:///{folder / 'casework.db'}",
        UPLOAD_FOLDER=str(folder / "uploads"),
        JOB_QUEUE_MODE="thread",
        JOB_QUEUE_NAME=f"casework-test-{uuid.uuid4().hex}",
    )
    with thread_app.app_context():
        db.create_all()
    yield thread_app
    with thread_app.app_context():
        db.session.remove()
        db.engine.dispose()


def _wait_for_status(app, record_id: int, wanted: set[JobStatus], timeout: float = 60.0) -> JobRecord:
    deadline = time.monotonic() + timeout
    while True:
        with app.app_context():
            record = db.session.get(JobRecord, record_id)
            db.session.expunge(record)
        if record.status in wanted or time.monotonic() > deadline:
            return record
        time.sleep(0.05)


def test_thread_mode_answers_the_request_before_the_job_finishes(thread_app):
    from casework.admin.operations import save_user

    gate = f"gate-{uuid.uuid4().hex}"
    GATES[gate] = threading.Event()
    try:
        with thread_app.app_context():
            admin = save_user(None, "Admin", "admin@example.org", PASSWORD, True, False, True)
            admin.totp_secret = pyotp.random_base32()
            record = JobRecord(kind=f"{wait_for_gate.__module__}.wait_for_gate", args=[gate],
                               status=JobStatus.FAILED, error="RuntimeError: earlier attempt")
            db.session.add(record)
            db.session.commit()
            record_id, email, secret = record.id, admin.email, admin.totp_secret
        client = thread_app.test_client()
        assert client.post("/login", data={"email": email, "password": PASSWORD}).status_code == 302
        assert client.post("/login/totp", data={"code": pyotp.TOTP(secret).now()}).status_code == 302
        assert client.get("/admin/jobs").status_code == 200

        response = client.post(f"/admin/jobs/{record_id}/retry")

        # The page came back while the job is still blocked on the gate (inline, it would hang).
        assert response.status_code == 303
        assert not GATES[gate].is_set()
        running = _wait_for_status(thread_app, record_id, {JobStatus.RUNNING, JobStatus.DONE, JobStatus.FAILED})
        assert running.status is JobStatus.RUNNING, running.error

        GATES[gate].set()
        done = _wait_for_status(thread_app, record_id, {JobStatus.DONE, JobStatus.FAILED})
        assert done.status is JobStatus.DONE, done.error
        assert done.result == {"gate": gate, "thread": "casework-jobs"}
        assert done.attempts == 1
    finally:
        GATES[gate].set()  # never leave the worker thread blocked
        GATES.pop(gate, None)


def test_thread_mode_health_check(thread_app):
    response = thread_app.test_client().get("/healthz")
    assert response.status_code == 200
    assert response.get_json()["jobs"] == {"status": "ok", "mode": "thread", "stuck": 0}


# --- production: real Redis, real PostgreSQL, a separate `rq worker` process ---------------------


@pytest.mark.redis
@pytest.mark.postgres
def test_a_separate_rq_worker_process_runs_the_job(app, tmp_path):
    from redis import Redis
    from rq import Queue

    queue_name = f"casework-test-{uuid.uuid4().hex}"
    redis_app = create_app(TestConfig, SQLALCHEMY_DATABASE_URI=POSTGRES_URL, UPLOAD_FOLDER=str(tmp_path),
                           JOB_QUEUE_MODE="redis", REDIS_URL=REDIS_URL, JOB_QUEUE_NAME=queue_name)
    connection = Redis.from_url(REDIS_URL)
    queue = Queue(queue_name, connection=connection)
    job_ids: list[str] = []
    try:
        assert redis_app.test_client().get("/healthz").get_json()["jobs"] == {"status": "ok", "mode": "redis", "stuck": 0}
        with redis_app.app_context():
            record_id = enqueue(add, 1, 2).id
            db.session.commit()
            # Sent to Redis, not run here: only a worker runs it.
            assert _reload(record_id).status is JobStatus.QUEUED
        job_ids = queue.get_job_ids()
        assert len(job_ids) == 1

        env = {**os.environ, "CASEWORK_ENV": "test", "CASEWORK_TEST_DATABASE_URL": POSTGRES_URL,
               "PYTHONPATH": str(ROOT)}
        # Generous: the machine may be busy with the other pass; what was printed is kept if it hangs.
        try:
            worker = subprocess.run(rq_worker_command(REDIS_URL, queue_name, "--burst"), env=env, cwd=ROOT,
                                    capture_output=True, text=True, timeout=180)
        except subprocess.TimeoutExpired as hung:
            raise AssertionError(f"the worker did not finish: {hung.stdout!r} {hung.stderr!r}") from hung
        assert worker.returncode == 0, worker.stderr

        with redis_app.app_context():
            record = db.session.get(JobRecord, record_id)
            assert record.status is JobStatus.DONE, (record.error, worker.stderr)
            assert record.result == {"sum": 3}
            assert record.attempts == 1
        assert queue.count == 0
    finally:
        queue.delete(delete_jobs=True)
        for pattern in [f"*{queue_name}*", *(f"*{job_id}*" for job_id in job_ids)]:
            for key in connection.scan_iter(match=pattern):
                connection.delete(key)
        connection.close()
        with redis_app.app_context():
            db.engine.dispose()


def test_a_worker_process_carries_neither_the_migrations_nor_single_sign_on_nor_the_charts(tmp_path):
    """What a worker (or a web process) builds with create_app() leaves out what only `flask db`,
    a sign-in through the identity provider or a chart needs: 30 MB of a worker's 185 before."""
    probe = ("import sys; from casework import create_app; create_app(); "
             "print(' '.join(m for m in ('alembic', 'flask_migrate', 'authlib', 'requests', 'pygal') "
             "if m in sys.modules))")
    env = {**os.environ, "CASEWORK_ENV": "development", "CASEWORK_DATABASE_URL": f"sqlite:///{tmp_path / 'w.db'}"}
    result = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, env=env, capture_output=True, text=True,
                            timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == ""


def test_a_worker_readies_itself_on_its_first_job_as_a_web_process_does(app, tmp_path):
    """An `rq worker` builds the app on its first job, warms WeasyPrint and freezes what it built,
    so that no letter later pays for a full garbage collection of the whole app. Its app leaves
    the JSON API out, and with it pydantic and the schemas (about 11 MB)."""
    probe = ("import gc, sys; from casework.core.jobs import run_job; run_job(2 ** 31 - 1); "
             "print(gc.get_freeze_count(), 'weasyprint' in sys.modules, 'pydantic' in sys.modules)")
    env = {**os.environ, "CASEWORK_ENV": "development",
           "CASEWORK_DATABASE_URL": app.config["SQLALCHEMY_DATABASE_URI"], "CASEWORK_UPLOAD_FOLDER": str(tmp_path)}
    result = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, env=env, capture_output=True, text=True,
                            timeout=120)
    assert result.returncode == 0, result.stderr
    frozen, weasyprint, pydantic = result.stdout.split()
    assert int(frozen) > 100_000 and weasyprint == "True" and pydantic == "False"
