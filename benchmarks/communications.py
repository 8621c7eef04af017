"""The committee list and the backlog view on a large installation.

Builds its own database with N communications (default 200,000) across the eight committees, in
every stage, with open and overdue deadlines and follow-up rounds, then times full page requests
(routing, access check, queries and template) as a CCPR case officer:

    list_page_1          CCPR, filtered to one stage, sorted by date received
    list_page_2000       CCPR, all stages, sorted by date received, page 2,000 (50 per page), typed in
    list_page_2000_by_next  the same page reached by "Next" from page 1,999
    backlog              the CCPR backlog: stages × ages, overdue replies, follow-up by grade

Each page is printed as its median, its 95th percentile and its median CPU time in this process
(on SQLite the whole cost of the request, which a busy machine does not inflate), with the load
average beside each.
One communication in 97 is confidential and not the officer's, so every count and list has something
to leave out.

SQLite by default; set BENCH_DATABASE_URL to a PostgreSQL database to measure there (it is
emptied). BENCH_CASES=200000,1000000 prints both sizes side by side with the ratio; BENCH_KEEP=1
keeps the SQLite database in /tmp for the next run. Run: python benchmarks/communications.py
"""
from __future__ import annotations

import html
import random
import re
import time
from datetime import date, timedelta

from _support import (  # the repository on sys.path, the app, the timers, the sizes
    benchmark_app, figure, mark_built, run_sizes, serving, settle_database, settle_like_a_server, timings,
)
from sqlalchemy import insert, select  # noqa: E402

from casework.admin.operations import save_user, set_membership  # noqa: E402
from casework.auth.models import Role  # noqa: E402
from casework.communications.committees import COMMITTEES  # noqa: E402
from casework.communications.models import Communication, CommunicationStatus, FollowUpRound  # noqa: E402
from casework.core.cases import Case  # noqa: E402
from casework.core.db import utcnow  # noqa: E402
from casework.core.deadlines import Deadline  # noqa: E402
from casework.core.reference import load_reference_data  # noqa: E402
from casework.core.states import State  # noqa: E402
from casework.core.tallies import TallyCount, rebuild  # noqa: E402
from casework.core.units import Unit  # noqa: E402
from casework.extensions import db  # noqa: E402

REPEAT = 40
CHUNK = 20_000
PASSWORD = "benchmark password"
SHARE = {"CCPR": 0.6, "CAT": 0.12, "CEDAW": 0.06, "CRPD": 0.06, "CRC": 0.06, "CERD": 0.04, "CESCR": 0.03, "CED": 0.03}
STATUSES = [s.value for s in CommunicationStatus]


def _rows(start: int, stop: int, rng: random.Random, committees: list[Unit], weights: list[float],
          state_ids: list[int], numbers: dict[tuple[int, int], int]):
    """The rows of the cases `start` to `stop - 1`, as plain dictionaries for executemany."""
    now, today = utcnow(), date.today()
    cases, communications, deadlines, rounds = [], [], [], []
    for case_id in range(start, stop):
        unit = rng.choices(committees, weights)[0]
        status = rng.choice(STATUSES)
        received = today - timedelta(days=rng.randrange(1, 4000))
        registered = None if status in ("received", "clarification_requested", "not_registered") \
            else received + timedelta(days=rng.randrange(10, 300))
        number = None
        if registered:
            key = (unit.id, registered.year)
            number = numbers[key] = numbers.get(key, 0) + 1
        cases.append({"id": case_id, "case_type": "communication", "unit_id": unit.id, "status": status,
                      "reference": f"{unit.code} {number}/{registered.year}" if number else None,
                      "title": f"Author {case_id} v. State", "confidential": case_id % 97 == 0, "version": 1,
                      "created_at": now, "updated_at": now})
        communications.append({"id": case_id, "committee_id": unit.id, "state_id": rng.choice(state_ids),
                               "number": number, "year": registered.year if registered else None,
                               "received_on": received, "registered_on": registered, "submission_language": "en",
                               "subject_matter": "", "articles_invoked": [], "procedural_issues": "",
                               "domestic_remedies": "", "advice_given": "", "confidentiality_requested": False})
        if status in ("transmitted", "comments_requested", "follow_up"):
            kind = {"transmitted": "state_observations", "comments_requested": "author_comments"}.get(
                status, "follow_up_reply")
            due = received + timedelta(days=rng.randrange(200, 4000))
            deadlines.append({"case_id": case_id, "kind": kind, "label": kind, "due_on": due, "original_due_on": due,
                              "opened_at": now, "reminders_sent": 0})
        if status == "follow_up":
            rounds.append({"communication_id": case_id, "number": 1, "grade": rng.choice("ABCDE"), "summary": "",
                           "created_at": now, "updated_at": now})
    return cases, communications, deadlines, rounds


