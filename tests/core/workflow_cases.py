"""A real case of every kind that has a workflow, and what each transition needs to be fired.

Used by the workflow truth tables (`test_workflow_truth_tables.py`). `BUILDERS` makes one case of
each case type through the module's own operations, as a user would; the table then places it in
each state by setting its status. `RECIPES` fills, for one transition, the fields it requires and
whatever its guard asks for, so that every transition can be seen to succeed at least once.
`CANNOT_FIRE` names the transitions whose guard cannot be satisfied from such a case, with the
reason; today there are none. A workflow of a case's part (`workflow_key`) is keyed by that key
and its builder returns the part.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from casework.auth.models import Role, User
from casework.core.cases import Case
from casework.core.deadlines import Deadline
from casework.core.persons import Sex
from casework.core.states import State, UNStatus
from casework.core.workflow import fire
from casework.core.units import Unit, UnitKind
from casework.extensions import db
from tests.sample_workflow import SampleCase, SampleStatus

TODAY = date.today()
LONG_AGO = TODAY - timedelta(days=400)

# The units cases live in; every user of the table holds the same role in each of them.
CASE_UNITS = {
    "CCPR": UnitKind.COMMITTEE, "CESCR": UnitKind.COMMITTEE, "CED": UnitKind.COMMITTEE,
    "FO-COL": UnitKind.FIELD_OFFICE, "REPRISALS": UnitKind.REPRISALS_TEAM, "WGAD": UnitKind.MANDATE,
    "WGEID": UnitKind.MANDATE, "SR-HRDEFENDERS": UnitKind.MANDATE, "SR-TORTURE": UnitKind.MANDATE,
}
OTHER_UNIT = "CAT"  # the outsider's: no case of the table belongs to it
SECRETARIAT = "OHCHR"


@dataclass(frozen=True)
class RoleSpec:
    """What a user of the table is: a role in every case unit, one everywhere, auditor, admin."""

    in_case_units: Role | None = None
    everywhere: Role | None = None  # a membership of the secretariat
    elsewhere: Role | None = None  # a membership of another unit only
    auditor: bool = False
    admin: bool = False


ROLES: dict[str, RoleSpec] = {
    "viewer": RoleSpec(in_case_units=Role.VIEWER),
    "officer": RoleSpec(in_case_units=Role.CASE_OFFICER),
    "supervisor": RoleSpec(in_case_units=Role.SUPERVISOR),
    "outsider": RoleSpec(elsewhere=Role.SUPERVISOR),
    "secretariat": RoleSpec(everywhere=Role.VIEWER),
    "auditor": RoleSpec(auditor=True),
    "admin": RoleSpec(admin=True),
}


@dataclass
class World:
    units: dict[str, Unit]
    users: dict[str, User]
    states: dict[str, State]
    extra: dict[str, Any] = field(default_factory=dict)  # a module's own records (mandates, a facility)


def build_world(units: dict[str, Unit], make_user: Callable[..., User]) -> World:
    """The units, States and users of the table; `units` already holds CCPR, CED and OHCHR."""
    for code, kind in {**CASE_UNITS, OTHER_UNIT: UnitKind.COMMITTEE}.items():
        if code not in units:
            units[code] = Unit(code=code, name=f"Unit {code}", kind=kind)
            db.session.add(units[code])
    db.session.commit()
    users = {}
    for name, spec in ROLES.items():
        memberships = [(code, spec.in_case_units) for code in CASE_UNITS] if spec.in_case_units else []
        if spec.everywhere:
            memberships.append((SECRETARIAT, spec.everywhere))
        if spec.elsewhere:
            memberships.append((OTHER_UNIT, spec.elsewhere))
        users[name] = make_user(name, *memberships, admin=spec.admin, auditor=spec.auditor)
    states = {
        iso3: State(iso2=iso2, iso3=iso3, name=name, un_status=UNStatus.MEMBER,
                    mission_name=f"Permanent Mission of {name} to the United Nations Office at Geneva")
        for iso2, iso3, name in (("MX", "MEX", "Mexico"), ("IQ", "IRQ", "Iraq"), ("CO", "COL", "Colombia"),
                                 ("EG", "EGY", "Egypt"))
    }
    db.session.add_all(states.values())
    db.session.commit()
    return World(units, users, states)


# ---- One case of each kind, made through the module's operations --------------------------------

def communication(w: World) -> Case:
    from casework.communications import operations as ops

    return ops.receive_communication(w.units["CCPR"], ops.Intake(
        state_id=w.states["MEX"].id, received_on=date(2026, 3, 2), authors=[ops.NameInput("Pérez", "José")],
        articles_invoked=["CCPR-7"], subject_matter="Deportation to a risk of torture",
    ), w.users["officer"])


def urgent_action(w: World) -> Case:
    from casework.urgent_actions import operations as ops

    event = ops.Disappearance(
        state_id=w.states["MEX"].id, received_on=date(2026, 3, 2), language="en", last_seen_on=date(2026, 2, 20),
        last_seen_place="Iguala, Guerrero", circumstances="Taken from a bus by municipal police officers.",
        alleged_perpetrators="Municipal police of Iguala", protection_needs="",
        authors=[ops.PersonInput("Ibarra", "Rosalinda", Sex.FEMALE)], authors_relationship="Mother",
        authors_contact="+52 55 0000 0000", complaints=[],
    )
    return ops.create_urgent_action(event, [ops.PersonInput("Mondragón", "Julio", Sex.MALE, age=22)],
                                    w.units["CED"], w.users["officer"])


def _facility(w: World):
    from casework.detention.places import operations as places
    from casework.detention.places.models import FacilityType

    if "facility" not in w.extra:
        w.extra["facility"] = places.save_facility(None, w.units["FO-COL"].id, places.FacilityContent(
            name="Cárcel de San Isidro", facility_type=FacilityType.PRISON, state_id=w.states["COL"].id,
            authority="INPEC", location="Popayán", capacity=100), w.users["admin"])
    return w.extra["facility"]


def detention_visit(w: World) -> Case:
    from casework.detention.visits import operations as visits

    visit = visits.record_visit(_facility(w), date(2025, 3, 12), w.users["officer"])
    visit.pop_total = 120
    return visit


def detention_case(w: World) -> Case:
    from casework.detention.cases import operations as cases
    from casework.detention.cases.models import CaseIssue
    from casework.detention.operations import Detainee

    return cases.open_case(_facility(w), Detainee("Muñoz", "", Sex.MALE), CaseIssue.NO_LEGAL_BASIS, "",
                           w.users["officer"])


def _mandate(w: World, code: str):
    from casework.special_procedures.models import Mandate, MandateKind

    mandates = w.extra.setdefault("mandates", {})
    if code not in mandates:
        mandates[code] = Mandate(unit_id=w.units[code].id, name=f"Mandate {code}", kind=MandateKind.THEMATIC,
                                 holder_name=f"Holder of {code}", holder_title=f"Special Rapporteur {code}",
                                 resolutions="52/4")
        db.session.add(mandates[code])
        db.session.flush()
    return mandates[code]


def sp_communication(w: World) -> Case:
    """A complete draft led by the defenders desk, with no co-signer invited yet."""
    from casework.special_procedures import operations as ops
    from casework.special_procedures.models import CommunicationType

    return ops.create_communication(ops.CommunicationContent(
        comm_type=CommunicationType.UA, title="the arrest of a woman human rights defender",
        summary="According to the information received, a defender was arrested without a warrant.",
        questions="Please explain the legal basis of the arrest.", themes="Human rights defenders",
        source="A network of defenders", addressees=[ops.AddresseeInput(state_id=w.states["COL"].id)],
    ), _mandate(w, "SR-HRDEFENDERS"), w.users["officer"])


def sp_cosignature(w: World):
    """The torture mandate invited to co-sign a letter of the defenders desk, now in co-signature:
    the table's supervisor, a supervisor of every case unit, holds both mandates."""
    from casework.special_procedures import operations as ops

    comm = sp_communication(w)
    cosignature, = ops.invite_mandates(comm, [_mandate(w, "SR-TORTURE")], w.users["officer"])
    fire(comm, "start_cosignature", w.users["officer"])
    return cosignature


