"""A small known world across the modules, dated around 2025, for exact key figures.

Records are made directly (not through the operations): the figures read what is stored, and
each record here is one line of the expected numbers in the tests.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

import pytest

from casework.auth.models import Role
from casework.communications.models import Communication, Decision, DecisionType, InterimMeasure
from casework.core.cases import CaseAssignment
from casework.core.persons import CasePerson, Person, PersonRole
from casework.core.units import Unit, UnitKind
from casework.detention.cases.models import (
    AggregateRelease, CaseIssue, CaseOutcome, DetentionCase, ReleaseCategory, ReleaseSource,
)
from casework.detention.places.models import Facility, FacilityType
from casework.detention.visits.models import Visit
from casework.extensions import db
from casework.reprisals.models import ReprisalCase, UNBody
from casework.letters.models import AddresseeKind, LetterAddressee
from casework.special_procedures.models import CommunicationType, Mandate, Reply, SpCommunication
from casework.urgent_actions.models import Located, Outcome, UrgentAction
from tests.test_migrations import empty_database_url  # noqa: F401  (for the tallies migration's test)


@pytest.fixture
def units(units):
    """The shared units, with a mandate's desk, a field office and the reprisals team."""
    for code, kind in (("SR-DEF", UnitKind.MANDATE), ("FO-COL", UnitKind.FIELD_OFFICE),
                       ("REPRISALS", UnitKind.REPRISALS_TEAM)):
        units[code] = Unit(code=code, name=code, kind=kind)
        db.session.add(units[code])
    db.session.commit()
    return units


@pytest.fixture
def team_member(make_user):
    return make_user("reprisals", ("REPRISALS", Role.CASE_OFFICER))


@dataclass
class World:
    communications: dict = field(default_factory=dict)
    urgent_actions: dict = field(default_factory=dict)
    letters: dict = field(default_factory=dict)
    reprisals: dict = field(default_factory=dict)


def _communication(units, state, number: int | None, registered: date | None, confidential: bool = False,
                   assigned=()) -> Communication:
    ccpr = units["CCPR"]
    case = Communication(unit=ccpr, committee_id=ccpr.id, state_id=state.id, received_on=date(2024, 11, 1),
                         registered_on=registered, number=number, year=registered.year if registered else None,
                         reference=f"CCPR {number}/{registered.year}" if registered else None,
                         title=f"Author {number} v. {state.name}", status="registered" if registered else "received",
                         confidential=confidential)
    db.session.add(case)
    db.session.flush()
    db.session.add_all(CaseAssignment(case_id=case.id, user_id=user.id) for user in assigned)
    return case


def _decide(case: Communication, kind: DecisionType, adopted: date) -> None:
    db.session.add(Decision(communication_id=case.id, decision_type=kind, adopted_on=adopted, session=140,
                            symbol=f"CCPR/C/140/D/{case.number}"))


def _urgent_action(units, state, number: int, registered: date, located: Located | None = None,
                   located_on: date | None = None) -> UrgentAction:
    ua = UrgentAction(unit=units["CED"], state_id=state.id, number=number, registration_year=registered.year,
                      received_on=registered, registered_on=registered, reference=f"UA {number}/{registered.year}",
                      title=f"Disappearance {number}", status="registered")
    db.session.add(ua)
    db.session.flush()
    person = Person(family_name=f"Disappeared {number}", unit_id=units["CED"].id)
    db.session.add(person)
    db.session.flush()
    db.session.add(CasePerson(case_id=ua.id, person_id=person.id, role=PersonRole.DISAPPEARED_PERSON))
    if located is not None:  # one person per urgent action here: its outcome is the person's
        db.session.add(Outcome(case_id=ua.id, person_id=person.id, outcome=located, located_on=located_on))
    return ua


def _letter(units, mandate, comm_type, sent: date, states: list, reply_on: date | None = None,
            non_state: tuple[str, object] | None = None) -> SpCommunication:
    letter = SpCommunication(unit=units["SR-DEF"], lead_mandate_id=mandate.id, comm_type=comm_type, sent_on=sent,
                             title=f"{comm_type.value} of {sent}", status="sent")
    db.session.add(letter)
    db.session.flush()
    for state in states:
        db.session.add(LetterAddressee(letter_id=letter.id, kind=AddresseeKind.STATE, state_id=state.id, name=""))
    if non_state:
        actor = LetterAddressee(letter_id=letter.id, kind=AddresseeKind.NON_STATE, name=non_state[0])
        db.session.add(actor)
        db.session.flush()
        db.session.add(LetterAddressee(letter_id=letter.id, kind=AddresseeKind.STATE, state_id=non_state[1].id,
                                       name="", is_copy=True, copy_of_id=actor.id))
    if reply_on:
        db.session.add(Reply(communication_id=letter.id, received_on=reply_on))
    return letter


