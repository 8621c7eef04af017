"""How fast letters become PDFs: one warm render, and batches through the real job path.

1. A two-page joint letter of two Special Rapporteurs to a Permanent Mission, composed from a
   letter record, rendered once to warm up and then 50 times: median and p95 of the wall time,
   and of the CPU time (what the rendering costs when it does not wait for a core). Then a
   process that imports only what a worker imports (`--memory`: RQ, the app as a worker builds
   it from the environment, `jobs.worker_app`, WeasyPrint) runs that letter's preview job through the job
   runner 1,000 times (BENCH_MEMORY_LETTERS), as a worker does: composed from the record, rendered,
   stored, the job row updated. It prints its resident memory after start-up and at letters 100,
   250, 500, 750 and 1,000.
2. For 1 then 2 workers, each on a fresh database and queue: 200 letters are drafted, submitted
   and approved through the workflow, whose approval enqueues `render_final_letter` on a
   throwaway redis-server; N worker processes are launched and timed until every job row is
   done, start-up included (also shown apart, with the workers' and the machine's CPU time).

Database: SQLite in WAL mode, or a throwaway PostgreSQL cluster with BENCH_DATABASE=postgresql.
SQLite has one write lock for all the workers, so it also shows a job that holds it while it
renders (two workers then gain nothing). A worker is this script with `--worker`: the app from
the environment as `rq worker` builds it on its first job (`jobs.worker_app`: without the JSON
API; WeasyPrint warmed, the app frozen), the non-forking worker of production
(`casework.core.worker.Worker`) in burst mode. BENCH_WORKER=fork: RQ's forking Worker after that;
BENCH_WORKER=cli: plain `rq worker --worker-class casework.core.worker.Worker`. Everything is in a
temp dir removed at the end; servers and workers are stopped even on error; waits are bounded.
Run from the repo root: python benchmarks/letters.py
"""
from __future__ import annotations

import io
import os
import resource
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from redis import Redis  # noqa: E402
from rq import Worker as ForkingWorker  # noqa: E402
from sqlalchemy import create_engine, func, select  # noqa: E402

from casework import create_app  # noqa: E402
from casework.auth.models import Membership, Role, User  # noqa: E402
from casework.core.audit import acting_as  # noqa: E402
from casework.core.jobs import JobRecord, JobStatus, get_queue, run_job, settle_worker, worker_app  # noqa: E402
from casework.core.states import State, UNStatus  # noqa: E402
from casework.core.units import Unit, UnitKind  # noqa: E402
from casework.core.worker import Worker  # noqa: E402
from casework.core.workflow import fire  # noqa: E402
from casework.extensions import db  # noqa: E402
from casework.letters import operations as ops  # noqa: E402
from casework.letters.compose import compose  # noqa: E402
from casework.letters.jobs import render_letter_preview  # noqa: E402
from casework.letters.models import Letter  # noqa: E402
from casework.letters.rendering import render_letter_pdf  # noqa: E402
from config import TestConfig  # noqa: E402

LETTERS = int(os.environ.get("BENCH_LETTERS", "200"))
RENDERS = 50
MEMORY_LETTERS = int(os.environ.get("BENCH_MEMORY_LETTERS", "1000"))
BATCH_TIMEOUT_S = 900
PG_BIN = Path("/usr/lib/postgresql/15/bin")
DATABASE = os.environ.get("BENCH_DATABASE", "sqlite")  # or postgresql
WORKER = os.environ.get("BENCH_WORKER", "simple")  # simple | fork | cli
BODY = (
    "We have the honour to address you in our capacities as Special Rapporteur on the situation of "
    "human rights defenders and Special Rapporteur on the promotion and protection of the right to "
    "freedom of opinion and expression, pursuant to Human Rights Council resolutions 52/4 and 52/9.",
    "According to the information received, officers of the State security service searched the offices "
    "of the organisation without presenting a warrant; computers, case files and the telephones of four "
    "staff members were seized, and its coordinator was questioned for eleven hours without a lawyer.",
)
SIGNATORIES = [("Mary Lawlor", "Special Rapporteur on the situation of human rights defenders"),
               ("Irene Khan", "Special Rapporteur on the promotion and protection of the right to freedom "
                              "of opinion and expression")]


def make_app(tmp: Path, name: str, database_url: str | None = None, redis_url: str | None = None):
    """An app on a fresh database (SQLite in WAL mode unless a URL is given); jobs to Redis if given."""
    app = create_app(TestConfig, SQLALCHEMY_DATABASE_URI=database_url or f"sqlite:///{tmp / name}.db",
                     UPLOAD_FOLDER=str(tmp / "uploads"), REDIS_URL=redis_url,
                     JOB_QUEUE_MODE="redis" if redis_url else "inline", JOB_QUEUE_NAME=name)
    with app.app_context():
        db.create_all()
        if db.engine.dialect.name == "sqlite":  # WAL: readers do not wait for the writer
            with db.engine.connect() as connection:
                connection.exec_driver_sql("PRAGMA journal_mode=WAL")
    return app


