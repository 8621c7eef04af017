"""A large installation for the cross-module benchmarks: 200,000 cases across every module and
500,000 persons with transliterations, inserted in bulk (see benchmarks/search.py).

`build_dataset()` is shared so that other timings over the same data (the key figures page) can be
added beside the search one.
"""
from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, timedelta

from sqlalchemy import insert, select

from casework.admin.operations import save_user, set_membership
from casework.auth.models import Role, User
from casework.communications.models import Communication
from casework.core.cases import Case, CaseAssignment
from casework.core.db import utcnow
from casework.core.persons import CasePerson, Person, PersonName, fold_name
from casework.core.reference import load_reference_data
from casework.core.states import State
from casework.core.units import Unit, UnitKind
from casework.detention.places.models import Facility
from casework.detention.visits.models import Visit
from casework.extensions import db
from casework.letters.models import Letter
from casework.reprisals.models import ReprisalCase
from casework.special_procedures.models import SP_LETTER_TYPE, Mandate, Reply, SpCommunication
from casework.urgent_actions.models import UrgentAction

PASSWORD = "benchmark password"
CHUNK = 20_000
SHARES = {"communication": 0.55, "urgent_action": 0.15, "visit": 0.08, "sp_communication": 0.12,
          "reprisal": 0.02, "letter": 0.08}
CASE_TYPES = {"visit": Visit.__mapper__.polymorphic_identity,
              "communication": Communication.__mapper__.polymorphic_identity}
CONFIDENTIAL_SHARE = 0.03
SYLLABLES = ["ma", "ri", "al", "be", "ko", "san", "tor", "gar", "cí", "lo", "pé", "rez", "hu", "se", "in", "dra",
             "mon", "ter", "ab", "dal", "la", "ka", "zi", "mi", "nó", "vá", "ro", "es", "ta", "quel", "bi", "ñe"]
GIVEN = ["José", "María", "Ana", "Mohammed", "Fatima", "Olena", "Ivan", "Li", "Wei", "Ngozi", "Chidi", "Rosa",
         "Julio", "Ahmed", "Amina", "Sergei", "Irina", "Carlos", "Lucía", "Hassan", "Aisha", "Pedro", "Elena",
         "Omar", "Leila", "Diego", "Camila", "Yusuf", "Zainab", "Andrés"]
TOPICS = ("deportation torture detention arrest journalist defender eviction disappearance police military "
          "prison hunger strike trial lawyer judge corruption protest assembly expression press religion minority "
          "indigenous land water forest mining company pipeline migrant asylum refugee child woman violence "
          "rape trafficking labour union strike health hospital medicine education school housing election "
          "internet surveillance privacy blogger activist student teacher farmer fisherman border camp "
          "execution sentence appeal custody bail visit family threat harassment travel ban passport").split()
PLACES = ["Iguala", "Guerrero", "Mosul", "Basra", "Bogotá", "Medellín", "Kharkiv", "Odesa", "Lagos", "Kano",
          "Yangon", "Mandalay", "Caracas", "Harare", "Kabul", "Herat", "Cairo", "Alexandria", "Manila", "Davao"]


@dataclass
class Dataset:
    """What a timing needs to know about the data it runs on."""

    officer_id: int
    secretariat_id: int
    family_names: list[str]
    references: list[str] = field(default_factory=list)
    state_ids: list[int] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)


def _family_names(rng: random.Random, n: int) -> list[str]:
    names = set()
    while len(names) < n:
        names.add("".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4))).capitalize())
    return sorted(names)


def _words(rng: random.Random, n: int) -> str:
    picks = [TOPICS[min(int(rng.paretovariate(1.1)) - 1, len(TOPICS) - 1)] if rng.random() < 0.3
             else rng.choice(TOPICS) for _ in range(n)]
    return f"{' '.join(picks)} in {rng.choice(PLACES)}"


def _insert(table, rows: list[dict]) -> None:
    for start in range(0, len(rows), CHUNK):
        db.session.execute(insert(table), rows[start:start + CHUNK])


def _units() -> dict[str, list[Unit]]:
    present = set(db.session.scalars(select(Unit.code)))
    wanted = [("FO-COL", UnitKind.FIELD_OFFICE), ("FO-MEX", UnitKind.FIELD_OFFICE), ("FO-UKR", UnitKind.FIELD_OFFICE),
              ("REPRISALS", UnitKind.REPRISALS_TEAM)]
    db.session.add_all(Unit(code=code, name=code, kind=kind) for code, kind in wanted if code not in present)
    db.session.commit()
    units = db.session.scalars(select(Unit).order_by(Unit.id)).all()
    by_kind: dict[str, list[Unit]] = {}
    for unit in units:
        by_kind.setdefault(unit.kind.value, []).append(unit)
    return by_kind


