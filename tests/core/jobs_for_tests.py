"""Jobs registered only for the tests of the job machinery, and the worker command that runs them."""
import sys
import threading
import time
from pathlib import Path

from casework.core.jobs import job

def rq_worker_command(redis_url: str, queue_name: str, *options: str) -> list[str]:
    """The `rq worker` of the README's production section, on a queue of the test's own."""
    return [sys.executable, "-m", "rq.cli", "worker", "--worker-class", "casework.core.worker.Worker", *options,
            "--url", redis_url, queue_name]


# Events a test opens to let a blocked `wait_for_gate` job finish, by name (job args are JSON).
GATES: dict[str, threading.Event] = {}


@job
def add(a: int, b: int) -> dict:
    return {"sum": a + b}


@job
def append_line(path: str, text: str) -> dict:
    """Add one line to a file on every run, so a test can count how often the job ran."""
    with open(path, "a", encoding="utf-8") as out:
        out.write(text + "\n")
    return {"lines": len(Path(path).read_text(encoding="utf-8").splitlines())}


@job
def fail_first_time(marker_dir: str) -> dict:
    """Fail on the first run (leaving a marker file in `marker_dir`), succeed on the next."""
    marker = Path(marker_dir) / "failed-once"
    if not marker.exists():
        marker.touch()
        raise RuntimeError("the mail server did not answer")
    return {"delivered": True}


@job
def wait_for_gate(name: str) -> dict:
    """Block until the test opens the gate (at most 60 s, for a loaded machine); report the thread it ran in."""
    if not GATES[name].wait(timeout=60):
        raise TimeoutError(f"gate {name} was never opened")
    return {"gate": name, "thread": threading.current_thread().name}


@job
def wait_for_file(path: str) -> dict:
    """Block until the file exists (at most 120 s): a gate a test can open from another process."""
    deadline = time.monotonic() + 120
    while not Path(path).exists():
        if time.monotonic() > deadline:
            raise TimeoutError(f"{path} never appeared")
        time.sleep(0.05)
    return {"opened": path}


class WorkerKilled(BaseException):
    """What a worker killed mid-job looks like from inside the job: it stops where it is, and
    nothing after it (the job machinery recording the outcome) runs."""
