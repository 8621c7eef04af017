"""Pages write dates, moments, numbers and lists the reader's way (Flask-Babel), in their language;
date inputs keep ISO dates."""
from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime, timedelta

import pytest
from babel.dates import format_date
from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from flask_babel import get_babel, refresh

from sqlalchemy.exc import OperationalError

from casework import web
from casework.auth.models import Role, User
from casework.core.deadlines import Deadline
from casework.admin.operations import set_membership
from casework.extensions import db
from casework.web import listformat, timestamp
from tests.pages import words


# A few words of a French catalogue, to see the pages use one without the real catalogue compiled.
FRENCH = {"Draft": "Brouillon", "Urgent actions": "Actions urgentes", "Reply due": "Réponse attendue",
          "My work": "Mon travail"}


@pytest.fixture
def french(app, tmp_path, monkeypatch) -> Iterator[None]:
    """The app reads translations from a catalogue holding FRENCH, for this test only."""
    catalog = Catalog(locale="fr")
    for english, french_words in FRENCH.items():
        catalog.add(english, french_words)
    folder = tmp_path / "fr" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    with (folder / "messages.mo").open("wb") as file:
        write_mo(file, catalog)
    babel = get_babel(app)
    monkeypatch.setattr(babel, "translation_directories", [str(tmp_path)])
    babel.instance.domain_instance.cache.clear()
    yield
    babel.instance.domain_instance.cache.clear()


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


def test_labels_declared_at_import_and_stored_labels_are_shown_in_the_reader_s_language(french, users, units,
                                                                                         make_case, login):
    case = make_case(officer=users["officer"], reference="S 5/2027")  # a draft
    due = date.today() - timedelta(days=2)
    db.session.add(Deadline(case_id=case.id, kind="reply", label="Reply due", due_on=due, original_due_on=due))
    officer = db.session.get(User, users["officer"].id)
    officer.locale = "fr"
    set_membership(officer, units["CED"], Role.VIEWER)  # so that "Urgent actions" is in the navigation
    db.session.commit()
    page = words(login(users["officer"]).get("/"))
    # The heading (gettext), the navigation and the state (lazy, declared at import), the
    # deadline's label (stored in English, translated when shown).
    assert "Mon travail" in page and "Actions urgentes" in page and "Brouillon" in page
    assert "Réponse attendue" in page and "Reply due" not in page
    assert db.session.scalar(db.select(Deadline.label).where(Deadline.case_id == case.id)) == "Reply due"


class _UnreadableAccount:
    """A signed-in user whose row the database, gone down, cannot give."""

    is_authenticated = True

    @property
    def locale(self) -> str:
        raise OperationalError("SELECT users.locale", {}, Exception("server closed the connection"))


def test_the_page_language_falls_back_to_the_browser_s_when_the_account_cannot_be_read(app, monkeypatch):
    monkeypatch.setattr(web, "current_user", _UnreadableAccount())
    with app.test_request_context("/", headers={"Accept-Language": "es"}):
        assert web.select_locale() == "es"


def test_numbers_are_written_in_the_pages_language_whichever_was_written_first(app):
    """Whole numbers are remembered per language: the same number read in English, then French,
    then Spanish, is written each time as that language writes it."""
    from flask import render_template_string
    from flask_babel import force_locale

    with app.test_request_context("/"):
        written = {}
        for language in ("en", "fr", "es", "en"):
            with force_locale(language):
                written.setdefault(language, set()).add(render_template_string("{{ 12345|decimalformat }}"))
    assert written == {"en": {"12,345"}, "fr": {"12\u202f345"}, "es": {"12.345"}}


def test_days_are_written_in_the_pages_language_whichever_was_written_first(app, monkeypatch):
    """Days, like whole numbers, are remembered per language; a moment is still put in the
    reader's zone before its day is written (Flask-Babel's own filter)."""
    from flask import render_template_string
    from flask_babel import force_locale

    day, late_evening = date(2024, 3, 5), datetime(2024, 3, 5, 23, 30)
    monkeypatch.setattr(get_babel(app), "default_timezone", "Asia/Tokyo")
    with app.test_request_context("/"):
        written = {}
        for language in ("en", "fr", "es", "en"):
            with force_locale(language):
                written.setdefault(language, set()).add(
                    render_template_string("{{ day|dateformat }}", day=day).replace("\u202f", " "))
        next_day = render_template_string("{{ moment|dateformat }}", moment=late_evening)
    assert written == {"en": {"Mar 5, 2024"}, "fr": {"5 mars 2024"}, "es": {"5 mar 2024"}}
    assert next_day == "Mar 6, 2024"


def test_a_request_s_strings_follow_the_language_it_switches_to(app):
    """A page in French that writes a letter in Spanish: each string, and each label declared at
    import, is translated in the language in force when it is written."""
    from flask_babel import force_locale, gettext

    from casework.core.i18n import ENUM_WORDS

    with _in(app, "fr"):
        before = (gettext("Case"), str(ENUM_WORDS["closed"]))
        with force_locale("es"):
            during = (gettext("Case"), str(ENUM_WORDS["closed"]))
            with force_locale("en"):
                inner = (gettext("Case"), str(ENUM_WORDS["closed"]))
        after = (gettext("Case"), str(ENUM_WORDS["closed"]))
    assert before == after == ("Dossier", "Clos")
    assert during == ("Caso", "Cerrado") and inner == ("Case", "Closed")
