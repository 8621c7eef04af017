"""The daily deadline check, the digest and My work on a large installation.

Builds its own database: N cases (default 50,000) over three units with 1–2 open deadlines
each, due from a year ago to two months ahead, 60 officers and 6 supervisors, a tenth of the
cases with nobody on them (their unit's supervisors watch them) and some confidential ones. Times:

    deadline_check_first   the first daily run (marks the whole backlog overdue)
    deadline_check_rerun   the same day again (nothing new: the claim is per day, but the job is
                           safe to repeat)
    deadline_check_next    the next day
    digest_all_users       the daily digest for every user
    my_work_officer        the My work page of an officer, as a request (median)
    my_work_supervisor     the same for a supervisor

Run: python benchmarks/reminders.py (SQLite), or with CASEWORK_DATABASE_URL for PostgreSQL.
"""
from __future__ import annotations

import os
import random
import time
from datetime import date, timedelta

from _support import benchmark_app, median_ms  # the repository on sys.path, the app, the timer
from sqlalchemy import insert  # noqa: E402

from casework.admin.operations import save_user, set_membership  # noqa: E402
from casework.auth.models import Role  # noqa: E402
from casework.core.cases import Case, CaseAssignment  # noqa: E402
from casework.core.db import utcnow  # noqa: E402
from casework.core.deadlines import Deadline  # noqa: E402
from casework.core.units import Unit, UnitKind  # noqa: E402
from casework.extensions import db  # noqa: E402
from casework.reminders.deadline_check import check_deadlines  # noqa: E402
from casework.reminders.digest import send_digests  # noqa: E402

CASES = int(os.environ.get("BENCH_CASES", "50000"))
PASSWORD = "benchmark password"


def _people(units: list[Unit]):
    officers, supervisors = [], []
    for index in range(60):
        user = save_user(None, f"Officer {index}", f"officer{index}@example.org", PASSWORD, False, False, True)
        set_membership(user, units[index % 3], Role.CASE_OFFICER)
        officers.append(user)
    for index in range(6):
        user = save_user(None, f"Supervisor {index}", f"supervisor{index}@example.org", PASSWORD, False, False, True)
        set_membership(user, units[index % 3], Role.SUPERVISOR)
        supervisors.append(user)
    db.session.commit()
    return officers, supervisors


def _build(rng: random.Random, units: list[Unit], officers) -> None:
    now, today = utcnow(), date.today()
    cases, deadlines, assignments = [], [], []
    for case_id in range(1, CASES + 1):
        unit = units[case_id % 3]
        staff = [o for o in officers if o.memberships[0].unit_id == unit.id]
        officer = rng.choice(staff).id if rng.random() > 0.1 else None
        confidential = rng.random() < 0.05
        cases.append(dict(id=case_id, case_type="sample_case", unit_id=unit.id, reference=f"S {case_id}/2026",
                          title=f"Case {case_id}", status="sent", confidential=confidential, officer_id=officer,
                          version=1, created_at=now, updated_at=now))
        if confidential and officer:
            assignments.append(dict(case_id=case_id, user_id=officer))
        for _ in range(rng.choice((1, 2))):
            due = today + timedelta(days=rng.randrange(-365, 60))
            deadlines.append(dict(case_id=case_id, kind="reply", label="Reply due", due_on=due, original_due_on=due,
                                  opened_at=now, reminders_sent=0))
    for table, rows in ((Case.__table__, cases), (CaseAssignment.__table__, assignments),
                        (Deadline.__table__, deadlines)):
        for start in range(0, len(rows), 5000):
            db.session.execute(insert(table), rows[start:start + 5000])
    db.session.commit()


def _timed(fn) -> float:
    started = time.perf_counter()
    fn()
    db.session.commit()
    return (time.perf_counter() - started) * 1000


def main() -> None:
    import tests.sample_workflow  # noqa: F401 — the plain case type of the shared machinery's tests

    with benchmark_app() as app:
        units = [Unit(code=code, name=code, kind=UnitKind.COMMITTEE) for code in ("CCPR", "CAT", "CED")]
        db.session.add_all(units)
        db.session.commit()
        officers, supervisors = _people(units)
        _build(random.Random(7), units, officers)
        today = date.today()
        print(f"cases: {CASES}")
        print(f"deadline_check_first_ms: {_timed(lambda: check_deadlines(today)):.0f}")
        print(f"deadline_check_rerun_ms: {_timed(lambda: check_deadlines(today)):.0f}")
        print(f"deadline_check_next_ms: {_timed(lambda: check_deadlines(today + timedelta(days=1))):.0f}")
        print(f"digest_all_users_ms: {_timed(lambda: send_digests(today)):.0f}")
        for name, user in (("officer", officers[0]), ("supervisor", supervisors[0])):
            with app.app_context():  # a fresh `g`, as a new request in a server would have
                client = app.test_client()
                client.post("/login", data={"email": user.email, "password": PASSWORD})
                assert client.get("/").status_code == 200
                print(f"my_work_{name}_ms: {median_ms(lambda: client.get('/'), repeat=15):.1f}")


if __name__ == "__main__":
    main()
