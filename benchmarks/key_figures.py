"""The key figures page for a year on a large installation.

Builds its own database with N cases (default 200,000) across the modules — communications with
their registrations, decisions and interim measures; urgent actions with persons located;
special-procedures letters with their addressees, copies and replies; visits, individual cases and
aggregate release records; confidential reprisals cases — spread over 2014–2026, then times the
whole page for one year (routing, access policy, every module's queries, the charts and the
template) as a CCPR case officer and as a member of the secretariat (who sees every unit).

    key_figures_year_first_ms_<who>   the first request, which draws the charts (later ones reuse them)
    key_figures_year_ms_<who>         median of the page for the year
    key_figures_year_p95_ms_<who>     the slowest but one of the samples
    ua_statistics_ms_secretariat      the urgent actions' statistics page (every year), median and p95

SQLite by default; set BENCH_DATABASE_URL to a PostgreSQL database to measure there (it is
emptied). BENCH_CASES=200000,1000000 prints both sizes side by side; BENCH_KEEP=1 keeps the
database for the next run. Run: python benchmarks/key_figures.py. `time_key_figures(client, year)` times the page
with a signed-in test client on any dataset, for other benchmarks.
"""
from __future__ import annotations

import random
import statistics
import time
from datetime import date, timedelta

from _support import (  # also puts the repository on sys.path
    benchmark_app, count_tallies, figure, mark_built, run_sizes, serving, settle_database, settle_like_a_server, sizes,
)
from sqlalchemy import insert, select  # noqa: E402

from casework.admin.operations import save_user, set_membership  # noqa: E402
from casework.auth.models import Role  # noqa: E402
from casework.communications.committees import COMMITTEES  # noqa: E402
from casework.communications.models import Communication, Decision, DecisionType, InterimMeasure  # noqa: E402
from casework.core.cases import Case, CaseAssignment  # noqa: E402
from casework.core.db import utcnow  # noqa: E402
from casework.core.persons import CasePerson, Person, PersonRole  # noqa: E402
from casework.core.reference import load_reference_data  # noqa: E402
from casework.core.states import State  # noqa: E402
from casework.core.units import Unit, UnitKind  # noqa: E402
from casework.detention.cases.models import (  # noqa: E402
    AggregateRelease, CaseIssue, CaseOutcome, DetentionCase, ReleaseCategory, ReleaseSource,
)
from casework.detention.places.models import Facility, FacilityType  # noqa: E402
from casework.detention.visits.models import Visit  # noqa: E402
from casework.extensions import db  # noqa: E402
from casework.reprisals.models import ReprisalCase, UNBody  # noqa: E402
from casework.letters.document import LetterKind  # noqa: E402
from casework.letters.models import AddresseeKind, Letter, LetterAddressee  # noqa: E402
from casework.special_procedures.models import (  # noqa: E402
    SP_LETTER_TYPE, CommunicationType, Mandate, Reply, SpCommunication,
)
from casework.urgent_actions.models import Located, Outcome, UrgentAction  # noqa: E402

CASES = sizes("200000")[0]  # one_size sets the size measured
YEAR = 2025
REPEAT = 15
PASSWORD = "benchmark password"
FIRST = date(2014, 1, 1)
DAYS = (date(2026, 12, 31) - FIRST).days
# Shares of the cases per kind, roughly the Office's proportions over a decade.
SHARES = {"communication": 0.40, "urgent_action": 0.15, "sp_communication": 0.20, "visit": 0.15,
          "detention_case": 0.075, "reprisal": 0.025}


class Rows(dict):
    """Rows to insert, per table, in insertion order."""

    def add(self, table, row: dict) -> None:
        self.setdefault(table, []).append(row)


def _day(rng: random.Random) -> date:
    return FIRST + timedelta(days=rng.randrange(DAYS))


def _case(rows: Rows, case_id: int, kind: str, unit_id: int, title: str, status: str, now,
          confidential: bool = False) -> None:
    rows.add(Case.__table__, {"id": case_id, "case_type": kind, "unit_id": unit_id, "title": title, "status": status,
                              "confidential": confidential, "version": 1, "created_at": now, "updated_at": now})


