"""Reprisals at the team's scale over two decades: new cases from about 45 countries a year.

Builds 1,000 cases through the operations (victim, act, consent, risk, action, inclusion in the
report of their year), the supervisor assigned to all of them. Then times, as the supervisor: the
first page of the list; the report draft for one year (built, and rendered to PDF with a warm
WeasyPrint); and, as an unassigned team member, the list (which must come back empty).

Builds its own SQLite database (or uses CASEWORK_DATABASE_URL). Run: python benchmarks/reprisals.py
Prints `name: value` lines.
"""
from __future__ import annotations

import os
import random
import statistics as stats
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from flask import render_template  # noqa: E402
from sqlalchemy import select  # noqa: E402

from casework import create_app  # noqa: E402
from casework.admin.operations import save_user, set_membership  # noqa: E402
from casework.auth.models import Role  # noqa: E402
from casework.core.audit import acting_as  # noqa: E402
from casework.core.pagination import paginate  # noqa: E402
from casework.core.pdf import render_pdf  # noqa: E402
from casework.core.states import State, load_states  # noqa: E402
from casework.core.units import Unit, UnitKind  # noqa: E402
from casework.core.workflow import fire  # noqa: E402
from casework.extensions import db  # noqa: E402
from casework.reprisals import operations as ops  # noqa: E402
from casework.reprisals.models import (  # noqa: E402
    ActCategory, ActionKind, Annex, ConsentScope, ReprisalCase, RiskLevel, UNBody, VictimKind,
)
from casework.reprisals.queries import reprisal_cases_for  # noqa: E402
from casework.reprisals.report import build_draft  # noqa: E402
from config import TestConfig  # noqa: E402

CASES = int(os.environ.get("BENCH_REPRISALS", "1000"))
REPEAT = 15
YEARS = range(2007, 2027)


def setup():
    load_states()
    unit = Unit(code="REPRISALS", name="Reprisals team", kind=UnitKind.REPRISALS_TEAM)
    db.session.add(unit)
    db.session.flush()
    supervisor = save_user(None, "Supervisor", "supervisor@example.org", "benchmark password 2026", False, False, True)
    viewer = save_user(None, "Viewer", "viewer@example.org", "benchmark password 2026", False, False, True)
    set_membership(supervisor, unit, Role.SUPERVISOR)
    set_membership(viewer, unit, Role.VIEWER)
    db.session.commit()
    return unit, supervisor, viewer


def build(unit, supervisor) -> None:
    rng = random.Random(7)
    states = list(db.session.scalars(select(State.id)))[:45]
    with acting_as(supervisor.id):
        for n in range(CASES):
            year = YEARS[n % len(YEARS)]
            day = date(year - 1, rng.randint(5, 12), rng.randint(1, 28))
            case = ops.create_case(ops.Allegation(
                title=f"Case {n}", state_id=rng.choice(states), received_on=day, engaged_body=rng.choice(list(UNBody)),
                summary="Arrested after meeting a special rapporteur."),
                [ops.VictimInput(VictimKind.INDIVIDUAL, family_name=f"Family{n}", given_names="Given")], unit,
                supervisor)
            ops.add_act(case, rng.choice(list(ActCategory)), day, "", supervisor)
            fire(case, "assess", supervisor)
            ops.assess_risk(case, RiskLevel.MEDIUM, day, "", supervisor)
            ops.record_consent(case, informed=True, scope=rng.choice(list(ConsentScope)), given_by="The victim",
                               given_on=day, actor=supervisor)
            fire(case, "verify", supervisor)
            fire(case, "verified", supervisor)
            ops.record_action(case, ActionKind.JOINT_LETTER, day, "", supervisor)
            fire(case, "consider_inclusion", supervisor)
            ops.decide_inclusion(case, year, Annex.NEW, supervisor, on=day)
            if n % 100 == 99:
                db.session.commit()
    db.session.commit()


def timed(fn) -> tuple[float, float]:
    samples = []
    for _ in range(REPEAT):
        db.session.expire_all()
        started = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - started) * 1000)
    samples.sort()
    return stats.median(samples), samples[int(len(samples) * 0.95) - 1]


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        url = os.environ.get("CASEWORK_DATABASE_URL") or f"sqlite:///{tmp}/bench.db"
        app = create_app(TestConfig, SQLALCHEMY_DATABASE_URI=url, UPLOAD_FOLDER=tmp)
        with app.app_context(), app.test_request_context():
            db.drop_all()
            db.create_all()
            unit, supervisor, viewer = setup()
            started = time.perf_counter()
            build(unit, supervisor)
            print(f"cases: {CASES}")
            print(f"build_s: {time.perf_counter() - started:.1f}")

            def first_page(user):
                return lambda: paginate(reprisal_cases_for(user), sorts={"received": ReprisalCase.received_on},
                                        default_sort="received", default_direction="desc")

            median, p95 = timed(first_page(supervisor))
            print(f"list_first_page_supervisor_ms_median: {median:.1f}\nlist_first_page_supervisor_ms_p95: {p95:.1f}")
            median, p95 = timed(first_page(viewer))
            print(f"list_first_page_unassigned_ms_median: {median:.1f}\nlist_first_page_unassigned_ms_p95: {p95:.1f}")
            assert first_page(viewer)().total == 0, "an unassigned team member sees cases"
            draft = build_draft(supervisor, unit, 2026)
            print(f"report_cases_in_year: {sum(len(s.entries) + s.undescribed for s in draft.annexes[Annex.NEW])}")
            median, p95 = timed(lambda: build_draft(supervisor, unit, 2026))
            print(f"report_build_ms_median: {median:.1f}\nreport_build_ms_p95: {p95:.1f}")
            html = render_template("reprisals/report_document.html", draft=draft)
            render_pdf(html)
            started = time.perf_counter()
            pdf = render_pdf(html)
            print(f"report_pdf_render_ms: {(time.perf_counter() - started) * 1000:.0f}")
            print(f"report_pdf_kb: {len(pdf) // 1024}")
            db.session.remove()
            db.engine.dispose()


if __name__ == "__main__":
    main()
