"""Bad input never ends in a server error: a form says what is wrong next to the field and keeps
what was typed; a list ignores a filter it cannot use; an address with an impossible id is not
found; an upload over the limit gets a page that says the limit; and a bug gets a page with a
reference that leads to its entry in the log."""
from __future__ import annotations

import io
import logging
import re
import sqlite3
from datetime import date, timedelta

import pytest
from sqlalchemy import func, select
from sqlalchemy.exc import OperationalError

from casework.api.spec import API_PUBLIC
from casework.api.tokens import AccessToken, create_token
from casework.core.cases import Case
from casework.core.db import is_unavailable
from casework.core.persons import Person
from casework.core.units import Unit, UnitKind
from casework.extensions import db
from casework.web import PUBLIC_ATTR

HUGE = "9" * 30  # beyond 64 bits
NUL_TEXT = "Pérez\x00López"
CONTROL_MESSAGE = "invisible control character"

# Every list page (and the exports that read the same query string).
LISTS = [
    "/communications/", "/communications/backlog", "/urgent-actions/", "/urgent-actions/statistics",
    "/urgent-actions/export.csv", "/special-procedures/", "/special-procedures/overdue", "/special-procedures/figures",
    "/special-procedures/public/", "/special-procedures/public/export.csv", "/special-procedures/public/export.json",
    "/reprisals/", "/reprisals/export.csv", "/reprisals/report", "/persons/", "/letters/", "/detention/cases/",
    "/detention/releases/", "/detention/facilities/", "/working-groups/arbitrary-detention/",
    "/working-groups/disappearances/", "/working-groups/arbitrary-detention/figures", "/audit/", "/search/",
    "/notifications", "/exports/", "/admin/jobs", "/figures/",
]

HOSTILE_QUERIES = {
    "nul": {"q": "a\x00b", "status": "\x00", "state": "1\x00", "from": "2026-01-01\x00", "committee": "\x00"},
    "huge numbers": {"state": HUGE, "group": HUGE, "committee": HUGE, "mandate": HUGE, "page": HUGE,
                     "person_id": HUGE, "year": HUGE, "unit": HUGE, "facility": HUGE},
    "huge year": {"year": "99999999"},
    "negative": {"state": "-" + HUGE, "page": "-5", "year": "-2026"},
    "dates": {"from": "9999-12-31", "to": "0001-01-01", "dated": "decided"},
}


@pytest.fixture
def units(units) -> dict[str, Unit]:
    """The shared units, the two working groups and the reprisals team: every list has its unit."""
    added = {code: Unit(code=code, name=name, kind=kind) for code, name, kind in (
        ("WGAD", "Working Group on Arbitrary Detention", UnitKind.MANDATE),
        ("WGEID", "Working Group on Enforced or Involuntary Disappearances", UnitKind.MANDATE),
        ("REPRISALS", "Reprisals team", UnitKind.REPRISALS_TEAM))}
    db.session.add_all(added.values())
    db.session.commit()
    units.update(added)
    return units


@pytest.fixture
def token_for(app):
    def make(user) -> str:
        _token, secret = create_token(user, "script", None, user)
        db.session.commit()
        return secret

    return make


# -- 7, 8: list query strings -------------------------------------------------------------------

@pytest.mark.parametrize("role", ["admin", "officer"])
@pytest.mark.parametrize("kind", HOSTILE_QUERIES)
def test_no_list_fails_on_a_hostile_query_string(app, users, states, login, role, kind):
    client = login(users[role])
    failures = []
    for url in LISTS:
        response = client.get(url, query_string=HOSTILE_QUERIES[kind])
        response.close()
        if response.status_code >= 500:
            failures.append(f"{url}: {response.status_code}")
    assert failures == []