def _communication(rows, rng, case_id, now, committees, states, numbers) -> None:
    unit = rng.choice(committees)
    received = _day(rng)
    registered = received + timedelta(days=rng.randrange(10, 200)) if rng.random() < 0.8 else None
    number = None
    if registered:
        numbers[(unit.id, registered.year)] = number = numbers.get((unit.id, registered.year), 0) + 1
    _case(rows, case_id, "communication", unit.id, f"Author {case_id} v. State",
          "registered" if registered else "received", now, confidential=rng.random() < 0.01)
    rows.add(Communication.__table__, {"id": case_id, "committee_id": unit.id, "state_id": rng.choice(states),
                                       "received_on": received, "registered_on": registered, "number": number,
                                       "year": registered.year if registered else None})
    if registered and rng.random() < 0.5:
        rows.add(Decision.__table__, {"communication_id": case_id, "decision_type": rng.choice(list(DecisionType)),
                                      "adopted_on": registered + timedelta(days=rng.randrange(100, 1500)),
                                      "session": 140, "symbol": f"D/{case_id}", "created_at": now, "updated_at": now})
    if registered and rng.random() < 0.05:
        rows.add(InterimMeasure.__table__, {"communication_id": case_id, "measure": "Do not deport",
                                            "requested_on": registered, "created_at": now, "updated_at": now})


def _urgent_action(rows, rng, case_id, now, ced, states, numbers) -> None:
    registered = _day(rng)
    numbers[registered.year] = number = numbers.get(registered.year, 0) + 1
    located = rng.choice(list(Located)) if rng.random() < 0.2 else None
    _case(rows, case_id, "urgent_action", ced.id, f"Disappearance {case_id}", "registered", now)
    rows.add(UrgentAction.__table__, {
        "id": case_id, "number": number, "registration_year": registered.year, "received_on": registered,
        "registered_on": registered, "state_id": rng.choice(states[:2]) if rng.random() < 0.9 else rng.choice(states)})
    # The disappeared person, who has the case's id (persons and cases are numbered apart), and where found.
    rows.add(Person.__table__, {"id": case_id, "family_name": f"Disappeared {case_id}", "unit_id": ced.id})
    rows.add(CasePerson.__table__, {"case_id": case_id, "person_id": case_id, "role": PersonRole.DISAPPEARED_PERSON})
    if located is not None:
        rows.add(Outcome.__table__, {"case_id": case_id, "person_id": case_id, "outcome": located,
                                     "located_on": registered + timedelta(days=rng.randrange(5, 900)),
                                     "recorded_at": now})


def _letter(rows, rng, case_id, now, mandate, states, ids) -> None:
    sent = _day(rng)
    _case(rows, case_id, "sp_communication", mandate["unit_id"], f"Letter {case_id}", "sent", now)
    rows.add(Letter.__table__, {"id": case_id, "letter_type": SP_LETTER_TYPE, "kind": LetterKind.LETTER,
                                "sent_on": sent})
    rows.add(SpCommunication.__table__, {"id": case_id, "comm_type": rng.choice(list(CommunicationType)),
                                         "lead_mandate_id": mandate["id"]})
    addressees = [{"kind": AddresseeKind.STATE, "state_id": rng.choice(states), "name": "", "is_copy": False,
                   "copy_of_id": None}]
    if rng.random() < 0.1:
        company = ids["addressee"] + 2
        addressees += [{"kind": AddresseeKind.NON_STATE, "state_id": None,
                        "name": f"Company {rng.randrange(500)}", "is_copy": False, "copy_of_id": None},
                       {"kind": AddresseeKind.STATE, "state_id": rng.choice(states), "name": "", "is_copy": True,
                        "copy_of_id": company}]
    for row in addressees:
        ids["addressee"] += 1
        rows.add(LetterAddressee.__table__, {**row, "id": ids["addressee"], "letter_id": case_id})
    if rng.random() < 0.6:
        rows.add(Reply.__table__, {"communication_id": case_id, "received_on": sent + timedelta(days=rng.randrange(
            10, 200))})


