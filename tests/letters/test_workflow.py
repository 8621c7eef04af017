"""The letter workflow: approval by someone other than the drafter, the final PDF, sending, replies."""
from __future__ import annotations

import io
from datetime import date, timedelta

import pytest
from pypdf import PdfReader
from sqlalchemy import func, select
from werkzeug.datastructures import FileStorage

from casework.core import storage
from casework.core.storage import content_key
from casework.core.audit import AuditEvent
from casework.core.db import utcnow
from casework.core.jobs import WORKER_STOPPED, JobRecord, JobStatus, reap, retry
from casework.core.workflow import fire
from casework.core.writes import Refused
from casework.extensions import db
from casework.letters import operations as ops
from casework.letters.models import Letter, LetterStatus
from tests.core.jobs_for_tests import WorkerKilled
from tests.letters.conftest import content, reload


def _approve(letter, supervisor):
    fire(letter, "submit", letter.drafted_by)
    fire(letter, "approve", supervisor)
    db.session.commit()  # the final PDF is rendered once this commits (inline in tests)
    return reload(letter)


def test_drafter_cannot_approve_their_own_letter(draft, users):
    fire(draft, "submit", users["officer"])
    db.session.commit()
    users["officer"].memberships[0].role = "supervisor"  # even a drafter who is also a supervisor
    db.session.commit()
    with pytest.raises(Refused, match="approved by a supervisor other than its drafter"):
        fire(reload(draft), "approve", users["officer"])
    db.session.rollback()
    assert reload(draft).status == LetterStatus.SUBMITTED


def test_approval_produces_the_final_pdf_and_the_letter_becomes_final(draft, users):
    letter = _approve(draft, users["supervisor"])

    assert letter.status == LetterStatus.FINAL
    assert letter.approved_by_id == users["supervisor"].id
    pdf = storage.files().read(content_key(letter.final_pdf_sha256))
    import hashlib
    assert hashlib.sha256(pdf).hexdigest() == letter.final_pdf_sha256
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    assert "AL MEX 3/2026" in text
    assert "Excellency," in text
    assert "Amara Okonjo-Lind" in text
    assert "Permanent Mission of Mexico" in text
    assert "DRAFT" not in text


def test_editing_after_approval_sends_the_letter_back_to_draft(draft, users, states):
    letter = _approve(draft, users["supervisor"])
    ops.update_letter(letter, content(states, body="A corrected text."), users["officer"])
    db.session.commit()

    letter = reload(letter)
    assert letter.status == LetterStatus.DRAFT
    assert letter.approved_by_id is None and letter.final_pdf_sha256 is None
    actions = db.session.scalars(select(AuditEvent.detail).where(
        AuditEvent.case_id == letter.id, AuditEvent.action == "state_change").order_by(AuditEvent.id)).all()
    assert [a["event"] for a in actions] == ["submit", "approve", "finalise", "reopen"]


def test_only_a_final_letter_can_be_marked_sent(draft, users):
    with pytest.raises(Refused, match="not possible while the case is draft"):
        ops.mark_sent(draft, date.today(), "email", users["officer"])
    db.session.rollback()
    letter = _approve(reload(draft), users["supervisor"])
    ops.mark_sent(letter, date.today(), "email", users["officer"])
    db.session.commit()
    assert reload(letter).status == LetterStatus.SENT


def test_a_sent_letter_cannot_be_edited(draft, users, states):
    letter = _approve(draft, users["supervisor"])
    ops.mark_sent(letter, date.today(), "email", users["officer"])
    db.session.commit()
    letter = reload(letter)
    with pytest.raises(Refused, match="has been sent"):
        ops.update_letter(letter, content(states), users["officer"])


def test_reply_is_attached_and_closes_the_letter(draft, users):
    letter = _approve(draft, users["supervisor"])
    ops.mark_sent(letter, date.today(), "email", users["officer"])
    db.session.commit()
    letter = reload(letter)
    reply = FileStorage(io.BytesIO(b"%PDF-1.4 reply of the Government"), filename="reply.pdf")
    ops.record_reply(letter, date.today(), reply, users["officer"])
    db.session.commit()
    letter = reload(letter)
    assert letter.status == LetterStatus.REPLIED
    assert letter.reply_received_on == date.today()
    assert letter.reply_attachment_id is not None