def build(cases: int) -> None:
    """The committees' communications, inserted in chunks with executemany (no ORM object per row),
    so that a million cases take minutes and the builder's memory stays that of one chunk."""
    load_reference_data()
    committees = list(db.session.scalars(select(Unit).where(Unit.code.in_(list(COMMITTEES))).order_by(Unit.code)))
    weights = [SHARE[u.code] for u in committees]
    state_ids = list(db.session.scalars(select(State.id)))
    officer = save_user(None, "Officer", "officer@example.org", PASSWORD, False, False, True)
    set_membership(officer, next(u for u in committees if u.code == "CCPR"), Role.CASE_OFFICER)
    db.session.commit()
    tables = (Case.__table__, Communication.__table__, Deadline.__table__, FollowUpRound.__table__)
    rng, numbers = random.Random(7), {}
    with db.engine.begin() as connection:
        for start in range(1, cases + 1, CHUNK):
            chunk = _rows(start, min(start + CHUNK, cases + 1), rng, committees, weights, state_ids, numbers)
            for table, rows in zip(tables, chunk):
                if rows:
                    connection.execute(insert(table), rows)
    count_again()


def count_again() -> None:
    """The backlog's tallies, counted from the cases inserted without the ORM (which keeps them in
    step otherwise)."""
    rebuild()
    db.session.commit()
    settle_database()


def page_ms(client, url: str) -> tuple[float, float, float]:
    def get() -> None:
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)

    return timings(get, REPEAT)


def one_size(cases: int) -> None:
    with benchmark_app(f"communications-{cases}") as app:
        started = time.perf_counter()
        if not app.config["BENCH_REUSED"]:
            build(cases)
            mark_built(f"communications-{cases}")
        elif not db.session.scalar(select(TallyCount.tally).limit(1)):
            count_again()
        print(f"database: {db.engine.dialect.name}")
        print(f"communications: {cases}")
        print(f"build_s: {time.perf_counter() - started:.1f}")
        ccpr = db.session.scalar(select(Unit.id).where(Unit.code == "CCPR"))
        settle_like_a_server()
        with serving():  # each request in its own app context, as in a server
            time_pages(app, ccpr)


def time_pages(app, ccpr: int) -> None:
    """Each page as the CCPR officer, through the app."""
    client = app.test_client()
    client.post("/login", data={"email": "officer@example.org", "password": PASSWORD})
    for name, page in pages(client, ccpr).items():
        median, p95, cpu = page_ms(client, page)
        figure(f"{name}_median_ms", median)
        figure(f"{name}_p95_ms", p95)
        figure(f"{name}_cpu_ms", cpu)


def pages(client, ccpr: int) -> dict[str, str]:
    """The pages timed; page 2,000 both as an address typed in (OFFSET) and as reached by "Next"
    from page 1,999 (keyset: the link carries the last row's key)."""
    deep = f"/communications/?committee={ccpr}&sort=received&dir=desc&page=2000"
    before = client.get(deep.replace("page=2000", "page=1999")).get_data(as_text=True)
    following = re.search(r'href="([^"]*page=2000[^"]*)"', before)
    return {
        "list_page_1": f"/communications/?committee={ccpr}&status=transmitted&sort=received&dir=desc",
        "list_page_2000": deep,
        "list_page_2000_by_next": html.unescape(following[1]) if following else deep,
        "backlog": f"/communications/backlog?committee={ccpr}",
    }


def main() -> None:
    run_sizes("200000", one_size)


if __name__ == "__main__":
    main()
