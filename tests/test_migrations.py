"""`flask db upgrade` from an empty database gives exactly the schema the models describe."""
from __future__ import annotations

import os
import subprocess
import sys
import traceback
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import Boolean, Date, DateTime, Integer, MetaData, create_engine, inspect, make_url, text

from casework import create_app, init_migrations
from casework.extensions import db
from casework.search.backends import beside_the_models
from config import TestConfig

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def empty_database_url(database_url, tmp_path):
    """A brand-new empty database of the same kind as the suite's."""
    if not database_url.startswith("postgresql"):
        yield f"sqlite:///{tmp_path / 'empty.db'}"
        return
    name = f"casework_migrate_{uuid.uuid4().hex[:8]}"
    admin = create_engine(database_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f"CREATE DATABASE {name}"))
    yield make_url(database_url).set(database=name).render_as_string(hide_password=False)
    with admin.connect() as connection:
        connection.execute(text(f"DROP DATABASE {name} WITH (FORCE)"))
    admin.dispose()


@dataclass(frozen=True)
class Ran:
    """What a `flask` command left: as subprocess.run tells it."""
    returncode: int
    stdout: str
    stderr: str


def _flask(*args: str, database_url: str, tmp_path) -> Ran:
    """`flask <args>` on the database at `database_url`, run in this process: a process of its own
    paid the application's start-up, about 2 s, at each of the migration tests' 26 steps.
    (`test_upgrade_from_empty_creates_the_schema_of_the_models` runs `flask` as operators do.)"""
    app = create_app(TestConfig, SQLALCHEMY_DATABASE_URI=database_url, UPLOAD_FOLDER=str(tmp_path / "uploads"))
    init_migrations(app)
    # In its own app's context: the command would otherwise run in the test's, on the suite's database.
    with app.app_context():
        try:
            result = app.test_cli_runner().invoke(args=list(args))
        finally:
            db.session.remove()
            db.engine.dispose()
    failure = "".join(traceback.format_exception(result.exception)) if result.exit_code and result.exception else ""
    return Ran(result.exit_code, result.stdout, result.stderr + failure)


@contextmanager
def written_at(revision: str, url: str, tmp_path) -> Iterator[tuple]:
    """The schema as `revision` left it, and a transaction (with the tables) to write rows in it:
    for the tests of a migration that carries data over."""
    result = _flask("db", "upgrade", revision, database_url=url, tmp_path=tmp_path)
    assert result.returncode == 0, result.stderr[-2000:]
    engine = create_engine(url)
    metadata = MetaData()
    metadata.reflect(engine)
    try:
        with engine.begin() as connection:
            yield connection, metadata
    finally:
        engine.dispose()


def rows_after(command: str, revision: str, url: str, tmp_path, query: str) -> list:
    """`flask db <command> <revision>`, then the rows `query` reads: what a migration that carries
    data over left behind."""
    result = _flask("db", command, revision, database_url=url, tmp_path=tmp_path)
    assert result.returncode == 0, result.stderr[-2000:]
    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            return connection.execute(text(query)).all()
    finally:
        engine.dispose()


def insert_row(connection, metadata: MetaData, table: str, **values) -> None:
    """A row with `values`, every other required column filled with a plain value of its type."""
    row = dict(values)
    for column in metadata.tables[table].columns:
        if column.name in row or column.nullable or column.primary_key or column.server_default is not None:
            continue
        kind = column.type
        row[column.name] = (False if isinstance(kind, Boolean) else 0 if isinstance(kind, Integer)
                            else datetime(2026, 1, 1) if isinstance(kind, DateTime)
                            else date(2026, 1, 1) if isinstance(kind, Date)
                            else "{}" if "JSON" in type(kind).__name__.upper() else "x")
    connection.execute(metadata.tables[table].insert().values(**row))


def _flask_process(*args: str, database_url: str, tmp_path) -> subprocess.CompletedProcess:
    """`flask <args>` in a process of its own, as an operator runs it."""
    env = {**os.environ, "FLASK_APP": "wsgi.py", "CASEWORK_ENV": "development",
           "CASEWORK_DATABASE_URL": database_url, "CASEWORK_UPLOAD_FOLDER": str(tmp_path / "uploads")}
    return subprocess.run([sys.executable, "-m", "flask", *args], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=120)


def _include_object(obj, name, type_, reflected, compare_to) -> bool:
    return not beside_the_models(name, type_)


def _differences(url: str) -> list:
    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            context = MigrationContext.configure(
                connection, opts={"compare_type": True, "include_object": _include_object})
            return compare_metadata(context, db.metadata)
    finally:
        engine.dispose()


