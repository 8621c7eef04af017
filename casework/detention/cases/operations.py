"""Operations on individual cases raised with the authorities and on aggregate release records:
the only code that changes them.

Each takes an explicit actor, refuses what the rules forbid with the reason (`Refused`), flushes
and never commits. How releases are counted without counting anyone twice is explained in
`casework.detention.cases.models`.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from flask_babel import format_date
from flask_babel import gettext as _

from casework.cases.operations import assign_user
from casework.core.i18n import english
from casework.core.permissions import Permission, can, can_in_unit
from casework.core.persons import CasePerson, Person, PersonRole, Sex
from casework.core.workflow import fire
from casework.core.writes import Refused
from casework.detention.cases.models import (
    AggregateRelease, CaseIssue, CaseOutcome, CoveredRelease, DetentionCase, DetentionCaseStatus, ISSUE_LABELS,
    ReleaseCategory, ReleaseSource,
)
from casework.detention.operations import Detainee, fill, find_or_register_person, next_number
from casework.detention.places.models import Facility
from casework.detention.visits.models import Visit
from casework.extensions import db

ADULT_AGE = 18


def category_of(person: Person, on: date) -> ReleaseCategory | None:
    """Woman, man or child as the registry tells it on a date; None when it cannot say."""
    if person.date_of_birth is not None:
        born = person.date_of_birth
        age = on.year - born.year - ((on.month, on.day) < (born.month, born.day))
        if age < ADULT_AGE:
            return ReleaseCategory.CHILD
    return {Sex.FEMALE: ReleaseCategory.WOMAN, Sex.MALE: ReleaseCategory.MAN}.get(person.sex)


def case_title(person: Person, issue: CaseIssue) -> str:
    """Lists show the public name (initials for a protected identity) and the issue."""
    return f"{person.public_name} — {english(ISSUE_LABELS[issue])}"


def open_case(facility: Facility, detainee: Detainee | Person, issue: CaseIssue, details: str, actor, *,
              confidential: bool = False, visit: Visit | None = None, on: date | None = None) -> DetentionCase:
    """Open an individual case about a detained person (registered if new), in the field office of
    the place (`on`: the day it was opened, today unless it is recorded afterwards)."""
    if not can_in_unit(actor, Permission.CREATE, facility.unit_id):
        raise Refused(_("You cannot open cases for this field office."), forbidden=True)
    if visit is not None and visit.unit_id != facility.unit_id:
        raise Refused(_("The visit and the place of detention belong to different field offices."))
    today = on or date.today()
    if visit is not None and today < visit.started_on:
        raise Refused(_("A case identified at a visit cannot be opened before the visit began, on %(date)s.",
                        date=format_date(visit.started_on)))
    person = find_or_register_person(facility.unit_id, detainee, actor)
    reference = next_number(facility.unit.code, today.year, "IC")
    case = DetentionCase(
        unit_id=facility.unit_id, facility_id=facility.id, person_id=person.id, visit_id=visit.id if visit else None,
        issue=issue, issue_details=details.strip(), status=DetentionCaseStatus.OPEN, reference=reference,
        title=case_title(person, issue), confidential=confidential, officer_id=actor.id,
        category=category_of(person, today),
    )
    db.session.add(case)
    db.session.flush()
    db.session.add(CasePerson(case_id=case.id, person_id=person.id, role=PersonRole.DETAINEE))
    if confidential:
        assign_user(case, actor, actor)  # a confidential case is seen only by those assigned to it
    db.session.flush()
    return case


@dataclass
class CaseContent:
    """What the case's edit form changes."""

    issue: CaseIssue
    issue_details: str
    raised_with: str
    actions: str
    category: ReleaseCategory | None
    outcome: CaseOutcome | None = None
    outcome_on: date | None = None


def _refuse_closed(case: DetentionCase) -> None:
    if case.status == DetentionCaseStatus.CLOSED:
        raise Refused(_("The case is closed: reopen it to change it."))


def update_case(case: DetentionCase, content: CaseContent, actor) -> None:
    """Correct the case's details; its outcome only once one is recorded."""
    _refuse_closed(case)
    case.issue, case.issue_details, case.actions = content.issue, content.issue_details.strip(), content.actions.strip()
    case.raised_with, case.category = content.raised_with.strip(), content.category
    case.title = case_title(case.person, content.issue)
    if case.status == DetentionCaseStatus.OUTCOME_RECORDED:
        if content.outcome is None or content.outcome_on is None:
            raise Refused(_("Give the outcome and its date."))
        case.outcome, case.outcome_on = content.outcome, content.outcome_on
        _check_outcome(case)
    db.session.flush()


