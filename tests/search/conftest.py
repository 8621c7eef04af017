"""A small world for search: a communication, a confidential one, an urgent action with its
author, a reprisals case, a letter, a special-procedures letter with a reply, and persons with
transliterations, around the shared units and the eight roles."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pytest

from casework.auth.models import Role
from casework.communications import operations as comms
from casework.core.persons import Person, PersonName, Sex
from casework.core.units import Unit, UnitKind
from casework.extensions import db
from casework.letters.document import LetterKind
from casework.letters.models import AddresseeKind, Letter, LetterAddressee
from casework.reprisals import operations as reprisals
from casework.reprisals.models import UNBody, VictimKind
from casework.special_procedures.models import CommunicationType, Mandate, Reply, SpCommunication
from casework.urgent_actions import operations as uas

AUTHOR_FAMILY = "Quetzalcoatl-Ibarra"  # a CED author: known only to the CED unit
VICTIM_FAMILY = "Zarkanova-Quill"  # a reprisals victim: known only to those assigned
SECRET_WORD = "Blackwoodhollow"  # in the subject of the confidential communication only


@dataclass
class World:
    communication: object
    confidential: object
    urgent_action: object
    reprisal: object
    letter: object
    sp: object
    reply: object
    person: Person
    author: Person


@pytest.fixture
def units(units) -> dict[str, Unit]:
    """The shared units, the reprisals team and a special-procedures desk."""
    extra = {"REPRISALS": Unit(code="REPRISALS", name="Reprisals team", kind=UnitKind.REPRISALS_TEAM),
             "SR-HRD": Unit(code="SR-HRD", name="Defenders desk", kind=UnitKind.MANDATE)}
    db.session.add_all(extra.values())
    db.session.commit()
    return {**units, **extra}


def _communication(units, states, users, *, family: str, given: str, subject: str) -> object:
    communication = comms.receive_communication(units["CCPR"], comms.Intake(
        state_id=states["MEX"].id, received_on=date(2026, 3, 2), authors=[comms.NameInput(family, given)],
        subject_matter=subject), users["officer"])
    db.session.flush()
    return communication


@pytest.fixture
def world(units, states, users, make_user) -> World:
    communication = _communication(units, states, users, family="García", given="José",
                                   subject="Deportation to a risk of torture")
    confidential = _communication(units, states, users, family="Hollowmere", given="Ivo",
                                  subject=f"Forced eviction near {SECRET_WORD}")
    confidential.confidential = True
    person = communication.person_links[0].person
    person.names.append(PersonName(name="خوسيه غارسيا", script="Arabic"))
    arabic = Person(family_name="عبد الله", given_names="محمد", unit_id=units["CCPR"].id, sex=Sex.MALE,
                    names=[PersonName(name="Mohammed Abdallah", script="Latin")])
    db.session.add(arabic)

    urgent_action = uas.create_urgent_action(uas.Disappearance(
        state_id=states["MEX"].id, received_on=date(2026, 3, 2), language="es", last_seen_on=date(2026, 2, 20),
        last_seen_place="Iguala, Guerrero", circumstances="Taken from a bus by municipal police officers.",
        alleged_perpetrators="Municipal police", protection_needs="",
        authors=[uas.PersonInput(AUTHOR_FAMILY, "Rosalinda", Sex.FEMALE)],
        authors_relationship="Mother", authors_contact="", complaints=[]),
        [uas.PersonInput("Mondragón", "Julio", Sex.MALE, age=22)], units["CED"], users["outsider"])

    team_officer = make_user("teamofficer", ("REPRISALS", Role.CASE_OFFICER))
    reprisal = reprisals.create_case(reprisals.Allegation(
        title="Defender detained after briefing the Committee", state_id=states["MEX"].id,
        received_on=date(2026, 6, 3), engaged_body=UNBody.TREATY_BODY, engaged_body_name="Committee against Torture",
        engagement_type="briefed the Committee", summary="Arrested at the airport on her return from Geneva."),
        [reprisals.VictimInput(VictimKind.INDIVIDUAL, family_name=VICTIM_FAMILY, given_names="Oleksandra",
                               sex=Sex.FEMALE, description="woman human rights defender")],
        units["REPRISALS"], team_officer)

    letter = Letter(unit_id=units["CCPR"].id, parent_id=communication.id, letter_type="acknowledgement",
                    kind=LetterKind.LETTER, title="Acknowledgement of receipt", status="draft",
                    body="We acknowledge receipt of your complaint about deportation.", letter_date=date(2026, 3, 5))
    mandate = Mandate(unit_id=units["SR-HRD"].id, name="Special Rapporteur on human rights defenders")
    sp = SpCommunication(unit_id=units["SR-HRD"].id, lead_mandate=mandate, comm_type=CommunicationType.AL,
                         status="sent", title="Harassment of environmental defenders", reference="AL MEX 3/2026",
                         summary="Threats against defenders of the Lacandona forest.", sent_on=date(2026, 4, 1))
    addressee = LetterAddressee(kind=AddresseeKind.STATE, state_id=states["MEX"].id, name="Mexico",
                                reference="AL MEX 3/2026")
    sp.addressees.append(addressee)
    reply = Reply(communication=sp, addressee=addressee, received_on=date(2026, 5, 20), language="es")
    db.session.add_all([letter, sp, reply])
    db.session.commit()
    author = next(link.person for link in urgent_action.person_links if link.role == "author")
    return World(communication, confidential, urgent_action, reprisal, letter, sp, reply, person, author)
