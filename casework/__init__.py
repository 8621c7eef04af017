"""Casework: case management for the UN human rights mechanisms."""
from __future__ import annotations

import functools
import importlib
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, Any

import click
from flask import Flask
from flask.cli import AppGroup
from werkzeug.middleware.proxy_fix import ProxyFix

from config import DEFAULT_SECRET_KEY, config_from_env

if TYPE_CHECKING:
    from casework.core.modules import DomainModule

ROOT = Path(__file__).resolve().parent.parent

# The shared modules that declare themselves as the domain modules do (in their `module.py`).
SHARED_MODULES = ("letters", "persons")

# The domain modules, in the order of the navigation. Each is a package `casework.<name>` whose
# `module.py` declares what it adds (`MODULE`, a `casework.core.modules.DomainModule`).
DOMAIN_MODULES = (
    "communications",
    "urgent_actions",
    "detention",
    "special_procedures",
    "reprisals",
    "working_groups",
)


def create_app(config: object | None = None, **overrides: Any) -> Flask:
    """Build the app: config → extensions → blueprints → CLI. Nothing runs migrations here."""
    app = Flask(
        __name__,
        instance_path=str(ROOT / "instance"),
        template_folder=str(ROOT / "templates"),
        static_folder=str(ROOT / "static"),
    )
    app.cli = AppCommands(app)
    app.config.from_object(config or config_from_env())
    app.config.update(overrides)
    _complete_config(app)
    _trust_proxies(app)
    _read_inputs_within_bounds(app)
    _init_extensions(app)
    _register_blueprints(app)
    from casework import cli, web

    cli.register(app)
    web.register(app)
    return app


def _complete_config(app: Flask) -> None:
    """Fill in the embedded defaults and refuse unsafe production settings."""
    instance = Path(app.instance_path)
    if not app.config.get("SQLALCHEMY_DATABASE_URI"):
        instance.mkdir(parents=True, exist_ok=True)
        app.config["SQLALCHEMY_DATABASE_URI"] = f"sqlite:///{instance / 'casework.db'}"
    if not app.config.get("UPLOAD_FOLDER"):
        app.config["UPLOAD_FOLDER"] = str(instance / "uploads")
    if app.config["ENV_NAME"] == "production":
        if app.config["SECRET_KEY"] in (None, "", DEFAULT_SECRET_KEY):
            raise RuntimeError("Refusing to start in production with the default SECRET_KEY; set SECRET_KEY.")
        if app.config["JOB_QUEUE_MODE"] != "redis" or not app.config.get("REDIS_URL"):
            raise RuntimeError("Production needs CASEWORK_REDIS_URL: the in-process queue is single-process only.")
        if app.config["SQLALCHEMY_DATABASE_URI"].startswith("sqlite"):
            raise RuntimeError("Production needs CASEWORK_DATABASE_URL pointing to PostgreSQL.")
    if app.config.get("OIDC_REQUIRED") and not (app.config.get("OIDC_ISSUER") and app.config.get("OIDC_CLIENT_ID")):
        raise RuntimeError("CASEWORK_OIDC_REQUIRED needs CASEWORK_OIDC_ISSUER and CASEWORK_OIDC_CLIENT_ID.")


def _trust_proxies(app: Flask) -> None:
    """Behind PROXY_COUNT proxies, the client's address and scheme are the ones they forward.

    Only X-Forwarded-For and X-Forwarded-Proto: the proxy passes the Host header through, so a
    forwarded host a client could set itself is never trusted.
    """
    count = int(app.config.get("PROXY_COUNT") or 0)
    if count > 0:
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=count, x_proto=count)  # type: ignore[method-assign]


def _read_inputs_within_bounds(app: Flask) -> None:
    """Ids in addresses and numbers in query strings are read within what the database holds,
    by every route and list (registered before any route, whose converters are bound when added)."""
    from casework.core.inputs import RecordIdConverter
    from casework.core.queries import CaseworkRequest

    app.url_map.converters["int"] = RecordIdConverter
    app.request_class = CaseworkRequest