def reprisal(w: World) -> Case:
    from casework.reprisals import operations as ops
    from casework.reprisals.models import UNBody, VictimKind

    return ops.create_case(ops.Allegation(
        title="Defender detained after briefing the Committee", state_id=w.states["EGY"].id,
        received_on=date(2026, 6, 3), engaged_body=UNBody.TREATY_BODY,
        engaged_body_name="Committee against Torture", engagement_type="briefed the Committee",
        summary="She was arrested at the airport on her return from Geneva."),
        [ops.VictimInput(VictimKind.INDIVIDUAL, family_name="Quill", given_names="Oleksandra", sex=Sex.FEMALE)],
        w.units["REPRISALS"], w.users["officer"])


def wgad_communication(w: World) -> Case:
    from casework.working_groups import operations as ops

    return ops.register_detention(ops.DetentionInput(
        state_id=w.states["IRQ"].id, received_on=TODAY - timedelta(days=120), source_name="Legal Aid",
        source_contact="+41 22 000 00 00", persons=[ops.PersonInput("Karimi", "Dara", Sex.MALE)],
        place_of_detention="Central prison", arrested_on=TODAY - timedelta(days=200),
        legal_basis="Article 156 of the Penal Code", summary="Arrested after a peaceful demonstration."),
        w.units["WGAD"], w.users["officer"])