def test_a_failed_render_is_visible_and_a_retry_finishes_the_same_letter(draft, users, monkeypatch):
    from casework.letters import jobs as letter_jobs

    def broken(document):
        raise RuntimeError("the PDF engine ran out of memory")

    monkeypatch.setattr(letter_jobs, "render_letter_pdf", broken)
    letter = _approve(draft, users["supervisor"])
    assert letter.status == LetterStatus.APPROVED  # nothing lost: still approved, no PDF
    record = ops.latest_job(letter)
    assert record.status is JobStatus.FAILED and "ran out of memory" in record.error

    monkeypatch.undo()
    retry(record)
    db.session.commit()
    letter = reload(letter)
    assert letter.status == LetterStatus.FINAL
    assert db.session.scalar(select(func.count()).select_from(Letter)) == 1
    assert db.session.scalar(select(func.count()).select_from(JobRecord)) == 1


def test_a_letter_whose_worker_died_while_rendering_is_failed_by_the_reaper_and_rendered_on_retry(
        draft, users, monkeypatch):
    from casework.letters import jobs as letter_jobs

    def killed(document):
        raise WorkerKilled

    monkeypatch.setattr(letter_jobs, "render_letter_pdf", killed)
    letter = _approve(draft, users["supervisor"])
    record = ops.latest_job(letter)
    assert record.status is JobStatus.RUNNING  # and would stay so: its worker is gone
    assert letter.status == LetterStatus.APPROVED and letter.final_pdf_sha256 is None
    with pytest.raises(Refused, match="Only a failed job"):
        retry(record)
    db.session.rollback()

    assert reap(now=utcnow() + timedelta(seconds=300 + 61)) == [(record.id, WORKER_STOPPED)]
    record = ops.latest_job(reload(letter))
    assert record.status is JobStatus.FAILED and record.error.startswith("The worker stopped")

    monkeypatch.undo()
    retry(record)
    db.session.commit()
    letter = reload(letter)
    assert letter.status == LetterStatus.FINAL
    assert storage.files().read(content_key(letter.final_pdf_sha256)).startswith(b"%PDF")
    assert ops.latest_job(letter).attempts == 2


def test_rendering_twice_keeps_one_final_pdf(draft, users):
    from casework.core.jobs import run_job

    letter = _approve(draft, users["supervisor"])
    record = ops.latest_job(letter)
    sha = letter.final_pdf_sha256
    record.status = JobStatus.QUEUED  # as if RQ delivered the job a second time
    db.session.commit()
    run_job(record.id)
    letter = reload(letter)
    assert letter.final_pdf_sha256 == sha and letter.status == LetterStatus.FINAL


def test_a_letter_cannot_belong_to_another_letter(draft, users, login):
    client = login(users["officer"])
    assert client.get(f"/letters/new?case_id={draft.id}").status_code == 404
    with pytest.raises(ValueError, match="not to another letter"):
        ops.draft_letter("letter", "en", users["officer"], parent=draft)


def test_assignments_are_made_on_the_case_not_on_its_letters(draft, users, login):
    client = login(users["supervisor"])
    response = client.post(f"/cases/{draft.id}/assignments", data={"user_id": users["outsider"].id})
    assert response.status_code == 400
    assert "Assign people to the case this record belongs to" in response.get_data(as_text=True)
    assert reload(draft).assignments == []


def test_changing_a_submitted_letter_withdraws_it_and_its_editor_cannot_approve_it(draft, users, states):
    fire(draft, "submit", users["officer"])
    db.session.commit()
    letter = reload(draft)
    ops.update_letter(letter, content(states, body="Rewritten by the supervisor."), users["supervisor"])
    db.session.commit()
    letter = reload(letter)
    assert letter.status == LetterStatus.DRAFT
    fire(letter, "submit", users["supervisor"])
    with pytest.raises(Refused, match="other than its drafter"):
        fire(letter, "approve", users["supervisor"])


def test_approval_checks_the_letter_is_still_complete(draft, users):
    fire(draft, "submit", users["officer"])
    draft.signatories = []  # e.g. removed behind the approver's back
    with pytest.raises(Refused, match="at least one signatory"):
        fire(draft, "approve", users["supervisor"])
