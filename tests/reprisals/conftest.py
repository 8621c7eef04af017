"""Fixtures for reprisals: users around the reprisals team, States, and cases at any step."""
from __future__ import annotations

from datetime import date

import pytest

from casework.auth.models import Role
from casework.core.persons import Sex
from casework.core.states import State, UNStatus
from casework.core.units import Unit, UnitKind
from casework.core.workflow import fire
from casework.extensions import db
from casework.reprisals import operations as ops
from casework.reprisals.models import ActCategory, ActionKind, Annex, ConsentScope, RiskLevel, UNBody, VictimKind

VICTIM_FAMILY = "Zarkanova-Quill"  # distinctive, so a leak anywhere is found by searching for it
VICTIM_GIVEN = "Oleksandra"
TITLE = "Defender detained after briefing the Committee"


@pytest.fixture
def units(units) -> dict[str, Unit]:
    """The shared units, and the reprisals team."""
    team = Unit(code="REPRISALS", name="Reprisals team", kind=UnitKind.REPRISALS_TEAM)
    db.session.add(team)
    db.session.commit()
    return {**units, "REPRISALS": team}


@pytest.fixture
def users(make_user) -> dict:
    """One user per role around the reprisals team.

    The officer opens the cases (and so is assigned); the supervisor is assigned as every team
    supervisor is; the viewer is a team member assigned to nothing; the outsider supervises CED; the
    secretariat member supervises the whole Office.
    """
    return {
        "viewer": make_user("viewer", ("REPRISALS", Role.VIEWER)),
        "officer": make_user("officer", ("REPRISALS", Role.CASE_OFFICER)),
        "supervisor": make_user("supervisor", ("REPRISALS", Role.SUPERVISOR)),
        "outsider": make_user("outsider", ("CED", Role.SUPERVISOR)),
        "secretariat": make_user("secretariat", ("OHCHR", Role.SUPERVISOR)),
        "auditor": make_user("auditor", auditor=True),
        "admin": make_user("admin", admin=True),
    }


@pytest.fixture
def states(app) -> dict[str, State]:
    rows = {
        "EGY": State(iso2="EG", iso3="EGY", name="Egypt", un_status=UNStatus.MEMBER,
                     mission_name="Permanent Mission of Egypt to the United Nations Office at Geneva"),
        "MEX": State(iso2="MX", iso3="MEX", name="Mexico", un_status=UNStatus.MEMBER,
                     mission_name="Permanent Mission of Mexico to the United Nations Office at Geneva"),
    }
    db.session.add_all(rows.values())
    db.session.commit()
    return rows


STAGES = ("received", "assessed", "verified", "inclusion_decision", "included")


@pytest.fixture
def make_reprisal(units, states, users):
    """A case opened by the officer, taken to `stage`: each stage does what the ones before it do."""
    def make(stage: str = "included", *, state: str = "EGY", scope: ConsentScope | None = ConsentScope.MAY_BE_NAMED,
             family: str = VICTIM_FAMILY, title: str = TITLE, year: int = 2027, annex: Annex = Annex.NEW,
             act_on: date = date(2026, 6, 3)):
        officer, supervisor = users["officer"], users["supervisor"]
        case = ops.create_case(ops.Allegation(
            title=title, state_id=states[state].id, received_on=act_on, engaged_body=UNBody.TREATY_BODY,
            engaged_body_name="Committee against Torture", engagement_type="briefed the Committee",
            summary=f"{VICTIM_GIVEN} {family} was arrested at the airport on her return from Geneva."),
            [ops.VictimInput(VictimKind.INDIVIDUAL, family_name=family, given_names=VICTIM_GIVEN, sex=Sex.FEMALE,
                             description="woman human rights defender")], units["REPRISALS"], officer)
        ops.add_act(case, ActCategory.DETENTION, act_on, "Held for three days.", officer)
        reached = STAGES.index(stage)
        if reached >= 1:
            fire(case, "assess", officer)
            ops.assess_risk(case, RiskLevel.HIGH, act_on, "Weekly check-in.", officer)
            if scope is not None:
                ops.record_consent(case, informed=True, scope=scope, given_by="The victim", given_on=act_on,
                                   actor=officer)
        if reached >= 2:
            fire(case, "verify", officer)
            fire(case, "verified", officer)
            ops.record_action(case, ActionKind.JOINT_LETTER, act_on, "Joint letter sent.", officer)
        if reached >= 3:
            fire(case, "consider_inclusion", officer)
        if reached >= 4:
            ops.decide_inclusion(case, year, annex, supervisor)
        db.session.commit()
        return case

    return make