def wgeid_case(w: World) -> Case:
    """A standard-procedure case: the disappearance is too old for the urgent procedure."""
    from casework.working_groups import operations as ops
    from casework.working_groups.models import Procedure

    return ops.register_disappearance(ops.DisappearanceInput(
        state_id=w.states["MEX"].id, received_on=TODAY - timedelta(days=300), source_name="Legal Aid",
        persons=[ops.PersonInput("Lozano", "Marisol", Sex.FEMALE)], disappeared_on=TODAY - timedelta(days=320),
        place="Tierra Blanca, Veracruz", circumstances="Stopped by state police at a checkpoint.",
        procedure=Procedure.STANDARD), w.units["WGEID"], w.users["officer"])


def interim_measure(w: World):
    """A request for interim measures, a part of a registered communication with states of its own."""
    from casework.communications import interim_measures

    return interim_measures.request_interim_measures(communication(w), "Not to deport the author to Sri Lanka",
                                                     date(2026, 3, 3), w.users["officer"])


def letter(w: World) -> Case:
    """A complete letter drafted by the case officer for a CCPR case, ready to submit."""
    from casework.letters import operations as ops

    parent = sample_case(w)
    draft = ops.draft_letter("letter", "en", w.users["officer"], parent=parent)
    ops.update_letter(draft, ops.LetterContent(
        subject="Allegations concerning the detention of Ms. A.B.", reference="AL MEX 3/2026",
        body="I have the honour to address you concerning information received.", language="en",
        letter_date=None, addressee_state_ids=[w.states["MEX"].id], other_addressees=[], copy_state_ids=[],
        signatories=[("Amara Okonjo-Lind", "Special Rapporteur on the situation of human rights defenders")],
    ), w.users["officer"])
    return draft


def sample_case(w: World) -> Case:
    case = SampleCase(unit=w.units["CCPR"], status=SampleStatus.DRAFT, reference="S 1/2026", title="A sample case",
                      officer_id=w.users["officer"].id)
    db.session.add(case)
    db.session.flush()
    return case