def test_upgrade_from_empty_creates_the_schema_of_the_models(app, empty_database_url, tmp_path):
    result = _flask_process("db", "upgrade", database_url=empty_database_url, tmp_path=tmp_path)
    assert result.returncode == 0, result.stderr
    assert _differences(empty_database_url) == []


def test_downgrade_to_empty_and_back(app, empty_database_url, tmp_path):
    assert _flask("db", "upgrade", database_url=empty_database_url, tmp_path=tmp_path).returncode == 0
    result = _flask("db", "downgrade", "base", database_url=empty_database_url, tmp_path=tmp_path)
    assert result.returncode == 0, result.stderr
    engine = create_engine(empty_database_url)
    assert set(inspect(engine).get_table_names()) <= {"alembic_version"}
    engine.dispose()
    assert _flask("db", "upgrade", database_url=empty_database_url, tmp_path=tmp_path).returncode == 0


def test_the_suite_runs_on_the_migrated_schema(app):
    assert _differences(str(db.engine.url.render_as_string(hide_password=False))) == []


def test_a_table_other_rows_point_to_can_be_rebuilt_on_a_populated_database(app, empty_database_url, tmp_path):
    """Changing a column of `users` rebuilds the table on SQLite (copy, drop, rename): with rows
    pointing to it (a membership), that must neither fail nor lose the rows."""
    assert _flask("db", "upgrade", database_url=empty_database_url, tmp_path=tmp_path).returncode == 0
    engine = create_engine(empty_database_url)
    with engine.begin() as connection:
        connection.execute(text(
            "INSERT INTO units (id, code, name, kind, active, settings, created_at, updated_at) "
            "VALUES (1, 'CCPR', 'Human Rights Committee', 'COMMITTEE', true, '{}', now(), now())"
            if connection.dialect.name == "postgresql" else
            "INSERT INTO units (id, code, name, kind, active, settings, created_at, updated_at) "
            "VALUES (1, 'CCPR', 'Human Rights Committee', 'COMMITTEE', 1, '{}', datetime('now'), datetime('now'))"))
        connection.execute(text(
            "INSERT INTO users (id, email, name, password_hash, is_admin, is_auditor, active, failed_logins, "
            "session_epoch, email_digest, created_at, updated_at) VALUES (1, 'a@example.org', 'A', 'x', false, "
            "false, true, 0, 0, true, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)"))
        connection.execute(text("INSERT INTO memberships (id, user_id, unit_id, role) VALUES (1, 1, 1, 'viewer')"))
    engine.dispose()
    # Down past the migration that added users.email_digest (dropping it rebuilds the table), and up again.
    for command in (("db", "downgrade", "727e7cb3354e"), ("db", "upgrade")):
        result = _flask(*command, database_url=empty_database_url, tmp_path=tmp_path)
        assert result.returncode == 0, result.stderr[-2000:]
    engine = create_engine(empty_database_url)
    with engine.connect() as connection:
        assert connection.execute(text("SELECT user_id, unit_id FROM memberships")).all() == [(1, 1)]
        assert connection.execute(text("SELECT email FROM users")).scalars().all() == ["a@example.org"]
    engine.dispose()