def seed(count: int, approve: bool) -> list[int]:
    """`count` joint letters to a Permanent Mission; approving one enqueues its final rendering."""
    unit = Unit(code="SP", name="Special Procedures", kind=UnitKind.SECRETARIAT)
    state = State(iso2="XY", iso3="XYZ", name="Xyz", un_status=UNStatus.MEMBER,
                  mission_name="Permanent Mission of Xyz to the United Nations Office and other "
                               "international organizations in Geneva")
    officer, supervisor = (User(email=f"{n}@example.org", name=n, password_hash="x") for n in ("officer", "supervisor"))
    db.session.add_all([unit, state, officer, supervisor])
    db.session.flush()
    db.session.add_all([Membership(user_id=officer.id, unit_id=unit.id, role=Role.CASE_OFFICER),
                        Membership(user_id=supervisor.id, unit_id=unit.id, role=Role.SUPERVISOR)])
    ids = []
    for n in range(count):
        with acting_as(officer.id):
            letter = ops.draft_letter("letter", "en", officer, unit_id=unit.id)
            ops.update_letter(letter, ops.LetterContent(
                subject="Allegations concerning the search of an organisation's offices",
                body="\n\n".join(f"{i + 1}. {BODY[(i + n) % len(BODY)]}" for i in range(12)),
                language="en", reference=f"AL XYZ {n + 1}/2026", letter_date=None,
                addressee_state_ids=[state.id], other_addressees=[], copy_state_ids=[],
                signatories=SIGNATORIES), officer)
            if approve:
                fire(letter, "submit", officer)
                fire(letter, "approve", supervisor)  # → record_approval → jobs.enqueue(render_final_letter)
        ids.append(letter.id)
    db.session.commit()  # the queued jobs are sent to Redis only now
    return ids


def bench_render(tmp: Path) -> None:
    """Median and p95 of warm renders of one two-page letter."""
    with make_app(tmp, "render").app_context():
        letter_id = seed(1, approve=False)[0]
        document = compose(db.session.get(Letter, letter_id), draft=False)
        pdf = render_letter_pdf(document)  # warm-up: imports WeasyPrint, loads the fonts
        settle_worker()  # and the rest of a worker's start: what is built so far frozen
        from pypdf import PdfReader  # here: a worker does not import it

        print(f"letter_pages: {len(PdfReader(io.BytesIO(pdf)).pages)}")
        samples, cpu = [], []
        for _ in range(RENDERS):
            started, started_cpu = time.perf_counter(), time.process_time()
            render_letter_pdf(document)
            samples.append(time.perf_counter() - started)
            cpu.append(time.process_time() - started_cpu)
        for label, values in (("", samples), ("_cpu", cpu)):
            load = os.getloadavg()[0]
            print(f"letter_render{label}_median_s: {statistics.median(values):.3f} load={load:.2f}")
            print(f"letter_render{label}_p95_s: {statistics.quantiles(values, n=20)[18]:.3f} load={load:.2f}")
        database_url = db.engine.url.render_as_string(hide_password=False)
        db.session.remove()
        db.engine.dispose()
    env = dict(os.environ, CASEWORK_ENV="development", CASEWORK_DATABASE_URL=database_url,
               CASEWORK_REDIS_URL="redis://127.0.0.1:9/0", SECRET_KEY="benchmark", PYTHONPATH=str(ROOT),
               CASEWORK_UPLOAD_FOLDER=str(tmp / "uploads"), BENCH_LETTER_ID=str(letter_id))
    sys.stdout.flush()
    subprocess.run([sys.executable, str(Path(__file__).resolve()), "--memory"], env=env, cwd=ROOT,
                   check=True, timeout=BATCH_TIMEOUT_S)


def rss_mb() -> float:
    """This process's resident memory now, in MB."""
    with open("/proc/self/status") as status:
        kilobytes = next(int(line.split()[1]) for line in status if line.startswith("VmRSS:"))
    return kilobytes / 1024


def memory_main() -> None:
    """A process that imports what a worker does runs one letter's preview job again and again (--memory)."""
    app = worker_app()
    print(f"worker_rss_mb_after_startup: {rss_mb():.1f} load={os.getloadavg()[0]:.2f}", flush=True)
    with app.app_context():
        memory_curve(int(os.environ["BENCH_LETTER_ID"]))


