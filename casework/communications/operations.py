"""The only place communications change. Each operation takes an explicit actor, flushes and
never commits; the view commits."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from flask_babel import gettext as _
from sqlalchemy import select

from casework.communications.models import (
    CASE_TYPE, Communication, CommunicationStatus as S, Decision, DecisionType, FollowUpOutcome, FollowUpRound,
    NotRegisteredReason,
)
from casework.communications.workflow import COMMUNICATION_WORKFLOW, DECISION_EVENTS
from casework.core.cases import Case
from casework.core.counters import next_number
from casework.core.deadlines import meet_open_deadlines
from casework.core.permissions import Permission, can
from casework.core.persons import CasePerson, Person, PersonRole, registered_person
from casework.core.states import State
from casework.core.units import Unit
from casework.core.workflow import check_step_date, fire, workflow_for
from casework.core.writes import Refused
from casework.extensions import db


def require(actor, permission: Permission, case: Case) -> None:
    if not can(actor, permission, case):
        raise Refused(_("Your role does not allow this on %(case)s.", case=str(case)), forbidden=True)


@dataclass
class NameInput:
    """A person named at intake: new, or already in the registry (`person_id`)."""

    family_name: str
    given_names: str = ""
    person_id: int | None = None


@dataclass
class Intake:
    """What the secretariat records when a complaint arrives, before it is a case."""

    state_id: int
    received_on: date
    authors: list[NameInput]
    victims: list[NameInput] = field(default_factory=list)  # empty: the author is the victim
    counsel: list[NameInput] = field(default_factory=list)
    submitted_on: date | None = None
    submission_language: str = "en"
    subject_matter: str = ""
    articles_invoked: list[str] = field(default_factory=list)
    confidentiality_requested: bool = False


def _person(name: NameInput, unit: Unit, protected: bool, actor) -> Person:
    """The registry's person (if `actor` may see them), or a new one registered by the committee."""
    if name.person_id:
        return registered_person(name.person_id, actor)
    person = Person(family_name=name.family_name.strip(), given_names=name.given_names.strip(), unit_id=unit.id,
                    protected_identity=protected)
    db.session.add(person)
    return person


def receive_communication(committee: Unit, intake: Intake, actor) -> Communication:
    """Record incoming correspondence; it becomes a numbered case only when registered."""
    state = db.session.get(State, intake.state_id)
    authors = [_person(n, committee, intake.confidentiality_requested, actor) for n in intake.authors]
    victims = [_person(n, committee, intake.confidentiality_requested, actor) for n in intake.victims] or authors
    counsel = [_person(n, committee, False, actor) for n in intake.counsel]
    communication = Communication(
        unit=committee, committee_id=committee.id, state_id=state.id, status=S.RECEIVED,
        title=f"{authors[0].public_name} v. {state.name}", received_on=intake.received_on,
        submitted_on=intake.submitted_on, submission_language=intake.submission_language,
        subject_matter=intake.subject_matter, articles_invoked=intake.articles_invoked,
        confidentiality_requested=intake.confidentiality_requested, officer_id=actor.id,
    )
    db.session.add(communication)
    db.session.flush()
    for role, people in ((PersonRole.AUTHOR, authors), (PersonRole.ALLEGED_VICTIM, victims),
                         (PersonRole.COUNSEL, counsel)):
        for person in dict.fromkeys(people):  # a person named twice in one role is linked once
            db.session.add(CasePerson(case_id=communication.id, person_id=person.id, role=role))
    db.session.flush()
    return communication


@dataclass
class CaseDetails:
    subject_matter: str
    procedural_issues: str
    domestic_remedies: str
    articles_invoked: list[str]
    confidentiality_requested: bool


def update_details(communication: Communication, details: CaseDetails, actor) -> None:
    """Save the case's descriptive fields."""
    require(actor, Permission.EDIT, communication)
    communication.subject_matter = details.subject_matter
    communication.procedural_issues = details.procedural_issues
    communication.domestic_remedies = details.domestic_remedies
    communication.articles_invoked = details.articles_invoked
    communication.confidentiality_requested = details.confidentiality_requested
    db.session.flush()


