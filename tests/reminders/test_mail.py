"""E-mail through SMTP: a real conversation with a throwaway local server, only when configured."""
from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from email import message_from_bytes, policy

import pytest
from sqlalchemy import select

from casework.core.jobs import JobRecord, JobStatus, retry
from casework.extensions import db
from casework.reminders.deadline_check import check_deadlines
from casework.reminders.digest import send_digests
from casework.reminders.models import OutgoingEmail
from tests.reminders.conftest import TODAY, free_port


def _parsed(envelope: dict):
    return message_from_bytes(envelope["data"].encode(), policy=policy.default)


def _jobs() -> list[JobRecord]:
    db.session.expire_all()
    return list(db.session.scalars(select(JobRecord).where(JobRecord.kind.like("%send_email"))))


def test_without_smtp_nothing_is_queued(users, make_case, add_deadline):
    add_deadline(make_case(officer=users["officer"]), TODAY - timedelta(days=1))
    assert check_deadlines(TODAY)["emails"] == 0
    assert send_digests(TODAY)["emails"] == 0
    db.session.commit()
    assert db.session.scalars(select(OutgoingEmail)).all() == []
    assert _jobs() == []


def test_alerts_and_digest_are_sent_after_the_commit(users, make_case, add_deadline, smtp_server, smtp_config):
    smtp_config(smtp_server.server_address[1])
    add_deadline(make_case(officer=users["officer"], reference="S 3/2027"), TODAY - timedelta(days=1),
                 label="Reply due")
    check_deadlines(TODAY)
    assert smtp_server.received == []  # never inside the transaction
    db.session.commit()

    [alert] = smtp_server.received
    assert alert["rcpt"] == ["officer@example.org"]
    message = _parsed(alert)
    assert message["Subject"] == "Casework: 1 deadline needs your attention"
    assert message["From"] == "casework@ohchr.example.org"
    assert "S 3/2027: “Reply due” was due on Mar 9, 2027 and is overdue." in message.get_content()

    send_digests(TODAY)
    db.session.commit()
    digest = _parsed(smtp_server.received[1])
    assert digest["Subject"] == "Casework: your deadlines for Mar 10, 2027"
    assert "Overdue (1)\n- Mar 9, 2027  S 3/2027: Reply due" in digest.get_content().replace("\r\n", "\n")
    assert [job.status for job in _jobs()] == [JobStatus.DONE, JobStatus.DONE]
    assert all(email.sent_at for email in db.session.scalars(select(OutgoingEmail)))


@pytest.fixture
def base_url(app) -> Iterator[str]:
    """Casework served under a path of the Office's site, for the links of one test's e-mails."""
    app.config["BASE_URL"] = "https://casework.ohchr.example.org/office"
    yield app.config["BASE_URL"]
    app.config["BASE_URL"] = None


def test_each_deadline_links_to_its_case_when_the_address_is_set(users, make_case, add_deadline, smtp_server,
                                                                 smtp_config, base_url):
    smtp_config(smtp_server.server_address[1])
    case = make_case(officer=users["officer"], reference="S 3/2027")
    add_deadline(case, TODAY - timedelta(days=1), label="Reply due")
    check_deadlines(TODAY)
    send_digests(TODAY)
    db.session.commit()

    alert, digest = (_parsed(m).get_content().replace("\r\n", "\n") for m in smtp_server.received)
    case_page = f"{base_url}/cases/{case.id}"
    assert f"was due on Mar 9, 2027 and is overdue.\n  {case_page}\n" in alert
    assert f"- Mar 9, 2027  S 3/2027: Reply due\n  {case_page}\n" in digest
    assert f"Open “My work” for details: {base_url}/" in alert


def test_without_the_address_e_mails_carry_no_links(users, make_case, add_deadline, smtp_server, smtp_config):
    smtp_config(smtp_server.server_address[1])
    add_deadline(make_case(officer=users["officer"]), TODAY - timedelta(days=1))
    check_deadlines(TODAY)
    db.session.commit()
    [alert] = smtp_server.received
    body = _parsed(alert).get_content()
    assert "http" not in body and "Open Casework and see “My work” for details." in body


def test_no_digest_by_email_for_users_who_turned_it_off(users, make_case, add_deadline, smtp_server, smtp_config):
    smtp_config(smtp_server.server_address[1])
    users["officer"].email_digest = False
    add_deadline(make_case(officer=users["officer"]), TODAY + timedelta(days=1))
    assert send_digests(TODAY) == {"digests": 1, "emails": 0}


def test_a_failure_is_recorded_on_the_job_and_a_retry_sends_it(users, make_case, add_deadline, smtp_server,
                                                                smtp_config):
    smtp_config(free_port())  # nobody listening
    add_deadline(make_case(officer=users["officer"]), TODAY - timedelta(days=1))
    check_deadlines(TODAY)
    db.session.commit()
    [job] = _jobs()
    assert job.status is JobStatus.FAILED and "ConnectionRefusedError" in job.error

    smtp_config(smtp_server.server_address[1])
    retry(job)
    db.session.commit()
    [job] = _jobs()
    assert job.status is JobStatus.DONE and job.attempts == 2
    assert [m["rcpt"] for m in smtp_server.received] == [["officer@example.org"]]
