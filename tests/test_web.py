"""Pages write dates, moments, numbers and lists the reader's way (Flask-Babel), in their language;
date inputs keep ISO dates."""
from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime, timedelta

from babel.dates import format_date
from flask_babel import refresh

from casework.core.deadlines import Deadline
from casework.extensions import db
from casework.web import listformat, timestamp
from tests.pages import words


@contextmanager
def _in(app, language: str) -> Iterator[None]:
    with app.test_request_context("/", headers={"Accept-Language": language}):
        refresh()  # the test's app context may hold another request's language
        yield


def test_moments_and_lists_are_written_in_the_reader_s_conventions(app):
    moment = datetime(2026, 12, 6, 13, 5, 42)
    with _in(app, "fr"):
        assert timestamp(moment) == "6 déc. 2026 13:05"
        assert timestamp(moment, seconds=True) == "6 déc. 2026 13:05:42"
        assert listformat(["7", "9", "14"]) == "7, 9 et 14"
    with _in(app, "es"):
        assert timestamp(moment) == "6 dic 2026 13:05"
        assert listformat(["7", "9", "14"]) == "7, 9 y 14"
    with _in(app, "en"):
        assert timestamp(moment).replace("\u202f", " ") == "Dec 6, 2026 1:05 PM"
        assert listformat(["7", "9", "14"]) == "7, 9, and 14" and listformat([]) == ""


def test_my_work_gives_due_dates_the_reader_s_way(users, make_case, login):
    case = make_case(officer=users["officer"], reference="S 5/2027")
    due = date.today() + timedelta(days=3)
    db.session.add(Deadline(case_id=case.id, kind="observations", label="State observations due",
                            due_on=due, original_due_on=due))
    db.session.commit()
    client = login(users["officer"])
    for language in ("en", "fr", "es"):
        page = words(client.get("/", headers={"Accept-Language": language}))
        assert format_date(due, "medium", locale=language) in page and due.isoformat() not in page


def test_date_fields_keep_iso_dates_whatever_the_language(users, login):
    client = login(users["officer"])
    page = client.get("/figures/?from=2026-01-01&to=2026-06-30", headers={"Accept-Language": "fr"})
    body = page.get_data(as_text=True)
    assert 'value="2026-01-01"' in body and 'value="2026-06-30"' in body
    assert "1 janv. 2026" in words(page) and "30 juin 2026" in words(page)
