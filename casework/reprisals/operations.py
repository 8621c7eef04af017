"""Operations on reprisals cases: the only code that changes them. They flush; the view commits."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from flask_babel import format_date
from flask_babel import gettext as _
from sqlalchemy import select

from casework.auth.models import Membership, Role
from casework.cases.lookup import LinkFrom, linkable_case, normal_reference
from casework.core.cases import CaseAssignment
from casework.core.counters import next_number
from casework.core.permissions import supervises_unit
from casework.core.persons import CasePerson, Person, PersonRole, Sex, person_or_new
from casework.core.states import State
from casework.core.units import Unit
from casework.core.workflow import fire
from casework.core.writes import Refused
from casework.extensions import db
from casework.persons.lookup import linkable_person
from casework.reprisals.models import (
    ActCategory, ActionKind, ActionTaken, Act, Annex, Consent, ConsentScope, Inclusion, RelatedCase, ReprisalCase,
    ReprisalStatus, RiskAssessment, RiskLevel, UNBody, Victim, VictimKind,
)
from casework.reprisals.report import REPORTED_DETAILS, published_report_year
from casework.reprisals.workflow import ACTING


@dataclass
class Allegation:
    """What the team knows when an allegation comes in."""

    title: str
    state_id: int
    received_on: date
    engaged_body: UNBody
    engaged_body_name: str = ""
    engagement_type: str = ""
    engaged_from: date | None = None
    engaged_to: date | None = None
    trigger: str = ""
    raised_by: UNBody | None = None
    raised_by_name: str = ""
    summary: str = ""


@dataclass
class VictimInput:
    kind: VictimKind
    person_id: int | None = None  # an individual already in the registry
    family_name: str = ""  # or a new individual
    given_names: str = ""
    sex: Sex = Sex.UNKNOWN
    nationality_id: int | None = None
    name: str = ""  # an organisation or a group
    minor: bool = False
    foreign_national: bool = False
    description: str = ""


def _reference(received_on: date) -> str:
    year = received_on.year
    return f"REP {next_number(f'reprisal:{year}')}/{year}"


def create_case(allegation: Allegation, victims: list[VictimInput], unit: Unit, actor) -> ReprisalCase:
    """Open a case, always confidential, assigned to whoever opened it and the team's supervisors."""
    case = ReprisalCase(
        unit_id=unit.id, status=ReprisalStatus.RECEIVED, confidential=True, officer_id=actor.id,
        reference=_reference(allegation.received_on), **vars(allegation),
    )
    db.session.add(case)
    db.session.flush()
    for victim in victims:
        add_victim(case, victim, actor, LinkFrom(unit_id=unit.id))
    supervisors = db.session.scalars(select(Membership.user_id).where(
        Membership.unit_id == unit.id, Membership.role == Role.SUPERVISOR))
    for user_id in {actor.id, *supervisors}:
        db.session.add(CaseAssignment(case_id=case.id, user_id=user_id, assigned_by_id=actor.id))
    db.session.flush()
    return case


def edit_refusal(case: ReprisalCase) -> str | None:
    """Why the case's details cannot be corrected now, or None when they can."""
    if case.status == ReprisalStatus.CLOSED:
        return _("The case is closed: reopen it to correct its details.")
    return None


def update_details(case: ReprisalCase, allegation: Allegation, actor) -> None:
    """Correct the details given at registration, or add what was learned since.

    Refused when the case is closed (reopen it first, as for every other change) and, once the
    case is in a published report, for the details that report tells (`REPORTED_DETAILS`): what
    was learned later is recorded as acts and actions, which follow-up reports tell by date.
    The reference keeps the year it was opened in, even if the date of receipt is corrected.
    """
    refusal = edit_refusal(case)
    if refusal:
        raise Refused(refusal)
    published = published_report_year(case)
    if published is not None and any(getattr(allegation, name) != getattr(case, name) for name in REPORTED_DETAILS):
        raise Refused(_(
            "The case is in the %(y)s report, already published: its State, cooperation with the United Nations "
            "and summary stay as published. Record what was learned since as an act or an action.", y=published))
    for name, value in vars(allegation).items():
        setattr(case, name, value.strip() if isinstance(value, str) else value)
    case.state = db.session.get(State, allegation.state_id)  # the search index reads the State's name
    db.session.flush()


def add_victim(case: ReprisalCase, data: VictimInput, actor, origin: LinkFrom | None = None) -> Victim:
    """A victim; an individual is a person of the registry, linked to the case as alleged victim.

    A person already in the registry may come from another procedure (see
    `casework.persons.lookup`): `origin` is where the link is made from, the case itself once it
    is open."""
    person = None
    if data.kind is VictimKind.INDIVIDUAL:
        person = _individual(case, data, actor, origin or LinkFrom(case=case))
        db.session.add(CasePerson(case_id=case.id, person=person, role=PersonRole.ALLEGED_VICTIM))
    elif not data.name.strip():
        raise Refused(_("Give the name of the organisation or group."))
    victim = Victim(case_id=case.id, kind=data.kind, person=person, name=data.name.strip(), minor=data.minor,
                    foreign_national=data.foreign_national, description=data.description.strip())
    case.victims.append(victim)
    db.session.flush()
    return victim