def memory_curve(letter_id: int) -> None:
    """A worker's resident memory from letter 100 to letter MEMORY_LETTERS, each letter a preview
    job run as RQ runs it."""
    checkpoints = [n for n in (100, 250, 500, 750, 1000) if n <= MEMORY_LETTERS]
    curve = {}
    for n in range(1, MEMORY_LETTERS + 1):
        record = JobRecord(kind=f"{render_letter_preview.__module__}.{render_letter_preview.__name__}",
                           args=[letter_id])
        db.session.add(record)
        db.session.flush()
        record_id = record.id
        db.session.commit()
        run_job(record_id)
        done = db.session.get(JobRecord, record_id)
        assert done.status is JobStatus.DONE, (done.status, done.error)
        db.session.commit()
        if n in checkpoints:
            curve[n] = rss_mb()
            print(f"worker_rss_mb_at_{n}: {curve[n]:.1f} load={os.getloadavg()[0]:.2f}", flush=True)
    if len(curve) > 1:
        first, last = curve[checkpoints[0]], curve[checkpoints[-1]]
        print(f"worker_rss_growth_pct: {100 * (last - first) / first:.1f}")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_redis(tmp: Path) -> tuple[subprocess.Popen, str]:
    """A redis-server on a free loopback port, without persistence, once it answers."""
    port = free_port()
    proc = subprocess.Popen(["redis-server", "--port", str(port), "--bind", "127.0.0.1", "--save", "",
                             "--appendonly", "no", "--dir", str(tmp)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url, deadline = f"redis://127.0.0.1:{port}/0", time.monotonic() + 10
    while time.monotonic() < deadline and proc.poll() is None:
        try:
            Redis.from_url(url, socket_timeout=1).ping()
            return proc, url
        except Exception:  # noqa: BLE001 — not up yet
            time.sleep(0.05)
    stop([proc])
    raise RuntimeError("redis-server did not answer within 10 s")


def pg_ctl(tmp: Path, program: str, *args: str) -> None:
    """Run a PostgreSQL tool, as the postgres user when we are root (initdb refuses root)."""
    prefix = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
    subprocess.run([*prefix, str(PG_BIN / program), *args], cwd=tmp, check=True, timeout=60,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def start_postgres(tmp: Path) -> str:
    """A throwaway cluster on a free loopback port without durability; its URL without a database."""
    if os.geteuid() == 0:
        shutil.chown(tmp, "postgres")
    port = free_port()
    pg_ctl(tmp, "initdb", "-D", str(tmp / "pg"), "-A", "trust", "-U", "casework", "-E", "UTF8", "--locale=C")
    pg_ctl(tmp, "pg_ctl", "-w", "-t", "30", "-D", str(tmp / "pg"), "-l", str(tmp / "pg.log"), "-o",
           f"-k {tmp} -c listen_addresses=127.0.0.1 -p {port} -c fsync=off -c full_page_writes=off "
           "-c synchronous_commit=off", "start")
    return f"postgresql+psycopg://casework@127.0.0.1:{port}/"


def worker_command(queue: str, redis_url: str) -> list[str]:
    if WORKER == "cli":
        return [sys.executable, "-m", "rq.cli", "worker", "--worker-class", "casework.core.worker.Worker",
                "--burst", "--url", redis_url, "--logging_level", "WARNING", queue]
    return [sys.executable, str(Path(__file__).resolve()), "--worker"]


def run_batch(tmp: Path, redis_url: str, workers: int, postgres: str | None) -> dict[str, float]:
    """Launch `workers` workers on a fresh database and queue; time them until every job is done."""
    name = f"letters_{workers}"
    if postgres:
        admin = create_engine(postgres + "postgres", isolation_level="AUTOCOMMIT")
        with admin.connect() as connection:
            connection.exec_driver_sql(f"CREATE DATABASE {name}")
        admin.dispose()
    app = make_app(tmp, name, postgres and postgres + name, redis_url)
    env = dict(os.environ, CASEWORK_ENV="development", CASEWORK_DATABASE_URL=app.config["SQLALCHEMY_DATABASE_URI"],
               CASEWORK_REDIS_URL=redis_url, CASEWORK_QUEUE=name, SECRET_KEY="benchmark",
               CASEWORK_UPLOAD_FOLDER=app.config["UPLOAD_FOLDER"], PYTHONPATH=str(ROOT))
    status_count = select(func.count()).select_from(JobRecord).where(JobRecord.status == JobStatus.DONE)
    with app.app_context():
        seed(LETTERS, approve=True)
        if (queued := get_queue().count) != LETTERS:
            raise RuntimeError(f"{queued} jobs in the queue, expected {LETTERS}")
        log = open(tmp / f"{name}.log", "wb")
        cpu_before, started = cpu_seconds(), time.perf_counter()
        procs: list[subprocess.Popen] = []
        try:
            for _ in range(workers):
                procs.append(subprocess.Popen(worker_command(name, redis_url), env=env, cwd=ROOT, stdout=log,
                                              stderr=subprocess.STDOUT))
            while (done := db.session.scalar(status_count)) < LETTERS:
                failed = db.session.scalar(select(JobRecord.error).where(JobRecord.status == JobStatus.FAILED))
                db.session.rollback()  # end the read transaction, so the next poll sees new commits
                timed_out = time.perf_counter() - started > BATCH_TIMEOUT_S
                if failed or timed_out or all(p.poll() is not None for p in procs):
                    tail = (tmp / f"{name}.log").read_text(errors="replace")[-2000:]
                    raise RuntimeError(f"batch stopped at {done} done; a failure: {failed}\nworker log: {tail}")
                time.sleep(0.1)
            elapsed, machine = time.perf_counter() - started, cpu_seconds()[1] - cpu_before[1]
        finally:
            stop(procs)
            log.close()
        first, last = db.session.execute(select(func.min(JobRecord.started_at), func.max(JobRecord.finished_at))).one()
        db.session.remove()
        db.engine.dispose()
    steady = (last - first).total_seconds()  # first job started → last job finished
    return {"s": elapsed, "startup_s": elapsed - steady, "steady_s": steady,
            "cpu_s": cpu_seconds()[0] - cpu_before[0], "machine_cpu_s": machine}


def cpu_seconds() -> tuple[float, float]:
    """CPU used so far by the children this script has waited for, and by the whole machine."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    ticks = [int(v) for v in Path("/proc/stat").read_text().split()[1:8]]  # user nice system idle iowait irq softirq
    return usage.ru_utime + usage.ru_stime, (sum(ticks[:3]) + sum(ticks[5:])) / os.sysconf("SC_CLK_TCK")


def stop(procs: list[subprocess.Popen]) -> None:
    """Terminate (then kill) processes this script started, waiting a bounded time for each."""
    for proc in procs:
        if proc.poll() is None:
            proc.terminate()
    for proc in procs:
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=10)


def worker_main() -> None:
    """One worker process: the app from the environment as a worker builds it, burst mode."""
    app = worker_app()
    with app.app_context():  # run_job reuses this app rather than building another
        queue = get_queue()
        worker_class = ForkingWorker if WORKER == "fork" else Worker
        worker_class([queue], connection=queue.connection).work(burst=True, logging_level="WARNING")


def main() -> None:
    # SIGTERM and SIGHUP unwind like an exception, so the finally blocks still clean up.
    for sig in (signal.SIGTERM, signal.SIGHUP):
        signal.signal(sig, lambda signum, frame: sys.exit(128 + signum))
    began = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="casework-letters-") as tmp_name:
        tmp = Path(tmp_name)
        bench_render(tmp)
        redis, redis_url = start_redis(tmp)
        postgres = None
        try:
            postgres = start_postgres(tmp) if DATABASE == "postgresql" else None
            load = os.getloadavg()[0]
            one, two = run_batch(tmp, redis_url, 1, postgres), run_batch(tmp, redis_url, 2, postgres)
        finally:
            stop([redis])
            if (tmp / "pg" / "postmaster.pid").exists():
                pg_ctl(tmp, "pg_ctl", "-D", str(tmp / "pg"), "-m", "immediate", "-w", "-t", "30", "stop")
    print(f"batch_database: {DATABASE}\nbatch_worker: {WORKER}\nbatch_letters: {LETTERS}")
    for label, run in (("1_worker", one), ("2_workers", two)):
        print(f"batch_{label}_s: {run['s']:.2f}\nbatch_{label}_letters_per_s: {LETTERS / run['s']:.2f}")
        print(f"batch_{label}_startup_s: {run['startup_s']:.2f}\nbatch_{label}_cpu_s: {run['cpu_s']:.1f}")
        print(f"batch_{label}_machine_cpu_s: {run['machine_cpu_s']:.1f}")  # incl. PostgreSQL, Redis, others
    print(f"batch_speedup_2_vs_1: {one['s'] / two['s']:.2f}")
    print(f"batch_speedup_2_vs_1_after_startup: {one['steady_s'] / two['steady_s']:.2f}")
    print(f"load_average_1m_before_batches: {load:.2f}\ntotal_s: {time.perf_counter() - began:.1f}")


if __name__ == "__main__":
    {"--worker": worker_main, "--memory": memory_main}.get(sys.argv[1] if sys.argv[1:] else "", main)()