SP_ROWS = (
    "INSERT INTO units (id, code, name, kind, active, settings, created_at, updated_at) VALUES "
    "(1, 'SR-HRD', 'Special Rapporteur on human rights defenders', 'MANDATE', true, '{}', CURRENT_TIMESTAMP, "
    "CURRENT_TIMESTAMP)",
    "INSERT INTO states (id, iso2, iso3, name, un_status, mission_name) VALUES "
    "(1, 'CO', 'COL', 'Colombia', 'member', 'Permanent Mission of Colombia'), "
    "(2, 'CA', 'CAN', 'Canada', 'member', 'Permanent Mission of Canada')",
    "INSERT INTO sp_mandates (id, unit_id, kind, name, holder_name, holder_title, resolutions, active) VALUES "
    "(1, 1, 'thematic', 'Special Rapporteur on human rights defenders', 'Amara Okonjo-Lind', 'Special Rapporteur', "
    "'25/18', true)",
    "INSERT INTO cases (id, case_type, unit_id, reference, title, status, confidential, version, created_at, "
    "updated_at) VALUES (7, 'sp_communication', 1, 'AL COL 4/2026', 'the dam', 'sent', false, 3, "
    "CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)",
    "INSERT INTO sp_communications (id, comm_type, lead_mandate_id, language, summary, themes, legislation, "
    "questions, source, sent_on, press_release_url, report_session) VALUES (7, 'AL', 1, 'es', 'Facts.', '', '', "
    "'Why?', 'a secret source', '2026-03-10', '', '')",
    "INSERT INTO sp_addressees (id, communication_id, kind, state_id, name, contact_name, address, position, "
    "reference, pdf_sha256, pdf_size) VALUES (11, 7, 'state', 1, '', '', '', 0, 'AL COL 4/2026', 'aaa', 10), "
    "(12, 7, 'non_state', NULL, 'Acme Mining Ltd.', 'Mr. Smith', 'Toronto', 1, 'AL OTH 2/2026', 'bbb', 20)",
    "INSERT INTO sp_addressee_copies (id, addressee_id, state_id) VALUES (1, 12, 2)",
    "INSERT INTO sp_replies (id, communication_id, addressee_id, received_on, language) VALUES "
    "(1, 7, 12, '2026-04-01', 'en')",
    "INSERT INTO sp_cosignatures (id, communication_id, mandate_id, status, position, comment, signatory_name, "
    "signatory_title) VALUES (1, 7, 1, 'lead', 0, '', 'Amara Okonjo-Lind', 'Special Rapporteur then')",
)


def test_special_procedures_letters_move_onto_the_letters_pipeline_and_back(app, empty_database_url, tmp_path):
    """A communication sent before its letters were the letters pipeline's keeps its references,
    PDFs, the State copied, the reply's sender and the signature blocks it was sent with."""
    before = "3b7e1c9a5d20"
    assert _flask("db", "upgrade", before, database_url=empty_database_url, tmp_path=tmp_path).returncode == 0
    engine = create_engine(empty_database_url)
    with engine.begin() as connection:
        for statement in SP_ROWS:
            connection.execute(text(statement))
    result = _flask("db", "upgrade", database_url=empty_database_url, tmp_path=tmp_path)
    assert result.returncode == 0, result.stderr[-2000:]
    with engine.connect() as connection:
        letter_type, language, sent_on = connection.execute(text(
            "SELECT letter_type, language, sent_on FROM letters WHERE id = 7")).one()
        assert (letter_type, language, str(sent_on)) == ("sp_communication", "es", "2026-03-10")
        rows = connection.execute(text(
            "SELECT a.kind, a.name, a.contact_name, a.reference, a.pdf_sha256, a.is_copy, c.reference "
            "FROM letter_addressees a LEFT JOIN letter_addressees c ON c.id = a.copy_of_id "
            "WHERE a.letter_id = 7 ORDER BY a.position")).all()
        assert [tuple(r) for r in rows] == [
            ("state", "Permanent Mission of Colombia", "", "AL COL 4/2026", "aaa", False, None),
            ("non_state", "Acme Mining Ltd.", "Mr. Smith", "AL OTH 2/2026", "bbb", False, None),
            ("state", "Permanent Mission of Canada", "", None, "bbb", True, "AL OTH 2/2026")]
        assert connection.execute(text(
            "SELECT a.reference FROM sp_replies r JOIN letter_addressees a ON a.id = r.addressee_id")).scalar() == \
            "AL OTH 2/2026"
        assert connection.execute(text("SELECT name, title FROM letter_signatories WHERE letter_id = 7")).one() == \
            ("Amara Okonjo-Lind", "Special Rapporteur then")
    result = _flask("db", "downgrade", before, database_url=empty_database_url, tmp_path=tmp_path)
    assert result.returncode == 0, result.stderr[-2000:]
    with engine.connect() as connection:
        assert connection.execute(text(
            "SELECT a.reference, c.state_id FROM sp_addressees a LEFT JOIN sp_addressee_copies c "
            "ON c.addressee_id = a.id ORDER BY a.position")).all() == [("AL COL 4/2026", None), ("AL OTH 2/2026", 2)]
        assert connection.execute(text(
            "SELECT a.reference FROM sp_replies r JOIN sp_addressees a ON a.id = r.addressee_id")).scalar() == \
            "AL OTH 2/2026"
        assert connection.execute(text("SELECT signatory_title FROM sp_cosignatures")).scalar() == \
            "Special Rapporteur then"
        language, sent_on = connection.execute(text("SELECT language, sent_on FROM sp_communications")).one()
        assert (language, str(sent_on)) == ("es", "2026-03-10")
    engine.dispose()