def test_a_control_character_in_a_search_is_dropped_before_the_database(app, users, units, login):
    """PostgreSQL refuses NUL in a query: the words around it are what is searched for."""
    client = login(users["admin"])
    assert client.post("/persons/new", data={"family_name": "Pérez", "unit_id": units["CCPR"].id}).status_code == 303

    page = client.get("/persons/", query_string={"q": "Pé\x00rez"})

    assert page.status_code == 200 and "Pérez" in page.get_data(as_text=True)


def test_an_export_posted_with_impossible_filters_is_still_the_list(app, users, states, login):
    client = login(users["admin"])

    response = client.post("/exports/urgent_actions/csv", data={"state": HUGE, "q": "\x00", "year": "99999999"})

    assert response.status_code == 200 and response.mimetype == "text/csv"


# -- 8: ids in addresses ------------------------------------------------------------------------

@pytest.mark.parametrize("url", [
    f"/special-procedures/public/{HUGE}/letters/1.pdf", f"/cases/{HUGE}", f"/persons/{2**31}",
    f"/persons/{HUGE}/edit", f"/communications/{HUGE}", f"/urgent-actions/{HUGE}", f"/exports/{HUGE}",
    f"/api/v1/cases/{HUGE}",
])
def test_an_id_beyond_what_the_database_holds_is_not_found(app, users, login, url):
    response = login(users["admin"]).get(url)

    assert response.status_code in (404, 401)


@pytest.mark.parametrize("path, data", [
    ("persons", {"person_id": str(2**40), "role": "alleged_victim"}),
    ("persons", {"person_id": HUGE, "role": "alleged_victim"}),
    ("assignments", {"user_id": HUGE}),
])
def test_a_number_in_a_form_beyond_what_the_database_holds_is_refused(app, users, login, make_case, path, data):
    case = make_case(officer=users["officer"])
    client = login(users["admin"])

    response = client.post(f"/cases/{case.id}/{path}", data=data)

    assert response.status_code in (200, 400, 422)
    assert "This number is too large." in response.get_data(as_text=True)


def test_the_largest_id_is_still_looked_up(app, users, login):
    assert login(users["admin"]).get(f"/persons/{2**31 - 1}").status_code == 404


# -- 7: text with control characters in forms ---------------------------------------------------

@pytest.mark.parametrize("url, data", [
    ("/persons/new", lambda s, u: {"family_name": NUL_TEXT, "unit_id": u["CCPR"].id, "sex": "unknown"}),
    ("/communications/new", lambda s, u: {"committee_id": u["CCPR"].id, "state_id": s["MEX"].id,
                                          "received_on": "2026-03-01", "authors-0-family_name": NUL_TEXT}),
    ("/urgent-actions/new", lambda s, u: {"state_id": s["MEX"].id, "received_on": "2026-03-01",
                                          "author_family_name": NUL_TEXT, "circumstances": "Taken\x01 away"}),
    ("/reprisals/new", lambda s, u: {"title": NUL_TEXT, "state_id": s["MEX"].id, "received_on": "2026-03-01"}),
    ("/account/tokens", lambda s, u: {"name": NUL_TEXT}),
])
def test_a_control_character_in_a_text_field_is_refused_next_to_it(app, users, units, states, login, url, data):
    client = login(users["admin"])
    persons, cases, tokens = _count(Person), _count(Case), _count(AccessToken)

    response = client.post(url, data=data(states, units))

    page = response.get_data(as_text=True)
    assert response.status_code in (200, 400, 422), page[:2000]
    assert CONTROL_MESSAGE in page
    assert re.search(r'class="error" id="[\w-]+-error">[^<]*' + CONTROL_MESSAGE, page)
    assert "López" in page  # what was typed is kept
    assert (_count(Person), _count(Case), _count(AccessToken)) == (persons, cases, tokens)


def _count(model) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


# -- 10: implausible dates ----------------------------------------------------------------------

FAR_FUTURE = "9999-12-31"


