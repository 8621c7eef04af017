"""Large exports: a background job writes the file, reports its progress, and only its owner sees it."""
from __future__ import annotations

import pytest
from sqlalchemy import select, text

from casework.core import storage
from casework.core.jobs import JobRecord, JobStatus
from casework.exports import jobs as export_jobs
from casework.exports import operations
from casework.exports.models import Export
from casework.extensions import db
from tests.conftest import sign_in
from tests.exports.conftest import CONFIDENTIAL_TITLE, VISIBLE_TITLE, export, fetch, read_rows, receive


@pytest.fixture
def large(app, monkeypatch, users, units, world):
    """Three communications the officer sees, above a threshold lowered to two rows, one row per chunk."""
    monkeypatch.setitem(app.config, "EXPORT_ROW_THRESHOLD", 2)
    monkeypatch.setattr(operations, "CHUNK", 1)
    receive(users, units, world.states, family="Third", title="A third case")
    return world


def _signed_in(app, user):
    client = app.test_client()
    sign_in(client, user)
    return client


def test_a_large_export_runs_as_a_job_and_reports_its_progress(app, users, large, monkeypatch):
    seen = []
    write = export_jobs.write_export

    def watching(*args, **kwargs):
        progress = args[5]

        def report(done):
            progress(done)
            # what the status page reads: committed, from another connection
            with db.engine.connect() as other:
                seen.append(other.execute(text("SELECT rows_done, rows_total FROM exports")).one())

        return write(*args[:5], report, *args[6:], **kwargs)

    monkeypatch.setattr(export_jobs, "write_export", watching)
    owner = _signed_in(app, users["officer"])
    response = export(owner, "communications", "xlsx")
    assert response.status_code == 303
    page_url = response.headers["Location"]
    assert [tuple(row) for row in seen] == [(1, 3), (2, 3), (3, 3)]

    status = owner.get(f"{page_url}/status").get_json()
    assert (status["status"], status["rows_done"], status["rows_total"], status["percent"]) == ("done", 3, 3, 100)
    page = owner.get(page_url).get_data(as_text=True)
    assert "<progress" in page and status["download"] in page
    rows = read_rows("xlsx", fetch(owner, status["download"]).data)
    assert {row[3] for row in rows[1:]} == {VISIBLE_TITLE, CONFIDENTIAL_TITLE, "A third case"}
    assert db.session.scalars(select(JobRecord)).one().requested_by_id == users["officer"].id


def test_the_page_refreshes_itself_while_the_file_is_written(app, users, large):
    owner = _signed_in(app, users["officer"])
    record = Export(user_id=users["officer"].id, list_name="communications", filters={}, format="csv", rows_total=3,
                    job=JobRecord(kind="casework.exports.jobs.build_export", args=[0]))
    db.session.add(record)
    db.session.commit()
    page = owner.get(f"/exports/{record.id}").get_data(as_text=True)
    assert "js/export-progress.js" in page and 'http-equiv="refresh"' in page  # the script, and without it a refresh
    assert f"/exports/{record.id}/download" not in page  # no download link until the file is ready


@pytest.mark.parametrize("role", ["viewer", "supervisor", "outsider", "secretariat", "auditor", "admin"])
def test_only_the_owner_sees_or_downloads_an_export(app, users, large, role):
    owner = _signed_in(app, users["officer"])
    page_url = export(owner, "communications", "csv").headers["Location"]
    other = _signed_in(app, users[role])
    for url in (page_url, f"{page_url}/status", f"{page_url}/download"):
        assert fetch(other, url).status_code == 404, url
    assert other.post(f"{page_url}/retry").status_code == 404
    assert fetch(owner, f"{page_url}/download").status_code == 200


def test_the_job_reads_the_rights_of_its_owner_as_they_are_when_it_runs(app, users, large, monkeypatch):
    """The confidential case was unassigned between the request and the job: the file leaves it out."""
    from casework.core.cases import CaseAssignment

    monkeypatch.setitem(app.config, "JOB_QUEUE_MODE", "thread")  # queued, not run at once
    monkeypatch.setattr("casework.core.jobs._EmbeddedWorker.wake", lambda app: None)
    owner = _signed_in(app, users["officer"])
    export(owner, "communications", "csv")
    record = db.session.scalars(select(Export)).one()
    db.session.execute(CaseAssignment.__table__.delete().where(CaseAssignment.case_id == large.confidential.id))
    db.session.commit()
    monkeypatch.setitem(app.config, "JOB_QUEUE_MODE", "inline")
    from casework.core.jobs import run_job

    run_job(record.job_id)
    db.session.expire_all()  # the job wrote through its own session
    rows = read_rows("csv", fetch(owner, f"/exports/{record.id}/download").data)
    assert CONFIDENTIAL_TITLE not in {row[3] for row in rows[1:]} and len(rows) == 3


def test_a_failed_export_shows_why_and_can_be_tried_again(app, users, large, monkeypatch):
    def broken(*args, **kwargs):
        raise OSError("No space left on device")

    monkeypatch.setattr(export_jobs, "write_export", broken)
    owner = _signed_in(app, users["officer"])
    page_url = export(owner, "communications", "csv").headers["Location"]
    page = owner.get(page_url).get_data(as_text=True)
    assert "No space left on device" in page and "Try again" in page
    assert fetch(owner, f"{page_url}/download").status_code == 404

    monkeypatch.undo()
    monkeypatch.setitem(app.config, "EXPORT_ROW_THRESHOLD", 2)
    monkeypatch.setitem(app.config, "EXPORT_FOLDER", str(app.config["UPLOAD_FOLDER"]) + "-exports")
    assert owner.post(f"{page_url}/retry").status_code == 303
    job = db.session.scalars(select(JobRecord)).one()
    db.session.refresh(job)
    assert (job.status, job.attempts) == (JobStatus.DONE, 2)
    assert len(read_rows("csv", fetch(owner, f"{page_url}/download").data)) == 4


def test_old_export_files_are_removed_and_the_record_kept(app, users, large, export_folder):
    from datetime import timedelta

    from casework.core.db import utcnow

    owner = _signed_in(app, users["officer"])
    page_url = export(owner, "communications", "csv").headers["Location"]
    record = db.session.scalars(select(Export)).one()
    assert list(storage.exports().keys())
    assert operations.remove_old_exports(timedelta(days=7), now=utcnow() + timedelta(days=8)) == 1
    db.session.commit()
    assert not list(storage.exports().keys())
    assert owner.get(f"{page_url}/status").get_json()["status"] == "expired"
    assert fetch(owner, f"{page_url}/download").status_code == 404
    assert db.session.get(Export, record.id) is not None


def test_the_cleanup_command_removes_files_older_than_the_kept_days(app, users, large, export_folder, monkeypatch):
    owner = _signed_in(app, users["officer"])
    export(owner, "communications", "csv")
    runner = app.test_cli_runner()
    assert "0 export files removed" in runner.invoke(args=["exports", "cleanup"]).output
    monkeypatch.setitem(app.config, "EXPORT_KEEP_DAYS", -1)  # every file is now past its time
    assert "1 export files removed" in runner.invoke(args=["exports", "cleanup"]).output
    assert not list(storage.exports().keys())
