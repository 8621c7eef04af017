"""What the benchmarks share: a throwaway app and database, timers, and the comparison of sizes.

Each benchmark runs on its own SQLite file in a temporary folder, or on the database named by
BENCH_DATABASE_URL (or CASEWORK_DATABASE_URL), which is emptied first, e.g. a throwaway PostgreSQL.

`BENCH_CASES` may name several sizes (`BENCH_CASES=200000,1000000`): `run_sizes` then runs the
benchmark once per size, each in its own process, and prints each figure side by side with the
ratio of the largest to the smallest. `BENCH_KEEP=1` keeps a built database (SQLite in /tmp,
`/tmp/bench-<name>-<cases>.db`) and reuses it on the next run instead of building it again.
"""
from __future__ import annotations

import gc
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from flask import Flask  # noqa: E402
from flask.globals import app_ctx  # noqa: E402
from sqlalchemy import inspect, select  # noqa: E402

from casework import create_app  # noqa: E402
from casework.extensions import db  # noqa: E402
from config import TestConfig  # noqa: E402


BUILT_MARK = "bench_built"  # a one-row table naming what a kept database holds


def database_url(tmp: str, kept: str | None = None) -> str:
    """BENCH_DATABASE_URL, else CASEWORK_DATABASE_URL, else a SQLite file (kept in /tmp if asked).
    "{cases}" in the address is the size measured, so that each size keeps a database of its own
    (`postgresql://127.0.0.1:5461/bench{cases}`)."""
    given = os.environ.get("BENCH_DATABASE_URL") or os.environ.get("CASEWORK_DATABASE_URL")
    if given:
        return given.replace("{cases}", os.environ.get("BENCH_CASES", ""))
    if kept and os.environ.get("BENCH_KEEP"):
        return f"sqlite:////tmp/bench-{kept}.db"
    return f"sqlite:///{tmp}/bench.db"


def _built(kept: str | None) -> bool:
    """Whether the database already holds the data `kept` names (a database kept by BENCH_KEEP)."""
    if not kept or not os.environ.get("BENCH_KEEP"):
        return False
    with db.engine.connect() as connection:
        if not inspect(connection).has_table(BUILT_MARK):
            return False
        return connection.exec_driver_sql(f"SELECT name FROM {BUILT_MARK}").scalar() == kept


def mark_built(kept: str) -> None:
    """Record that the database holds `kept`, so that BENCH_KEEP reuses it next time."""
    with db.engine.begin() as connection:
        connection.exec_driver_sql(f"DROP TABLE IF EXISTS {BUILT_MARK}")
        connection.exec_driver_sql(f"CREATE TABLE {BUILT_MARK} (name VARCHAR(200))")
        connection.exec_driver_sql(f"INSERT INTO {BUILT_MARK} VALUES ('{kept}')")


@contextmanager
def benchmark_app(kept: str | None = None) -> Iterator[Flask]:
    """An app inside its app context, removed afterwards: with an empty schema, or, when `kept`
    (e.g. "communications-1000000") names what a database kept by BENCH_KEEP already holds,
    on that database as it is. `app.config["BENCH_REUSED"]` says which."""
    with tempfile.TemporaryDirectory() as tmp:
        app = create_app(TestConfig, SQLALCHEMY_DATABASE_URI=database_url(tmp, kept), UPLOAD_FOLDER=tmp)
        with app.app_context():
            app.config["BENCH_REUSED"] = _built(kept)
            if app.config["BENCH_REUSED"]:
                db.create_all()  # the tables added since the database was kept
            else:
                with db.engine.begin() as connection:
                    connection.exec_driver_sql(f"DROP TABLE IF EXISTS {BUILT_MARK}")
                db.drop_all()
                db.create_all()
            try:
                yield app
            finally:
                db.session.remove()
                db.engine.dispose()


@contextmanager
def serving() -> Iterator[None]:
    """Step out of the benchmark's app context while requests are timed, so that each request has
    an app context of its own, as in a server: its own database session and `g`, the signed-in
    user loaded again (inside one long context, requests would share one session's objects)."""
    db.session.remove()
    context = app_ctx._get_current_object()
    context.pop()
    try:
        yield
    finally:
        context.push()


def sizes(default: str) -> list[int]:
    """The sizes BENCH_CASES names, e.g. "200000,1000000"."""
    return [int(size) for size in os.environ.get("BENCH_CASES", default).replace("_", "").split(",")]


def load() -> str:
    """The machine's one-minute load average, printed beside each timed figure."""
    return f"load={os.getloadavg()[0]:.2f}"


def figure(name: str, value: float) -> None:
    """One `name: value` line, the load beside it."""
    print(f"{name}: {value:.1f} {load()}", flush=True)


def percentile_ms(samples: list[float], share: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))] * 1000


def timings(fn: Callable[[], object], repeat: int = 40) -> tuple[float, float, float]:
    """The median and the 95th percentile of `repeat` calls, in milliseconds, after one warm-up,
    and the median CPU time of this process per call: on SQLite, where the database works in
    the process, the cost of the request itself, which the other processes of a busy machine do
    not inflate as they inflate the elapsed time."""
    fn()
    samples, cpu = [], []
    for _ in range(repeat):
        started, started_cpu = time.perf_counter(), time.process_time()
        fn()
        samples.append(time.perf_counter() - started)
        cpu.append(time.process_time() - started_cpu)
    return statistics.median(samples) * 1000, percentile_ms(samples, 0.95), statistics.median(cpu) * 1000


_LINE = re.compile(r"^([a-z0-9_]+): (\S+)(?: (load=\S+))?$")


def run_sizes(default: str, one_size: Callable[[int], None]) -> None:
    """Run `one_size` for the size BENCH_CASES names; for several sizes, run this script once per
    size (a process each, so one size's memory and caches do not weigh on the next) and print
    every figure at each size side by side, with the ratio of the last to the first."""
    wanted = sizes(default)
    if len(wanted) == 1:
        one_size(wanted[0])
        return
    results: list[dict[str, tuple[str, str]]] = []
    for size in wanted:
        env = {**os.environ, "BENCH_CASES": str(size)}
        out = subprocess.run([sys.executable, sys.argv[0]], env=env, check=True, stdout=subprocess.PIPE, text=True)
        figures = {}
        for line in out.stdout.splitlines():
            print(f"# {size}: {line}", flush=True)
            if match := _LINE.match(line):
                figures[match[1]] = (match[2], match[3] or "")
        results.append(figures)
    print(f"sizes: {' '.join(str(size) for size in wanted)}")
    for name in results[0]:
        values = [figures.get(name, ("-", ""))[0] for figures in results]
        loads = " ".join(figures.get(name, ("", ""))[1] for figures in results)
        print(f"{name}: {' '.join(values)} ratio={_ratio(values)} {loads}".rstrip())


def _ratio(values: list[str]) -> str:
    try:
        first, last = float(values[0]), float(values[-1])
    except ValueError:
        return "-"
    return f"{last / first:.2f}" if first else "-"


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


def count_tallies(every: bool = True) -> None:
    """The tallies (`casework.core.tallies`) counted from cases inserted without the ORM, which
    keeps them in step otherwise: all of them after a build (`every`), or in a kept database only
    those it does not hold yet (declared since it was built)."""
    from casework.core.tallies import TallyCount, rebuild, registered_tallies

    held = set(db.session.scalars(select(TallyCount.tally).distinct()))
    missing = [name for name in registered_tallies() if every or name not in held]
    if missing:
        rebuild(missing)
        db.session.commit()
        settle_database()