def _visit(rows, rng, case_id, now, facilities) -> None:
    place = rng.choice(facilities)
    _case(rows, case_id, "visit", place["unit_id"], f"Visit {case_id}", "final", now)
    rows.add(Visit.__table__, {"id": case_id, "number": f"DV/{case_id}", "facility_id": place["id"],
                               "started_on": _day(rng)})


def _detention_case(rows, rng, case_id, now, facilities, person_id) -> None:
    place = rng.choice(facilities)
    outcome = rng.choice(list(CaseOutcome)) if rng.random() < 0.7 else None
    _case(rows, case_id, "detention_case", place["unit_id"], f"Detainee {case_id}", "open", now)
    rows.add(DetentionCase.__table__, {
        "id": case_id, "facility_id": place["id"], "person_id": person_id, "issue": CaseIssue.NO_LEGAL_BASIS,
        "outcome": outcome, "outcome_on": _day(rng) if outcome else None,
        "category": rng.choice(list(ReleaseCategory)) if outcome else None})


def _reprisal(rows, rng, case_id, now, team, member_id, states) -> None:
    _case(rows, case_id, "reprisal", team.id, f"Reprisal {case_id}", "received", now, confidential=True)
    rows.add(ReprisalCase.__table__, {"id": case_id, "state_id": rng.choice(states), "received_on": _day(rng),
                                      "engaged_body": UNBody.TREATY_BODY})
    if rng.random() < 0.5:
        rows.add(CaseAssignment.__table__, {"case_id": case_id, "user_id": member_id, "assigned_at": now})


def _units() -> dict:
    load_reference_data()
    made = {}
    for code, kind in (("OHCHR", UnitKind.SECRETARIAT), ("SR-DEF", UnitKind.MANDATE), ("FO-COL", UnitKind.FIELD_OFFICE),
                       ("FO-MEX", UnitKind.FIELD_OFFICE), ("REPRISALS", UnitKind.REPRISALS_TEAM),
                       *((code, UnitKind.COMMITTEE) for code in COMMITTEES)):
        made[code] = db.session.scalar(select(Unit).where(Unit.code == code)) or Unit(code=code, name=code, kind=kind)
        db.session.add(made[code])
    db.session.flush()
    return made


def _people(units: dict) -> None:
    for email, code, role in (("officer@example.org", "CCPR", Role.CASE_OFFICER),
                              ("secretariat@example.org", "OHCHR", Role.VIEWER),
                              ("reprisals@example.org", "REPRISALS", Role.CASE_OFFICER)):
        user = save_user(None, email.split("@")[0].title(), email, PASSWORD, False, False, True)
        set_membership(user, units[code], role)
    db.session.commit()