def register_communication(communication: Communication, actor, on: date | None = None) -> Communication:
    """Give the communication its number `n/yyyy`: running per committee, year of registration."""
    on = on or date.today()
    require(actor, Permission.APPROVE, communication)
    if communication.status not in (S.RECEIVED, S.CLARIFICATION_REQUESTED):
        raise Refused(_("Only incoming correspondence can be registered."))
    check_step_date(communication, on, workflow_for(communication).transition("register").label)
    number = next_number(f"{CASE_TYPE}:{communication.unit.code}:{on.year}")
    communication.number, communication.year, communication.registered_on = number, on.year, on
    communication.reference = f"{communication.unit.code} {number}/{on.year}"
    fire(communication, "register", actor, on=on)
    return communication


def decline_registration(communication: Communication, reason: NotRegisteredReason, advice: str, actor) -> None:
    """Not registered: the reason, and the advice given to the author (e.g. another procedure)."""
    communication.not_registered_reason = reason
    communication.advice_given = advice.strip()
    fire(communication, "decline_registration", actor, comment=advice.strip() or None)


def split_refusal(communication: Communication) -> str | None:
    """Why the complaint can no longer be split, or None."""
    if communication.status not in (S.RECEIVED, S.CLARIFICATION_REQUESTED):
        return _("Split a complaint before it is registered; each part is then numbered.")
    return None


def states_coded(text: str) -> list[State]:
    """The States named by their ISO codes, as typed: "fra, DEU"."""
    codes = [code.strip().upper() for code in text.split(",") if code.strip()]
    states = db.session.scalars(select(State).where(State.iso3.in_(codes))).all()
    unknown = sorted(set(codes) - {s.iso3 for s in states})
    if unknown:
        raise Refused(_("Unknown State codes: %(codes)s.", codes=", ".join(unknown)))
    return list(states)


def split_communication(communication: Communication, state_ids: list[int], actor) -> list[Communication]:
    """One complaint against several States becomes one case per State, before registration."""
    require(actor, Permission.EDIT, communication)
    if reason := split_refusal(communication):
        raise Refused(reason)
    parts = []
    for state_id in dict.fromkeys(state_ids):
        if state_id == communication.state_id:
            continue
        state = db.session.get(State, state_id)
        part = Communication(
            unit=communication.unit, committee_id=communication.committee_id, state_id=state.id, status=S.RECEIVED,
            title=f"{communication.title.split(' v. ')[0]} v. {state.name}", received_on=communication.received_on,
            submitted_on=communication.submitted_on, submission_language=communication.submission_language,
            subject_matter=communication.subject_matter, articles_invoked=list(communication.articles_invoked),
            confidentiality_requested=communication.confidentiality_requested, officer_id=communication.officer_id,
            split_from_id=communication.id,
        )
        db.session.add(part)
        db.session.flush()
        for link in communication.person_links:
            db.session.add(CasePerson(case_id=part.id, person_id=link.person_id, role=link.role))
        parts.append(part)
    db.session.flush()
    return parts


def join_communications(lead: Communication, others: list[Communication], actor) -> None:
    """Several numbers examined together: the others follow the lead's decision."""
    for communication in [lead, *others]:
        require(actor, Permission.EDIT, communication)
        if communication.status not in (S.REGISTERED, S.TRANSMITTED, S.OBSERVATIONS_RECEIVED, S.COMMENTS_REQUESTED,
                                        S.READY_FOR_DECISION, S.ADMISSIBLE):
            raise Refused(_("%(case)s is not under examination; only such cases can be joined.",
                            case=str(communication)))
    for other in others:
        if other.id == lead.id:
            continue
        if other.committee_id != lead.committee_id:
            raise Refused(_("%(case)s is before another committee.", case=str(other)))
        if other.joined:
            raise Refused(_("%(case)s leads its own joined cases.", case=str(other)))
        other.joined_to_id = lead.joined_to_id or lead.id
    db.session.flush()


