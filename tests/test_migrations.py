"""`flask db upgrade` from an empty database gives exactly the schema the models describe."""
from __future__ import annotations

import os
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import create_engine, inspect, make_url, text

from casework.extensions import db
from casework.search.backends import beside_the_models

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


def _flask(*args: str, database_url: str, tmp_path) -> subprocess.CompletedProcess:
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
    result = _flask("db", "upgrade", database_url=empty_database_url, tmp_path=tmp_path)
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
