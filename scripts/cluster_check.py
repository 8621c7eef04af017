"""The cluster check: Casework on several machines, as the README's Production section sets it up.

Run by scripts/cluster-check.sh, which gives it a PostgreSQL database, a Redis database and an
S3-compatible endpoint (CLUSTER_DATABASE_URL, CLUSTER_REDIS_URL, CLUSTER_S3_URL). It migrates,
loads the reference data and two accounts, then starts two gunicorn web nodes, two `rq worker`
processes and the scheduler, each with a folder of its own (as separate machines have), and
checks over HTTP, as a browser behind the TLS proxy would:

- an attachment uploaded on node A downloads, identical, from node B;
- a session signed in on A works on B;
- a letter approved on A is rendered by a worker, and its PDF downloads from A and B;
- an export run as a background job downloads, identical, from A and B;
- killing node A (SIGKILL) loses no request that the client retries on B, and doubles none.

It prints `name: value` lines and exits 1 if any check fails. Every process it started is
stopped on the way out, whatever happens.
"""
from __future__ import annotations

import hashlib
import os
import re
import secrets
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

import requests

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.pages import form_with, read_page, words  # noqa: E402 — the pages as the test suite reads them

BUCKET = "casework-cluster"
PASSWORD = secrets.token_urlsafe(18)
CLIENT_ADDRESS = "203.0.113.7"  # the browser's address, as the TLS proxy forwards it
UNIT = "CCPR"
START_TIMEOUT = 60.0
JOB_TIMEOUT = 60.0
LOOP_REQUESTS = 40  # records created while node A is killed part-way through
RETRIES = 5


class CheckFailed(AssertionError):
    """One check did not hold; the message says what was seen."""


# ---- The processes ------------------------------------------------------------------------------

