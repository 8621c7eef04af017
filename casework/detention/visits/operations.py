"""Operations on visits: the only code that changes a visit record, its interviews and its
recommendations, and that drafts its summary report.

Each takes an explicit actor, refuses what the rules forbid with the reason (`Refused`), flushes
and never commits (the view commits once); the audit trail records every change.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from flask_babel import gettext as _
from sqlalchemy import select

from casework.core import drafts
from casework.core.permissions import Permission, can, can_in_unit
from casework.core.persons import Person
from casework.core.workflow import fire
from casework.core.writes import Refused
from casework.detention.operations import Detainee, find_or_register_person, next_number
from casework.detention.places.models import Facility
from casework.detention.visits.letters import REPORT_TYPE, summary_report
from casework.detention.visits.models import (
    Access, Assessment, ConditionItem, Consent, Interview, POPULATION_FIELDS, RecommendationFollowUp,
    RecommendationStatus, SETTLED, Visit, VisitCondition, VisitKind, VisitRecommendation, VisitStatus,
)
from casework.extensions import db
from casework.letters import operations as letters

# A visit can be changed until the head of office has reviewed it.
EDITABLE = frozenset({VisitStatus.DRAFT, VisitStatus.SUBMITTED})


# ---- Visits --------------------------------------------------------------------------------------

def visit_title(facility: Facility, started_on: date) -> str:
    return f"Visit to {facility.name}, {started_on.isoformat()}"


def record_visit(facility: Facility, started_on: date, actor) -> Visit:
    """Start the record of a visit: a numbered draft, with the register's capacity and an empty
    conditions checklist. The officer fills in the rest, as drafts saved while typing."""
    if not can_in_unit(actor, Permission.CREATE, facility.unit_id):
        raise Refused(_("You cannot record visits for this field office."), forbidden=True)
    earlier = db.session.scalar(select(Visit.id).where(Visit.facility_id == facility.id).limit(1))
    number = next_number(facility.unit.code, started_on.year, "DV")
    visit = Visit(
        unit_id=facility.unit_id, facility_id=facility.id, started_on=started_on, status=VisitStatus.DRAFT,
        number=number, reference=number, title=visit_title(facility, started_on), officer_id=actor.id,
        capacity=facility.capacity, visit_kind=VisitKind.FOLLOW_UP if earlier else VisitKind.FIRST,
        conditions=[VisitCondition(item=item) for item in ConditionItem],
    )
    db.session.add(visit)
    db.session.flush()
    return visit


@dataclass
class RecommendationRow:
    id: int | None
    addressee: str
    text: str
    deadline: date | None


@dataclass
class FollowUpRow:
    recommendation_id: int
    status: RecommendationStatus | None  # None: not followed up at this visit
    note: str = ""


@dataclass
class VisitContent:
    """What the visit form edits."""

    facility_id: int
    started_on: date
    ended_on: date | None
    team: str
    announced: bool
    visit_kind: VisitKind
    access: Access
    access_notes: str
    capacity: int | None
    population: dict[str, int | None]
    conditions: dict[ConditionItem, tuple[Assessment, str]]
    issues_raised: str
    authority_response: str
    recommendations: list[RecommendationRow] = field(default_factory=list)
    follow_ups: list[FollowUpRow] = field(default_factory=list)


def update_visit(visit: Visit, content: VisitContent, actor) -> None:
    """Save the visit form, which replaces the actor's unsaved draft of it. A change while the
    visit awaits review withdraws it from review."""
    if visit.status not in EDITABLE:
        raise Refused(_("The head of office has reviewed this visit: ask them to reopen it to change it."))
    facility = db.session.get(Facility, content.facility_id)
    if facility is None or facility.unit_id != visit.unit_id:
        raise Refused(_("Choose a place of detention in this field office's register."))
    if visit.status == VisitStatus.SUBMITTED:
        fire(visit, "withdraw", actor, comment="Edited while awaiting review")
    visit.facility_id, visit.started_on, visit.ended_on = facility.id, content.started_on, content.ended_on
    visit.title = visit_title(facility, content.started_on)
    visit.team, visit.announced, visit.visit_kind = content.team.strip(), content.announced, content.visit_kind
    visit.access, visit.access_notes, visit.capacity = content.access, content.access_notes.strip(), content.capacity
    for name in POPULATION_FIELDS:
        setattr(visit, name, content.population.get(name))
    visit.issues_raised, visit.authority_response = content.issues_raised.strip(), content.authority_response.strip()
    _save_conditions(visit, content.conditions)
    _save_recommendations(visit, content.recommendations)
    _save_follow_ups(visit, content.follow_ups)
    drafts.discard_draft(actor, visit.form_key)
    db.session.flush()


def _save_conditions(visit: Visit, conditions: dict[ConditionItem, tuple[Assessment, str]]) -> None:
    for item in ConditionItem:
        assessment, note = conditions.get(item, (Assessment.NOT_ASSESSED, ""))
        row = visit.condition(item)
        if row is None:
            row = VisitCondition(item=item)
            visit.conditions.append(row)
        row.assessment, row.note = assessment, note.strip()


def _save_recommendations(visit: Visit, rows: list[RecommendationRow]) -> None:
    existing = {r.id: r for r in visit.recommendations}
    kept: list[VisitRecommendation] = []
    for position, row in enumerate(r for r in rows if r.text.strip()):
        recommendation = existing.pop(row.id, None) if row.id else None
        if recommendation is None:
            recommendation = VisitRecommendation()
            visit.recommendations.append(recommendation)
        recommendation.addressee, recommendation.text = row.addressee.strip(), row.text.strip()
        recommendation.deadline, recommendation.position = row.deadline, position
        kept.append(recommendation)
    for removed in existing.values():
        if removed.follow_ups:
            raise Refused(_("“%(text)s” has been followed up at a later visit: it cannot be removed.",
                            text=removed.text[:80]))
        visit.recommendations.remove(removed)


def open_recommendations(visit: Visit) -> list[VisitRecommendation]:
    """What a visit follows up: the recommendations of earlier visits to the same place that were
    not settled before this visit, and those it already followed up."""
    earlier = db.session.scalars(
        select(VisitRecommendation).join(Visit, Visit.id == VisitRecommendation.visit_id)
        .where(Visit.facility_id == visit.facility_id, Visit.id != visit.id, Visit.started_on <= visit.started_on)
        .order_by(Visit.started_on, VisitRecommendation.position)
    ).all()
    followed = {f.recommendation_id for f in visit.follow_ups}
    return [r for r in earlier if r.id in followed or not _settled_before(r, visit)]


def _settled_before(recommendation: VisitRecommendation, visit: Visit) -> bool:
    """Whether an earlier visit already found the recommendation implemented (or moot)."""
    return any(f.status in SETTLED and f.visit_id != visit.id and f.visit.started_on <= visit.started_on
               for f in recommendation.follow_ups)


def _save_follow_ups(visit: Visit, rows: list[FollowUpRow]) -> None:
    allowed = {r.id: r for r in open_recommendations(visit)}
    current = {f.recommendation.id: f for f in visit.follow_ups}
    touched = set()
    for row in rows:
        recommendation = allowed.get(row.recommendation_id)
        if recommendation is None:
            continue  # another place's, or settled meanwhile: nothing to follow up here
        follow_up = current.get(row.recommendation_id)
        if row.status is None:
            if follow_up is not None:
                visit.follow_ups.remove(follow_up)
                recommendation.follow_ups.remove(follow_up)
        elif follow_up is None:
            follow_up = RecommendationFollowUp(recommendation=recommendation, status=row.status, note=row.note.strip())
            visit.follow_ups.append(follow_up)
        else:
            follow_up.status, follow_up.note = row.status, row.note.strip()
        touched.add(recommendation)
    for follow_up in [f for f in visit.follow_ups if f.recommendation.id not in allowed]:
        # The visit now records another place: what it said about this one's recommendations goes.
        touched.add(follow_up.recommendation)
        visit.follow_ups.remove(follow_up)
        follow_up.recommendation.follow_ups.remove(follow_up)
    for recommendation in touched:
        refresh_status(recommendation)


def refresh_status(recommendation: VisitRecommendation) -> None:
    """A recommendation's status is what the latest visit that followed it up found."""
    found = sorted(recommendation.follow_ups, key=lambda f: (f.visit.started_on, f.visit_id))
    recommendation.status = found[-1].status if found else RecommendationStatus.OPEN


