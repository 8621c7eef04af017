"""Urgent actions at the Committee's scale.

1. Register one event with 43 disappeared persons in one step (one urgent action each, numbered
   consecutively, 86 letters drafted), then render every letter to PDF with a warm WeasyPrint.
2. The statistics page over 100,000 urgent actions (49 % Iraq, 42 % Mexico, as published), for a
   CED officer: the grouped query alone, and the whole page through the app.

Builds its own SQLite database (or uses CASEWORK_DATABASE_URL). Run: python benchmarks/urgent_actions.py
Prints `name: value` lines.
"""
from __future__ import annotations

import os
import random
import time
from datetime import date

from _support import benchmark_app, median_ms, settle_database  # the repository on sys.path, the app, the timer
from sqlalchemy import insert, select  # noqa: E402

from casework.admin.operations import save_user, set_membership  # noqa: E402
from casework.auth.models import Role  # noqa: E402
from casework.core.cases import Case  # noqa: E402
from casework.core.db import utcnow  # noqa: E402
from casework.core.persons import CasePerson, Person, PersonRole, Sex  # noqa: E402
from casework.core.states import State, load_states  # noqa: E402
from casework.core.units import Unit, UnitKind  # noqa: E402
from casework.extensions import db  # noqa: E402
from casework.letters.compose import compose  # noqa: E402
from casework.letters.models import Letter  # noqa: E402
from casework.letters.rendering import render_letter_pdf  # noqa: E402
from casework.urgent_actions import operations as ops  # noqa: E402
from casework.urgent_actions.models import Criterion, Located, Outcome, UrgentAction  # noqa: E402
from casework.urgent_actions.queries import statistics  # noqa: E402

URGENT_ACTIONS = int(os.environ.get("BENCH_URGENT_ACTIONS", "100000"))
REPEAT = 15
PASSWORD = "benchmark password 2026"
OUTCOMES = [("awaiting_reply", None, 40), ("in_follow_up", None, 25), ("located_alive", Located.ALIVE_AND_FREE, 5),
            ("located_in_detention", Located.IN_DETENTION, 2), ("closed_deceased", Located.DECEASED, 2),
            ("located_deceased", Located.DECEASED, 1), ("discontinued", None, 15), ("suspended", None, 10)]




def setup():
    load_states()
    unit = Unit(code="CED", name="Committee on Enforced Disappearances", kind=UnitKind.COMMITTEE)
    db.session.add(unit)
    db.session.flush()
    officer = save_user(None, "CED Officer", "officer@example.org", PASSWORD, False, False, True)
    set_membership(officer, unit, Role.CASE_OFFICER)
    db.session.commit()
    return unit, officer


def group_of_43(unit, officer) -> None:
    mexico = db.session.scalar(select(State).where(State.iso3 == "MEX"))
    data = ops.GroupRegistration(
        title="Students of the Ayotzinapa teacher training college, Iguala, 26 September 2014",
        event=ops.Disappearance(state_id=mexico.id, received_on=date(2026, 10, 1), language="es",
                                last_seen_place="Iguala, Guerrero", circumstances="Taken from buses by police.",
                                authors=[ops.PersonInput("Families' representative", "")],
                                complaints=[("Fiscalía General de la República", date(2026, 9, 27), "FGR/1")]),
        persons=[ops.PersonInput(f"Estudiante {i}", "Normalista", Sex.MALE, age=19) for i in range(1, 44)],
        criteria={c.value: True for c in Criterion}, letters=ops.PER_PERSON)
    start = time.perf_counter()
    group = ops.register_group(data, unit, officer, on=date(2026, 10, 1))
    db.session.commit()
    print(f"group_43_register_ms: {(time.perf_counter() - start) * 1000:.0f}")
    letters = db.session.scalars(select(Letter).where(Letter.parent_id.in_([ua.id for ua in group.members]))).all()
    print(f"group_43_letters: {len(letters)}")
    render_letter_pdf(compose(letters[0], draft=True))  # warm WeasyPrint and its fonts, as a worker is
    start = time.perf_counter()
    for letter in letters:
        render_letter_pdf(compose(letter, draft=False))
    elapsed = time.perf_counter() - start
    print(f"group_43_render_all_s: {elapsed:.1f}")
    print(f"group_43_render_per_letter_ms: {elapsed / len(letters) * 1000:.0f}")


