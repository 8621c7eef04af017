"""Operations on working group cases: the only code that changes them. They flush; the view commits."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from flask_babel import format_date
from flask_babel import gettext as _
from sqlalchemy import func, select

from casework.core.counters import next_number
from casework.core.deadlines import extend_deadline
from casework.core.persons import CasePerson, Person, Sex, person_or_new
from casework.core.units import Unit
from casework.core.workflow import fire
from casework.core.writes import Refused
from casework.extensions import db
from casework.working_groups.models import (
    CATEGORIES, DetentionCommunication, DetentionStatus, DisappearanceCase, DisappearanceStatus, Member, Opinion,
    OpinionMember, Outcome, Procedure, ReviewRequest, WorkingGroupCase, urgent_eligible, urgent_until,
)
from casework.working_groups.workflow import DATED_STEPS, EXTENSION, OBJECTION_DEADLINE, REPLY_DEADLINE, open_deadline


@dataclass
class PersonInput:
    """A detained or disappeared person: one already in the registry, or a new one."""

    family_name: str = ""
    given_names: str = ""
    sex: Sex = Sex.UNKNOWN
    nationality_id: int | None = None
    person_id: int | None = None


@dataclass
class Submission:
    """What both working groups record when a case comes in."""

    state_id: int
    received_on: date
    title: str = ""
    language: str = "en"
    source_name: str = ""
    source_contact: str = ""
    persons: list[PersonInput] = field(default_factory=list)


@dataclass
class DetentionInput(Submission):
    place_of_detention: str = ""
    arrested_on: date | None = None
    legal_basis: str = ""
    summary: str = ""


@dataclass
class DisappearanceInput(Submission):
    disappeared_on: date | None = None
    place: str = ""
    circumstances: str = ""
    procedure: Procedure = Procedure.STANDARD


@dataclass
class OpinionInput:
    session: int
    adopted_on: date
    outcome: Outcome
    categories: list[str] = field(default_factory=list)
    taking_part: list[int] = field(default_factory=list)  # member ids; the other active members did not


def _reference(prefix: str, received_on: date) -> str:
    year = received_on.year
    return f"{prefix} {next_number(f'{prefix.lower()}_case:{year}')}/{year}"


def _person(data: PersonInput, unit: Unit, actor) -> Person:
    return person_or_new(data, unit.id, actor, missing=_(
        "Give the family name of the person concerned, or their number in the registry."))


def default_title(what: str, persons: list[Person]) -> str:
    """The title a case gets when none is given: "Detention of Dara KARIMI (and others)"."""
    names = persons[0].full_name + (_(" and others") if len(persons) > 1 else "") if persons else ""
    return f"{what} of {names}" if names else what


def _open(case: WorkingGroupCase, data: Submission, unit: Unit, actor, what: str) -> WorkingGroupCase:
    if not data.persons:
        raise Refused(_("A case concerns at least one person."))
    persons = [_person(p, unit, actor) for p in data.persons]
    case.unit_id, case.officer_id, case.confidential = unit.id, actor.id, False
    case.title = data.title.strip() or default_title(what, persons)
    db.session.add(case)
    db.session.flush()
    for person in persons:
        db.session.add(CasePerson(case_id=case.id, person=person, role=case.subject_role))
    db.session.flush()
    return case


def register_detention(data: DetentionInput, unit: Unit, actor) -> DetentionCommunication:
    """A regular communication as received, with its transmittal letter drafted for approval."""
    from casework.working_groups.letters import draft_for

    fields = {k: v for k, v in vars(data).items() if k not in ("persons", "title")}
    case = DetentionCommunication(status=DetentionStatus.RECEIVED, reference=_reference("WGAD", data.received_on),
                                  **fields)
    _open(case, data, unit, actor, "Detention")
    draft_for(case, "wgad_transmittal", actor)
    return case


def check_disappearance_dates(disappeared_on: date | None, received_on: date, procedure: Procedure) -> None:
    """The disappearance precedes its receipt, and an urgent case was received within three months of it;
    checked when a case is received and again whenever its dates or procedure are corrected."""
    if disappeared_on is None:
        raise Refused(_("Give the date of the disappearance."))
    if disappeared_on > received_on:
        raise Refused(_("The disappearance cannot be later than the day the case was received."))
    if procedure is Procedure.URGENT and not urgent_eligible(disappeared_on, received_on):
        raise Refused(_(
            "The urgent procedure covers disappearances within the last three months: this one (%(on)s) could be "
            "received as urgent until %(until)s. Choose the standard procedure.",
            on=format_date(disappeared_on), until=format_date(urgent_until(disappeared_on))))


def register_disappearance(data: DisappearanceInput, unit: Unit, actor) -> DisappearanceCase:
    """A disappearance as received; the urgent procedure only within three months of it."""
    check_disappearance_dates(data.disappeared_on, data.received_on, data.procedure)
    fields = {k: v for k, v in vars(data).items() if k not in ("persons", "title")}
    case = DisappearanceCase(status=DisappearanceStatus.RECEIVED,
                             reference=_reference("WGEID", data.received_on), **fields)
    return _open(case, data, unit, actor, "Disappearance")


# The date each dated step records on the case or its opinion.
_STEP_DATES = {
    "transmit": "transmitted_on", "transmit_urgent": "transmitted_on", "transmit_standard": "transmitted_on",
    "record_reply": "reply_received_on", "forward_reply": "reply_forwarded_on",
    "forward_clarifying_reply": "reply_forwarded_on", "clarify": "clarified_on",
    "clarify_on_government_reply": "clarified_on",
}
_OPINION_DATES = {"send_to_government": "sent_to_government_on", "send_to_government_no_follow_up":
                  "sent_to_government_on", "send_to_source": "sent_to_source_on", "publish": "published_on"}
# Decided first (by the Chair, at a session, on reading the reply), then the letter that carries the
# decision is approved and sent: the standard transmittal names the session that decided it.
_STEP_LETTERS = {"transmit_urgent": "wgeid_transmittal", "transmit_standard": "wgeid_transmittal",
                 "forward_reply": "wgeid_reply_to_source", "forward_clarifying_reply": "wgeid_reply_to_source"}


def take_step(case: WorkingGroupCase, event: str, on: date, actor, *, note: str = "",
              session: int | None = None) -> None:
    """A step that happened on a given day (a letter sent, a reply received), with what it needs:
    the session that decided a standard transmittal, the clarification, the reason to discontinue."""
    if event not in DATED_STEPS:
        raise Refused(_("“%(event)s” is not a step of this kind of case.", event=event))
    if on > date.today():
        raise Refused(_("The date cannot be in the future."))
    objection = open_deadline(case, OBJECTION_DEADLINE) if event == "clarify_on_government_reply" else None
    if objection is not None and objection.due_on < date.today() and on <= objection.due_on:
        raise Refused(_("The source could object until %(due)s: the case is clarified after that date, "
                        "not on %(on)s.", due=format_date(objection.due_on), on=format_date(on)))
    if event == "transmit_standard" and session:
        case.session = session
    if event in ("forward_clarifying_reply", "clarify") and note.strip():
        case.clarification = note.strip()
    if event == "discontinue":
        case.discontinuation_reason = note.strip()
    fire(case, event, actor, comment=note, on=on)
    if event in _STEP_DATES:
        setattr(case, _STEP_DATES[event], on)
    if event in _OPINION_DATES:
        setattr(case.opinion, _OPINION_DATES[event], on)
    if event in _STEP_LETTERS:
        from casework.working_groups.letters import draft_for

        draft_for(case, _STEP_LETTERS[event], actor)
    db.session.flush()


def extend_reply_deadline(case: DetentionCommunication, actor, note: str) -> date:
    """The one extension of one month the Government may ask for; a second is refused."""
    deadline = open_deadline(case, REPLY_DEADLINE)
    if deadline is None:
        raise Refused(_("No reply is awaited from the Government."))
    extend_deadline(deadline, EXTENSION.after(deadline.original_due_on), actor, note)
    return deadline.due_on


def active_members(unit_id: int) -> list[Member]:
    return list(db.session.scalars(select(Member).where(Member.unit_id == unit_id, Member.active)
                                   .order_by(Member.name)))


def _check_opinion(case: DetentionCommunication, data: OpinionInput) -> None:
    if data.outcome is Outcome.ARBITRARY and not data.categories:
        raise Refused(_("An opinion finding the detention arbitrary says in which categories (I to V)."))
    if data.outcome is not Outcome.ARBITRARY and data.categories:
        raise Refused(_("Categories are given only when the detention is found arbitrary."))
    unknown = set(data.categories) - set(CATEGORIES)
    if unknown:
        raise Refused(_("Unknown categories: %(c)s.", c=", ".join(sorted(unknown))))
    members = {m.id: m for m in active_members(case.unit_id)}
    own_state = [members[i] for i in data.taking_part if i in members and members[i].state_id == case.state_id]
    if own_state:
        raise Refused(_(
            "%(names)s cannot take part: a member does not take part in a case concerning their own State (%(state)s).",
            names=", ".join(m.name for m in own_state), state=case.state.name))
    if not any(i in members for i in data.taking_part):
        raise Refused(_("Say which members took part in adopting the opinion."))


def adopt_opinion(case: DetentionCommunication, data: OpinionInput, actor) -> Opinion:
    """The opinion adopted at a session, numbered `Opinion No. n/yyyy` in its year of adoption, with
    its letters to the Government and to the source drafted for approval."""
    _check_opinion(case, data)
    fire(case, "adopt_opinion", actor, comment=f"Session {data.session}", on=data.adopted_on)
    year = data.adopted_on.year
    number = next_number(f"wgad_opinion:{year}", start_after=lambda: db.session.scalar(
        select(func.max(Opinion.number)).where(Opinion.year == year)) or 0)
    opinion = Opinion(number=number, year=year, session=data.session, adopted_on=data.adopted_on,
                      outcome=data.outcome, categories=",".join(c for c in CATEGORIES if c in data.categories))
    opinion.members = [OpinionMember(member_id=m.id, took_part=m.id in data.taking_part)
                       for m in active_members(case.unit_id)]
    case.opinion = opinion
    db.session.flush()
    from casework.working_groups.letters import draft_for

    draft_for(case, "wgad_opinion_transmittal", actor)
    draft_for(case, "wgad_opinion_to_source", actor)
    return opinion


def record_review_request(case: DetentionCommunication, requested_by: str, received_on: date, grounds: str,
                          actor) -> ReviewRequest:
    """An exceptional request to review the opinion; there is one only once an opinion exists."""
    if case.opinion is None:
        raise Refused(_("A review can be requested only of an adopted opinion."))
    if received_on < case.opinion.adopted_on:
        raise Refused(_("The request cannot precede the opinion (%(on)s).",
                        on=format_date(case.opinion.adopted_on)))
    request = ReviewRequest(requested_by=requested_by, received_on=received_on, grounds=grounds.strip())
    case.reviews.append(request)
    db.session.flush()
    return request


def add_member(unit: Unit, name: str, state_id: int, actor) -> Member:
    """A new member of the working group, with the State of which they are a national."""
    if not name.strip():
        raise Refused(_("Give the member's name."))
    member = Member(unit_id=unit.id, name=name.strip(), state_id=state_id)
    db.session.add(member)
    db.session.flush()
    return member
