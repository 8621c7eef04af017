"""The disappearances working group at its historical scale: tens of thousands of cases since 1980.

Builds BENCH_WGEID cases (20,000 unless said) of one unit over 45 years and 40 States, a few of them
confidential, then times, as a member of the working group and as a member of the secretariat: the
first page of the list, a deep page, the list filtered by State and year, and the cases by status.

Builds its own SQLite database (or uses CASEWORK_DATABASE_URL). Run: python benchmarks/working_groups.py
Prints `name: value` lines.
"""
from __future__ import annotations

import os
import random
from datetime import date, timedelta

from _support import benchmark_app, median_ms  # the repository on sys.path, the app, the timer
from sqlalchemy import select

from casework.admin.operations import save_user, set_membership
from casework.auth.models import Role
from casework.core.pagination import paginate
from casework.core.states import State, load_states
from casework.core.units import Unit, UnitKind
from casework.extensions import db
from casework.working_groups.models import DisappearanceCase, DisappearanceStatus, Procedure
from casework.working_groups.queries import cases_for, count_by_status

CASES = int(os.environ.get("BENCH_WGEID", "20000"))


def build() -> tuple[Unit, dict]:
    load_states()
    unit = Unit(code="WGEID", name="Working Group on Enforced or Involuntary Disappearances", kind=UnitKind.MANDATE)
    secretariat = Unit(code="OHCHR", name="Secretariat", kind=UnitKind.SECRETARIAT)
    db.session.add_all([unit, secretariat])
    db.session.flush()
    users = {"member": save_user(None, "Member", "member@example.org", "x" * 12, False, False, True),
             "secretariat": save_user(None, "Chief", "chief@example.org", "x" * 12, False, False, True)}
    set_membership(users["member"], unit, Role.CASE_OFFICER)
    set_membership(users["secretariat"], secretariat, Role.VIEWER)
    states = list(db.session.scalars(select(State.id).order_by(State.id).limit(40)))
    rng = random.Random(1980)
    statuses = [s.value for s in DisappearanceStatus]
    for start in range(0, CASES, 2000):
        batch = []
        for n in range(start, min(start + 2000, CASES)):
            received = date(1980, 1, 1) + timedelta(days=rng.randrange(45 * 365))
            batch.append(DisappearanceCase(
                unit_id=unit.id, status=rng.choice(statuses), title=f"Disappearance {n}", reference=f"WGEID {n + 1}",
                confidential=n % 500 == 0, state_id=rng.choice(states), received_on=received,
                disappeared_on=received - timedelta(days=rng.randrange(1, 900)), procedure=Procedure.STANDARD))
        db.session.add_all(batch)
        db.session.commit()
    return unit, users


def main() -> None:
    with benchmark_app() as app:
        unit, users = build()
        state = db.session.scalar(select(DisappearanceCase.state_id).limit(1))
        print(f"cases: {CASES}")
        for who, user in users.items():
            def page(query: str) -> None:
                with app.test_request_context(query):
                    paginate(cases_for(user, DisappearanceCase, unit.id, state=state if "state" in query else None,
                                       year=2001 if "year" in query else None),
                             sorts={"received": DisappearanceCase.received_on}, default_sort="received",
                             default_direction="desc", key=DisappearanceCase.id)

            print(f"{who}_list_first_page_ms: {median_ms(lambda: page('/')):.1f}")
            print(f"{who}_list_page_300_ms: {median_ms(lambda: page('/?page=300')):.1f}")
            print(f"{who}_list_state_and_year_ms: {median_ms(lambda: page('/?state=1&year=1')):.1f}")
            print(f"{who}_cases_by_status_ms: "
                  f"{median_ms(lambda: count_by_status(user, DisappearanceCase, unit.id)):.1f}")


if __name__ == "__main__":
    main()