def _individual(case: ReprisalCase, data: VictimInput, actor, origin: LinkFrom) -> Person:
    if data.person_id:
        return linkable_person(actor, data.person_id, origin)
    return person_or_new(data, case.unit_id, actor, protected=True, missing=_(
        "Give the family name of the individual, or the number of a person in the registry."))


def add_act(case: ReprisalCase, category: ActCategory, occurred_on: date, description: str, actor) -> Act:
    act = Act(case_id=case.id, category=category, occurred_on=occurred_on, description=description.strip())
    case.acts.append(act)
    db.session.flush()
    return act


def record_consent(case: ReprisalCase, *, informed: bool, scope: ConsentScope, given_by: str, given_on: date,
                   actor, note: str = "") -> Consent:
    """A new consent record; it replaces the previous one for the report from its date."""
    if not given_by.strip():
        raise Refused(_("Say who gave the consent."))
    consent = Consent(case_id=case.id, informed=informed, scope=scope, given_by=given_by.strip(),
                      given_on=given_on, note=note.strip())
    case.consents.append(consent)
    db.session.flush()
    return consent


def revoke_consent(consent: Consent, revoked_on: date, actor) -> None:
    """From now on the case leaves every report draft that relied on this consent."""
    if consent.revoked_on is not None:
        raise Refused(_("This consent was already revoked on %(d)s.", d=format_date(consent.revoked_on)))
    if revoked_on < consent.given_on:
        raise Refused(_("Consent cannot be revoked before it was given (%(d)s).", d=format_date(consent.given_on)))
    consent.revoked_on = revoked_on
    db.session.flush()


def assess_risk(case: ReprisalCase, level: RiskLevel, assessed_on: date, measures: str, actor) -> RiskAssessment:
    assessment = RiskAssessment(case_id=case.id, level=level, assessed_on=assessed_on, assessor_id=actor.id,
                                measures=measures.strip())
    case.risk_assessments.append(assessment)
    db.session.flush()
    return assessment


def record_action(case: ReprisalCase, kind: ActionKind, taken_on: date, outcome: str, actor) -> ActionTaken:
    if case.status not in ACTING:
        raise Refused(_("Actions are recorded once the case is verified, and until it is closed."))
    action = ActionTaken(case_id=case.id, kind=kind, taken_on=taken_on, outcome=outcome.strip())
    case.actions.append(action)
    db.session.flush()
    return action


def decide_inclusion(case: ReprisalCase, report_year: int, annex: Annex, actor, on: date | None = None) -> Inclusion:
    """Include the case in one year's report: annex I the first time, annex II in later years.

    Nothing goes into a report without valid consent, so the decision needs it too.
    """
    if case.valid_consent is None:
        raise Refused(_("There is no valid consent: the case cannot go into a report."))
    earlier = [i for i in case.inclusions if i.report_year < report_year]
    if any(i.report_year == report_year for i in case.inclusions):
        raise Refused(_("The case is already in the %(y)s report.", y=report_year))
    if annex is Annex.NEW and earlier:
        raise Refused(_("The case was in the %(y)s report: later reports follow it up in annex II.",
                        y=earlier[-1].report_year))
    if annex is Annex.FOLLOW_UP and not earlier:
        raise Refused(_("Annex II follows up cases of earlier reports; this one has not been in any."))
    fire(case, "include", actor, comment=f"{report_year} report, annex {annex.value}", on=on)
    inclusion = Inclusion(case_id=case.id, report_year=report_year, annex=annex, decided_on=on or date.today(),
                          decided_by_id=actor.id)
    case.inclusions.append(inclusion)
    db.session.flush()
    return inclusion


def link_case(case: ReprisalCase, reference: str, note: str, actor) -> RelatedCase:
    """Record that the case is about a case of another procedure, named by its reference as shown
    ("WGEID 1/2014"): one the actor can see, or any non-confidential case (`casework.cases.lookup`)."""
    related = linkable_case(actor, reference, LinkFrom(case=case))
    if related is None:
        raise Refused(_("There is no other case %(ref)s you can link to.", ref=normal_reference(reference)))
    if any(link.related_case_id == related.id for link in case.links):
        raise Refused(_("%(case)s is already linked.", case=str(related)))
    link = RelatedCase(case_id=case.id, related_case_id=related.id, note=note.strip())
    case.links.append(link)
    db.session.flush()
    return link


def set_reporting_period_end(unit: Unit, month: int, day: int, actor) -> None:
    """The day the team's reporting period ends each year (30 April by default): the team's
    supervisors set it. It names the report a case goes into and, once passed, makes that report
    published (`casework.reprisals.report`)."""
    if not (actor.is_admin or supervises_unit(actor, unit.id)):
        raise Refused(_("Only a supervisor of the team sets its reporting period."), forbidden=True)
    try:
        date(2001, month, day)  # any year but a leap one: the period must end every year
    except ValueError:
        raise Refused(_("That day does not come every year; choose another.")) from None
    unit.settings = {**(unit.settings or {}), "reprisals_period_end": f"{month:02d}-{day:02d}"}
    db.session.flush()
