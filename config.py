"""Settings for Casework, read from environment variables.

With no variables at all the app runs on the embedded default: SQLite in the instance folder
and an in-process job queue. Production sets CASEWORK_ENV=production and real services.
"""
from __future__ import annotations

import os
from datetime import timedelta
from pathlib import Path

DEFAULT_SECRET_KEY = "casework-development-key-not-for-production"


def _env_int(name: str, default: int) -> int:
    value = os.environ.get(name)
    return int(value) if value else default


class Config:
    """Settings shared by every environment."""

    ENV_NAME = "base"
    SECRET_KEY = os.environ.get("SECRET_KEY", DEFAULT_SECRET_KEY)
    SQLALCHEMY_DATABASE_URI = os.environ.get("CASEWORK_DATABASE_URL")  # None: SQLite in instance/
    SQLALCHEMY_ENGINE_OPTIONS = {"pool_pre_ping": True}
    REDIS_URL = os.environ.get("CASEWORK_REDIS_URL")  # None: in-process fake Redis
    # "redis": real Redis + `rq worker` processes; "thread": fake Redis + a worker thread in this
    # process (asynchronous, single process only); "inline": jobs run at enqueue time (tests).
    JOB_QUEUE_MODE = "redis" if os.environ.get("CASEWORK_REDIS_URL") else "thread"
    JOB_QUEUE_NAME = os.environ.get("CASEWORK_QUEUE", "casework")
    JOB_TIMEOUT_SECONDS = _env_int("CASEWORK_JOB_TIMEOUT", 300)
    UPLOAD_FOLDER = os.environ.get("CASEWORK_UPLOAD_FOLDER")  # None: instance/uploads
    MAX_CONTENT_LENGTH = _env_int("CASEWORK_MAX_UPLOAD_MB", 25) * 1024 * 1024
    ALLOWED_UPLOAD_EXTENSIONS = frozenset(
        {"pdf", "doc", "docx", "odt", "rtf", "txt", "jpg", "jpeg", "png", "tif", "tiff", "msg", "eml"}
    )
    PASSWORD_HASH_METHOD = "scrypt"
    LOGIN_MAX_FAILURES = _env_int("CASEWORK_LOGIN_MAX_FAILURES", 5)
    LOGIN_LOCKOUT = timedelta(minutes=_env_int("CASEWORK_LOGIN_LOCKOUT_MINUTES", 15))
    # Idle expiry: the session cookie is refreshed on every request, so this is the idle limit.
    PERMANENT_SESSION_LIFETIME = timedelta(minutes=_env_int("CASEWORK_SESSION_IDLE_MINUTES", 60))
    SESSION_ABSOLUTE_LIFETIME = timedelta(hours=_env_int("CASEWORK_SESSION_MAX_HOURS", 12))
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    REMEMBER_COOKIE_DURATION = timedelta(seconds=0)
    WTF_CSRF_TIME_LIMIT = None  # tied to the session, which already expires
    BABEL_DEFAULT_LOCALE = "en"
    # Compiled by `pybabel compile -d translations` (scripts/dev.sh, scripts/test.sh, the install
    # steps); without the .mo files every page is in English.
    BABEL_TRANSLATION_DIRECTORIES = str(Path(__file__).resolve().parent / "translations")
    LANGUAGES = ("en", "fr", "es")
    PAGE_SIZE = 50
    # The JSON API (/api/v1). A background worker's app leaves it out, and with it pydantic and
    # every schema (about 20 MB of a worker's memory).
    SERVES_API = True
    # Exports: up to this many rows a list downloads at once; above, a background job writes the
    # file (in EXPORT_FOLDER, by default instance/exports), kept EXPORT_KEEP_DAYS days.
    EXPORT_ROW_THRESHOLD = _env_int("CASEWORK_EXPORT_ROW_THRESHOLD", 2000)
    EXPORT_KEEP_DAYS = _env_int("CASEWORK_EXPORT_KEEP_DAYS", 7)
    EXPORT_FOLDER = os.environ.get("CASEWORK_EXPORT_FOLDER")  # None: instance/exports
    # Files in an S3-compatible object store instead of the two folders (casework.core.storage):
    # every web node and worker then reads and writes the same files.
    S3_BUCKET = os.environ.get("CASEWORK_S3_BUCKET")
    S3_ENDPOINT_URL = os.environ.get("CASEWORK_S3_ENDPOINT_URL")  # MinIO, Ceph RGW…; None: AWS
    S3_REGION = os.environ.get("CASEWORK_S3_REGION")
    S3_PREFIX = os.environ.get("CASEWORK_S3_PREFIX", "")
    TOTP_ISSUER = "Casework"
    # Single sign-on with OpenID Connect (casework.auth.oidc): the provider's issuer address, whose
    # /.well-known/openid-configuration describes it, and this application's registration there.
    OIDC_ISSUER = os.environ.get("CASEWORK_OIDC_ISSUER")
    OIDC_CLIENT_ID = os.environ.get("CASEWORK_OIDC_CLIENT_ID")
    OIDC_CLIENT_SECRET = os.environ.get("CASEWORK_OIDC_CLIENT_SECRET")  # None: a public client (PKCE only)
    OIDC_LABEL = os.environ.get("CASEWORK_OIDC_LABEL")  # the button's words; None: "Sign in with single sign-on"
    # "1": everyone but administrators must sign in through the provider; administrators keep their
    # password and two-factor code, the way back in when the provider is down.
    OIDC_REQUIRED = os.environ.get("CASEWORK_OIDC_REQUIRED", "0") == "1"
    OIDC_TIMEOUT_SECONDS = _env_int("CASEWORK_OIDC_TIMEOUT", 10)
    # How many reverse proxies stand in front of gunicorn: their X-Forwarded-For and
    # X-Forwarded-Proto are trusted (the client's address in the audit trail, https for cookies and
    # links). 0 ignores the headers, which anyone could send to a server reached directly.
    PROXY_COUNT = _env_int("CASEWORK_PROXY_COUNT", 0)
    # The address users open Casework at (e.g. https://casework.example.org), for the links of
    # e-mails: background jobs write them outside any request. Unset: e-mails carry no links.
    BASE_URL = os.environ.get("CASEWORK_BASE_URL")
    # E-mail (notifications and the daily digest) goes out only when an SMTP host is set.
    SMTP_HOST = os.environ.get("CASEWORK_SMTP_HOST")
    SMTP_PORT = _env_int("CASEWORK_SMTP_PORT", 587)
    SMTP_USER = os.environ.get("CASEWORK_SMTP_USER")
    SMTP_PASSWORD = os.environ.get("CASEWORK_SMTP_PASSWORD")
    SMTP_FROM = os.environ.get("CASEWORK_SMTP_FROM", "casework@localhost")
    SMTP_STARTTLS = os.environ.get("CASEWORK_SMTP_STARTTLS", "1") == "1"  # "0" for a local relay
    # The embedded default runs the daily jobs from a thread in the web process; production
    # runs `rq cron casework.reminders.cron` instead, and this is ignored there.
    SCHEDULER_IN_PROCESS = os.environ.get("CASEWORK_SCHEDULER_IN_PROCESS", "1") == "1"
    SCHEDULER_TICK_SECONDS = _env_int("CASEWORK_SCHEDULER_TICK_SECONDS", 60)


