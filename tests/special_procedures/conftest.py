"""Fixtures for special procedures: mandate desks, their holders, States, and communications in any state."""
from __future__ import annotations

import io
from datetime import date

import pytest
from werkzeug.datastructures import FileStorage

from casework.auth.models import Role
from casework.core.states import State, UNStatus
from casework.core.units import Unit, UnitKind
from casework.extensions import db
from casework.special_procedures import operations as ops
from casework.special_procedures.models import CommunicationType, Mandate, MandateKind
from tests.test_migrations import empty_database_url  # noqa: F401  (for the register migration's test)

SOURCE = "Zyxwvut Informant Network, contact via Signal +41 79 000 00 00"  # distinctive: searched for leaks
VICTIM_FAMILY, VICTIM_GIVEN = "Oyelaran-Quispe", "Temitope"  # redacted in public: T.O.Q.

MANDATE_SPECS = [
    ("SR-HRDEFENDERS", "Special Rapporteur on the situation of human rights defenders", "Amara Okonjo-Lind", "25/18, 52/4"),
    ("SR-TORTURE", "Special Rapporteur on torture and other cruel, inhuman or degrading treatment or punishment",
     "Tomás Vidal Arriaga", "25/13, 52/7"),
    ("SR-FREEEXPRESSION", "Special Rapporteur on the promotion and protection of the right to freedom of opinion "
                          "and expression", "Leena Haapasalo", "52/9"),
    ("SR-EXECUTIONS", "Special Rapporteur on extrajudicial, summary or arbitrary executions", "Kwabena Asante-Mensah",
     "53/4"),
    ("SR-JUDGES", "Special Rapporteur on the independence of judges and lawyers", "Ingrid Sørvik Aalto", "53/12"),
    ("WGAD", "Working Group on Arbitrary Detention", "Helena Marquardt", "51/8"),
]


@pytest.fixture
def mandates(app, units) -> dict[str, Mandate]:
    made = {}
    for code, name, holder, resolutions in MANDATE_SPECS:
        unit = Unit(code=code, name=name, kind=UnitKind.MANDATE)
        db.session.add(unit)
        db.session.flush()
        units[code] = unit
        made[code] = Mandate(unit_id=unit.id, name=name, kind=MandateKind.THEMATIC, holder_name=holder,
                             holder_title=name, resolutions=resolutions)
        db.session.add(made[code])
    db.session.commit()
    return made


@pytest.fixture
def users(make_user, mandates) -> dict:
    """One user per role around the defenders desk (the lead); the outsider works for CCPR only.

    `holders` are the supervisors of the other mandates' units: they decide on co-signature."""
    made = {
        "viewer": make_user("viewer", ("SR-HRDEFENDERS", Role.VIEWER)),
        "officer": make_user("officer", ("SR-HRDEFENDERS", Role.CASE_OFFICER)),
        "supervisor": make_user("supervisor", ("SR-HRDEFENDERS", Role.SUPERVISOR)),
        "outsider": make_user("outsider", ("CCPR", Role.SUPERVISOR)),
        "secretariat": make_user("secretariat", ("OHCHR", Role.VIEWER)),
        "auditor": make_user("auditor", auditor=True),
        "admin": make_user("admin", admin=True),
    }
    for code, *_rest in MANDATE_SPECS[1:]:
        made[f"holder:{code}"] = make_user(f"holder-{code.lower()}", (code, Role.SUPERVISOR))
    return made


@pytest.fixture
def states(app) -> dict[str, State]:
    rows = {}
    for iso2, iso3, name in (("CO", "COL", "Colombia"), ("PE", "PER", "Peru"), ("CA", "CAN", "Canada"),
                             ("PH", "PHL", "Philippines")):
        rows[iso3] = State(iso2=iso2, iso3=iso3, name=name, un_status=UNStatus.MEMBER,
                           mission_name=f"Permanent Mission of {name} to the United Nations Office and other "
                                        "international organizations in Geneva")
    db.session.add_all(rows.values())
    db.session.commit()
    return rows


def content(states, **changes) -> ops.CommunicationContent:
    values = dict(
        comm_type=CommunicationType.UA, title="the arrest of a woman human rights defender",
        summary=f"According to the information received, {VICTIM_GIVEN} {VICTIM_FAMILY.upper()}, a defender of "
                "land rights, was arrested on 3 March without a warrant.\n\nShe has had no access to a lawyer.",
        questions="Please provide any additional information on the allegations.\nPlease explain the legal basis "
                  "of the arrest.\nPlease indicate the measures taken to guarantee her access to a lawyer.",
        themes="Human rights defenders; arbitrary detention", source=SOURCE,
        addressees=[ops.AddresseeInput(state_id=states["COL"].id)],
    )
    values.update(changes)
    return ops.CommunicationContent(**values)


def reply_file(name: str = "reply.pdf") -> FileStorage:
    return FileStorage(io.BytesIO(b"%PDF-1.4 the Government's reply"), filename=name, content_type="application/pdf")


@pytest.fixture
def make_comm(mandates, states, users):
    """A communication led by the defenders desk, co-signed by `cosigners`, moved on to `until`."""
    def make(*, cosigners: tuple[str, ...] = ("SR-TORTURE",), until: str = "draft", sent_on: date = date(2026, 3, 10),
             victim: bool = True, **changes):
        from casework.core.workflow import fire

        officer = users["officer"]
        comm = ops.create_communication(content(states, **changes), mandates["SR-HRDEFENDERS"], officer)
        if victim:
            ops.add_victim(comm, ops.VictimInput(VICTIM_FAMILY, VICTIM_GIVEN, profession="Land rights defender",
                                                 defender=True, redact=True), officer)
        if cosigners:
            ops.invite_mandates(comm, [mandates[c] for c in cosigners], officer)
        if until == "draft":
            db.session.commit()
            return comm
        if cosigners:
            fire(comm, "start_cosignature", officer, on=min(sent_on, date.today()))
            if until == "in_cosignature":
                db.session.commit()
                return comm
            for row in comm.pending:
                ops.decide_cosignature(row, True, users[f"holder:{row.mandate.unit.code}"])
        fire(comm, "approve", users["supervisor"], on=min(sent_on, date.today()))  # approved by the day it went
        if until != "approved":
            ops.send_communication(comm, sent_on, officer)
        if until == "published":
            ops.publish(comm, sent_on, officer)
        db.session.commit()
        return comm

    return make