BUILDERS: dict[str, Callable[[World], Case]] = {
    "communication": communication,
    "urgent_action": urgent_action,
    "detention_visit": detention_visit,
    "detention_case": detention_case,
    "sp_communication": sp_communication,
    "sp_cosignature": sp_cosignature,
    "reprisal": reprisal,
    "wgad_communication": wgad_communication,
    "wgeid_case": wgeid_case,
    "letter": letter,
    "interim_measure": interim_measure,
    "sample_case": sample_case,  # the shared machinery's own tests' workflow (tests/sample_workflow.py)
}


# ---- What each transition needs, beyond a case in one of its source states ----------------------

Recipe = Callable[[Case, World], None]


def _set(**values) -> Recipe:
    def fill(case: Case, _w: World) -> None:
        for name, value in values.items():
            setattr(case, name, value)

    return fill


def _clock(kind: str, due_on: date, reminders_sent: int = 0) -> Recipe:
    """An open deadline of `kind` on the case, due on `due_on`."""
    def open_clock(case: Case, _w: World) -> None:
        db.session.add(Deadline(case_id=case.id, kind=kind, label=kind, due_on=due_on, original_due_on=due_on,
                                reminders_sent=reminders_sent))
        db.session.flush()

    return open_clock


def _in_unit(code: str) -> Recipe:
    def move(case: Case, w: World) -> None:
        case.unit = w.units[code]
        case.committee_id = w.units[code].id

    return move


def _views_finding_a_violation(case: Case, _w: World) -> None:
    from casework.communications.models import Decision, DecisionType

    case.decisions.append(Decision(decision_type=DecisionType.VIEWS_VIOLATION, adopted_on=date(2026, 7, 1),
                                   session=140, symbol="CCPR/C/140/D/1/2026"))
    db.session.flush()


def _graded_round(case: Case, _w: World) -> None:
    from casework.communications.models import FollowUpOutcome, FollowUpRound, Grade

    case.follow_up_outcome = FollowUpOutcome.SATISFACTORY
    case.follow_up_rounds.append(FollowUpRound(number=1, grade=Grade.A, graded_on=date(2026, 9, 1)))
    db.session.flush()


def _all_criteria_met(case: Case, _w: World) -> None:
    from casework.urgent_actions.models import Criterion

    case.criteria = {c.value: True for c in Criterion}


def _located(kind: str) -> Recipe:
    """Every disappeared person of the urgent action found so: the request's located states follow
    from the persons' outcomes."""
    def fill(case: Case, w: World) -> None:
        from casework.urgent_actions.models import Located, Outcome

        for person in case.disappeared:
            case.outcomes.append(Outcome(person_id=person.id, outcome=Located(kind), located_on=TODAY))
        db.session.flush()

    return fill


def _summary_report_issued(case: Case, w: World) -> None:
    from casework.detention.visits import operations as visits

    report = visits.draft_visit_report(case, "en", w.users["officer"])
    report.final_pdf_sha256 = "0" * 64


def _cosigner_invited(case: Case, w: World) -> None:
    from casework.special_procedures import operations as ops

    ops.invite_mandates(case, [_mandate(w, "SR-TORTURE")], w.users["officer"])


def _risk_and_consent(case: Case, w: World) -> None:
    from casework.reprisals import operations as ops
    from casework.reprisals.models import ConsentScope, RiskLevel

    ops.assess_risk(case, RiskLevel.HIGH, date(2026, 6, 4), "Weekly check-in.", w.users["officer"])
    ops.record_consent(case, informed=True, scope=ConsentScope.MAY_BE_NAMED, given_by="The victim",
                       given_on=date(2026, 6, 4), actor=w.users["officer"])


def _action_taken(case: Case, w: World) -> None:
    from casework.reprisals import operations as ops
    from casework.reprisals.models import ActionKind

    ops.record_action(case, ActionKind.JOINT_LETTER, date(2026, 6, 5), "Joint letter sent.", w.users["officer"])


