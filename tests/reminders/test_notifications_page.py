"""The bell, the notifications page, marking read, and the digest preference."""
from __future__ import annotations

from datetime import date, timedelta

from casework.core.audit import AuditEvent
from casework.extensions import db
from casework.reminders.deadline_check import check_deadlines
from tests.conftest import sign_in
from tests.reminders.conftest import notifications_of


def _notified(users, make_case, add_deadline):
    case = make_case(officer=users["officer"], reference="S 5/2027")
    add_deadline(case, date.today() - timedelta(days=1), label="Reply due")
    add_deadline(case, date.today() + timedelta(days=1), label="Comments due")
    check_deadlines(date.today())
    db.session.commit()
    return case


def test_the_bell_counts_unread_and_the_page_lists_them(app, users, make_case, add_deadline, login):
    _notified(users, make_case, add_deadline)
    client = login(users["officer"])
    home = client.get("/").get_data(as_text=True)
    assert '<span class="bell-count" aria-label="2 unread">2</span>' in home
    page = client.get("/notifications").get_data(as_text=True)
    assert "2 unread" in page and "“Reply due” was due on" in page and "“Comments due” is due on" in page
    supervisor = app.test_client()
    sign_in(supervisor, users["supervisor"])
    other = supervisor.get("/notifications").get_data(as_text=True)
    assert "Reply due" not in other and "bell-count" not in other


def test_opening_a_notification_marks_it_read_and_goes_to_the_case(users, make_case, add_deadline, login):
    case = _notified(users, make_case, add_deadline)
    client = login(users["officer"])
    first, second = notifications_of(users["officer"])
    response = client.post(f"/notifications/{first.id}/read", data={"open": "1"})
    assert response.status_code == 303 and response.headers["Location"].endswith(f"/cases/{case.id}")
    assert [n.is_read for n in notifications_of(users["officer"])] == [True, False]
    assert client.post("/notifications/read-all").status_code == 303
    assert all(n.is_read for n in notifications_of(users["officer"]))
    assert "bell-count" not in client.get("/notifications").get_data(as_text=True)


def test_someone_elses_notification_is_not_found(users, make_case, add_deadline, login):
    _notified(users, make_case, add_deadline)
    theirs = notifications_of(users["officer"])[0]
    client = login(users["supervisor"])
    assert client.post(f"/notifications/{theirs.id}/read").status_code == 404
    client.post("/notifications/read-all")
    assert not any(n.is_read for n in notifications_of(users["officer"]))


def test_the_digest_by_email_can_be_turned_off_and_on(users, login):
    client = login(users["officer"])
    assert client.post("/notifications/preferences", data={}).status_code == 303
    db.session.refresh(users["officer"])
    assert users["officer"].email_digest is False
    assert db.session.scalar(db.select(AuditEvent).where(AuditEvent.object_type == "users")
                             .order_by(AuditEvent.id.desc())).changes["email_digest"] == [True, False]
    client.post("/notifications/preferences", data={"email_digest": "y"})
    db.session.refresh(users["officer"])
    assert users["officer"].email_digest is True
