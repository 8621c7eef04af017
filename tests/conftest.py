"""Fixtures: the app on SQLite (or the PostgreSQL named by CASEWORK_TEST_DATABASE_URL),
a clean database for every test, users for every role, and signing in as one of them."""
from __future__ import annotations

import importlib.util
import os
import sqlite3
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from functools import lru_cache

import pyotp
import pytest
from flask import g
from sqlalchemy import Engine, event, text

from casework import create_app, init_migrations
from casework.auth.models import Role, User
from casework.core.states import State, UNStatus
from casework.core.units import Unit, UnitKind
from casework.extensions import db
from config import TestConfig
from tests.sample_workflow import SampleCase, SampleStatus

PASSWORD = "correct horse battery staple"
POSTGRES_URL = os.environ.get("CASEWORK_TEST_DATABASE_URL")
REDIS_URL = os.environ.get("CASEWORK_TEST_REDIS_URL")
PG_CTL = os.environ.get("CASEWORK_TEST_PG_CTL")
S3_BUCKET = os.environ.get("CASEWORK_TEST_S3_BUCKET")  # a script: pg-ctl.sh stop|start|restart
CHROMIUM = os.environ.get("CASEWORK_TEST_CHROMIUM", "/usr/bin/chromium")


def browser_available() -> bool:
    """Playwright (a test dependency) and Debian's Chromium, which it drives: no browser download."""
    return importlib.util.find_spec("playwright") is not None and os.access(CHROMIUM, os.X_OK)


def pytest_collection_modifyitems(config, items) -> None:
    """Tests that need a real server run in the servers pass; without one they are deselected.

    In the servers pass (CASEWORK_TEST_PASS=servers, set by scripts/test.sh) a missing server
    is an error, so CI can never pass with those tests silently left out. Browser tests run in
    the embedded pass (what they test is the page's script, whatever the database); under CI a
    missing browser is an error too.
    """
    missing = [m for m, absent in (("postgres", not POSTGRES_URL), ("redis", not REDIS_URL),
                                   ("postgres_restart", not PG_CTL), ("s3", not S3_BUCKET)) if absent]
    servers_pass = os.environ.get("CASEWORK_TEST_PASS") == "servers"
    if servers_pass and missing:
        raise pytest.UsageError(f"servers pass without {', '.join(missing)}: set CASEWORK_TEST_*")
    if not browser_available() and os.environ.get("CI") in ("true", "1") and not servers_pass:
        raise pytest.UsageError(f"browser tests need Playwright and Chromium at {CHROMIUM} (apt-get install chromium)")
    if servers_pass or not browser_available():
        missing.append("browser")
    keep, drop = [], []
    for item in items:
        (drop if any(item.get_closest_marker(m) for m in missing) else keep).append(item)
    if drop:
        config.hook.pytest_deselected(items=drop)
        items[:] = keep


def pytest_terminal_summary(terminalreporter) -> None:
    """The crawler's figures: how much of the site every demo account used."""
    crawler = sys.modules.get("tests.test_crawler")
    if crawler and (RESULTS := crawler.RESULTS):
        pages = sum(c.pages for c in RESULTS.values())
        forms = sum(c.forms for c in RESULTS.values())
        findings = sum(len(c.findings) for c in RESULTS.values())
        terminalreporter.write_line(
            f"crawler: {len(RESULTS)} accounts, {pages} pages, "
            f"{sum(c.downloads for c in RESULTS.values())} downloads, {forms} forms submitted, "
            f"{sum(c.refusals for c in RESULTS.values())} refusals, {findings} findings")
    fuzz = sys.modules.get("tests.test_fuzz_forms")
    if fuzz and (FUZZED := fuzz.RESULTS):
        terminalreporter.write_line(fuzz.summary(FUZZED))


@event.listens_for(Engine, "connect")
def _throwaway_sqlite(dbapi_connection, _record) -> None:
    """The test database is thrown away: SQLite need not wait for the disk at every commit."""
    if isinstance(dbapi_connection, sqlite3.Connection):
        dbapi_connection.execute("PRAGMA synchronous=OFF")


def _create_bucket(config) -> None:
    import boto3

    client = boto3.client("s3", endpoint_url=config["S3_ENDPOINT_URL"], region_name=config["S3_REGION"])
    if config["S3_BUCKET"] not in {b["Name"] for b in client.list_buckets()["Buckets"]}:
        client.create_bucket(Bucket=config["S3_BUCKET"])