def raise_case(case: DetentionCase, raised_on: date, raised_with: str, action: str, actor) -> None:
    """Record that the Office raised the case with an authority, and how."""
    _refuse_closed(case)
    case.raised_on, case.raised_with = raised_on, raised_with.strip()
    _log_action(case, raised_on, action)
    fire(case, "raise", actor, on=raised_on)


def record_outcome(case: DetentionCase, outcome: CaseOutcome, outcome_on: date, category: ReleaseCategory | None,
                   action: str, actor) -> None:
    """Record what came of the case: released, transferred, charges dropped…"""
    _refuse_closed(case)
    case.outcome, case.outcome_on = outcome, outcome_on
    case.category = category or case.category
    _check_outcome(case)
    _log_action(case, outcome_on, action)
    fire(case, "record_outcome", actor, on=outcome_on)


def _check_outcome(case: DetentionCase) -> None:
    if case.raised_on is not None and case.outcome_on is not None and case.outcome_on < case.raised_on:
        raise Refused(_("The outcome cannot come before the case was raised (%(date)s).",
                        date=format_date(case.raised_on)))
    if case.covered_by is not None and not case.is_release:
        # No longer a release: the aggregate record that covered it keeps counting the person.
        db.session.delete(case.covered_by)
        case.covered_by = None


def _log_action(case: DetentionCase, on: date, action: str) -> None:
    """Actions are a dated log, newest last, kept in the users' words."""
    if action.strip():
        line = f"{on.isoformat()}: {action.strip()}"
        case.actions = f"{case.actions}\n{line}".strip()


# ---- Aggregate release records -------------------------------------------------------------------

@dataclass
class AggregateContent:
    """What the aggregate release form edits."""

    state_id: int
    period_start: date
    period_end: date
    source: ReleaseSource
    source_details: str
    women: int
    men: int
    children: int
    notes: str = ""


def save_aggregate(record: AggregateRelease | None, unit_id: int, content: AggregateContent, actor) -> AggregateRelease:
    """Record (or correct) releases counted without individual records."""
    if not can_in_unit(actor, Permission.EDIT, unit_id):
        raise Refused(_("You cannot record releases for this field office."), forbidden=True)
    if content.period_end < content.period_start:
        raise Refused(_("The period cannot end before it starts."))
    record = record or AggregateRelease(unit_id=unit_id, recorded_by_id=actor.id)
    if record.covered and (content.state_id != record.state_id or unit_id != record.unit_id):
        raise Refused(_("This record covers individual cases: take them off it before changing its country."))
    fill(record, content)
    record.unit_id = unit_id
    for category in ReleaseCategory:
        covered = sum(1 for c in record.covered if c.case.category is category)
        if record.count_of(category) < covered:
            raise Refused(_("The record covers %(n)s individual releases of %(category)s: its count cannot be lower.",
                            n=covered, category=_plural(category)))
    db.session.add(record)
    db.session.flush()
    return record


def _plural(category: ReleaseCategory) -> str:
    words = {ReleaseCategory.WOMAN: _("women"), ReleaseCategory.MAN: _("men"), ReleaseCategory.CHILD: _("children")}
    return words[category]


def cover_case(record: AggregateRelease, case: DetentionCase, actor) -> CoveredRelease:
    """Say that the aggregate record already counts this individual release, so that it is not
    counted twice. Refused unless the person fits in the record's counts."""
    if not can(actor, Permission.EDIT, case):
        raise Refused(_("You cannot change this case."), forbidden=True)
    if not case.is_release or case.category is None:
        raise Refused(_("Only an individual release (released or alternative to detention, woman, man or child) "
                        "can be covered by an aggregate record."))
    if case.unit_id != record.unit_id or case.facility.state_id != record.state_id:
        raise Refused(_("The case is not of this record's field office and country."))
    if case.covered_by is not None:
        raise Refused(_("%(case)s is already counted in aggregate record no. %(n)s.",
                        case=case.reference, n=case.covered_by.aggregate_id))
    covered = sum(1 for c in record.covered if c.case.category is case.category)
    if covered >= record.count_of(case.category):
        raise Refused(_("The record counts %(n)s %(category)s, and covers that many individual releases already.",
                        n=record.count_of(case.category), category=_plural(case.category)))
    link = CoveredRelease(case=case)
    record.covered.append(link)
    db.session.flush()
    return link


def uncover_case(record: AggregateRelease, case_id: int) -> None:
    """The record does not count this person after all: the case counts on its own again."""
    link = next((c for c in record.covered if c.case_id == case_id), None)
    if link is not None:
        record.covered.remove(link)
        db.session.flush()
