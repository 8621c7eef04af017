"""How fast the detention figures and lists answer at scale.

Builds its own SQLite database (or uses CASEWORK_DATABASE_URL) with BENCH_VISITS visits (100,000
by default: about 40 years of the Office's 2,274 a year) to 2,400 places of detention of 3 field
offices over 11 years, 20,000 individual cases (a third of them releases) and 300 aggregate
release records covering 2,000 of those releases. Then times, for a field officer (one office)
and a secretariat viewer (every office): the figures table, the release totals, the visits list
(count + first page) and the whole figures page through the app.
Run: .venv/bin/python benchmarks/detention.py
"""
from __future__ import annotations

import os
import random
import statistics
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from _support import settle_database  # noqa: E402
from sqlalchemy import insert  # noqa: E402

from casework import create_app  # noqa: E402
from casework.auth.models import Membership, Role, User  # noqa: E402
from casework.core.cases import Case  # noqa: E402
from casework.core.db import utcnow  # noqa: E402
from casework.core.pagination import paginate  # noqa: E402
from casework.core.persons import Person  # noqa: E402
from casework.core.states import State, UNStatus  # noqa: E402
from casework.core.units import Unit, UnitKind  # noqa: E402
from casework.detention.cases.models import AggregateRelease, CoveredRelease, DetentionCase  # noqa: E402
from casework.detention.cases.queries import release_totals  # noqa: E402
from casework.detention.figures import figures  # noqa: E402
from casework.detention.filters import Filters  # noqa: E402
from casework.detention.places.models import Facility  # noqa: E402
from casework.detention.visits.models import Visit  # noqa: E402
from casework.detention.visits.queries import visits_query  # noqa: E402
from casework.extensions import db  # noqa: E402
from config import TestConfig  # noqa: E402

VISITS = int(os.environ.get("BENCH_VISITS", "100000"))
CASES = int(os.environ.get("BENCH_CASES", "20000"))
FACILITIES = 2400
OFFICES = (("FO-COL", "COL"), ("FO-MEX", "MEX"), ("FO-UKR", "UKR"))
FIRST_DAY = date(2016, 1, 1)
DAYS = (date(2026, 10, 31) - FIRST_DAY).days
REPEAT = 10
PASSWORD = "benchmark password"
OUTCOMES = ("released", "transferred", "charges_dropped", "expedited", "medical_care", "alternative_to_detention")


