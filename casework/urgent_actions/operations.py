"""Operations on urgent actions: the only code that changes them. They flush; the view commits."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date, timedelta

from flask_babel import gettext as _
from sqlalchemy import func, select

from casework.core.db import utcnow
from casework.core.jobs import enqueue
from casework.core.persons import CasePerson, Person, PersonRole, Sex
from casework.core.units import Unit
from casework.core.deadlines import record_reminder
from casework.core.workflow import check_step_date, fire, step_taken
from casework.core.writes import Refused
from casework.extensions import db
from casework.urgent_actions.models import (
    CLOSED, Criterion, Located, NationalComplaint, Outcome, Recommendation, RecommendationKind, ResponseStatus,
    UrgentAction, UrgentActionGroup, UrgentActionStatus, format_reference,
)
from casework.urgent_actions.numbering import allocate_numbers
from casework.urgent_actions.workflow import (
    LOCATING, OPEN_STATES, REPLY_DUE, open_reply_deadline, reminder_period, request_outcome,
)

DECISIONS = ("register", "refuse_registration", "request_information", "forward_to_wgeid")
PER_PERSON, COMBINED = "per_person", "combined"


@dataclass
class PersonInput:
    """A disappeared person or an author, as typed in the form."""

    family_name: str
    given_names: str = ""
    sex: Sex = Sex.UNKNOWN
    age: int | None = None
    nationality_id: int | None = None
    contact: str = ""


@dataclass
class Disappearance:
    """What an urgent action says about the event; a group shares it."""

    state_id: int
    received_on: date
    language: str = "es"
    second_state_id: int | None = None
    last_seen_on: date | None = None
    last_seen_place: str = ""
    circumstances: str = ""
    alleged_perpetrators: str = ""
    other_procedures: str = ""
    protection_needs: str = ""
    authors: list[PersonInput] = field(default_factory=list)
    authors_relationship: str = ""
    authors_contact: str = ""
    complaints: list[tuple[str, date | None, str]] = field(default_factory=list)  # authority, filed on, file no.


def _person(data: PersonInput, unit: Unit, protected: bool = False) -> Person:
    person = Person(family_name=data.family_name.strip(), given_names=data.given_names.strip(), sex=data.sex,
                    nationality_id=data.nationality_id, contact=data.contact, unit_id=unit.id,
                    protected_identity=protected)
    db.session.add(person)
    return person


def _title(person: PersonInput) -> str:
    return f"Disappearance of {' '.join(p for p in (person.given_names, person.family_name.upper()) if p)}"


def create_urgent_action(event: Disappearance, disappeared: list[PersonInput], unit: Unit, actor, *,
                         authors: list[Person] | None = None, group: UrgentActionGroup | None = None) -> UrgentAction:
    """A request as received: the disappeared person(s), the authors (new or shared), the complaints."""
    if not disappeared:
        raise ValueError("an urgent action concerns at least one disappeared person")
    ua = UrgentAction(
        unit_id=unit.id, status=UrgentActionStatus.RECEIVED, confidential=False, officer_id=actor.id,
        title=_title(disappeared[0]) + (" and others" if len(disappeared) > 1 else ""),
        group=group, state_id=event.state_id, second_state_id=event.second_state_id, received_on=event.received_on,
        language=event.language, age_at_disappearance=disappeared[0].age, last_seen_on=event.last_seen_on,
        last_seen_place=event.last_seen_place, circumstances=event.circumstances,
        alleged_perpetrators=event.alleged_perpetrators, other_procedures=event.other_procedures,
        protection_needs=event.protection_needs, authors_relationship=event.authors_relationship,
        authors_contact=event.authors_contact,
        complaints=[NationalComplaint(authority=a, filed_on=d, file_number=n) for a, d, n in event.complaints],
    )
    db.session.add(ua)
    db.session.flush()
    for data in disappeared:
        db.session.add(CasePerson(case_id=ua.id, person=_person(data, unit), role=PersonRole.DISAPPEARED_PERSON))
    if authors is None:
        authors = [_person(a, unit, protected=True) for a in event.authors]
    for author in authors:
        db.session.add(CasePerson(case_id=ua.id, person=author, role=PersonRole.AUTHOR))
    db.session.flush()
    return ua


# The facts the "Edit details" page corrects; the authors' two fields only for those who may know them.
DETAIL_FIELDS = ("state_id", "second_state_id", "received_on", "language", "last_seen_on", "last_seen_place",
                 "circumstances", "alleged_perpetrators", "other_procedures", "protection_needs")
AUTHOR_DETAIL_FIELDS = ("authors_relationship", "authors_contact")
TURNED_AWAY = frozenset({UrgentActionStatus.NOT_REGISTERED, UrgentActionStatus.FORWARDED_TO_WGEID})


def details_refusal(ua: UrgentAction) -> str | None:
    """Why the details of `ua` can no longer be corrected, or None while they can.

    Nothing changes once the urgent action has ended, whether closed on an outcome or turned away
    (not registered, forwarded to the Working Group): its details are the record the decision was
    taken on, and no transition leads out of those states. Everything else, suspended included,
    stays correctable, because facts keep arriving while the search goes on.
    """
    if ua.status in CLOSED:
        return _("%(case)s is closed: its details are the record it was closed on and no longer change.",
                 case=ua.label)
    if ua.status in TURNED_AWAY:
        return _("This request was not taken up (%(state)s): its details stay as they were when that was "
                 "decided.", state=ua.status_label)
    return None


def _set(obj, name: str, value) -> None:
    """Assign only a changed value, so that saving an unchanged form writes nothing."""
    if getattr(obj, name) != value:
        setattr(obj, name, value)


def update_details(ua: UrgentAction, event: Disappearance, age: int | None, actor, *, with_authors: bool) -> None:
    """Correct what the request says about the disappearance.

    The reference, its number and registration date, the workflow state and the registration
    decision never change here; nor do the persons' identities, which the persons registry keeps.
    `with_authors` is False for a user who may not know the authors: their fields are then left
    as they are. The first national complaint is the one the form shows: emptying its authority
    removes it. Raises `Refused` once the urgent action has ended.
    """
    refusal = details_refusal(ua)
    if refusal:
        raise Refused(refusal)
    for name in DETAIL_FIELDS + (AUTHOR_DETAIL_FIELDS if with_authors else ()):
        value = getattr(event, name)
        _set(ua, name, value.strip() if isinstance(value, str) else value)
    _set(ua, "age_at_disappearance", age)
    _update_first_complaint(ua, event.complaints[0] if event.complaints else None)
    db.session.flush()


def _update_first_complaint(ua: UrgentAction, complaint: tuple[str, date | None, str] | None) -> None:
    first = ua.complaints[0] if ua.complaints else None
    if complaint is None:
        if first is not None:
            ua.complaints.remove(first)
        return
    if first is None:
        first = NationalComplaint(authority="")
        ua.complaints.append(first)
    for name, value in zip(("authority", "filed_on", "file_number"), complaint):
        _set(first, name, value)


# The Working Group on Enforced Disappearances takes requests outside the Committee's competence.
# Its module registers here the function that opens its case from a forwarded urgent action.
WGEID_RECEIVERS: list[Callable[[UrgentAction, object], None]] = []


def decide_registration(ua: UrgentAction, decision: str, criteria: dict[str, bool], reason: str, actor, *,
                        on: date | None = None, numbers: range | None = None, draft_letters: bool = True) -> None:
    """Record the checklist and the decision on it; registering gives the next `UA n/yyyy` and
    drafts the note verbale to the State and the letter to the authors."""
    if decision not in DECISIONS:
        raise Refused(_("Choose what to do with the request."))
    ua.criteria = {c.value: bool(criteria.get(c.value)) for c in Criterion}
    ua.decision_reason = (reason or "").strip()
    if decision == "register":
        on = on or date.today()
        fire(ua, "register", actor, comment=ua.decision_reason or None, on=on)
        ua.registered_on, ua.registration_year = on, on.year
        ua.number = (numbers or allocate_numbers(on.year))[0]
        ua.reference = format_reference(ua.number, ua.registration_year)
        add_registration_recommendations(ua)
        db.session.flush()
        if draft_letters:
            from casework.urgent_actions.letters import draft_for

            draft_for(ua, "ua_registration_nv", actor)
            draft_for(ua, "ua_registration_authors", actor)
        return
    fire(ua, decision, actor, comment=ua.decision_reason, on=on)
    if decision == "forward_to_wgeid":
        for receive in WGEID_RECEIVERS:
            receive(ua, actor)


STANDARD_RECOMMENDATIONS = (
    (RecommendationKind.SEARCH, "Adopt a comprehensive strategy to search for and locate the disappeared person "
                                "without delay, and inform the Committee of every step taken."),
    (RecommendationKind.INVESTIGATE, "Investigate the disappearance promptly, thoroughly and impartially, "
                                     "including the possible involvement of the alleged perpetrators."),
    (RecommendationKind.PROTECT_RELATIVES, "Adopt protection measures for the relatives, the authors and the "
                                           "witnesses, so that they can take part in the search without fear."),
)


def add_registration_recommendations(ua: UrgentAction) -> None:
    """The recommendations every registration note verbale makes, due with the State's reply."""
    due = REPLY_DUE.due_after(ua.registered_on, ua)
    for kind, text in STANDARD_RECOMMENDATIONS:
        ua.recommendations.append(Recommendation(round=0, kind=kind, text=text, due_on=due))