def save_visit_draft(visit: Visit, fields: dict[str, list[str]], actor):
    """Keep what the officer is typing in the visit form, until they save it."""
    if not can(actor, Permission.EDIT, visit):
        raise Refused(_("You cannot change this visit."), forbidden=True)
    version = (fields.get("version") or [""])[0]
    return drafts.save_draft(actor, visit.form_key, fields, int(version) if version.isdigit() else None)


# ---- Interviews ----------------------------------------------------------------------------------

def add_interview(visit: Visit, detainee: Detainee | Person, consent: Consent, in_private: bool, notes: str,
                  actor) -> Interview:
    """Record a private interview with a detainee during the visit (registered if new)."""
    if visit.status not in EDITABLE:
        raise Refused(_("The head of office has reviewed this visit: ask them to reopen it to add interviews."))
    person = find_or_register_person(visit.unit_id, detainee, actor)
    interview = Interview(person_id=person.id, consent=consent, in_private=in_private, notes=notes.strip(),
                          recorded_by_id=actor.id)
    visit.interviews.append(interview)
    db.session.flush()
    return interview


def remove_interview(visit: Visit, interview_id: int) -> None:
    """Take an interview recorded by mistake off the visit (the person stays in the registry)."""
    if visit.status not in EDITABLE:
        raise Refused(_("The head of office has reviewed this visit: ask them to reopen it to change it."))
    interview = next((i for i in visit.interviews if i.id == interview_id), None)
    if interview is not None:
        visit.interviews.remove(interview)
        db.session.flush()


# ---- The summary report --------------------------------------------------------------------------

def draft_visit_report(visit: Visit, language: str, actor):
    """Draft the numbered summary report of a visit through the letters machinery: it carries
    the visit's number, goes to the head of office, is signed by its drafter and is confidential.
    The text is written from the visit record; the drafter may edit it before approval."""
    if not can(actor, Permission.EDIT, visit):
        raise Refused(_("You cannot draft this visit's report."), forbidden=True)
    if summary_report(visit) is not None:
        raise Refused(_("This visit already has its summary report."))
    report = letters.draft_letter(REPORT_TYPE, language, actor, parent=visit)
    letters.update_letter(report, letters.LetterContent(
        subject=report.title, body=report.body, language=language, reference=visit.number, letter_date=None,
        addressee_state_ids=[], other_addressees=[("Head of Office", visit.unit.name)], copy_state_ids=[],
        signatories=[(actor.name, f"Human Rights Officer, {visit.unit.name}")],
    ), actor)
    report.confidential = True  # printed "Confidential"; access still follows the visit's
    db.session.flush()
    return report