def many_urgent_actions(unit, officer) -> None:
    """Bulk rows, as an import of the Committee's register would make them: one disappeared person
    per urgent action, with their outcome when located."""
    states = dict(db.session.execute(select(State.iso3, State.id)).all())
    others = [sid for iso, sid in states.items() if iso not in ("MEX", "IRQ")][:20]
    rng, now = random.Random(30), utcnow()
    weights = [o[2] for o in OUTCOMES]
    cases, details, persons, links, outcomes, per_year = [], [], [], [], [], {2026: 43}  # the group took UA 1-43/2026
    first_id = (db.session.scalar(select(Case.id).order_by(Case.id.desc()).limit(1)) or 0) + 1
    first_person = (db.session.scalar(select(Person.id).order_by(Person.id.desc()).limit(1)) or 0) + 1
    for n in range(URGENT_ACTIONS):
        draw = rng.random()
        state = states["IRQ"] if draw < 0.49 else states["MEX"] if draw < 0.91 else rng.choice(others)
        year = rng.randint(2012, 2026)
        number = per_year[year] = per_year.get(year, 0) + 1
        status, located, _w = rng.choices(OUTCOMES, weights)[0]
        cases.append({"id": first_id + n, "case_type": "urgent_action", "unit_id": unit.id,
                      "reference": f"UA {number}/{year}", "title": f"Disappearance of person {n}", "status": status,
                      "confidential": False, "officer_id": officer.id, "version": 1, "created_at": now,
                      "updated_at": now})
        details.append({"id": first_id + n, "number": number, "registration_year": year,
                        "received_on": date(year, 1, 1), "registered_on": date(year, 1, 2), "state_id": state,
                        "language": "es", "criteria": {},
                        "last_seen_place": "", "circumstances": "", "alleged_perpetrators": "", "other_procedures": "",
                        "protection_needs": "", "authors_relationship": "", "authors_contact": "",
                        "decision_reason": ""})
        persons.append({"id": first_person + n, "family_name": f"Person {n}", "unit_id": unit.id})
        links.append({"case_id": first_id + n, "person_id": first_person + n, "role": PersonRole.DISAPPEARED_PERSON})
        if located is not None:
            outcomes.append({"case_id": first_id + n, "person_id": first_person + n, "outcome": located,
                             "located_on": date(year, 6, 1), "recorded_by_id": officer.id, "recorded_at": now})
    for start in range(0, URGENT_ACTIONS, 10000):
        db.session.execute(insert(Case.__table__), cases[start:start + 10000])
        db.session.execute(insert(UrgentAction.__table__), details[start:start + 10000])
        db.session.execute(insert(Person.__table__), persons[start:start + 10000])
        db.session.execute(insert(CasePerson.__table__), links[start:start + 10000])
    for start in range(0, len(outcomes), 10000):
        db.session.execute(insert(Outcome.__table__), outcomes[start:start + 10000])
    db.session.commit()
    settle_database()


def statistics_page(app, officer) -> None:
    print(f"urgent_actions: {db.session.scalar(select(db.func.count()).select_from(UrgentAction))}")
    figures = statistics(officer)
    print(f"statistics_total_registered: {figures.total['registered']}")
    print(f"statistics_persons_located: {figures.total['located']}")
    print(f"statistics_share_iraq_percent: {next(s['share'] for s in figures.states if s['state'] == 'Iraq') * 100:.1f}")
    print(f"statistics_query_median_ms: {median_ms(lambda: statistics(officer)):.1f}")
    client = app.test_client()
    client.post("/login", data={"email": officer.email, "password": PASSWORD})
    assert client.get("/urgent-actions/statistics").status_code == 200
    print(f"statistics_page_median_ms: {median_ms(lambda: client.get('/urgent-actions/statistics')):.1f}")
    print(f"list_first_page_median_ms: {median_ms(lambda: client.get('/urgent-actions/')):.1f}")
    print(f"list_overdue_median_ms: {median_ms(lambda: client.get('/urgent-actions/?due=overdue')):.1f}")


def main() -> None:
    with benchmark_app() as app:
        unit, officer = setup()
        group_of_43(unit, officer)
        started = time.perf_counter()
        many_urgent_actions(unit, officer)
        print(f"build_s: {time.perf_counter() - started:.1f}")
        statistics_page(app, officer)


if __name__ == "__main__":
    main()