@pytest.mark.parametrize("url, data, message", [
    ("/persons/new", lambda s, u: {"family_name": "Pérez", "unit_id": u["CCPR"].id, "date_of_birth": "1850-01-01"},
     "Give a date from 1900-01-01 on."),
    ("/communications/new", lambda s, u: {"committee_id": u["CCPR"].id, "state_id": s["MEX"].id,
                                          "received_on": FAR_FUTURE, "authors-0-family_name": "Pérez"},
     "This date is in the future"),
    ("/urgent-actions/new", lambda s, u: {"state_id": s["MEX"].id, "received_on": "2026-03-01",
                                          "last_seen_on": FAR_FUTURE, "author_family_name": "Pérez"},
     "This date is in the future"),
    ("/reprisals/new", lambda s, u: {"title": "Threats", "state_id": s["MEX"].id, "received_on": "2026-03-01",
                                     "engaged_from": "2025-06-01", "engaged_to": "2025-01-01"},
     "The engagement cannot end before it began."),
    ("/account/tokens", lambda s, u: {"name": "Script", "expires_on": FAR_FUTURE},
     "Give a date between 1900 and 2100."),
])
def test_an_implausible_date_is_refused_next_to_its_field(app, users, units, states, login, url, data, message):
    client = login(users["admin"])
    persons, cases, tokens = _count(Person), _count(Case), _count(AccessToken)

    response = client.post(url, data=data(states, units))

    page = response.get_data(as_text=True)
    assert message in page, page[:3000]
    assert (_count(Person), _count(Case), _count(AccessToken)) == (persons, cases, tokens)


@pytest.mark.parametrize("days, refused", [(-1, False), (2, True)])
def test_a_date_of_birth_is_in_the_past(app, users, units, login, days, refused):
    client = login(users["admin"])
    born = (date.today() + timedelta(days=days)).isoformat()

    response = client.post("/persons/new", data={"family_name": "Pérez", "unit_id": units["CCPR"].id,
                                                 "date_of_birth": born})

    assert ("This date is in the future" in response.get_data(as_text=True)) is refused
    assert _count(Person) == (0 if refused else 1)


@pytest.mark.parametrize("received_on", ["0018-03-02", "8833-03-02"])
def test_the_api_refuses_an_urgent_action_received_in_an_impossible_year(app, users, states, token_for, client,
                                                                        received_on):
    body = {"state": "MEX", "received_on": received_on, "language": "es",
            "disappeared": {"family_name": "Mondragón", "given_names": "Julio", "sex": "male", "age": 22},
            "author": {"family_name": "Ibarra"}}
    headers = {"Authorization": f"Bearer {token_for(users['outsider'])}"}

    response = client.post("/api/v1/urgent-actions", json=body, headers=headers)

    assert response.status_code == 422
    assert "received_on" in response.json["error"]["fields"]
    assert _count(Case) == 0


# -- 9: uploads over the limit ------------------------------------------------------------------

def test_an_upload_over_the_limit_is_read_to_its_end_and_answered_with_the_limit(app, users, login):
    """A body left unread makes the server reset the connection: the browser would never see the page."""
    client = login(users["officer"])
    body = b"x" * (app.config["MAX_CONTENT_LENGTH"] + 1024 * 1024)
    stream = io.BytesIO(body)

    response = client.post("/persons/new", input_stream=stream, content_length=len(body),
                           content_type="multipart/form-data; boundary=xyz")

    assert response.status_code == 413
    assert "The file is larger than the upload limit of 25 MB. Nothing was saved." in response.get_data(as_text=True)
    assert stream.tell() == len(body)


def test_an_api_upload_over_the_limit_is_answered_in_json(app, users, token_for, client):
    headers = {"Authorization": f"Bearer {token_for(users['officer'])}"}
    size = app.config["MAX_CONTENT_LENGTH"] + 1

    response = client.post("/api/v1/persons", data=b"{" + b" " * size, headers=headers,
                           content_type="application/json")

    assert response.status_code == 413 and response.json["error"]["status"] == 413


# -- 14: a bug ----------------------------------------------------------------------------------