def _mandates(units: list[Unit]) -> list[int]:
    rows = [{"unit_id": u.id, "name": f"Special Rapporteur ({u.code})"} for u in units]
    _insert(Mandate.__table__, rows)
    return list(db.session.scalars(select(Mandate.id)))


def _facilities(rng: random.Random, units: list[Unit], state_ids: list[int]) -> list[tuple[int, int]]:
    rows = [{"unit_id": u.id, "state_id": rng.choice(state_ids), "name": f"Prison of {rng.choice(PLACES)} {i}",
             "facility_type": "prison", "location": rng.choice(PLACES)} for u in units for i in range(40)]
    _insert(Facility.__table__, rows)
    return list(db.session.execute(select(Facility.id, Facility.unit_id)).tuples())


def _users(units: dict[str, list[Unit]]) -> tuple[User, User]:
    ccpr = next(u for u in units["committee"] if u.code == "CCPR")
    officer = save_user(None, "Officer", "officer@example.org", PASSWORD, False, False, True)
    set_membership(officer, ccpr, Role.CASE_OFFICER)
    secretariat = save_user(None, "Secretariat", "secretariat@example.org", PASSWORD, False, False, True)
    set_membership(secretariat, units["secretariat"][0], Role.VIEWER)
    db.session.commit()
    return officer, secretariat


