"""The demo site as the first Quick start command leaves it, one fresh copy per test.

The demo database is built once per test session (migrations, reference data, demo data); each
crawl or journey gets its own copy of the file and of the uploaded files, so what one test does
never changes what another finds.
"""
from __future__ import annotations

import os
import re
import shutil
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from flask import Flask
from flask_migrate import upgrade
from sqlalchemy import select
from werkzeug.serving import make_server

from casework import create_app, init_migrations
from casework.auth.models import User
from casework.core.reference import load_reference_data
from casework.demo import load_demo
from casework.extensions import db
from config import TestConfig


# When scripts/test.sh runs both passes side by side, the crawler shares out its accounts and the
# record pages it visits beyond each account's sample: each is used on one database, not both. A
# pass run on its own takes them all. (The fuzz runs whole in both: PostgreSQL refuses some of the
# hostile values SQLite stores.)
PASS = os.environ.get("CASEWORK_TEST_PASS")
SHARED = PASS in ("embedded", "servers")
# The servers pass takes one share in SERVERS_SHARE_OF: the rest of its suite takes about five
# minutes longer than on SQLite, so an even split would leave the embedded pass idle at the end.
SERVERS_SHARE_OF = 6


def _mine(place: int) -> bool:
    return not SHARED or (place % SERVERS_SHARE_OF == SERVERS_SHARE_OF - 1) == (PASS == "servers")


def this_pass(items: list) -> list:
    """The items of this pass: one place in SERVERS_SHARE_OF for the servers pass, the others for
    the embedded pass."""
    return [item for index, item in enumerate(items) if _mine(index)]


def this_pass_record(address: str) -> bool:
    """Whether this pass visits the record page at `address` beyond the accounts' samples."""
    return _mine(sum(int(n) for n in re.findall(r"\d+", address)))


@dataclass(frozen=True)
class DemoSite:
    app: Flask
    folder: Path
    totp_secrets: dict[str, str | None]  # e-mail → two-factor secret, for every active account


def demo_app(folder: Path, database_url: str | None = None, **settings) -> Flask:
    """The app on the demo database in `folder` (or at `database_url`), with the page's CSRF tokens
    checked as in production."""
    return create_app(TestConfig, SQLALCHEMY_DATABASE_URI=database_url or f"sqlite:///{folder / 'demo.db'}",
                      UPLOAD_FOLDER=str(folder / "uploads"), WTF_CSRF_ENABLED=True, **settings)


def build_demo(folder: Path, database_url: str | None = None) -> dict[str, str | None]:
    """Migrate an empty database and load the demo into it; returns the accounts' two-factor secrets."""
    app = demo_app(folder, database_url)
    init_migrations(app)
    with app.app_context():
        upgrade()
        load_reference_data()
        load_demo()
        db.session.commit()
        secrets = {u.email: u.totp_secret for u in db.session.scalars(select(User).where(User.active.is_(True)))}
        # The session gives its connection back first, so closing the pool folds the write-ahead log
        # into demo.db: the copies take that file alone, and would miss what only the log holds.
        db.session.remove()
        db.engine.dispose()
    (folder / "uploads").mkdir(exist_ok=True)
    return secrets


def copier(origin: Path, secrets: dict[str, str | None], make_folder: Callable[[str], Path]):
    """A function that returns a fresh copy of the demo site built in `origin`."""
    def copy(name: str, **settings) -> DemoSite:
        target = make_folder(name)
        shutil.copy(origin / "demo.db", target / "demo.db")
        shutil.copytree(origin / "uploads", target / "uploads", dirs_exist_ok=True)
        return DemoSite(demo_app(target, **settings), target, secrets)

    return copy


def _closing_bodies(app: Flask):
    """The app, with each answer's body closed however its sending ends. Werkzeug's development
    server skips closing it when the browser drops the connection (it reads the socket again
    first, which fails), leaving a static file open: a page left while its script loads."""
    def application(environ, start_response):
        body = app(environ, start_response)

        def chunks():
            try:
                yield from body
            finally:
                if hasattr(body, "close"):
                    body.close()

        return chunks()

    return application


@contextmanager
def serving(app: Flask) -> Iterator[str]:
    """The app served by a thread on a free port; yields its address under the app's SERVER_NAME."""
    server = make_server("127.0.0.1", 0, _closing_bodies(app), threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://{app.config['SERVER_NAME']}:{server.port}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()
        with app.app_context():
            db.engine.dispose()
