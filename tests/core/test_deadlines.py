"""Extending a deadline and counting reminders, from the case page."""
from __future__ import annotations

from datetime import date, timedelta

from babel.dates import format_date

from casework.core.audit import AuditEvent
from casework.core.deadlines import Deadline
from casework.extensions import db
from sqlalchemy import select

from tests.pages import form_with, words


def _sent_case(make_case, users):
    case = make_case(status="submitted", officer=users["officer"])
    from casework.core.workflow import fire

    fire(case, "approve_and_send", users["supervisor"], on=date(2026, 1, 15))
    db.session.commit()
    return case, db.session.scalar(select(Deadline).where(Deadline.case_id == case.id))


def test_extension_moves_the_date_and_says_who_granted_it(login, users, make_case):
    case, deadline = _sent_case(make_case, users)
    assert deadline.due_on == date(2026, 7, 15)
    client = login(users["officer"])
    response = client.post(f"/cases/{case.id}/deadlines/{deadline.id}/extend", data={
        f"deadline-{deadline.id}-due_on": "2026-09-15",
        f"deadline-{deadline.id}-note": "Special Rapporteur, at the State's request of 1 July",
    }, follow_redirects=True)
    page = response.get_data(as_text=True)
    assert "Sep 15, 2026" in page and "extended from Jul 15, 2026" in page
    assert "at the State&#39;s request of 1 July" in page and "recorded by Officer" in page
    db.session.refresh(deadline)
    assert (deadline.due_on, deadline.original_due_on, deadline.extended_by_id) == (
        date(2026, 9, 15), date(2026, 7, 15), users["officer"].id)
    changes = db.session.scalars(select(AuditEvent).where(
        AuditEvent.object_type == "deadlines", AuditEvent.action == "update")).all()
    assert any("due_on" in (event.changes or {}) for event in changes)


def test_an_earlier_date_is_refused_and_the_note_kept(login, users, make_case):
    case, deadline = _sent_case(make_case, users)
    client = login(users["officer"])
    response = client.post(f"/cases/{case.id}/deadlines/{deadline.id}/extend", data={
        f"deadline-{deadline.id}-due_on": "2026-07-01",
        f"deadline-{deadline.id}-note": "granted by phone",
    })
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "must be later than the current due date, 2026-07-15" in page
    assert 'value="granted by phone"' in page
    db.session.refresh(deadline)
    assert deadline.due_on == date(2026, 7, 15)


def test_reminders_are_counted(login, users, make_case):
    case, deadline = _sent_case(make_case, users)
    client = login(users["officer"])
    for _ in range(2):
        assert client.post(f"/cases/{case.id}/deadlines/{deadline.id}/reminder").status_code == 303
    db.session.refresh(deadline)
    assert deadline.reminders_sent == 2 and deadline.last_reminder_on == date.today()
    page = client.get(case.url).get_data(as_text=True)
    assert "Record a reminder sent" in page


def test_a_met_deadline_takes_no_extension_or_reminder(login, users, make_case):
    case, deadline = _sent_case(make_case, users)
    deadline.closed_at = deadline.opened_at + timedelta(days=3)
    db.session.commit()
    client = login(users["officer"])
    response = client.post(f"/cases/{case.id}/deadlines/{deadline.id}/reminder")
    assert response.status_code == 422 and "no reminder is needed" in response.get_data(as_text=True)
    db.session.refresh(deadline)
    assert deadline.reminders_sent == 0


def test_a_viewer_cannot_extend(login, users, make_case):
    case, deadline = _sent_case(make_case, users)
    client = login(users["viewer"])
    response = client.post(f"/cases/{case.id}/deadlines/{deadline.id}/extend", data={
        f"deadline-{deadline.id}-due_on": "2026-09-15", f"deadline-{deadline.id}-note": "x"})
    assert response.status_code == 403
    assert "Extend or record a reminder" not in client.get(case.url).get_data(as_text=True)


def test_a_reply_received_in_time_but_recorded_late_counts_as_met_in_time(login, users, make_case):
    from casework.core.workflow import fire

    case, deadline = _sent_case(make_case, users)  # reply due 2026-07-15
    fire(case, "record_reply", users["officer"], on=date(2026, 7, 10))
    db.session.commit()

    assert (deadline.met_on, deadline.met_late) == (date(2026, 7, 10), False)
    page = words(login(users["officer"]).get(f"/cases/{case.id}"))
    assert f"met Jul 10, 2026 (recorded {format_date(date.today(), locale='en')})" in page


def test_a_reply_received_after_the_deadline_is_shown_as_met_late(login, users, make_case):
    from casework.core.workflow import fire

    case, deadline = _sent_case(make_case, users)
    fire(case, "record_reply", users["officer"], on=date(2026, 8, 3))
    db.session.commit()

    page = words(login(users["officer"]).get(f"/cases/{case.id}"))
    assert "met late Aug 3, 2026" in page and "overdue" not in page


def test_an_extension_submitted_without_a_date_says_why_at_the_top(login, users, make_case):
    case, deadline = _sent_case(make_case, users)
    client = login(users["officer"])
    form = form_with(client.get(f"/cases/{case.id}"), f"deadline-{deadline.id}-due_on")
    response = client.post(f"/cases/{case.id}/deadlines/{deadline.id}/extend", data=form)
    assert response.status_code == 400
    assert "Nothing was saved. New due date:" in words(response)


def test_a_reminder_is_recorded_on_the_day_it_was_sent(login, users, make_case):
    case, deadline = _sent_case(make_case, users)
    client = login(users["officer"])
    url = f"/cases/{case.id}/deadlines/{deadline.id}/reminder"
    form = form_with(client.get(case.url), "sent_on")
    assert form["sent_on"] == [date.today().isoformat()]
    assert client.post(url, data={**form, "sent_on": "2026-08-03"}).status_code == 303
    earlier = client.post(url, data={**form, "sent_on": "2026-08-01"})
    assert earlier.status_code == 422 and "before the previous one, sent on Aug 3, 2026" in words(earlier)
    future = client.post(url, data={**form, "sent_on": (date.today() + timedelta(days=5)).isoformat()})
    assert future.status_code == 400 and "This date is in the future" in words(future)
    db.session.refresh(deadline)
    assert (deadline.reminders_sent, deadline.last_reminder_on) == (1, date(2026, 8, 3))