@pytest.fixture(scope="session", autouse=True)
def _each_letter_rendered_once() -> Iterator[None]:
    """A letter job renders a text this session has rendered already from the PDF it made then.

    Each test starts from an empty database, so tests that build the same cases (a fixture's
    letters, sent and replied to) compose the same letters to the word and the id; rendering them
    again took a third of the letters' and special procedures' tests. Every distinct letter is still
    rendered by WeasyPrint, and a test that replaces the job's renderer (a failing or dying job)
    replaces this one.
    """
    from casework.letters import jobs, rendering

    rendered = lru_cache(maxsize=256)(rendering.letter_pdf)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(jobs, "render_letter_pdf", lambda document: rendered(rendering.render_letter_html(document)))
        yield


@pytest.fixture(autouse=True)
def _own_bucket_prefix(request) -> Iterator[None]:
    """In the servers pass, each test's files go under a prefix of their own, as each test of the
    embedded pass may use a folder of its own."""
    if not S3_BUCKET or "app" not in request.fixturenames:
        yield
        return
    app = request.getfixturevalue("app")
    app.config["S3_PREFIX"] = f"{uuid.uuid4().hex}/"
    try:
        yield
    finally:
        app.config["S3_PREFIX"] = ""


@pytest.fixture(scope="session")
def database_url(tmp_path_factory) -> str:
    if POSTGRES_URL:
        return POSTGRES_URL
    return f"sqlite:///{tmp_path_factory.mktemp('db') / 'casework-test.db'}"


@pytest.fixture(scope="session")
def app(database_url, tmp_path_factory):
    """One app for the session, on a schema built by the migrations (not by create_all)."""
    from flask_migrate import upgrade

    app = create_app(
        TestConfig,
        SQLALCHEMY_DATABASE_URI=database_url,
        UPLOAD_FOLDER=str(tmp_path_factory.mktemp("uploads")),
    )
    init_migrations(app)
    with app.app_context():
        _drop_everything()
        upgrade()
    if app.config["S3_BUCKET"]:
        _create_bucket(app.config)
    yield app
    with app.app_context():
        db.session.remove()
        db.engine.dispose()


