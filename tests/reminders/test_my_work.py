"""My work: overdue, due in the next 7 days, awaiting my approval, for an officer and a supervisor."""
from __future__ import annotations

import re
from datetime import date, timedelta

from casework.auth.models import Role
from casework.core.units import Unit, UnitKind
from casework.core.workflow import fire
from casework.extensions import db
from casework.letters import operations as letter_ops
from casework.letters.models import LetterStatus
from casework.reminders.approvals import awaiting_approval


def section(page: str, section_id: str) -> str:
    match = re.search(rf'<section class="panel" id="{section_id}">(.*?)</section>', page, re.S)
    assert match, section_id
    return match.group(1)


def _world(users, make_case, add_deadline) -> None:
    today = date.today()
    mine = make_case(officer=users["officer"], reference="MINE 1")
    add_deadline(mine, today - timedelta(days=2), label="Reply overdue")
    add_deadline(mine, today + timedelta(days=3), label="Comments soon")
    add_deadline(mine, today + timedelta(days=30), label="Far away")
    secret = make_case(confidential=True, officer=users["officer"], reference="SECRET 1")
    add_deadline(secret, today + timedelta(days=1), label="Hidden deadline")
    unattended = make_case(reference="NOBODY 1")
    add_deadline(unattended, today + timedelta(days=2), label="Unattended soon")
    letter = letter_ops.draft_letter("circular_note_verbale", "en", users["officer"], unit_id=mine.unit_id)
    letter.reference = "LETTER 1"
    letter.status = LetterStatus.SUBMITTED  # submitted for approval
    db.session.commit()


def test_an_officer_sees_their_overdue_and_coming_deadlines_and_nothing_to_approve(users, make_case, add_deadline,
                                                                                 login):
    _world(users, make_case, add_deadline)
    page = login(users["officer"]).get("/").get_data(as_text=True)
    overdue, soon, awaiting = (section(page, s) for s in ("overdue", "due-soon", "awaiting"))
    assert "Reply overdue" in overdue and "2 days late" in overdue and "Comments soon" not in overdue
    assert "Comments soon" in soon and "Reply overdue" not in soon
    assert "Far away" in section(page, "later") and "Far away" not in overdue + soon  # later, in its own section
    assert "Hidden deadline" not in page and "SECRET 1" not in page
    assert "Unattended soon" not in soon
    assert "Nothing is waiting for your decision." in awaiting
    assert "MINE 1" in section(page, "due-soon")


def test_a_supervisor_sees_the_unattended_deadlines_and_what_awaits_their_approval(users, make_case,
                                                                                 add_deadline, login):
    _world(users, make_case, add_deadline)
    page = login(users["supervisor"]).get("/").get_data(as_text=True)
    assert "Unattended soon" in section(page, "due-soon")
    assert "Comments soon" not in page  # the officer's own case
    awaiting = section(page, "awaiting")
    assert "Letter submitted for approval" in awaiting and "LETTER 1" in awaiting


def test_approvals_stay_within_the_units_where_the_user_decides(users, make_case, add_deadline):
    _world(users, make_case, add_deadline)
    assert [item.case.reference for item in awaiting_approval(users["supervisor"])] == ["LETTER 1"]
    for role in ("viewer", "officer", "outsider", "secretariat", "auditor"):
        assert awaiting_approval(users[role]) == [], role


def test_a_registration_decision_awaits_the_committee_supervisor(users, states):
    from casework.communications import operations as ops

    communication = ops.receive_communication(Unit.query.filter_by(code="CCPR").one(), ops.Intake(
        state_id=states["MEX"].id, received_on=date(2026, 3, 2), authors=[ops.NameInput("Pérez", "José")],
        articles_invoked=["CCPR-7"], subject_matter="Deportation to a risk of torture",
    ), users["officer"])
    db.session.commit()
    [item] = awaiting_approval(users["supervisor"])
    assert (item.case.id, item.what) == (communication.id, "Decide on registration")
    assert awaiting_approval(users["outsider"]) == []


def test_a_cosignature_invitation_awaits_the_mandate_holder(units, make_user, states):
    from casework.special_procedures import operations as ops
    from casework.special_procedures.models import Mandate
    from tests.special_procedures.conftest import content

    desks = {}
    for code in ("SR-HRDEFENDERS", "SR-TORTURE"):
        unit = Unit(code=code, name=code, kind=UnitKind.MANDATE)
        db.session.add(unit)
        db.session.flush()
        units[code] = unit
        desks[code] = Mandate(unit_id=unit.id, name=f"Special Rapporteur ({code})", holder_name="X")
        db.session.add(desks[code])
    db.session.commit()
    officer = make_user("desk-officer", ("SR-HRDEFENDERS", Role.CASE_OFFICER))
    holder = make_user("torture-holder", ("SR-TORTURE", Role.SUPERVISOR))
    states["COL"] = states["MEX"]
    comm = ops.create_communication(content(states), desks["SR-HRDEFENDERS"], officer)
    ops.invite_mandates(comm, [desks["SR-TORTURE"]], officer)
    fire(comm, "start_cosignature", officer)
    db.session.commit()

    [item] = awaiting_approval(holder)
    assert (item.case.id, item.what) == (comm.id, "Co-sign as Special Rapporteur (SR-TORTURE)")
    assert awaiting_approval(officer) == []