class DevelopmentConfig(Config):
    """The embedded default: one process, no servers to install."""

    ENV_NAME = "development"
    DEBUG = True


class TestConfig(Config):
    """Used by the test suite; the database comes from CASEWORK_TEST_DATABASE_URL or SQLite."""

    ENV_NAME = "test"
    TESTING = True
    SECRET_KEY = "test-secret-key"
    SQLALCHEMY_DATABASE_URI = os.environ.get("CASEWORK_TEST_DATABASE_URL")
    REDIS_URL = None
    JOB_QUEUE_MODE = "inline"
    SMTP_HOST = None
    BASE_URL = None
    OIDC_ISSUER = None  # the sign-in tests run a provider of their own (tests/auth/oidc_provider.py)
    OIDC_REQUIRED = False
    # The servers pass keeps every file in a throwaway S3-compatible server (scripts/test.sh).
    S3_BUCKET = os.environ.get("CASEWORK_TEST_S3_BUCKET")
    S3_ENDPOINT_URL = os.environ.get("CASEWORK_TEST_S3_URL")
    S3_REGION = "us-east-1" if S3_BUCKET else None
    S3_PREFIX = ""
    SCHEDULER_IN_PROCESS = False
    WTF_CSRF_ENABLED = False
    SERVER_NAME = "casework.test"
    # Hashing is deliberately slow; the suite signs in hundreds of times. Production keeps scrypt.
    PASSWORD_HASH_METHOD = "pbkdf2:sha256:1000"


class ProductionConfig(Config):
    """PostgreSQL, Redis and `rq worker` processes behind gunicorn."""

    ENV_NAME = "production"
    SESSION_COOKIE_SECURE = True
    PREFERRED_URL_SCHEME = "https"


CONFIGS: dict[str, type[Config]] = {
    "development": DevelopmentConfig,
    "test": TestConfig,
    "production": ProductionConfig,
}


def config_from_env() -> type[Config]:
    """The settings class named by CASEWORK_ENV (development when unset)."""
    name = os.environ.get("CASEWORK_ENV", "development")
    try:
        return CONFIGS[name]
    except KeyError:
        raise RuntimeError(f"CASEWORK_ENV must be one of {sorted(CONFIGS)}, not {name!r}") from None