@dataclass
class DecisionInput:
    decision_type: DecisionType
    adopted_on: date
    session: int
    articles_violated: list[str] = field(default_factory=list)
    individual_opinions: str = ""
    members_not_participating: str = ""


def record_decision(communication: Communication, decision: DecisionInput, actor) -> list[Decision]:
    """Record the committee's decision once, on the lead case: it is the decision of every case
    joined to it, with one symbol carrying all their numbers, and each case's workflow moves."""
    if communication.joined_to_id is not None:
        raise Refused(_("This case is joined to %(lead)s; record the decision there.",
                        lead=str(communication.joined_to)))
    if decision.decision_type is DecisionType.VIEWS_VIOLATION and not decision.articles_violated:
        raise Refused(_("%(decision)s finding a violation must name the articles violated.",
                        decision=communication.rules.adopt_label))
    joined = sorted(communication.joined, key=lambda case: (case.year or 0, case.number or 0))
    symbol = communication.rules.document_symbol(decision.session, communication.number, communication.year,
                                                 *((case.number, case.year) for case in joined))
    label = communication.rules.decision_label(decision.decision_type.value)
    recorded = []
    for case in [communication, *joined]:
        recorded.append(Decision(
            communication_id=case.id, decision_type=decision.decision_type, adopted_on=decision.adopted_on,
            session=decision.session, symbol=symbol, articles_violated=decision.articles_violated,
            individual_opinions=decision.individual_opinions,
            members_not_participating=decision.members_not_participating,
        ))
        db.session.add(recorded[-1])
        db.session.flush()
        db.session.refresh(case, ["decisions"])
        _decide(case, communication, DECISION_EVENTS[decision.decision_type], actor, decision.adopted_on,
                f"{label}: {symbol}")
    return recorded


def _decide(case: Communication, lead: Communication, event: str, actor, on: date, comment: str) -> None:
    """Fire the decision's event on one case. A joined case is examined with its lead, so when the
    committee decides it is ready for decision too, whatever submission it was still awaiting;
    a refusal on a joined case names that case."""
    transition = COMMUNICATION_WORKFLOW.transition(event)
    if case is not lead and case.status not in transition.sources and S.READY_FOR_DECISION in transition.sources \
            and case.status in COMMUNICATION_WORKFLOW.transition("mark_ready").sources:
        fire(case, "mark_ready", actor, on=on, comment=_("Examined with %(lead)s.", lead=lead.reference))
    try:
        fire(case, event, actor, on=on, comment=comment)
    except Refused as refusal:
        if case is lead:
            raise
        raise Refused(_("%(case)s, joined to this case: %(reason)s", case=case.reference, reason=str(refusal)),
                      status=refusal.status) from None


def record_follow_up_round(communication: Communication, actor, *, state_reply_on: date | None,
                           author_comments_on: date | None, grade: str | None, summary: str) -> FollowUpRound:
    """A round of follow-up; the State's reply meets the open follow-up clock."""
    require(actor, Permission.EDIT, communication)
    if communication.status != S.FOLLOW_UP:
        raise Refused(_("Follow-up rounds are recorded while the case is under follow-up."))
    round_ = FollowUpRound(
        communication_id=communication.id, number=len(communication.follow_up_rounds) + 1, state_reply_on=state_reply_on,
        author_comments_on=author_comments_on, grade=grade or None, graded_on=date.today() if grade else None,
        summary=summary.strip(),
    )
    db.session.add(round_)
    db.session.flush()
    db.session.refresh(communication, ["follow_up_rounds"])
    if state_reply_on is not None:
        meet_open_deadlines(communication.id, ["follow_up_reply"], "record_follow_up_round", state_reply_on)
    db.session.flush()
    return round_


def close_follow_up(communication: Communication, outcome: FollowUpOutcome, actor, comment: str = "") -> None:
    communication.follow_up_outcome = outcome
    fire(communication, "close_follow_up", actor, comment=comment or outcome.value)