@pytest.fixture
def failing_app(tmp_path):
    """An app whose health check has a bug, with errors handled as in production (not raised to the test)."""
    from casework import create_app
    from config import TestConfig

    app = create_app(TestConfig, SQLALCHEMY_DATABASE_URI=f"sqlite:///{tmp_path / 'bug.db'}",
                     PROPAGATE_EXCEPTIONS=False)

    def bug():
        raise RuntimeError("a bug in the page")

    setattr(bug, PUBLIC_ATTR, True)
    setattr(bug, API_PUBLIC, True)
    app.view_functions["main.healthz"] = bug
    app.view_functions["api.openapi"] = bug
    return app


def test_a_bug_gets_a_page_with_a_reference_that_is_in_the_log(failing_app, caplog):
    with caplog.at_level(logging.ERROR):
        response = failing_app.test_client().get("/healthz")

    page = response.get_data(as_text=True)
    assert response.status_code == 500
    assert "Something went wrong" in page and "<nav" in page or "Back to My work" in page
    reference = re.search(r"reference ([0-9A-F]{8})", page).group(1)
    [record] = [r for r in caplog.records if reference in r.getMessage()]
    assert "a bug in the page" in caplog.text and record.exc_info is not None


def test_a_bug_in_the_api_answers_json_with_a_reference(failing_app, caplog):
    with caplog.at_level(logging.ERROR):
        response = failing_app.test_client().get("/api/v1/openapi.json")

    assert response.status_code == 500
    reference = response.json["error"]["reference"]
    assert re.fullmatch(r"[0-9A-F]{8}", reference)
    assert any(reference in r.getMessage() and r.exc_info for r in caplog.records)


def test_a_database_error_still_gets_the_page_in_the_layout(app, users, login, monkeypatch, caplog):
    """On PostgreSQL a failed statement leaves the transaction unusable: the page (which reads the
    signed-in user) is drawn only once it is rolled back."""
    from sqlalchemy import text

    def broken_list():
        db.session.execute(text("SELECT * FROM no_such_table"))

    client = login(users["officer"])
    monkeypatch.setitem(app.config, "PROPAGATE_EXCEPTIONS", False)
    monkeypatch.setitem(app.view_functions, "persons.index", broken_list)

    with caplog.at_level(logging.ERROR):
        response = client.get("/persons/")

    page = response.get_data(as_text=True)
    assert response.status_code == 500
    assert "Something went wrong" in page and "Officer" in page  # the layout, with the user's name
    assert re.search(r"reference ([0-9A-F]{8})", page).group(1) in caplog.text


def _locked() -> OperationalError:
    """What SQLite raises when another writer held the database past the busy timeout."""
    original = sqlite3.OperationalError("database is locked")
    original.sqlite_errorname = "SQLITE_BUSY"
    return OperationalError("UPDATE cases SET version=?", (2,), original)


def test_a_database_too_busy_to_answer_is_a_503_saying_nothing_was_saved(app, users, login, monkeypatch, caplog):
    def busy_list():
        raise _locked()

    client = login(users["officer"])
    monkeypatch.setitem(app.config, "PROPAGATE_EXCEPTIONS", False)
    monkeypatch.setitem(app.view_functions, "persons.index", busy_list)
    with caplog.at_level(logging.ERROR):
        response = client.get("/persons/")
    page = response.get_data(as_text=True)
    assert response.status_code == 503 and response.headers["Retry-After"] == "5"
    assert "nothing was saved" in page and "Officer" in page  # in the layout: only the database was busy
    assert re.search(r"Reference ([0-9A-F]{8})", page).group(1) in caplog.text


def test_only_a_database_down_or_busy_is_told_to_try_again():
    wrong = sqlite3.OperationalError("no such table: nope")
    wrong.sqlite_errorname = "SQLITE_ERROR"
    assert is_unavailable(_locked())
    assert not is_unavailable(OperationalError("SELECT * FROM nope", (), wrong))