def build() -> None:
    units = _units()
    _people(units)
    rng, now = random.Random(11), utcnow()
    states = list(db.session.scalars(select(State.id).order_by(State.id)))
    mex, irq = (db.session.scalar(select(State.id).where(State.iso3 == code)) for code in ("MEX", "IRQ"))
    states = [mex, irq] + [s for s in states if s not in (mex, irq)]
    rows = Rows()
    mandate = {"id": 1, "unit_id": units["SR-DEF"].id}
    rows.add(Mandate.__table__, {**mandate, "name": "Special Rapporteur on human rights defenders"})
    facilities = [{"id": n, "unit_id": units["FO-COL" if n % 2 else "FO-MEX"].id} for n in range(1, 501)]
    for place in facilities:
        rows.add(Facility.__table__, {**place, "state_id": states[2 + place["id"] % 2], "name": f"Place {place['id']}",
                                      "facility_type": FacilityType.PRISON, "created_at": now, "updated_at": now})
    committees = [units[code] for code in COMMITTEES]
    from casework.auth.models import User

    team_member = db.session.scalar(select(User.id).where(User.email == "reprisals@example.org"))
    numbers: dict = {}
    ua_numbers: dict = {}
    ids = {"addressee": 0}
    kinds = random.Random(3).choices(list(SHARES), list(SHARES.values()), k=CASES)
    for case_id, kind in enumerate(kinds, 1):
        if kind == "communication":
            _communication(rows, rng, case_id, now, committees, states, numbers)
        elif kind == "urgent_action":
            _urgent_action(rows, rng, case_id, now, units["CED"], states, ua_numbers)
        elif kind == "sp_communication":
            _letter(rows, rng, case_id, now, mandate, states, ids)
        elif kind == "visit":
            _visit(rows, rng, case_id, now, facilities)
        elif kind == "detention_case":
            rows.add(Person.__table__, {"id": case_id, "family_name": f"Detainee {case_id}",
                                        "unit_id": units["FO-COL"].id})
            _detention_case(rows, rng, case_id, now, facilities, case_id)
        else:
            _reprisal(rows, rng, case_id, now, units["REPRISALS"], team_member, states)
    for n in range(200):
        end = _day(rng)
        rows.add(AggregateRelease.__table__, {
            "unit_id": units["FO-COL"].id, "state_id": states[2], "period_start": end - timedelta(days=90),
            "period_end": end, "source": ReleaseSource.COVID19, "women": rng.randrange(20), "men": rng.randrange(200),
            "children": rng.randrange(10), "created_at": now, "updated_at": now})
    order = [Mandate.__table__, Facility.__table__, Person.__table__, Case.__table__]
    for table in order + [t for t in rows if t not in order]:
        batch = rows.get(table, [])
        for start in range(0, len(batch), 20000):
            db.session.execute(insert(table), batch[start:start + 20000])
    db.session.commit()
    settle_database()


def time_key_figures(client, year: int, repeat: int = REPEAT) -> list[float]:
    """Milliseconds of each request of the key figures page for `year`, by a signed-in client."""
    return time_page(client, f"/figures/?year={year}", repeat)


def one_size(cases: int) -> None:
    global CASES
    CASES = cases
    with benchmark_app(f"key-figures-{cases}") as app:
        started = time.perf_counter()
        if not app.config["BENCH_REUSED"]:
            build()
            mark_built(f"key-figures-{cases}")
        count_tallies(every=not app.config["BENCH_REUSED"])
        print(f"database: {db.engine.dialect.name}")
        print(f"cases: {CASES}")
        print(f"build_s: {time.perf_counter() - started:.1f}")
        settle_like_a_server()
        with serving():  # each request in its own app context, as in a server
            time_as_readers(app)


def time_as_readers(app) -> None:
    """The page for the year as a CCPR officer and as the secretariat viewer, through the app; and
    the urgent actions' statistics page (all years) as the secretariat viewer."""
    for who in ("officer", "secretariat"):
        client = app.test_client()
        signed_in = client.post("/login", data={"email": f"{who}@example.org", "password": PASSWORD})
        assert signed_in.status_code == 302 and "/login" not in signed_in.location
        figure(f"key_figures_year_first_ms_{who}", time_key_figures(client, YEAR, repeat=1)[0])
        samples = sorted(time_key_figures(client, YEAR))
        figure(f"key_figures_year_ms_{who}", statistics.median(samples))
        figure(f"key_figures_year_p95_ms_{who}", samples[-2])
    samples = sorted(time_page(client, "/urgent-actions/statistics"))
    figure("ua_statistics_ms_secretariat", statistics.median(samples))
    figure("ua_statistics_p95_ms_secretariat", samples[-2])


def time_page(client, url: str, repeat: int = REPEAT) -> list[float]:
    """Milliseconds of each request of a page, by a signed-in client."""
    samples = []
    for _ in range(repeat):
        started = time.perf_counter()
        response = client.get(url)
        samples.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    return samples


def main() -> None:
    run_sizes("200000", one_size)


if __name__ == "__main__":
    main()