def build() -> dict[str, User]:
    rng, now = random.Random(8), utcnow()
    states = [State(iso2=iso[:2], iso3=iso, name=iso, un_status=UNStatus.MEMBER, mission_name=iso)
              for _code, iso in OFFICES]
    units = [Unit(code=code, name=code, kind=UnitKind.FIELD_OFFICE) for code, _iso in OFFICES]
    secretariat = Unit(code="OHCHR", name="Secretariat", kind=UnitKind.SECRETARIAT)
    db.session.add_all(states + units + [secretariat])
    db.session.flush()
    users = {name: User(email=f"{name}@example.org", name=name) for name in ("officer", "secretariat")}
    for user in users.values():
        user.set_password(PASSWORD)
    db.session.add_all(users.values())
    db.session.flush()
    db.session.add_all([Membership(user_id=users["officer"].id, unit_id=units[0].id, role=Role.CASE_OFFICER),
                        Membership(user_id=users["secretariat"].id, unit_id=secretariat.id, role=Role.VIEWER)])
    person = Person(family_name="X", unit_id=units[0].id)
    db.session.add(person)
    db.session.flush()
    office_of = [rng.randrange(len(units)) for _ in range(FACILITIES)]
    db.session.execute(insert(Facility.__table__), [
        {"id": n + 1, "unit_id": units[o].id, "state_id": states[o].id, "name": f"Place {n}", "facility_type": "prison",
         "authority": "", "location": "", "address": "", "capacity": rng.randrange(40, 3000), "active": True,
         "notes": "", "created_at": now, "updated_at": now} for n, o in enumerate(office_of)])

    def case_rows(n: int, case_type: str, unit_id: int, reference: str) -> dict:
        return {"id": n, "case_type": case_type, "unit_id": unit_id, "reference": reference, "title": reference,
                "status": rng.choice(("draft", "submitted", "reviewed", "final")) if case_type == "detention_visit"
                else "outcome_recorded", "confidential": False, "version": 1, "created_at": now, "updated_at": now}

    visits, cases = [], []
    for n in range(1, VISITS + 1):
        facility = rng.randrange(FACILITIES)
        day = FIRST_DAY + timedelta(days=rng.randrange(DAYS))
        number = f"{units[office_of[facility]].code}/DV/{day.year}/{n}"
        cases.append(case_rows(n, "detention_visit", units[office_of[facility]].id, number))
        total = rng.randrange(10, 3000)
        visits.append({"id": n, "number": number, "facility_id": facility + 1, "started_on": day, "team": "",
                       "announced": False, "visit_kind": "follow_up", "access": "granted", "access_notes": "",
                       "capacity": 1000, "pop_total": total, "pop_women": total // 10, "pop_men": total - total // 10,
                       "pop_children": 0, "issues_raised": "", "authority_response": ""})
    flush(Case, cases)
    flush(Visit, visits, table=Visit.__table__)
    cases, details = [], []
    for n in range(VISITS + 1, VISITS + CASES + 1):
        facility = rng.randrange(FACILITIES)
        cases.append(case_rows(n, "detention_case", units[office_of[facility]].id, f"IC/{n}"))
        outcome = rng.choice(OUTCOMES)
        details.append({"id": n, "facility_id": facility + 1, "person_id": person.id, "issue": "no_legal_basis",
                        "issue_details": "", "raised_with": "", "actions": "", "outcome": outcome,
                        "outcome_on": FIRST_DAY + timedelta(days=rng.randrange(DAYS)),
                        "category": rng.choice(("woman", "man", "man", "man", "child"))})
    flush(Case, cases)
    flush(DetentionCase, details, table=DetentionCase.__table__)
    db.session.execute(insert(AggregateRelease.__table__), [
        {"id": n + 1, "unit_id": units[n % 3].id, "state_id": states[n % 3].id,
         "period_start": date(2016 + n % 11, 1, 1),
         "period_end": date(2016 + n % 11, 12, 31), "source": "covid19", "source_details": "", "women": 10, "men": 90,
         "children": 5, "notes": "", "created_at": now, "updated_at": now} for n in range(300)])
    released = [d for d, c in zip(details, cases) if d["outcome"] == "released"][:2000]
    db.session.execute(insert(CoveredRelease.__table__), [
        {"aggregate_id": (i % 300) + 1, "case_id": d["id"]} for i, d in enumerate(released)])
    db.session.commit()
    settle_database()
    return users


def flush(model, rows: list[dict], table=None) -> None:
    for start in range(0, len(rows), 20000):
        db.session.execute(insert(table if table is not None else model.__table__), rows[start:start + 20000])


def timed(fn) -> float:
    samples = []
    for _ in range(REPEAT):
        start = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples) * 1000


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        url = os.environ.get("CASEWORK_DATABASE_URL") or f"sqlite:///{tmp}/bench.db"
        app = create_app(TestConfig, SQLALCHEMY_DATABASE_URI=url, UPLOAD_FOLDER=tmp)
        with app.app_context():
            db.drop_all()
            db.create_all()
            started = time.perf_counter()
            users = build()
            print(f"visits: {VISITS}  cases: {CASES}  places: {FACILITIES}  database: {db.engine.dialect.name}")
            print(f"build_s: {time.perf_counter() - started:.1f}")
            logins = {}
            for role, user in users.items():
                rows, total = figures(user, Filters())
                print(f"{role}: {total.visits} visits visible, {len(rows)} figure lines, "
                      f"{total.releases.total} persons released")
                print(f"  figures_all_years_ms: {timed(lambda: figures(user, Filters())):.1f}")
                print(f"  figures_one_year_ms: {timed(lambda: figures(user, Filters(year=2024))):.1f}")
                print(f"  release_totals_ms: {timed(lambda: release_totals(user, Filters())):.1f}")
                for label, filters in (("all_years", Filters()), ("one_year", Filters(year=2024))):
                    with app.test_request_context("/detention/"):
                        listing = timed(lambda: paginate(visits_query(user, filters), {"date": Visit.started_on},
                                                         "date", "desc"))
                    print(f"  visits_list_{label}_page_1_ms: {listing:.1f}")
                logins[role] = user.email
            db.session.remove()
        # Through the app, as a browser asks: each request in its own app context, as in a server.
        for role, email in logins.items():
            client = app.test_client()
            client.post("/login", data={"email": email, "password": PASSWORD})
            assert client.get("/detention/figures").status_code == 200
            print(f"{role}: figures_page_http_ms: {timed(lambda: client.get('/detention/figures')):.1f}")
        with app.app_context():
            db.engine.dispose()


if __name__ == "__main__":
    main()
