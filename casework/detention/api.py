"""Field detention work in the JSON API: visits (recorded as numbered drafts) and detainees' cases."""
from __future__ import annotations

from datetime import date

from flask_babel import gettext as _
from pydantic import BaseModel, Field
from sqlalchemy import select

from casework.api.errors import ApiError
from casework.api.modules import ModuleApi
from casework.api.schemas import Id, Input, PastDate
from casework.core.cases import Case
from casework.core.db import utcnow
from casework.core.permissions import Permission
from casework.detention.cases.models import DetentionCase
from casework.detention.permissions import can_view_unit_record, field_offices_where
from casework.detention.places.models import Facility
from casework.detention.visits.models import VISIT_TYPE, Visit
from casework.detention.visits.operations import record_visit
from casework.extensions import db


class VisitDetails(BaseModel):
    number: str
    facility_id: int
    facility: str
    state: str
    started_on: date
    ended_on: date | None
    visit_kind: str
    access: str
    announced: bool
    capacity: int | None
    pop_total: int | None
    pop_women: int | None
    pop_men: int | None
    pop_children: int | None


def visit_details(visit: Visit) -> VisitDetails:
    return VisitDetails(
        number=visit.number, facility_id=visit.facility_id, facility=visit.facility.name,
        state=visit.facility.state.iso3, started_on=visit.started_on, ended_on=visit.ended_on,
        visit_kind=visit.visit_kind.value, access=visit.access.value, announced=visit.announced,
        capacity=visit.capacity, pop_total=visit.pop_total, pop_women=visit.pop_women, pop_men=visit.pop_men,
        pop_children=visit.pop_children,
    )


class DetentionCaseDetails(BaseModel):
    facility_id: int
    facility: str
    person_id: int
    visit_id: int | None
    issue: str
    raised_on: date | None
    raised_with: str
    outcome: str | None
    outcome_on: date | None


def case_details(case: DetentionCase) -> DetentionCaseDetails:
    return DetentionCaseDetails(
        facility_id=case.facility_id, facility=case.facility.name, person_id=case.person_id, visit_id=case.visit_id,
        issue=case.issue.value, raised_on=case.raised_on, raised_with=case.raised_with,
        outcome=case.outcome.value if case.outcome else None, outcome_on=case.outcome_on,
    )


class VisitIn(Input):
    """A visit that has taken place; the rest is filled in on the visit's page."""

    facility_id: Id = Field(description="The place of detention, from your field office's register.")
    started_on: PastDate = Field(description="Date of the visit; not in the future.")


def create_visit(body: VisitIn, actor) -> Visit:
    offices = field_offices_where(actor, Permission.CREATE)
    if not offices:
        raise ApiError(403, _("Your role does not allow recording visits."))
    facility = db.session.get(Facility, body.facility_id)
    if facility is None or not can_view_unit_record(actor, facility) or \
            facility.unit_id not in {u.id for u in offices}:
        raise ApiError(422, fields={"facility_id": [_("There is no place of detention with this number in the "
                                                      "register of a field office you record visits for.")]})
    if body.started_on > utcnow().date():
        raise ApiError(422, fields={"started_on": [_("A visit is recorded once it has taken place: the date "
                                                     "cannot be in the future.")]})
    return record_visit(facility, body.started_on, actor)


def _facility_condition(model):
    def condition(state_id: int):
        return Case.id.in_(select(model.id).join(Facility, Facility.id == model.facility_id)
                           .where(Facility.state_id == state_id))
    return condition


API = [
    ModuleApi(module="detention", case_type=VISIT_TYPE, label="Detention visits",
              details_schema=VisitDetails, details=visit_details, create_path="/detention/visits",
              create_schema=VisitIn, create=create_visit, create_summary="Record a visit to a place of detention.",
              state_condition=_facility_condition(Visit)),
    ModuleApi(module="detention", case_type="detention_case", label="Detainees' cases",
              details_schema=DetentionCaseDetails, details=case_details,
              state_condition=_facility_condition(DetentionCase)),
]
