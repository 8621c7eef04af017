"""Fixtures for the working groups: their units, users around them, members, and cases at any step."""
from __future__ import annotations

from datetime import date, timedelta

import pytest

from casework.auth.models import Role
from casework.core.persons import Sex
from casework.core.units import Unit, UnitKind
from casework.core.workflow import fire
from casework.extensions import db
from casework.working_groups import operations as ops
from casework.working_groups.models import Outcome, Procedure

SOURCE = "Quillbrook-Varga Legal Aid"  # distinctive, so a leak anywhere is found by searching for it


@pytest.fixture
def units(units) -> dict[str, Unit]:
    """The shared units, and the two working groups."""
    added = {code: Unit(code=code, name=name, kind=UnitKind.MANDATE) for code, name in (
        ("WGAD", "Working Group on Arbitrary Detention"),
        ("WGEID", "Working Group on Enforced or Involuntary Disappearances"))}
    db.session.add_all(added.values())
    db.session.commit()
    units.update(added)  # make_user finds them in the same dict
    return units


@pytest.fixture
def users(make_user) -> dict:
    """One user per role around both working groups; the outsider supervises CCPR."""
    both = ("WGAD", "WGEID")
    return {
        "viewer": make_user("viewer", *[(code, Role.VIEWER) for code in both]),
        "officer": make_user("officer", *[(code, Role.CASE_OFFICER) for code in both]),
        "supervisor": make_user("supervisor", *[(code, Role.SUPERVISOR) for code in both]),
        "outsider": make_user("outsider", ("CCPR", Role.SUPERVISOR)),
        "secretariat": make_user("secretariat", ("OHCHR", Role.VIEWER)),
        "auditor": make_user("auditor", auditor=True),
        "admin": make_user("admin", admin=True),
    }


@pytest.fixture
def members(units, states, users) -> dict:
    """Three members of the WGAD: one Mexican, one Iraqi, one of neither."""
    made = {key: ops.add_member(units["WGAD"], name, states[iso3].id, users["supervisor"])
            for key, name, iso3 in (("mexican", "Rosa Mexicana", "MEX"), ("iraqi", "Ali Iraqi", "IRQ"),
                                    ("other", "Other Member", "IRQ"))}
    made["other"].state_id = states["MEX"].id  # a second Mexican, so a Mexican case still has a member
    db.session.commit()
    return made


def days_ago(n: int) -> date:
    return date.today() - timedelta(days=n)


@pytest.fixture
def make_detention(units, states, users):
    """A regular communication (about Iraq unless said), received and moved on by the given steps."""
    def make(*, state: str = "IRQ", received_on: date | None = None, family: str = "Karimi", steps=()):
        officer = users["officer"]
        received_on = received_on or days_ago(120)
        case = ops.register_detention(ops.DetentionInput(
            state_id=states[state].id, received_on=received_on, source_name=SOURCE,
            source_contact="+41 22 000 00 00", persons=[ops.PersonInput(family, "Dara", Sex.MALE)],
            place_of_detention="Central prison", arrested_on=days_ago(200), legal_basis="Article 156 of the Penal Code",
            summary="Arrested after a peaceful demonstration."), units["WGAD"], officer)
        for step in steps:
            if step == "transmit":
                ops.take_step(case, "transmit", received_on + timedelta(days=10), officer)
            elif step == "reply":
                ops.take_step(case, "record_reply", received_on + timedelta(days=60), officer)
            else:
                fire(case, step, officer)
        db.session.commit()
        return case

    return make


def adopt(case, users, members, *, on: date | None = None, outcome: Outcome = Outcome.ARBITRARY,
          categories=("I", "III")):
    """Adopt an opinion with every member who may take part."""
    taking_part = [m.id for m in members.values() if m.state_id != case.state_id]
    return ops.adopt_opinion(case, ops.OpinionInput(session=101, adopted_on=on or days_ago(30), outcome=outcome,
                                                    categories=list(categories), taking_part=taking_part),
                             users["supervisor"])


@pytest.fixture
def make_disappearance(units, states, users):
    """A disappearance case (Mexico), received; urgent when the disappearance is recent enough."""
    def make(*, disappeared_on: date | None = None, received_on: date | None = None,
             procedure: Procedure = Procedure.STANDARD, family: str = "Lozano"):
        case = ops.register_disappearance(ops.DisappearanceInput(
            state_id=states["MEX"].id, received_on=received_on or days_ago(300), source_name=SOURCE,
            persons=[ops.PersonInput(family, "Marisol", Sex.FEMALE)],
            disappeared_on=disappeared_on or days_ago(320), place="Tierra Blanca, Veracruz",
            circumstances="Stopped by state police at a checkpoint.", procedure=procedure),
            units["WGEID"], users["officer"])
        db.session.commit()
        return case

    return make