@dataclass
class GroupRegistration:
    """One event with many disappeared persons, registered in one step."""

    title: str
    event: Disappearance
    persons: list[PersonInput]
    criteria: dict[str, bool]
    reason: str = ""
    letters: str = PER_PERSON  # or COMBINED: one note verbale and one letter to the authors for the group


# A larger group is registered by a background job, GROUP_CHUNK persons per transaction, so that
# no request outlives the web server's timeout and a worker that dies loses at most one chunk.
GROUP_INLINE_MAX = 50
GROUP_CHUNK = 25


def register_group(data: GroupRegistration, unit: Unit, actor, *, on: date | None = None,
                   language: str | None = None) -> UrgentActionGroup:
    """One urgent action per person, linked as a group, numbered consecutively, with their letters.

    The numbers are reserved and the first person registered at once; the others are registered
    here for a small group, or by `casework.urgent_actions.jobs.register_group_members` for a large
    one (the group's `waiting` says who is left)."""
    if len(data.persons) < 2:
        raise Refused(_("A group has at least two disappeared persons; register one urgent action instead."))
    on = on or date.today()
    first, *others = data.persons
    numbers = allocate_numbers(on.year, len(data.persons))
    group = UrgentActionGroup(unit_id=unit.id, title=data.title.strip(), size=len(data.persons), waiting={
        "persons": [_person_json(person) for person in others], "criteria": data.criteria, "reason": data.reason,
        "letters": data.letters, "language": language or data.event.language, "on": on.isoformat(),
        "first_number": numbers.start})
    db.session.add(group)
    authors = [_person(a, unit, protected=True) for a in data.event.authors]
    ua = create_urgent_action(data.event, [first], unit, actor, authors=authors, group=group)
    decide_registration(ua, "register", data.criteria, data.reason, actor, on=on,
                        numbers=range(numbers.start, numbers.start + 1), draft_letters=False)
    if len(data.persons) <= GROUP_INLINE_MAX:
        register_waiting(group, actor)
    else:
        from casework.urgent_actions.jobs import register_group_members

        enqueue(register_group_members, group.id, actor.id, subject=group, requested_by=actor)
    return group


