"""Registering a group of disappeared persons in one step (CED urgent actions).

Builds its own database, then registers groups of N persons (default 100, 300 and 1,000), each
person an urgent action of the group with its note verbale and letter to the authors, as the page
does: a group of up to GROUP_INLINE_MAX persons within the request, a larger one in the request
(numbers reserved, first person registered) and then in the background, a chunk per transaction:

    group_registration_<N>_request_s      seconds the page waits (the request and its commit)
    group_registration_<N>_background_s   seconds the background job takes (0 for a small group)

SQLite by default; set CASEWORK_DATABASE_URL to a PostgreSQL database to measure there (it is
emptied). Run: python benchmarks/group_registration.py
"""
from __future__ import annotations

import os
import time
from datetime import date

from _support import benchmark_app  # the repository on sys.path, the app
from sqlalchemy import select  # noqa: E402

from casework.admin.operations import save_user, set_membership  # noqa: E402
from casework.auth.models import Role  # noqa: E402
from casework.core.jobs import run_job  # noqa: E402
from casework.core.persons import Sex  # noqa: E402
from casework.core.reference import load_reference_data  # noqa: E402
from casework.core.states import State  # noqa: E402
from casework.core.units import Unit  # noqa: E402
from casework.extensions import db  # noqa: E402
from casework.urgent_actions import operations as ops  # noqa: E402
from casework.urgent_actions.models import Criterion  # noqa: E402

SIZES = [int(n) for n in os.environ.get("BENCH_GROUP_SIZES", "100,300,1000").split(",")]


def _group(size: int, state: State) -> ops.GroupRegistration:
    event = ops.Disappearance(
        state_id=state.id, received_on=date(2026, 3, 2), language="es", last_seen_on=date(2026, 2, 20),
        last_seen_place="Checkpoint on federal highway 85", circumstances="Taken from a bus by armed men.",
        alleged_perpetrators="Unidentified armed men", protection_needs="",
        authors=[ops.PersonInput("Authors' family", "Given", Sex.FEMALE)], authors_relationship="Mother",
        authors_contact="c/o the families' collective", complaints=[])
    persons = [ops.PersonInput(f"Family{i:04d}", f"Given{i}", Sex.MALE, age=20 + i % 30) for i in range(size)]
    return ops.GroupRegistration(title=f"A group of {size}", event=event, persons=persons,
                                 criteria={c.value: True for c in Criterion}, reason="All criteria met.")


def main() -> None:
    with benchmark_app():
        load_reference_data()
        unit = db.session.scalar(select(Unit).where(Unit.code == "CED"))
        officer = save_user(None, "Officer", "officer@example.org", "benchmark password", False, False, True)
        set_membership(officer, unit, Role.CASE_OFFICER)
        mexico = db.session.scalar(select(State).where(State.iso3 == "MEX"))
        db.session.commit()
        print(f"database: {db.engine.dialect.name}")
        for size in SIZES:
            data = _group(size, mexico)
            started = time.perf_counter()
            group = ops.register_group(data, unit, officer)
            queued = db.session.info.pop("jobs_to_dispatch", [])  # run below, timed on its own
            db.session.commit()
            print(f"group_registration_{size}_request_s: {time.perf_counter() - started:.1f}")
            started = time.perf_counter()
            for record_id in queued:
                run_job(record_id)
            db.session.expire_all()
            assert group.waiting is None and len(group.members) == size
            print(f"group_registration_{size}_background_s: {time.perf_counter() - started:.1f}")


if __name__ == "__main__":
    main()