def _init_extensions(app: Flask) -> None:
    from casework.extensions import babel, csrf, db, login_manager
    from casework.web import select_locale

    import_models()
    db.init_app(app)
    csrf.init_app(app)
    babel.init_app(app, locale_selector=select_locale)
    _warn_of_uncompiled_catalogues(app)
    login_manager.init_app(app)
    from casework.auth import session as auth_session

    auth_session.init_login_manager(login_manager)


def init_migrations(app: Flask) -> None:
    """Set up Flask-Migrate, which `flask db` and `flask_migrate.upgrade()` need.

    Done when first needed rather than by create_app: with Alembic it weighs 11 MB in every web
    and job process, none of which migrates.
    """
    if "migrate" in app.extensions:
        return
    from flask_migrate import Migrate

    from casework.extensions import db

    Migrate(app, db, directory=str(ROOT / "migrations"), compare_type=True, render_as_batch=True)


class AppCommands(AppGroup):
    """The app's `flask` commands, with `flask db` set up only when it is asked for."""

    def __init__(self, app: Flask) -> None:
        super().__init__(app.name)
        self._app = app

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), "db"})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name == "db":
            init_migrations(self._app)  # adds Flask-Migrate's `db` group to these commands
        return super().get_command(ctx, cmd_name)


def _warn_of_uncompiled_catalogues(app: Flask) -> None:
    """Pages in a language whose catalogue is not compiled come out in English: say so at start."""
    folder = Path(app.config["BABEL_TRANSLATION_DIRECTORIES"])
    missing = [code for code in app.config["LANGUAGES"] if code != app.config["BABEL_DEFAULT_LOCALE"]
               and not (folder / code / "LC_MESSAGES" / "messages.mo").is_file()]
    if missing:
        app.logger.warning("No compiled catalogue for %s: those pages are in English until "
                           "`pybabel compile -d translations` is run.", ", ".join(missing))


def import_models() -> None:
    """Import every model module so that the metadata (and Alembic) sees all tables."""
    from casework.api import tokens as _api_tokens  # noqa: F401
    from casework.auth import models as _auth  # noqa: F401
    from casework.core import (  # noqa: F401
        attachments, audit, cases, counters, deadlines, drafts, jobs, persons, states, units, workflow,
    )
    from casework.exports import jobs as _export_jobs, models as _exports  # noqa: F401
    from casework.reminders import models as _reminders  # noqa: F401

    shared_modules()
    domain_modules()


@functools.cache
def shared_modules() -> tuple[DomainModule, ...]:
    """The letters' and the persons registry's declarations."""
    return tuple(importlib.import_module(f"casework.{name}.module").MODULE for name in SHARED_MODULES)


@functools.cache
def domain_modules() -> tuple[DomainModule, ...]:
    """Every domain module's declaration, in DOMAIN_MODULES order."""
    return tuple(importlib.import_module(f"casework.{name}.module").MODULE for name in DOMAIN_MODULES)


def import_optional(name: str) -> ModuleType | None:
    """Import a module that may not exist; an import error inside an existing module still raises."""
    try:
        return importlib.import_module(name)
    except ModuleNotFoundError as error:
        if error.name is not None and (name == error.name or name.startswith(error.name + ".")):
            return None
        raise


def _register_blueprints(app: Flask) -> None:
    from casework.admin.views import bp as admin_bp
    from casework.api import token_views
    from casework.audit.views import bp as audit_bp
    from casework.auth import oidc_views  # noqa: F401 — its routes hang on the auth blueprint
    from casework.auth.views import bp as auth_bp
    from casework.bulk.views import bp as bulk_bp
    from casework.cases.views import bp as cases_bp
    from casework.exports.views import bp as exports_bp
    from casework.figures.views import bp as figures_bp
    from casework.main import notifications  # noqa: F401 — its routes hang on the main blueprint
    from casework.main.views import bp as main_bp
    from casework.search.views import bp as search_bp

    from casework.core.modules import install

    for blueprint in (main_bp, auth_bp, admin_bp, audit_bp, cases_bp, exports_bp, figures_bp, search_bp,
                      token_views.bp, bulk_bp):
        app.register_blueprint(blueprint)
    if app.config.get("SERVES_API", True):
        from casework.api import views as api_views

        app.register_blueprint(api_views.bp)
    for module in shared_modules() + domain_modules():
        install(app, module)