def register_waiting(group: UrgentActionGroup, actor, count: int | None = None) -> int:
    """Register the next `count` persons waiting in the group (all by default), and its letters
    once none is left; the number of persons still waiting."""
    waiting = group.waiting
    if not waiting:
        return 0
    split = len(waiting["persons"]) if count is None else count
    persons, rest = waiting["persons"][:split], waiting["persons"][split:]
    on, done = date.fromisoformat(waiting["on"]), group.size - len(waiting["persons"])
    first = first_of_group(group)
    event, authors = event_of(first), [link.person for link in first.person_links if link.role is PersonRole.AUTHOR]
    unit = first.unit
    added = []
    for offset, person in enumerate(persons):
        number = waiting["first_number"] + done + offset
        ua = create_urgent_action(event, [PersonInput(**_person_args(person))], unit, actor, authors=authors,
                                  group=group)
        decide_registration(ua, "register", waiting["criteria"], waiting["reason"], actor, on=on,
                            numbers=range(number, number + 1), draft_letters=False)
        added.append(ua)
    _draft_registration_letters(group, added, rest, actor)
    group.waiting = {**waiting, "persons": rest} if rest else None
    db.session.flush()
    return len(rest)


def _draft_registration_letters(group: UrgentActionGroup, added: list[UrgentAction], rest: list, actor) -> None:
    """Per person, as each is registered (the first with the first chunk); combined, once all are."""
    from casework.urgent_actions.letters import draft_group_letters

    mode, language = group.waiting["letters"], group.waiting["language"]
    if mode == PER_PERSON:
        is_first_chunk = len(group.waiting["persons"]) == group.size - 1
        draft_group_letters(group, ([first_of_group(group)] if is_first_chunk else []) + added, mode, actor, language)
    elif not rest:
        db.session.flush()
        db.session.refresh(group, ["members"])
        draft_group_letters(group, list(group.members), mode, actor, language)


def first_of_group(group: UrgentActionGroup) -> UrgentAction:
    """The urgent action registered with the request, whose event the others share (asked for
    alone: a group registered in the background is loaded a chunk at a time, not whole)."""
    return db.session.scalar(select(UrgentAction).where(UrgentAction.group_id == group.id)
                             .order_by(UrgentAction.number).limit(1))


def event_of(ua: UrgentAction) -> Disappearance:
    """The event as recorded on an urgent action, for the other persons of its group."""
    return Disappearance(
        **{name: getattr(ua, name) for name in DETAIL_FIELDS + AUTHOR_DETAIL_FIELDS},
        complaints=[(c.authority, c.filed_on, c.file_number) for c in ua.complaints])