def _arbitrary_opinion(case: Case, _w: World) -> None:
    from casework.working_groups.models import Opinion, Outcome

    case.opinion = Opinion(number=1, year=TODAY.year, session=101, adopted_on=TODAY - timedelta(days=30),
                           outcome=Outcome.ARBITRARY, categories="I,III")
    db.session.flush()


def _urgent_procedure(case: Case, _w: World) -> None:
    from casework.working_groups.models import Procedure

    case.procedure = Procedure.URGENT
    case.disappeared_on = case.received_on - timedelta(days=10)


RECIPES: dict[tuple[str, str], Recipe] = {
    ("communication", "decline_registration"): _set(not_registered_reason="anonymous"),
    ("communication", "record_friendly_settlement"): _in_unit("CESCR"),
    ("communication", "open_follow_up"): _views_finding_a_violation,
    ("communication", "close_follow_up"): _graded_round,
    ("urgent_action", "register"): _all_criteria_met,
    ("urgent_action", "refuse_registration"): _set(decision_reason="Not an enforced disappearance."),
    ("urgent_action", "request_information"): _set(decision_reason="The date of arrest is missing."),
    ("urgent_action", "forward_to_wgeid"): _set(decision_reason="The State is not a party."),
    ("urgent_action", "send_reminder"): _clock("state_reply", TODAY - timedelta(days=1)),
    ("urgent_action", "flag_for_meeting"): _clock("state_reply", TODAY - timedelta(days=1), reminders_sent=3),
    ("urgent_action", "locate_alive"): _located("alive_and_free"),
    ("urgent_action", "locate_in_detention"): _located("in_detention"),
    ("urgent_action", "locate_deceased"): _located("deceased"),
    ("urgent_action", "close_deceased"): _located("deceased"),
    ("detention_visit", "submit"): _set(started_on=date(2025, 3, 12), pop_total=120),
    ("detention_visit", "finalise"): _summary_report_issued,
    ("detention_case", "raise"): _set(raised_on=date(2025, 3, 1), raised_with="Juzgado de Popayán"),
    ("detention_case", "record_outcome"): _set(outcome="released", outcome_on=date(2025, 4, 2), category="man"),
    ("sp_communication", "start_cosignature"): _cosigner_invited,
    ("sp_communication", "publish_with_press_release"): _set(press_release_on=date(2026, 4, 1)),
    ("sp_communication", "include_in_report"): _set(report_session="HRC 62"),
    ("reprisal", "verify"): _risk_and_consent,
    ("reprisal", "consider_inclusion"): _action_taken,
    ("wgad_communication", "send_to_government"): _arbitrary_opinion,
    ("wgad_communication", "start_follow_up"): _arbitrary_opinion,
    ("wgeid_case", "transmit_urgent"): _urgent_procedure,
    ("wgeid_case", "transmit_standard"): _set(session=130),
    ("wgeid_case", "forward_clarifying_reply"): _set(clarification="Held at the naval base; family informed."),
    ("wgeid_case", "clarify_on_government_reply"): _clock("wgeid_source_objection", TODAY - timedelta(days=1)),
    ("wgeid_case", "clarify"): _set(clarification="Found alive by the source."),
    ("wgeid_case", "send_yearly_reminder"): _clock("wgeid_yearly_reminder", TODAY),
    ("wgeid_case", "discontinue"): _set(discontinuation_reason="The family no longer wishes to pursue it."),
    ("letter", "finalise"): _set(final_pdf_sha256="0" * 64),
    ("letter", "mark_sent"): _set(final_pdf_sha256="0" * 64, sent_on=date(2026, 4, 1), sent_channel="email"),
    ("letter", "record_reply"): _set(reply_received_on=date(2026, 5, 1)),
}

# (case type, event) → why its guard cannot be satisfied on a case built here. A transition listed
# here is still checked cell by cell; only "fired successfully at least once" is waived.
CANNOT_FIRE: dict[tuple[str, str], str] = {}