def test_the_full_text_index_keeps_word_starts_and_the_documents_across_the_migration(app, empty_database_url,
                                                                                      tmp_path):
    """On SQLite the index is made again with an index of word starts, and rebuilt: a document on
    file before it is still found by the start of a word after it, and after going back, and those
    written since are indexed too. PostgreSQL's index is left as it was, and finds them as well."""
    before = "e8a0c2d4f617"
    assert _flask("db", "upgrade", before, database_url=empty_database_url, tmp_path=tmp_path).returncode == 0
    engine = create_engine(empty_database_url)
    sqlite = engine.dialect.name == "sqlite"
    written: list[int] = []

    def write() -> None:
        """A person's document, indexed as the application writes it (the triggers, on SQLite)."""
        written.append(len(written) + 1)
        with engine.begin() as connection:
            connection.execute(text(
                "INSERT INTO search_documents (id, kind, object_id, module, status, title, summary, words) "
                "VALUES (:id, 'person', :id, 'persons', '', 'García', '', 'jose garcia tortured')"),
                {"id": written[-1]})

    write()

    def found(word: str) -> list[int]:
        query = ("SELECT rowid FROM search_fts WHERE search_fts MATCH :q" if sqlite else
                 "SELECT id FROM search_documents WHERE words_tsv @@ to_tsquery('simple', :q)")
        with engine.connect() as connection:
            return connection.execute(text(query), {"q": f'"{word}"*' if sqlite else f"{word}:*"}).scalars().all()

    def with_word_starts() -> bool:
        if not sqlite:
            return False
        with engine.connect() as connection:
            declared = connection.execute(text("SELECT sql FROM sqlite_master WHERE name = 'search_fts'")).scalar()
        return "prefix='3 4 5 6 7 8 9 10 11 12'" in declared

    for command, starts in ((("db", "upgrade"), sqlite), (("db", "downgrade", before), False)):
        result = _flask(*command, database_url=empty_database_url, tmp_path=tmp_path)
        assert result.returncode == 0, result.stderr[-2000:]
        assert with_word_starts() is starts
        write()  # and kept in step afterwards
        assert sorted(found("garc")) == sorted(found("torture")) == written
        assert found("garcial") == []
    engine.dispose()


def test_a_database_made_from_the_models_has_the_statistics_the_migrations_make(app, empty_database_url):
    """Benchmarks build their databases from the models: they must plan as a migrated one does."""
    engine = create_engine(empty_database_url)
    if engine.dialect.name != "postgresql":
        pytest.skip("extended statistics are PostgreSQL's")
    db.metadata.create_all(engine)
    query = text("SELECT stxname FROM pg_statistic_ext ORDER BY stxname")
    with engine.connect() as made, db.engine.connect() as migrated:
        assert made.scalars(query).all() == migrated.scalars(query).all() == ["st_cases_type_status"]
    engine.dispose()


def test_postgresql_keeps_every_word_of_the_index_from_the_migration_on(app, empty_database_url, tmp_path):
    """The words of the documents on file are in the table of words after the migration; those
    written since, new or changed, are added each once; going back removes the table and its trigger."""
    engine = create_engine(empty_database_url)
    if engine.dialect.name != "postgresql":
        pytest.skip("the table of words is PostgreSQL's")
    before = "f8c0e2a4b679"
    assert _flask("db", "upgrade", before, database_url=empty_database_url, tmp_path=tmp_path).returncode == 0

    def write(id_: int, words: str) -> None:
        with engine.begin() as connection:
            connection.execute(text(
                "INSERT INTO search_documents (id, kind, object_id, module, status, title, summary, words) "
                "VALUES (:id, 'person', :id, 'persons', '', '', '', :words) "
                "ON CONFLICT (kind, object_id) DO UPDATE SET words = excluded.words"), {"id": id_, "words": words})

    def words() -> list[str]:
        with engine.connect() as connection:
            return connection.execute(text("SELECT word FROM search_words ORDER BY word")).scalars().all()

    write(1, "jose garcia tortured")
    assert _flask("db", "upgrade", database_url=empty_database_url, tmp_path=tmp_path).returncode == 0
    assert words() == ["garcia", "jose", "tortured"]
    write(2, "maria garcia")
    write(1, "jose garcia detained")
    assert words() == ["detained", "garcia", "jose", "maria", "tortured"]
    assert _flask("db", "downgrade", before, database_url=empty_database_url, tmp_path=tmp_path).returncode == 0
    write(3, "pedro")
    with engine.connect() as connection:
        assert not connection.execute(text("SELECT to_regclass('search_words')")).scalar()
    engine.dispose()