def _person_json(person: PersonInput) -> dict:
    return {"family_name": person.family_name, "given_names": person.given_names, "sex": person.sex.value,
            "age": person.age, "nationality_id": person.nationality_id, "contact": person.contact}


def _person_args(data: dict) -> dict:
    return {**data, "sex": Sex(data["sex"])}


def send_follow_up_note(ua: UrgentAction, actor, recommendations: list[tuple[RecommendationKind, str]],
                        due_on: date, *, on: date | None = None) -> None:
    """A new round: recommendations to the State with a new deadline, and the note to send them."""
    from casework.urgent_actions.letters import draft_for

    on = on or date.today()
    if not recommendations:
        raise Refused(_("A follow-up note makes at least one recommendation."))
    if due_on <= on:
        raise Refused(_("The new deadline must be after today."))
    fire(ua, "send_follow_up_note", actor, on=on)
    deadline = open_reply_deadline(ua)
    deadline.due_on = deadline.original_due_on = due_on
    round_number = (db.session.scalar(
        select(func.max(Recommendation.round)).where(Recommendation.case_id == ua.id)) or 0) + 1
    for kind, text in recommendations:
        ua.recommendations.append(Recommendation(round=round_number, kind=kind, text=text.strip(), due_on=due_on))
    db.session.flush()
    draft_for(ua, "ua_follow_up_note", actor)


def record_response(recommendation: Recommendation, status: ResponseStatus, response: str,
                    responded_on: date | None) -> None:
    """What the State said it did about one recommendation."""
    recommendation.response_status = status
    recommendation.state_response = response.strip()
    recommendation.responded_on = responded_on
    db.session.flush()


def draft_reminder(ua: UrgentAction, actor, due_on: date):
    """The reminder note verbale, written as it will go: the next reminder's number and the date
    the State is then given (`due_on`, if it goes the day it is drafted)."""
    from casework.letters.operations import case_context
    from casework.letters.types import letter_type
    from casework.urgent_actions.letters import draft_for

    letter = draft_for(ua, "ua_reminder", actor)
    deadline = open_reply_deadline(ua)
    context = case_context(ua)
    context = replace(context, extra={**context.extra, "reply_due": due_on.isoformat(),
                                      "reminder": str((deadline.reminders_sent if deadline else 0) + 1)})
    kind = letter_type("ua_reminder")
    letter.title = kind.subject(context, letter.language) or letter.title
    letter.body = kind.body(context, letter.language)
    return letter


@step_taken.connect
def count_sent_reminder(record, *, event: str, **_step) -> None:
    """A reminder to the State counts once its note verbale is recorded as sent: the State's new
    date then runs from the day it went."""
    if event != "mark_sent" or getattr(record, "letter_type", None) != "ua_reminder":
        return
    ua = db.session.get(UrgentAction, record.parent_id)
    deadline = open_reply_deadline(ua) if ua is not None else None
    if deadline is None or record.sent_on is None:
        return
    record_reminder(deadline, on=record.sent_on)
    deadline.due_on = max(deadline.due_on, record.sent_on + timedelta(days=reminder_period(ua)))


def record_outcome(ua: UrgentAction, person_id: int, outcome: Located, actor, *, on: date | None = None) -> Outcome:
    """Where one disappeared person was found, and the day (`on`, today if not given).

    The day follows the engine's rules for a dated step: not in the future, not before the request
    was received nor before the step it follows. A later finding (released from detention) replaces
    the person's outcome. Once every person is located, the request moves through the engine to
    the state their outcomes lead to (`workflow.request_outcome`), dated the day the last was found;
    with one person still missing it stays where it is. Raises `Refused`."""
    person = next((p for p in ua.disappeared if p.id == person_id), None)
    if person is None:
        raise Refused(_("This person is not one of the disappeared persons of %(case)s.", case=ua.label))
    if ua.status not in OPEN_STATES:
        raise Refused(_("An outcome is recorded while the urgent action is open; it is %(state)s.",
                        state=ua.status_label.lower()))
    on = on or date.today()
    check_step_date(ua, on, _("Outcome for %(person)s", person=person.full_name))
    before = request_outcome(ua)
    line = ua.outcome_of(person)
    if line is None:
        line = Outcome(person_id=person.id, outcome=outcome, located_on=on, recorded_by_id=actor.id)
        ua.outcomes.append(line)
    elif (line.outcome, line.located_on) != (outcome, on):
        line.outcome, line.located_on, line.recorded_by_id = outcome, on, actor.id
    # The request's row is written too, so its version moves: of two outcomes recorded on the same
    # page drawn once, one is saved and the other gets a 409 instead of a duplicate.
    ua.updated_at = utcnow()
    after = request_outcome(ua)
    if after is not None and after != before and ua.status != after:
        fire(ua, LOCATING[after], actor, on=max(o.located_on for o in ua.outcomes))
    db.session.flush()
    return line