def _drop_everything() -> None:
    """Start the session from an empty database, whatever a previous run left."""
    if db.engine.dialect.name == "postgresql":
        with db.engine.begin() as connection:
            connection.execute(text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
    else:
        db.drop_all()
        with db.engine.begin() as connection:
            connection.execute(text("DROP TABLE IF EXISTS alembic_version"))


def _empty_tables() -> None:
    tables = [t.name for t in reversed(db.metadata.sorted_tables)]
    with db.engine.begin() as connection:
        if connection.dialect.name == "postgresql":
            _delete_all_rows(connection, tables + ["search_words"])  # beside the models (search.backends)
        else:
            for table in tables:
                connection.execute(text(f"DELETE FROM {table}"))


def _delete_all_rows(connection, tables: list[str]) -> None:
    """Empty every table and restart every id sequence, as a fresh database would be.

    DELETE on a handful of small tables is several times faster than TRUNCATE, which replaces
    each table's files. The audit trail's append-only trigger is switched off for the purge
    only, inside the same transaction; this needs the role that owns the tables, as the test
    database's role does.
    """
    connection.execute(text("ALTER TABLE audit_events DISABLE TRIGGER audit_events_no_change"))
    connection.exec_driver_sql("; ".join(f"DELETE FROM {table}" for table in tables))
    connection.execute(text("ALTER TABLE audit_events ENABLE TRIGGER audit_events_no_change"))
    sequences = connection.execute(text(
        "SELECT quote_ident(schemaname) || '.' || quote_ident(sequencename) FROM pg_sequences "
        "WHERE schemaname = current_schema() AND last_value IS NOT NULL"
    )).scalars().all()
    if sequences:
        connection.execute(text("SELECT " + ", ".join(f"setval('{s}', 1, false)" for s in sequences)))


@pytest.fixture(autouse=True)
def _app_context(request) -> Iterator[None]:
    """Every test that uses the app runs in its context and leaves an empty database behind."""
    if "app" not in request.fixturenames:
        yield
        return
    app = request.getfixturevalue("app")
    with app.app_context():
        try:
            yield
        finally:
            db.session.rollback()
            db.session.remove()
            _empty_tables()


@pytest.fixture(autouse=True)
def _fresh_request_globals(request) -> Iterator[None]:
    """Start every request with an empty `g`, as a real server does.

    Each test keeps one app context open and requests reuse it, so without this Flask-Login's
    cached user (g._login_user) would carry over from one request, or test client, to the next.
    """
    if "app" not in request.fixturenames:
        yield
        return
    app = request.getfixturevalue("app")

    def clear() -> None:
        for name in list(g):
            g.pop(name)

    hooks = app.before_request_funcs.setdefault(None, [])
    hooks.insert(0, clear)
    try:
        yield
    finally:
        hooks.remove(clear)


@pytest.fixture(scope="session")
def demo_site(tmp_path_factory):
    """Returns a fresh copy of the demo site (built once per session) each time it is called."""
    from tests.demo_site import build_demo, copier

    if TestConfig.S3_BUCKET:  # its files go to the servers pass's bucket, which may not exist yet
        _create_bucket({key: getattr(TestConfig, key) for key in ("S3_BUCKET", "S3_ENDPOINT_URL", "S3_REGION")})
    origin = tmp_path_factory.mktemp("demo")
    secrets = build_demo(origin)
    return copier(origin, secrets, lambda name: tmp_path_factory.mktemp(name.split("@")[0]))


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def units(app) -> dict[str, Unit]:
    specs = [
        ("CCPR", "Human Rights Committee", UnitKind.COMMITTEE),
        ("CED", "Committee on Enforced Disappearances", UnitKind.COMMITTEE),
        ("OHCHR", "Secretariat", UnitKind.SECRETARIAT),
    ]
    made = {code: Unit(code=code, name=name, kind=kind) for code, name, kind in specs}
    db.session.add_all(made.values())
    db.session.commit()
    return made


@pytest.fixture
def make_user(units) -> Callable[..., User]:
    from casework.admin.operations import save_user, set_membership

    def make(name: str, *memberships: tuple[str, Role], admin: bool = False, auditor: bool = False) -> User:
        user = save_user(None, name.title(), f"{name}@example.org", PASSWORD, admin, auditor, True)
        for code, role in memberships:
            set_membership(user, units[code], role)
        if admin:
            user.totp_secret = pyotp.random_base32()
        db.session.commit()
        return user

    return make


@pytest.fixture
def users(make_user) -> dict[str, User]:
    """One user per role, all around the CCPR unit; `outsider` works for CED only."""
    return {
        "viewer": make_user("viewer", ("CCPR", Role.VIEWER)),
        "officer": make_user("officer", ("CCPR", Role.CASE_OFFICER)),
        "supervisor": make_user("supervisor", ("CCPR", Role.SUPERVISOR)),
        "outsider": make_user("outsider", ("CED", Role.SUPERVISOR)),
        "secretariat": make_user("secretariat", ("OHCHR", Role.VIEWER)),
        "auditor": make_user("auditor", auditor=True),
        "admin": make_user("admin", admin=True),
    }


@pytest.fixture
def states(app) -> dict[str, State]:
    """Two States with their Missions, by ISO alpha-3 code."""
    rows = {
        iso3: State(iso2=iso2, iso3=iso3, name=name, un_status=UNStatus.MEMBER,
                    mission_name=f"Permanent Mission of {name} to the United Nations Office and other "
                                 "international organizations in Geneva")
        for iso2, iso3, name in (("MX", "MEX", "Mexico"), ("IQ", "IRQ", "Iraq"))
    }
    db.session.add_all(rows.values())
    db.session.commit()
    return rows


@pytest.fixture
def make_case(units) -> Callable[..., SampleCase]:
    def make(unit: str = "CCPR", *, confidential: bool = False, status: str = SampleStatus.DRAFT,
             reference: str | None = "S 1/2026", title: str = "A sample case", officer: User | None = None,
             assigned: tuple[User, ...] = ()) -> SampleCase:
        from casework.core.cases import CaseAssignment

        case = SampleCase(unit=units[unit], confidential=confidential, status=status, reference=reference,
                          title=title, officer_id=officer.id if officer else None)
        db.session.add(case)
        db.session.flush()
        for user in assigned:
            db.session.add(CaseAssignment(case_id=case.id, user_id=user.id))
        db.session.commit()
        return case

    return make


def unused_totp_code(user: User) -> str:
    """A code the server accepts now: the current one, or the next if the current was used."""
    db.session.refresh(user)
    totp = pyotp.TOTP(user.totp_secret)
    now = time.time()
    used = user.totp_last_step is not None and user.totp_last_step >= totp.timecode(now)
    return totp.at(now + totp.interval) if used else totp.at(now)


def sign_in(client, user: User) -> None:
    """Sign in through the real login form (and the two-factor step when the user has one)."""
    response = client.post("/login", data={"email": user.email, "password": PASSWORD})
    assert response.status_code == 302, response.get_data(as_text=True)
    if user.totp_secret:
        response = client.post("/login/totp", data={"code": unused_totp_code(user)})
        assert response.status_code == 302
    assert "/login" not in response.headers["Location"]


@pytest.fixture
def login(client) -> Callable[[User], object]:
    def do(user: User):
        sign_in(client, user)
        return client

    return do
