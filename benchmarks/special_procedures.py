"""Special-procedures communications at the Office's scale: the public register and the desk's pages.

Builds its own database with N communications (default 21,000: thirty years at about 700 a year),
each with 1 lead and 0–6 co-signing mandates, one addressee (a tenth of them companies with a State
copied), an alleged victim and a reply for about 60 %. Nearly all are published. Then times full
page requests:

    public_register_page_1    the public register, newest first (anonymous)
    public_register_filtered  one State and one year
    public_json_year          the JSON export of one year (about 700 letters)
    desk_list_page_1          the desk's list, as a case officer of the lead mandate
    figures_year              the figures of one year
    overdue                   the overdue replies

SQLite by default; set CASEWORK_DATABASE_URL to a PostgreSQL database to measure there (it is
emptied). Run: python benchmarks/special_procedures.py
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

from sqlalchemy import insert, select  # noqa: E402

from casework import create_app  # noqa: E402
from casework.admin.operations import save_user, set_membership  # noqa: E402
from casework.auth.models import Role  # noqa: E402
from casework.core.cases import Case  # noqa: E402
from casework.core.db import utcnow  # noqa: E402
from casework.core.deadlines import Deadline  # noqa: E402
from casework.core.persons import CasePerson, Person  # noqa: E402
from casework.core.reference import load_reference_data  # noqa: E402
from casework.core.states import State  # noqa: E402
from casework.core.units import UnitKind  # noqa: E402
from casework.extensions import db  # noqa: E402
from casework.letters.models import Letter, LetterAddressee, LetterSignatory  # noqa: E402
from casework.special_procedures.models import (  # noqa: E402
    SP_LETTER_TYPE, CoSignature, Mandate, Reply, SpCommunication, SpVictim,
)
from casework.special_procedures.operations import ensure_mandates  # noqa: E402
from config import TestConfig  # noqa: E402

LETTERS = int(os.environ.get("BENCH_LETTERS", "21000"))
REPEAT = 15
PASSWORD = "benchmark password"
FIRST_YEAR = 1996


def build() -> None:
    load_reference_data()
    ensure_mandates()
    mandates = list(db.session.scalars(select(Mandate)))
    for m in mandates:
        m.holder_name, m.resolutions = f"Holder of {m.unit.code}", "1/1"
    lead = next(m for m in mandates if m.unit.code == "SR-HRDEFENDERS")
    officer = save_user(None, "Desk Officer", "officer@example.org", PASSWORD, False, False, True)
    set_membership(officer, lead.unit, Role.CASE_OFFICER)
    db.session.commit()
    rng = random.Random(5)
    state_ids = list(db.session.scalars(select(State.id)))
    leads = [m for m in mandates if m.unit.kind is UnitKind.MANDATE]
    now, today = utcnow(), date.today()
    years = today.year - FIRST_YEAR
    rows: dict[str, list[dict]] = {k: [] for k in ("cases", "letters", "comms", "cos", "signatures", "addr",
                                                   "persons", "links", "victims", "replies", "deadlines")}
    for i in range(1, LETTERS + 1):
        sent = date(FIRST_YEAR, 1, 1) + timedelta(days=int((i / LETTERS) * years * 365))
        status = "published" if sent < today - timedelta(days=60) else "sent"
        the_lead = lead if i % 4 == 0 else rng.choice(leads)
        company = i % 10 == 0
        state_id = rng.choice(state_ids)
        reference = f"AL {'OTH' if company else 'X'} {i}/{sent.year}"
        rows["cases"].append(dict(id=i, case_type="sp_communication", unit_id=the_lead.unit_id, reference=reference,
                                  title=f"allegations number {i}", status=status, confidential=False, version=1,
                                  created_at=now, updated_at=now, officer_id=officer.id))
        rows["letters"].append(dict(id=i, letter_type=SP_LETTER_TYPE, kind="letter", language="en", body="",
                                    letter_date=sent, sent_on=sent))
        rows["comms"].append(dict(id=i, comm_type=rng.choice("UA AL AL OL".split()), lead_mandate_id=the_lead.id,
                                  summary="According to the information received, " * 8, themes="",
                                  legislation="", questions="Please explain.", source="secret",
                                  published_on=sent + timedelta(days=60) if status == "published" else None,
                                  public_sent_on=sent if status == "published" else None,
                                  press_release_url="", report_session=""))
        signers = [the_lead] + rng.sample([m for m in mandates if m is not the_lead], rng.randint(0, 6))
        rows["cos"] += [dict(communication_id=i, mandate_id=m.id, status="lead" if n == 0 else "approved", position=n,
                             comment="") for n, m in enumerate(signers)]
        rows["signatures"] += [dict(letter_id=i, name=m.holder_name, title=m.name, position=n)
                               for n, m in enumerate(signers)]
        rows["addr"].append(dict(id=2 * i, letter_id=i, kind="non_state" if company else "state",
                                 state_id=None if company else state_id, name="Company Ltd." if company else "",
                                 is_copy=False, copy_of_id=None, position=0, reference=reference))
        if company:  # the State where the company is based, copied
            rows["addr"].append(dict(id=2 * i + 1, letter_id=i, kind="state", state_id=state_id, name="",
                                     is_copy=True, copy_of_id=2 * i, position=1, reference=None))
        rows["persons"].append(dict(id=i, family_name=f"Family{i}", given_names="Given", name_key=f"family{i} given",
                                    sex="unknown", contact="", protected_identity=True, unit_id=the_lead.unit_id,
                                    created_at=now, updated_at=now))
        rows["links"].append(dict(case_id=i, person_id=i, role="alleged_victim"))
        rows["victims"].append(dict(communication_id=i, person_id=i, profession="", defender=True, redact=True))
        if rng.random() < 0.6:
            rows["replies"].append(dict(communication_id=i, received_on=sent + timedelta(days=rng.randint(10, 120)),
                                        language="en"))
        else:
            rows["deadlines"].append(dict(case_id=i, kind="sp_reply", label="Reply due",
                                          due_on=sent + timedelta(days=60), original_due_on=sent + timedelta(days=60),
                                          opened_at=now, reminders_sent=0))
    for model, key in ((Case, "cases"), (Letter, "letters"), (SpCommunication, "comms"), (CoSignature, "cos"),
                       (LetterSignatory, "signatures"), (LetterAddressee, "addr"), (Person, "persons"),
                       (CasePerson, "links"), (SpVictim, "victims"), (Reply, "replies"), (Deadline, "deadlines")):
        table = model.__table__
        for start in range(0, len(rows[key]), 5000):
            db.session.execute(insert(table), rows[key][start:start + 5000])
    db.session.commit()


def timed(client, url: str) -> float:
    samples = []
    for _ in range(REPEAT):
        started = time.perf_counter()
        response = client.get(url)
        samples.append(time.perf_counter() - started)
        assert response.status_code == 200, (url, response.status_code)
    return statistics.median(samples)


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        url = os.environ.get("CASEWORK_DATABASE_URL") or f"sqlite:///{tmp}/bench.db"
        app = create_app(TestConfig, SQLALCHEMY_DATABASE_URI=url, UPLOAD_FOLDER=tmp)
        with app.app_context():
            db.drop_all()
            db.create_all()
            started = time.perf_counter()
            build()
            print(f"database: {db.engine.dialect.name}")
            print(f"communications: {LETTERS}")
            print(f"build_s: {time.perf_counter() - started:.1f}")
            year = date.today().year - 2
            state = db.session.scalar(select(LetterAddressee.state_id).where(LetterAddressee.state_id.is_not(None))
                                      .limit(1))
            anonymous = app.test_client()
            print(f"public_register_page_1_median_ms: {timed(anonymous, '/special-procedures/public/') * 1000:.1f}")
            print(f"public_register_filtered_median_ms: "
                  f"{timed(anonymous, f'/special-procedures/public/?state={state}&year={year}') * 1000:.1f}")
            print(f"public_json_year_median_ms: "
                  f"{timed(anonymous, f'/special-procedures/public/export.json?year={year}') * 1000:.1f}")
            client = app.test_client()
            client.post("/login", data={"email": "officer@example.org", "password": PASSWORD})
            print(f"desk_list_page_1_median_ms: {timed(client, '/special-procedures/') * 1000:.1f}")
            print(f"figures_year_median_ms: {timed(client, f'/special-procedures/figures?year={year}') * 1000:.1f}")
            print(f"overdue_median_ms: {timed(client, '/special-procedures/overdue') * 1000:.1f}")
            db.session.remove()
            db.engine.dispose()


if __name__ == "__main__":
    main()
