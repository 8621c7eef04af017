"""Settings: production refuses unsafe values; with no settings at all the embedded default runs."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest

from casework import create_app
from config import DEFAULT_SECRET_KEY, DevelopmentConfig, ProductionConfig, config_from_env

ROOT = Path(__file__).resolve().parent.parent
POSTGRES = "postgresql+psycopg://casework:secret@db.invalid:5432/casework"  # .invalid never resolves
REDIS = "redis://redis.invalid:6379/0"
SOUND = {"SECRET_KEY": "a-long-random-production-secret", "SQLALCHEMY_DATABASE_URI": POSTGRES,
         "REDIS_URL": REDIS, "JOB_QUEUE_MODE": "redis"}


def production(**changes):
    return create_app(ProductionConfig, **{**SOUND, **changes})


@pytest.mark.parametrize("secret", [DEFAULT_SECRET_KEY, "", None])
def test_production_refuses_the_default_secret_key(secret):
    with pytest.raises(RuntimeError, match="default SECRET_KEY"):
        production(SECRET_KEY=secret)


@pytest.mark.parametrize("mode", ["thread", "inline"])
def test_production_refuses_to_run_without_redis(mode):
    with pytest.raises(RuntimeError, match="CASEWORK_REDIS_URL"):
        production(REDIS_URL=None, JOB_QUEUE_MODE=mode)


def test_production_refuses_the_redis_queue_without_a_redis_address():
    with pytest.raises(RuntimeError, match="CASEWORK_REDIS_URL"):
        production(REDIS_URL=None)


@pytest.mark.parametrize("database", ["sqlite:////srv/casework/casework.db", None])
def test_production_refuses_sqlite(database):
    with pytest.raises(RuntimeError, match="PostgreSQL"):
        production(SQLALCHEMY_DATABASE_URI=database)


def test_production_accepts_a_complete_setup_without_connecting_anywhere():
    from casework.core.jobs import redis_connection
    from casework.extensions import db

    app = production()  # the hosts do not exist: any connection attempt would fail here
    assert app.config["ENV_NAME"] == "production"
    assert app.config["SESSION_COOKIE_SECURE"] is True
    assert not app.debug and not app.testing
    with app.app_context():
        assert db.engine.url.drivername == "postgresql+psycopg"
        assert db.engine.url.host == "db.invalid"
        connection = redis_connection()
        assert "fakeredis" not in type(connection).__module__
        assert connection.connection_pool.connection_kwargs["host"] == "redis.invalid"


def test_settings_class_follows_casework_env(monkeypatch):
    monkeypatch.delenv("CASEWORK_ENV", raising=False)
    assert config_from_env() is DevelopmentConfig
    monkeypatch.setenv("CASEWORK_ENV", "production")
    assert config_from_env() is ProductionConfig
    monkeypatch.setenv("CASEWORK_ENV", "staging")
    with pytest.raises(RuntimeError, match="CASEWORK_ENV must be one of"):
        config_from_env()


# Settings classes read the environment when config.py is imported, so the "nothing set" and
# "set through the environment" cases run in a fresh interpreter with a controlled environment.
REPORT = """
import json
from casework import create_app
try:
    app = create_app()
except RuntimeError as error:
    print(json.dumps({"refused": str(error)}))
else:
    keys = ("ENV_NAME", "SQLALCHEMY_DATABASE_URI", "UPLOAD_FOLDER", "JOB_QUEUE_MODE", "REDIS_URL",
            "SECRET_KEY", "PERMANENT_SESSION_LIFETIME", "DEBUG")
    print(json.dumps({key: str(app.config.get(key)) for key in keys}))
"""


def _start_with_environment(**variables: str) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith("CASEWORK_") and k != "SECRET_KEY"}
    env.update(variables)
    result = subprocess.run([sys.executable, "-c", REPORT], cwd=ROOT, env=env, capture_output=True, text=True,
                            timeout=60, check=True)
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_with_no_settings_the_embedded_default_runs_on_sqlite_in_the_instance_folder():
    settings = _start_with_environment()
    instance = ROOT / "instance"
    assert settings["ENV_NAME"] == "development"
    assert settings["SQLALCHEMY_DATABASE_URI"] == f"sqlite:///{instance / 'casework.db'}"
    assert settings["UPLOAD_FOLDER"] == str(instance / "uploads")
    assert settings["JOB_QUEUE_MODE"] == "thread"
    assert settings["REDIS_URL"] == "None"
    assert settings["DEBUG"] == "True"
    assert settings["PERMANENT_SESSION_LIFETIME"] == str(timedelta(minutes=60))


def test_production_from_the_environment_refuses_defaults_and_accepts_real_services():
    refused = _start_with_environment(CASEWORK_ENV="production")
    assert "SECRET_KEY" in refused["refused"]

    settings = _start_with_environment(CASEWORK_ENV="production", SECRET_KEY="a-long-random-production-secret",
                                       CASEWORK_DATABASE_URL=POSTGRES, CASEWORK_REDIS_URL=REDIS)
    assert settings["ENV_NAME"] == "production"
    assert settings["SQLALCHEMY_DATABASE_URI"] == POSTGRES
    assert settings["JOB_QUEUE_MODE"] == "redis"
    assert settings["REDIS_URL"] == REDIS
