"""The language of the pages: chosen in the account menu and kept with the account, else the one
chosen on the sign-in page, else the browser's, else English."""
from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager

from casework.core.audit import AuditEvent
from casework.extensions import db
from tests.pages import form_with, read_page

FRENCH = {"Accept-Language": "fr-CH, fr;q=0.9, en;q=0.5"}
SPANISH = {"Accept-Language": "es-AR, es;q=0.9"}


def html_tag(response) -> str:
    return re.search(r"<html[^>]*>", response.get_data(as_text=True)).group(0)


def menu_action(response) -> str:
    """Where the account menu's language form is sent."""
    return next(f["action"] for f in read_page(response).forms if any(n == "locale" for n, _v in f["fields"]))


@contextmanager
def csrf_on(app) -> Iterator[None]:
    """Forms checked for their token, as in production (signing in first, without)."""
    before = app.config["WTF_CSRF_ENABLED"]
    app.config["WTF_CSRF_ENABLED"] = True
    try:
        yield
    finally:
        app.config["WTF_CSRF_ENABLED"] = before


def test_the_account_menu_keeps_the_chosen_language_with_the_account(app, users, login):
    client = login(users["officer"])
    with csrf_on(app):
        page = client.get("/notifications", headers=SPANISH)
        data = form_with(page, "locale")
        assert data["locale"] == ["es"] and data["csrf_token"] != [""] and data["next"] == ["/notifications"]
        data["locale"] = ["fr"]
        response = client.post(menu_action(page), data=data, headers=SPANISH)
    assert html_tag(page) == '<html lang="es" dir="ltr">'
    assert response.status_code == 303 and response.headers["Location"].endswith("/notifications")
    db.session.refresh(users["officer"])
    assert users["officer"].locale == "fr"
    change = db.session.scalar(db.select(AuditEvent).where(AuditEvent.object_type == "users")
                               .order_by(AuditEvent.id.desc()))
    assert change.changes["locale"] == [None, "fr"]
    # The account's choice wins over the browser's, on every page.
    assert html_tag(client.get("/", headers=SPANISH)) == '<html lang="fr" dir="ltr">'
    assert form_with(client.get("/", headers=SPANISH), "locale")["locale"] == ["fr"]


def test_the_menu_without_its_token_changes_nothing(app, users, login):
    client = login(users["officer"])
    with csrf_on(app):
        response = client.post("/account/language", data={"locale": "fr"})
    assert response.status_code == 400
    db.session.refresh(users["officer"])
    assert users["officer"].locale is None


def test_a_language_casework_does_not_have_is_refused(users, login):
    client = login(users["officer"])
    response = client.post("/account/language", data={"locale": "de", "next": "/"})
    assert response.status_code == 303
    assert "Nothing was saved" in client.get("/").get_data(as_text=True)
    db.session.refresh(users["officer"])
    assert users["officer"].locale is None


def test_the_menu_goes_back_only_to_a_page_of_this_site(users, login):
    client = login(users["officer"])
    response = client.post("/account/language", data={"locale": "es", "next": "//elsewhere.example.org/"})
    assert response.status_code == 303 and response.headers["Location"] == "/"


def test_without_a_choice_the_browser_language_is_used_then_english(users, login):
    client = login(users["officer"])
    assert html_tag(client.get("/", headers=FRENCH)) == '<html lang="fr" dir="ltr">'
    assert html_tag(client.get("/", headers={"Accept-Language": "de-DE, ru;q=0.8"})) == '<html lang="en" dir="ltr">'
    assert html_tag(client.get("/")) == '<html lang="en" dir="ltr">'


def test_the_sign_in_page_offers_each_language_named_in_itself_and_remembers_the_choice(client):
    page = client.get("/login", headers=FRENCH)
    assert html_tag(page) == '<html lang="fr" dir="ltr">'
    body = page.get_data(as_text=True)
    assert 'lang="es" hreflang="es">Español</a>' in body and 'lang="en" hreflang="en">English</a>' in body
    assert '<strong lang="fr">Français</strong>' in body
    assert html_tag(client.get("/login?lang=es", headers=FRENCH)) == '<html lang="es" dir="ltr">'
    # The browser keeps the choice for the next pages, whatever it asks for.
    assert html_tag(client.get("/login", headers=FRENCH)) == '<html lang="es" dir="ltr">'