def build_dataset(cases: int = 200_000, persons: int = 500_000, seed: int = 7) -> Dataset:
    """Insert the cases, persons, links, transliterations and replies in bulk; the index is not built."""
    rng = random.Random(seed)
    load_reference_data()
    state_ids = list(db.session.scalars(select(State.id)))
    units = _units()
    officer, secretariat = _users(units)
    mandate_ids = _mandates(units["mandate"])
    facilities = _facilities(rng, units["field_office"], state_ids)
    ced = next(u for u in units["committee"] if u.code == "CED")
    reprisals_unit = units["reprisals_team"][0]
    family_names = _family_names(rng, 4000)
    now, today = utcnow(), date.today()
    rows: dict[str, list[dict]] = {name: [] for name in
                                   ("cases", "communication", "urgent_action", "visit", "sp_communication",
                                    "reprisal", "letter", "replies", "persons", "names", "links", "assignments")}
    kinds = list(SHARES)
    communication_ids: list[int] = []
    references: list[str] = []
    for case_id in range(1, cases + 1):
        kind = rng.choices(kinds, [SHARES[k] for k in kinds])[0]
        if kind == "letter" and not communication_ids:
            kind = "communication"
        received = today - timedelta(days=rng.randrange(1, 5000))
        state_id = rng.choice(state_ids)
        parent_id = None
        confidential = rng.random() < CONFIDENTIAL_SHARE
        if kind == "communication":
            unit = rng.choice(units["committee"])
            reference = f"{unit.code} {case_id}/{received.year}"
            rows["communication"].append({"id": case_id, "committee_id": unit.id, "state_id": state_id,
                                          "number": case_id, "year": received.year, "received_on": received,
                                          "registered_on": received, "subject_matter": _words(rng, 12),
                                          "articles_invoked": []})
            communication_ids.append(case_id)
            status = rng.choice(["received", "registered", "transmitted", "decided", "follow_up"])
        elif kind == "urgent_action":
            unit = ced
            reference = f"CED/UA {case_id}/{received.year}"
            rows["urgent_action"].append({"id": case_id, "number": case_id, "registration_year": received.year,
                                          "received_on": received, "registered_on": received, "state_id": state_id,
                                          "circumstances": _words(rng, 15), "last_seen_place": rng.choice(PLACES),
                                          "criteria": {}})
            status = rng.choice(["registered", "awaiting_reply", "located_alive", "closed"])
        elif kind == "visit":
            facility_id, unit_id = rng.choice(facilities)
            unit = next(u for u in units["field_office"] if u.id == unit_id)
            reference = f"{unit.code}/DV/{received.year}/{case_id}"
            rows["visit"].append({"id": case_id, "number": reference, "facility_id": facility_id,
                                  "started_on": received, "issues_raised": _words(rng, 10)})
            status = rng.choice(["draft", "submitted", "reviewed", "final"])
        elif kind == "sp_communication":
            mandate_index = rng.randrange(len(mandate_ids))
            unit = units["mandate"][mandate_index]
            reference = f"AL {case_id}/{received.year}"
            # a special-procedures communication is a letter of the letters pipeline (joined table)
            # (every letter row names the same columns: a chunk is inserted with its first row's)
            status = rng.choice(["draft", "sent", "published"])
            sent = received if status != "draft" else None  # a draft has not gone out
            rows["letter"].append({"id": case_id, "letter_type": SP_LETTER_TYPE, "kind": "letter", "body": "",
                                   "letter_date": sent, "sent_on": sent})
            published = received + timedelta(days=60) if status == "published" else None
            rows["sp_communication"].append({"id": case_id, "comm_type": "AL", "lead_mandate_id": mandate_ids[mandate_index],
                                             "summary": _words(rng, 20), "published_on": published,
                                             "public_sent_on": sent if published else None})
            if sent and rng.random() < 0.6:
                rows["replies"].append({"communication_id": case_id, "received_on": received + timedelta(days=50)})
        elif kind == "reprisal":
            unit, confidential = reprisals_unit, True
            reference = f"REP/{received.year}/{case_id}"
            rows["reprisal"].append({"id": case_id, "state_id": state_id, "received_on": received,
                                     "summary": _words(rng, 15), "engaged_body": "treaty_body"})
            status = rng.choice(["received", "risk_and_consent", "verification"])
        else:
            parent_id = rng.choice(communication_ids)
            unit = None
            reference = f"G/SO {case_id}"
            rows["letter"].append({"id": case_id, "letter_type": "transmittal", "kind": "note_verbale",
                                   "body": _words(rng, 40), "letter_date": received, "sent_on": received})
            status = "sent"
        unit_id = unit.id if unit is not None else rows["cases"][parent_id - 1]["unit_id"]
        rows["cases"].append({"id": case_id, "case_type": CASE_TYPES.get(kind, kind), "unit_id": unit_id, "reference": reference,
                              "title": f"{rng.choice(GIVEN)} {rng.choice(family_names)} v. State" if kind == "communication"
                              else _words(rng, 5).capitalize(), "status": status, "confidential": confidential,
                              "parent_id": parent_id, "version": 1, "created_at": now, "updated_at": now})
        if rng.random() < 0.001:
            references.append(reference)
    linkable = [c["id"] for c in rows["cases"] if c["parent_id"] is None]
    for person_id in range(1, persons + 1):
        given, family = rng.choice(GIVEN), rng.choice(family_names)
        unit_id = rng.choice(units["committee"]).id
        rows["persons"].append({"id": person_id, "family_name": family, "given_names": given,
                                "name_key": fold_name(f"{given} {family}"), "unit_id": unit_id, "sex": "unknown",
                                "nationality_id": rng.choice(state_ids), "created_at": now, "updated_at": now})
        if rng.random() < 0.4:
            other = f"{given[:-1]}{rng.choice('aeiouy')} {family.replace('z', 's').replace('c', 'k')}"
            rows["names"].append({"person_id": person_id, "name": other, "name_key": fold_name(other),
                                  "script": "Latin"})
        if rng.random() < 0.6:
            rows["links"].append({"case_id": rng.choice(linkable), "person_id": person_id,
                                  "role": rng.choice(["author", "alleged_victim", "disappeared_person", "source"])})
    seen: set[tuple] = set()
    rows["links"] = [r for r in rows["links"] if (key := (r["case_id"], r["person_id"], r["role"])) not in seen
                     and not seen.add(key)]
    confidential_ids = [c["id"] for c in rows["cases"] if c["confidential"] and c["unit_id"] == rows["cases"][0]["unit_id"]]
    rows["assignments"] = [{"case_id": i, "user_id": officer.id, "assigned_at": now} for i in confidential_ids[:20]]
    tables = [("cases", Case), ("communication", Communication), ("urgent_action", UrgentAction), ("visit", Visit),
              ("letter", Letter), ("sp_communication", SpCommunication), ("reprisal", ReprisalCase),
              ("replies", Reply), ("persons", Person), ("names", PersonName), ("links", CasePerson),
              ("assignments", CaseAssignment)]
    for name, model in tables:
        _insert(model.__table__, rows[name])
    db.session.commit()
    officer_id, secretariat_id = officer.id, secretariat.id
    counts = {name: len(rows[name]) for name, _model in tables}
    return Dataset(officer_id, secretariat_id, family_names, references, state_ids, counts)
