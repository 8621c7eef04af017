"""What the benchmarks share: a throwaway app and database, and a median timer.

Each benchmark runs on its own SQLite file in a temporary folder, or on the database named by
CASEWORK_DATABASE_URL (which is emptied first), e.g. a throwaway PostgreSQL.
"""
from __future__ import annotations

import gc
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from flask import Flask  # noqa: E402

from casework import create_app  # noqa: E402
from casework.extensions import db  # noqa: E402
from config import TestConfig  # noqa: E402


@contextmanager
def benchmark_app() -> Iterator[Flask]:
    """An app with an empty schema, inside its app context, removed afterwards."""
    with tempfile.TemporaryDirectory() as tmp:
        url = os.environ.get("CASEWORK_DATABASE_URL") or f"sqlite:///{tmp}/bench.db"
        app = create_app(TestConfig, SQLALCHEMY_DATABASE_URI=url, UPLOAD_FOLDER=tmp)
        with app.app_context():
            db.drop_all()
            db.create_all()
            try:
                yield app
            finally:
                db.session.remove()
                db.engine.dispose()


def median_ms(fn: Callable[[], object], repeat: int = 15) -> float:
    """The median time of `repeat` calls, in milliseconds."""
    samples = []
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - started)
    return statistics.median(samples) * 1000


def settle_like_a_server() -> None:
    """Leave the process as a server's: garbage of the build collected, what remains frozen.

    `wsgi.py` freezes the app once it is built; here the benchmark's own data is frozen with it,
    so that a full collection of objects a server would not hold is not timed as a request.
    """
    gc.collect()
    gc.freeze()


def settle_database() -> None:
    """Fresh planner statistics, and on PostgreSQL the state its autovacuum reaches on a database in
    use: dead rows reclaimed and rows marked visible. Without it, the timings measure autovacuum
    working through the rows just written beside them, and each row's first read writing it again."""
    with db.engine.connect() as connection:
        if connection.dialect.name == "postgresql":
            connection.execution_options(isolation_level="AUTOCOMMIT").exec_driver_sql("VACUUM ANALYZE")
        else:
            connection.exec_driver_sql("ANALYZE")
            connection.commit()