@dataclass
class Cluster:
    """Every process started, with its log, so that all are stopped and failures can be shown."""

    workdir: Path
    env: dict[str, str]
    processes: dict[str, subprocess.Popen] = field(default_factory=dict)
    logs: list[IO[bytes]] = field(default_factory=list)

    def start(self, name: str, *argv: str) -> None:
        """A process of its own group (gunicorn's workers go with their master), with a folder of
        its own for files, as on a machine of its own."""
        own = self.workdir / name
        (own / "uploads").mkdir(parents=True)
        env = {**self.env, "CASEWORK_UPLOAD_FOLDER": str(own / "uploads"),
               "CASEWORK_EXPORT_FOLDER": str(own / "exports")}
        log = (self.workdir / f"{name}.log").open("wb")
        self.logs.append(log)
        self.processes[name] = subprocess.Popen(argv, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
                                                stdin=subprocess.DEVNULL, start_new_session=True)

    def kill(self, name: str) -> None:
        """SIGKILL the whole process group: the machine is gone, not shut down."""
        process = self.processes[name]
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
        process.wait()

    def stop_all(self) -> None:
        for process in self.processes.values():
            if process.poll() is None:
                with suppress(ProcessLookupError):  # it may end by itself in between
                    os.killpg(process.pid, signal.SIGTERM)
        deadline = time.monotonic() + 10
        for process in self.processes.values():
            try:
                process.wait(max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                with suppress(ProcessLookupError):
                    os.killpg(process.pid, signal.SIGKILL)
                process.wait()
        for log in self.logs:
            log.close()

    def exited(self) -> list[str]:
        return [name for name, process in self.processes.items() if process.poll() is not None]

    def show_logs(self) -> None:
        for log in sorted(self.workdir.glob("*.log")):
            lines = log.read_text(errors="replace").splitlines()[-30:]
            print(f"---- {log.name} (last {len(lines)} lines) ----", file=sys.stderr)
            print("\n".join(lines), file=sys.stderr)


def free_ports(count: int) -> list[int]:
    import socket

    sockets = [socket.socket() for _ in range(count)]
    for s in sockets:
        s.bind(("127.0.0.1", 0))
    ports = [s.getsockname()[1] for s in sockets]
    for s in sockets:
        s.close()
    return ports


def app_env() -> dict[str, str]:
    """Production settings shared by every node and worker: one SECRET_KEY, one database,
    one Redis, one bucket; exports of more than one row go to a worker; one proxy in front."""
    return {
        **os.environ,
        "CASEWORK_ENV": "production", "FLASK_APP": "wsgi.py", "SECRET_KEY": secrets.token_urlsafe(32),
        "CASEWORK_DATABASE_URL": os.environ["CLUSTER_DATABASE_URL"],
        "CASEWORK_REDIS_URL": os.environ["CLUSTER_REDIS_URL"],
        "CASEWORK_S3_BUCKET": BUCKET, "CASEWORK_S3_ENDPOINT_URL": os.environ["CLUSTER_S3_URL"],
        "CASEWORK_S3_REGION": "us-east-1",
        "AWS_ACCESS_KEY_ID": os.environ.get("AWS_ACCESS_KEY_ID", "test"),
        "AWS_SECRET_ACCESS_KEY": os.environ.get("AWS_SECRET_ACCESS_KEY", "test"),
        "CASEWORK_EXPORT_ROW_THRESHOLD": "1", "CASEWORK_PROXY_COUNT": "1",
        "CLUSTER_PASSWORD": PASSWORD,
    }


def create_bucket(env: dict[str, str]) -> None:
    import boto3

    client = boto3.client("s3", endpoint_url=env["CASEWORK_S3_ENDPOINT_URL"], region_name="us-east-1",
                          aws_access_key_id=env["AWS_ACCESS_KEY_ID"],
                          aws_secret_access_key=env["AWS_SECRET_ACCESS_KEY"])
    if BUCKET not in {b["Name"] for b in client.list_buckets()["Buckets"]}:
        client.create_bucket(Bucket=BUCKET)


def prepare(env: dict[str, str], workdir: Path) -> dict[str, str]:
    """Migrate, load the reference data (as the README says), then the accounts and letters."""
    bin_dir = Path(sys.executable).parent
    steps = [[str(bin_dir / "flask"), "db", "upgrade"], [str(bin_dir / "flask"), "seed", "reference"],
             [sys.executable, str(Path(__file__)), "--seed"]]
    env = {**env, "CASEWORK_UPLOAD_FOLDER": str(workdir / "prepare")}
    output = ""
    for argv in steps:
        done = subprocess.run(argv, cwd=ROOT, env=env, capture_output=True, text=True, stdin=subprocess.DEVNULL)
        if done.returncode != 0:
            raise CheckFailed(f"{' '.join(argv[-2:])} failed:\n{done.stdout}{done.stderr}")
        output = done.stdout
    return dict(line.split("=", 1) for line in output.split() if "=" in line)


def seed() -> None:
    """Two CCPR accounts (an officer, a supervisor) and two circular notes verbales drafted by the
    officer, one submitted for approval. Printed: key=value lines for the driver."""
    from sqlalchemy import select

    from casework import create_app
    from casework.admin.operations import save_user, set_membership
    from casework.auth.models import Role
    from casework.core.audit import acting_as
    from casework.core.states import State
    from casework.core.units import Unit
    from casework.core.workflow import fire
    from casework.extensions import db
    from casework.letters import operations as letters

    with create_app().app_context():
        unit = db.session.scalar(select(Unit).where(Unit.code == UNIT))
        officer = save_user(None, "Cluster Officer", "officer@cluster.example.org", os.environ["CLUSTER_PASSWORD"],
                            is_admin=False, is_auditor=False, active=True)
        supervisor = save_user(None, "Cluster Supervisor", "supervisor@cluster.example.org",
                               os.environ["CLUSTER_PASSWORD"], is_admin=False, is_auditor=False, active=True)
        set_membership(officer, unit, Role.CASE_OFFICER)
        set_membership(supervisor, unit, Role.SUPERVISOR)
        db.session.flush()
        state_id = db.session.scalar(select(State.id).order_by(State.name).limit(1))
        ids = []
        with acting_as(officer.id):
            for number in (1, 2):
                letter = letters.draft_letter("circular_note_verbale", "en", officer, unit_id=unit.id)
                letters.update_letter(letter, letters.LetterContent(
                    subject=f"Cluster check {number}", body="The cluster check renders this note verbale.",
                    language="en", reference=f"CCPR/NV/CLUSTER/{number}", letter_date=None,
                    addressee_state_ids=[state_id], other_addressees=[], copy_state_ids=[], signatories=[],
                ), officer)
                ids.append(letter.id)
            fire(db.session.get(type(letter), ids[0]), "submit", officer, comment="For the cluster check")
        db.session.commit()
        print(f"letter={ids[0]} draft={ids[1]}")


def start_cluster(cluster: Cluster) -> tuple[str, str]:
    """Two web nodes, two workers, one scheduler; returns the nodes' base URLs once both answer."""
    port_a, port_b = free_ports(2)
    queue = cluster.env.get("CASEWORK_QUEUE", "casework")
    redis_url = cluster.env["CASEWORK_REDIS_URL"]
    for name, port in (("node-a", port_a), ("node-b", port_b)):
        cluster.start(name, sys.executable, "-m", "gunicorn", "--workers", "2", "--preload",
                      "--bind", f"127.0.0.1:{port}", "--graceful-timeout", "2", "--no-control-socket", "wsgi:app")
    for name in ("worker-1", "worker-2"):
        cluster.start(name, sys.executable, "-m", "rq.cli", "worker", "--worker-class", "casework.core.worker.Worker",
                      "--url", redis_url, "--name", f"cluster-{name}-{secrets.token_hex(3)}", queue)
    cluster.start("scheduler", sys.executable, "-m", "rq.cli", "cron", "--url", redis_url, "casework.reminders.cron")
    nodes = (f"http://127.0.0.1:{port_a}", f"http://127.0.0.1:{port_b}")
    deadline = time.monotonic() + START_TIMEOUT
    for node in nodes:
        while True:
            try:
                if requests.get(f"{node}/healthz", timeout=2).status_code == 200:
                    break
            except requests.ConnectionError:
                pass
            if cluster.exited():
                raise CheckFailed(f"exited during start-up: {', '.join(cluster.exited())}")
            if time.monotonic() > deadline:
                raise CheckFailed(f"{node}/healthz did not answer 200 within {START_TIMEOUT:.0f}s")
            time.sleep(0.2)
    return nodes


# ---- The browser --------------------------------------------------------------------------------

class _Drawn:
    """A page as tests.pages reads it."""

    def __init__(self, response: requests.Response) -> None:
        self.response = response

    def get_data(self, as_text: bool = False) -> str:
        return self.response.text


class Browser:
    """One person's browser, reaching either node through the TLS proxy (one cookie jar for both:
    to the browser they are the same site)."""

    def __init__(self) -> None:
        self.http = requests.Session()
        self.http.headers.update({"X-Forwarded-For": CLIENT_ADDRESS, "X-Forwarded-Proto": "https"})

    def get(self, node: str, path: str, **kwargs: Any) -> requests.Response:
        return self._kept(self.http.get(node + path, allow_redirects=False, timeout=30, **kwargs))

    def post(self, node: str, path: str, data: dict, **kwargs: Any) -> requests.Response:
        """A form sent from a page of the site: the Referer the CSRF check wants over https."""
        host = node.split("://", 1)[1]
        return self._kept(self.http.post(node + path, data=data, allow_redirects=False, timeout=30,
                                         headers={"Referer": f"https://{host}{path}"}, **kwargs))

    def _kept(self, response: requests.Response) -> requests.Response:
        """The session cookie is Secure: a browser sends it back because it speaks https to the
        proxy, which this client stands in for while reaching gunicorn in plain http."""
        for cookie in self.http.cookies:
            cookie.secure = False
        return response

    def form(self, node: str, path: str, field: str) -> dict[str, list[str]]:
        page = self.get(node, path)
        expect(page.status_code == 200, f"GET {path} on {node}: {page.status_code}")
        return form_with(_Drawn(page), field)

    def sign_in(self, node: str, email: str) -> None:
        values = self.form(node, "/login", "email")
        values.update(email=[email], password=[PASSWORD])
        response = self.post(node, "/login", values)
        expect(response.status_code == 302 and "/login" not in response.headers.get("Location", "/login"),
               f"sign-in of {email} on {node}: {response.status_code} {said(response)}")


def said(response: requests.Response) -> str:
    """What a refused page tells the user (its flashed messages and field errors), in short."""
    found = re.findall(r'class="(?:flash|alert|error|field-error|invalid-feedback)[^"]*"[^>]*>(.*?)</',
                       response.text, re.S)
    return "; ".join(" ".join(f.split()) for f in found)[:300] or words(_Drawn(response))[:300]


def expect(condition: bool, message: str) -> None:
    if not condition:
        raise CheckFailed(message)


def wait_for(what: str, probe: Callable[[], requests.Response | None]) -> requests.Response:
    deadline = time.monotonic() + JOB_TIMEOUT
    while time.monotonic() < deadline:
        response = probe()
        if response is not None:
            return response
        time.sleep(0.25)
    raise CheckFailed(f"{what}: not there after {JOB_TIMEOUT:.0f}s")


def sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


# ---- The checks ---------------------------------------------------------------------------------

def check_session(officer: Browser, a: str, b: str) -> str:
    officer.sign_in(a, "officer@cluster.example.org")
    page = officer.get(b, "/")
    expect(page.status_code == 200, f"a session signed in on A, on B: {page.status_code} "
                                    f"{page.headers.get('Location', '')}")
    return "ok"


def check_attachment(officer: Browser, a: str, b: str, letter: int) -> str:
    content = secrets.token_hex(200_000).encode()  # 400 kB
    values = officer.form(a, f"/cases/{letter}", "description")
    values["description"] = ["Uploaded on node A"]
    response = officer.post(a, f"/cases/{letter}/attachments", values,
                            files={"file": ("cluster-check.txt", content, "text/plain")})
    expect(response.status_code == 303, f"upload on A: {response.status_code}")
    links = [href for text, href in read_page(_Drawn(officer.get(b, f"/cases/{letter}"))).links
             if text == "cluster-check.txt"]
    expect(len(links) == 1, f"the case page on B lists {len(links)} attachments named cluster-check.txt")
    download = officer.get(b, links[0])
    expect(download.status_code == 200, f"download on B: {download.status_code}")
    expect(sha(download.content) == sha(content), "the file downloaded from B differs from the one uploaded on A")
    return "ok"


def press(browser: Browser, node: str, case: int, event: str) -> requests.Response:
    """A workflow button of the case page, with the version the page was drawn at."""
    values = browser.form(node, f"/cases/{case}", "comment")
    return browser.post(node, f"/cases/{case}/actions/{event}", values)


def check_letter(supervisor: Browser, a: str, b: str, letter: int) -> tuple[str, float]:
    supervisor.sign_in(b, "supervisor@cluster.example.org")
    started = time.monotonic()
    response = press(supervisor, a, letter, "approve")
    expect(response.status_code == 303, f"approval on A: {response.status_code}")

    def final_pdf() -> requests.Response | None:
        pdf = supervisor.get(b, f"/letters/{letter}/pdf/final")
        return pdf if pdf.status_code == 200 else None

    from_b = wait_for("the letter's final PDF on B", final_pdf)
    rendered = time.monotonic() - started
    from_a = supervisor.get(a, f"/letters/{letter}/pdf/final")
    expect(from_b.content.startswith(b"%PDF"), "B's final PDF is not a PDF")
    expect(from_a.status_code == 200 and from_a.content == from_b.content, "the final PDF differs between A and B")
    return "ok", rendered


def check_export(officer: Browser, a: str, b: str) -> tuple[str, float]:
    values = officer.form(a, "/letters/", "csrf_token")
    started = time.monotonic()
    response = officer.post(a, "/exports/letters/csv", {"csrf_token": values["csrf_token"]})
    expect(response.status_code == 303 and re.search(r"/exports/\d+$", response.headers.get("Location", "")),
           f"an export above the threshold on A: {response.status_code} {response.headers.get('Location')}")
    export = "/exports/" + response.headers["Location"].rsplit("/", 1)[1]

    def done() -> requests.Response | None:
        status = officer.get(b, f"{export}/status").json()
        expect(status["status"] != "failed", f"the export failed: {status.get('error')}")
        return officer.get(b, status["download"]) if status["download"] else None

    from_b = wait_for("the export's file on B", done)
    written = time.monotonic() - started
    from_a = officer.get(a, f"{export}/download")
    expect(from_b.status_code == 200, f"the export's download on B: {from_b.status_code}")
    expect(b"Cluster check 1" in from_b.content, "the export downloaded from B lacks the letters")
    expect(from_a.status_code == 200 and from_a.content == from_b.content, "the export differs between A and B")
    return "ok", written


def check_resent_form(officer: Browser, a: str, b: str, env: dict[str, str]) -> str:
    """A form whose answer was lost after node A recorded it, sent again to node B: recorded once,
    and B answers with the record A created."""
    before = letters_in_database(env)
    values = officer.form(a, "/letters/new", "letter_type")
    values["letter_type"] = ["circular_note_verbale"]
    first, again = officer.post(a, "/letters/new", values), officer.post(b, "/letters/new", values)
    expect(first.status_code == again.status_code == 303, f"the form sent twice: {first.status_code}, "
                                                          f"{again.status_code} {said(again)}")
    expect(first.headers["Location"] == again.headers["Location"],
           f"sent again to B it led to {again.headers['Location']}, not to {first.headers['Location']}")
    expect(letters_in_database(env) == before + 1, f"{letters_in_database(env) - before} letters for one form")
    return "ok"


@dataclass
class Loop:
    """Records created one after the other, alternating nodes, each retried on the other node when
    its node does not answer: what a load balancer's client does."""

    created: list[int] = field(default_factory=list)
    lost: int = 0
    retried: int = 0


def create_letter(browser: Browser, nodes: tuple[str, str], first: int) -> tuple[int | None, int]:
    """Draw "New letter" and send it, each step on the next node that answers. A send retried
    after the connection broke goes with the same form: if the first one was recorded, the app
    answers with the letter it created rather than a second one. Returns the letter's id (None:
    lost) and how many times a node did not answer."""
    values: dict[str, list[str]] | None = None
    for attempt in range(RETRIES):
        node = nodes[(first + attempt) % 2]
        try:
            if values is None:
                values = browser.form(node, "/letters/new", "letter_type")
                values["letter_type"] = ["circular_note_verbale"]
            response = browser.post(node, "/letters/new", values)
        except requests.ConnectionError:
            continue
        except CheckFailed:  # the form's page did not answer 200
            return None, attempt
        if response.status_code == 303:
            match = re.search(r"/letters/(\d+)/edit$", response.headers["Location"])
            return (int(match.group(1)) if match else None), attempt
        return None, attempt
    return None, RETRIES


def check_failover(cluster: Cluster, nodes: tuple[str, str]) -> Loop:
    """Two browsers, each signed in on a node of its own, create letters while node A is killed
    part-way through."""
    loop = Loop()
    lock = threading.Lock()
    browsers = [Browser(), Browser()]
    for browser, node in zip(browsers, nodes):
        browser.sign_in(node, "officer@cluster.example.org")

    def client(offset: int) -> None:
        for number in range(offset, LOOP_REQUESTS, 2):
            letter, retried = create_letter(browsers[offset], nodes, number)
            with lock:
                loop.retried += retried
                if letter is None:
                    loop.lost += 1
                else:
                    loop.created.append(letter)

    threads = [threading.Thread(target=client, args=(offset,)) for offset in (0, 1)]
    for thread in threads:
        thread.start()
    while len(loop.created) < LOOP_REQUESTS // 4 and any(t.is_alive() for t in threads):
        time.sleep(0.02)
    cluster.kill("node-a")
    for thread in threads:
        thread.join()
    return loop


def letters_in_database(env: dict[str, str]) -> int:
    import psycopg

    url = env["CASEWORK_DATABASE_URL"].replace("postgresql+psycopg://", "postgresql://")
    with psycopg.connect(url) as connection:
        return connection.execute("SELECT count(*) FROM letters").fetchone()[0]


def audited_addresses(env: dict[str, str]) -> set[str]:
    import psycopg

    url = env["CASEWORK_DATABASE_URL"].replace("postgresql+psycopg://", "postgresql://")
    with psycopg.connect(url) as connection:
        rows = connection.execute("SELECT DISTINCT remote_addr FROM audit_events WHERE action = 'login'")
        return {row[0] for row in rows}


# ---- Putting it together ------------------------------------------------------------------------

@contextmanager
def running_cluster(env: dict[str, str]) -> Iterator[Cluster]:
    with tempfile.TemporaryDirectory(prefix="casework-cluster.") as workdir:
        cluster = Cluster(Path(workdir), env)
        failed = True
        try:
            yield cluster
            failed = False
        finally:
            cluster.stop_all()
            if failed:
                cluster.show_logs()


@dataclass
class Report:
    """The `name: value` lines, in the order they were found, and the names of the failed checks."""

    started: float = field(default_factory=time.monotonic)
    results: dict[str, Any] = field(default_factory=dict)
    failures: list[str] = field(default_factory=list)

    def check(self, name: str, do: Callable[[], Any]) -> Any:
        """Run one check; a failure is reported under its name and the next check still runs."""
        try:
            value = do()
        except (CheckFailed, requests.RequestException, KeyError, ValueError) as error:
            self.fail(name, f"FAILED ({type(error).__name__}: {error})")
            return None
        self.results[name] = value
        return value

    def fail(self, name: str, value: str) -> None:
        self.failures.append(name)
        self.results[name] = value

    def print(self) -> None:
        self.results["check_seconds"] = f"{time.monotonic() - self.started:.1f}"
        for name, value in self.results.items():
            print(f"{name}: {value}")
        print(f"cluster_check: {'FAILED (' + ', '.join(self.failures) + ')' if self.failures else 'ok'}")


def run_checks(cluster: Cluster, report: Report) -> None:
    env = cluster.env
    create_bucket(env)
    letter = int(prepare(env, cluster.workdir)["letter"])
    a, b = start_cluster(cluster)
    report.results["start_seconds"] = f"{time.monotonic() - report.started:.1f}"
    officer, supervisor = Browser(), Browser()
    if report.check("cross_node_session", lambda: check_session(officer, a, b)):
        report.check("cross_node_attachment", lambda: check_attachment(officer, a, b, letter))
        report.check("cross_node_export",
                     lambda: _timed(report, "export_job_seconds", check_export(officer, a, b)))
        report.check("resent_form_recorded_once", lambda: check_resent_form(officer, a, b, env))
    report.check("cross_node_letter_pdf",
                 lambda: _timed(report, "letter_render_seconds", check_letter(supervisor, a, b, letter)))
    report.check("audit_client_address", lambda: _only_client(audited_addresses(env)))
    before = letters_in_database(env)
    loop = report.check("failover", lambda: check_failover(cluster, (a, b)))
    if loop is not None:
        doubled = letters_in_database(env) - before - len(set(loop.created))
        report.results.update(requests_sent=LOOP_REQUESTS, requests_lost=loop.lost, requests_doubled=doubled,
                              requests_retried_after_kill=loop.retried)
        if loop.lost or doubled or len(set(loop.created)) != len(loop.created):
            report.fail("failover", "FAILED (requests lost or doubled)")
        else:
            report.results["failover"] = "ok"
    report.check("node_b_after_kill", lambda: _healthy(b))
    if cluster.exited() != ["node-a"]:
        report.fail("processes", f"FAILED (exited: {', '.join(cluster.exited())})")


def run() -> int:
    report = Report()
    try:
        with running_cluster(app_env()) as cluster:
            run_checks(cluster, report)
            if report.failures:
                raise CheckFailed(", ".join(report.failures))  # shows the processes' logs
    except CheckFailed as error:
        if not report.failures:
            report.fail("setup", f"FAILED ({error})")
    report.print()
    return 1 if report.failures else 0


def _timed(report: Report, name: str, outcome: tuple[str, float]) -> str:
    report.results[name] = f"{outcome[1]:.1f}"
    return outcome[0]


def _only_client(addresses: set[str]) -> str:
    expect(addresses == {CLIENT_ADDRESS}, f"sign-ins audited from {sorted(addresses)}, not {CLIENT_ADDRESS}")
    return "ok"


def _healthy(node: str) -> str:
    response = requests.get(f"{node}/healthz", timeout=5)
    expect(response.status_code == 200, f"{node}/healthz: {response.status_code}")
    return "ok"


if __name__ == "__main__":
    if sys.argv[1:] == ["--seed"]:
        seed()
    else:
        sys.exit(run())
