"""Reprisals cases in the JSON API: their fields, and opening a case. Every case is confidential,
so the core policy shows it only to the people assigned to it and to administrators."""
from __future__ import annotations

from datetime import date

from pydantic import BaseModel, Field, model_validator
from sqlalchemy import select

from casework.api.errors import ApiError
from casework.api.modules import ModuleApi, state_id, unit_for_creation
from casework.api.schemas import Id, Input, PastDate, PlausibleDate, StateCode, Text
from casework.core.cases import Case
from casework.core.persons import Sex
from casework.reprisals import operations as ops
from casework.reprisals.access import units_to_open_cases
from casework.reprisals.models import ReprisalCase, UNBody, VictimKind


class VictimOut(BaseModel):
    kind: str
    person_id: int | None
    name: str
    minor: bool
    foreign_national: bool


class ReprisalDetails(BaseModel):
    state: str
    received_on: date
    summary: str
    trigger: str
    engaged_body: str
    engaged_body_name: str
    engagement_type: str
    engaged_from: date | None
    engaged_to: date | None
    raised_by: str | None
    raised_by_name: str
    victims: list[VictimOut]


def details(case: ReprisalCase) -> ReprisalDetails:
    return ReprisalDetails(
        state=case.state.iso3, received_on=case.received_on, summary=case.summary, trigger=case.trigger,
        engaged_body=case.engaged_body.value, engaged_body_name=case.engaged_body_name,
        engagement_type=case.engagement_type, engaged_from=case.engaged_from, engaged_to=case.engaged_to,
        raised_by=case.raised_by.value if case.raised_by else None, raised_by_name=case.raised_by_name,
        victims=[VictimOut(kind=v.kind.value, person_id=v.person_id,
                           name=v.person.full_name if v.person else v.name, minor=v.minor,
                           foreign_national=v.foreign_national) for v in case.victims],
    )


class VictimIn(Input):
    kind: VictimKind = VictimKind.INDIVIDUAL
    person_id: Id | None = Field(None, description="An individual already in the registry.")
    family_name: Text(200) = ""  # type: ignore[valid-type]
    given_names: Text(200) = ""  # type: ignore[valid-type]
    sex: Sex = Sex.UNKNOWN
    name: Text(300) = Field("", description="For an organisation or a group.")  # type: ignore[valid-type]
    minor: bool = False
    foreign_national: bool = False
    description: Text(2000) = ""  # type: ignore[valid-type]


class ReprisalIn(Input):
    """A new allegation with its first victim."""

    unit: Text(20) | None = Field(None, description="Code of your reprisals team, if you belong to several.")  # type: ignore[valid-type]
    title: Text(300, 1)  # type: ignore[valid-type]
    state: StateCode
    received_on: PastDate
    engaged_body: UNBody
    engaged_body_name: Text(200) = ""  # type: ignore[valid-type]
    engagement_type: Text(200) = ""  # type: ignore[valid-type]
    engaged_from: PastDate | None = None
    engaged_to: PlausibleDate | None = None
    trigger: Text(4000) = ""  # type: ignore[valid-type]
    raised_by: UNBody | None = None
    raised_by_name: Text(200) = ""  # type: ignore[valid-type]
    summary: Text(10000) = ""  # type: ignore[valid-type]
    victim: VictimIn

    @model_validator(mode="after")
    def _period(self) -> ReprisalIn:
        if self.engaged_from and self.engaged_to and self.engaged_to < self.engaged_from:
            raise ValueError("The engagement cannot end before it began.")
        return self


def create(body: ReprisalIn, actor) -> ReprisalCase:
    unit = unit_for_creation(actor, body.unit, units_to_open_cases(actor))
    allegation = ops.Allegation(
        title=body.title, state_id=state_id(body.state, "state"), received_on=body.received_on,
        engaged_body=body.engaged_body, engaged_body_name=body.engaged_body_name,
        engagement_type=body.engagement_type, engaged_from=body.engaged_from, engaged_to=body.engaged_to,
        trigger=body.trigger, raised_by=body.raised_by, raised_by_name=body.raised_by_name, summary=body.summary,
    )
    v = body.victim
    victim = ops.VictimInput(kind=v.kind, person_id=v.person_id, family_name=v.family_name,
                             given_names=v.given_names, sex=v.sex, name=v.name, minor=v.minor,
                             foreign_national=v.foreign_national, description=v.description)
    try:
        return ops.create_case(allegation, [victim], unit, actor)
    except ops.Refused as refusal:
        raise ApiError(422, fields={"victim": [str(refusal)]}) from None


API = ModuleApi(
    module="reprisals", case_type="reprisal", label="Reprisals", details_schema=ReprisalDetails, details=details,
    create_path="/reprisals", create_schema=ReprisalIn, create=create,
    create_summary="Open a reprisals case (always confidential; assigned to you and the team's supervisors).",
    state_condition=lambda sid: Case.id.in_(select(ReprisalCase.id).where(ReprisalCase.state_id == sid)),
)