def _detention(units, states) -> None:
    office = units["FO-COL"]
    places = [Facility(unit_id=office.id, state_id=states["MEX"].id, name=name, facility_type=FacilityType.PRISON)
              for name in ("North prison", "South prison")]
    db.session.add_all(places)
    db.session.flush()
    for number, (place, started) in enumerate([(places[0], date(2025, 2, 1)), (places[0], date(2025, 3, 1)),
                                               (places[1], date(2025, 4, 1)), (places[1], date(2024, 6, 1))]):
        db.session.add(Visit(unit=office, number=f"FO-COL/DV/{number}", facility_id=place.id, started_on=started,
                             title=f"Visit {number}", status="final"))
    person = Person(family_name="Gómez", given_names="Ana", unit_id=office.id)
    db.session.add(person)
    db.session.flush()
    db.session.add(DetentionCase(unit=office, facility_id=places[0].id, person_id=person.id,
                                 issue=CaseIssue.NO_LEGAL_BASIS, outcome=CaseOutcome.RELEASED,
                                 outcome_on=date(2025, 5, 5), category=ReleaseCategory.WOMAN,
                                 title="Ana Gómez", status="outcome_recorded"))
    db.session.add(AggregateRelease(unit_id=office.id, state_id=states["MEX"].id, period_start=date(2025, 1, 1),
                                    period_end=date(2025, 6, 30), source=ReleaseSource.DECONGESTION,
                                    women=2, men=10, children=1))


@pytest.fixture
def world(units, users, states, team_member) -> World:
    """What each test counts; the comments say who sees what."""
    mex, irq = states["MEX"], states["IRQ"]
    w = World()
    c = w.communications
    c["feb"] = _communication(units, mex, 1, date(2025, 2, 10))
    c["mar"] = _communication(units, irq, 2, date(2025, 3, 5))
    c["secret"] = _communication(units, mex, 3, date(2025, 3, 20), confidential=True)  # admin only
    c["last_year"] = _communication(units, mex, 4, date(2024, 12, 30))
    c["unregistered"] = _communication(units, mex, None, None)
    _decide(c["feb"], DecisionType.VIEWS_VIOLATION, date(2025, 6, 1))
    _decide(c["last_year"], DecisionType.INADMISSIBLE, date(2025, 1, 15))
    _decide(c["secret"], DecisionType.DISCONTINUED, date(2025, 6, 2))
    db.session.add(InterimMeasure(communication_id=c["mar"].id, measure="Do not deport", requested_on=date(2025, 3, 6)))

    u = w.urgent_actions
    u["found"] = _urgent_action(units, mex, 1, date(2025, 4, 1), Located.ALIVE_AND_FREE, date(2025, 5, 1))
    u["sought"] = _urgent_action(units, mex, 2, date(2025, 4, 2))
    u["found_later"] = _urgent_action(units, irq, 3, date(2025, 7, 1), Located.DECEASED, date(2026, 1, 10))
    u["older"] = _urgent_action(units, irq, 4, date(2024, 5, 1), Located.IN_DETENTION, date(2025, 2, 1))

    mandate = Mandate(unit_id=units["SR-DEF"].id, name="Special Rapporteur on human rights defenders")
    db.session.add(mandate)
    db.session.flush()
    w.letters["al"] = _letter(units, mandate, CommunicationType.AL, date(2025, 3, 1), [mex], date(2025, 4, 1),
                              non_state=("Acme Mining", irq))
    w.letters["ua"] = _letter(units, mandate, CommunicationType.UA, date(2025, 5, 1), [irq])
    w.letters["old"] = _letter(units, mandate, CommunicationType.OL, date(2024, 11, 1), [mex], date(2025, 1, 5))

    _detention(units, states)

    for key, state, received, assigned in (("assigned_mex", mex, date(2025, 3, 1), True),
                                           ("assigned_irq", irq, date(2025, 8, 1), True),
                                           ("unassigned", mex, date(2025, 9, 1), False)):
        case = ReprisalCase(unit=units["REPRISALS"], state_id=state.id, received_on=received,
                            engaged_body=UNBody.TREATY_BODY, title=f"Reprisal {key}", status="received",
                            confidential=True)
        db.session.add(case)
        db.session.flush()
        if assigned:
            db.session.add(CaseAssignment(case_id=case.id, user_id=team_member.id))
        w.reprisals[key] = case
    db.session.commit()
    return w
