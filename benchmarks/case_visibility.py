"""How fast the one visibility filter answers on a large installation.

Builds its own SQLite database (or uses CASEWORK_DATABASE_URL) with N cases across 20 units,
5 % of them confidential, then times what every listing does: count the visible cases, fetch
the first and a deep page, and the single-record check. Run: python benchmarks/case_visibility.py
"""
from __future__ import annotations

import os
import random
import time

from _support import benchmark_app, median_ms  # the repository on sys.path, the app, the timer
from sqlalchemy import func, insert, select  # noqa: E402

from casework.auth.models import Membership, Role, User  # noqa: E402
from casework.core.cases import Case, CaseAssignment  # noqa: E402
from casework.core.db import utcnow  # noqa: E402
from casework.core.permissions import Permission, can, visibility_clause  # noqa: E402
from casework.core.units import Unit, UnitKind  # noqa: E402
from casework.extensions import db  # noqa: E402

CASES = int(os.environ.get("BENCH_CASES", "200000"))
UNITS = 20
REPEAT = 20


def build() -> User:
    units = [Unit(code=f"U{i}", name=f"Unit {i}", kind=UnitKind.COMMITTEE) for i in range(UNITS)]
    db.session.add_all(units)
    db.session.flush()
    officer = User(email="officer@example.org", name="Officer", password_hash="x")
    db.session.add(officer)
    db.session.flush()
    db.session.add_all([Membership(user_id=officer.id, unit_id=units[i].id, role=Role.CASE_OFFICER) for i in (0, 1)])
    rng, now = random.Random(7), utcnow()
    rows = [
        {"case_type": "case", "unit_id": units[rng.randrange(UNITS)].id, "reference": f"{n}/2026",
         "title": f"Case {n}", "status": "registered", "confidential": rng.random() < 0.05,
         "version": 1, "created_at": now, "updated_at": now}
        for n in range(CASES)
    ]
    for start in range(0, CASES, 20000):
        db.session.execute(insert(Case.__table__), rows[start:start + 20000])
    confidential = db.session.scalars(select(Case.id).where(Case.confidential).limit(200)).all()
    db.session.execute(insert(CaseAssignment.__table__),
                       [{"case_id": cid, "user_id": officer.id, "assigned_at": now} for cid in confidential])
    db.session.commit()
    return officer


def main() -> None:
    with benchmark_app():
        started = time.perf_counter()
        officer = build()
        print(f"cases: {CASES}")
        print(f"build_s: {time.perf_counter() - started:.1f}")
        clause = visibility_clause(officer)
        count = lambda: db.session.scalar(select(func.count()).select_from(Case).where(clause))  # noqa: E731
        page = lambda offset: db.session.scalars(  # noqa: E731
            select(Case).where(clause).order_by(Case.updated_at.desc()).limit(50).offset(offset)).all()
        case = db.session.scalars(select(Case).where(clause)).first()
        print(f"visible_cases: {count()}")
        print(f"visible_count_median_ms: {median_ms(count, REPEAT):.1f}")
        print(f"first_page_median_ms: {median_ms(lambda: page(0), REPEAT):.1f}")
        print(f"page_200_median_ms: {median_ms(lambda: page(50 * 199), REPEAT):.1f}")
        print(f"single_check_median_us: {median_ms(lambda: can(officer, Permission.EDIT, case), REPEAT) * 1000:.1f}")


if __name__ == "__main__":
    main()
