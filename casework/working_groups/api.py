"""Working-group cases in the JSON API: their fields, and registering one as received.

The source is never given out (it is confidential to the working group's unit even where the
case is not), and creating goes through the same operations as the registration forms; what they
refuse is answered by the API's create view, as for every module.
"""
from __future__ import annotations

from datetime import date

from flask_babel import gettext as _
from pydantic import BaseModel, Field, model_validator
from sqlalchemy import select

from casework.api.errors import ApiError
from casework.api.modules import ModuleApi, creating_units, state_id
from casework.api.schemas import Id, Input, PastDate, StateCode, Text
from casework.core.cases import Case
from casework.core.persons import Sex
from casework.letters.phrases import LANGUAGES
from casework.working_groups import operations as ops
from casework.working_groups.models import (
    WGAD_CODE, WGEID_CODE, DetentionCommunication, DisappearanceCase, Outcome, Procedure, WorkingGroupCase,
)


class PersonOut(BaseModel):
    person_id: int
    name: str


class OpinionOut(BaseModel):
    label: str
    session: int
    adopted_on: date
    outcome: Outcome
    categories: list[str]
    sent_to_government_on: date | None
    sent_to_source_on: date | None
    published_on: date | None


class DetentionDetails(BaseModel):
    state: str
    received_on: date
    language: str
    persons: list[PersonOut]
    place_of_detention: str
    arrested_on: date | None
    legal_basis: str
    summary: str
    transmitted_on: date | None
    reply_received_on: date | None
    opinion: OpinionOut | None


class DisappearanceDetails(BaseModel):
    state: str
    received_on: date
    language: str
    persons: list[PersonOut]
    procedure: Procedure
    disappeared_on: date
    place: str
    circumstances: str
    session: int | None
    transmitted_on: date | None
    reply_received_on: date | None
    reply_forwarded_on: date | None
    clarification: str
    clarified_on: date | None


def _persons(case: WorkingGroupCase) -> list[PersonOut]:
    return [PersonOut(person_id=p.id, name=p.full_name) for p in case.subjects]


def detention_details(case: DetentionCommunication) -> DetentionDetails:
    opinion = case.opinion
    return DetentionDetails(
        state=case.state.iso3, received_on=case.received_on, language=case.language, persons=_persons(case),
        place_of_detention=case.place_of_detention, arrested_on=case.arrested_on, legal_basis=case.legal_basis,
        summary=case.summary, transmitted_on=case.transmitted_on, reply_received_on=case.reply_received_on,
        opinion=OpinionOut(
            label=opinion.label, session=opinion.session, adopted_on=opinion.adopted_on, outcome=opinion.outcome,
            categories=opinion.category_list, sent_to_government_on=opinion.sent_to_government_on,
            sent_to_source_on=opinion.sent_to_source_on, published_on=opinion.published_on,
        ) if opinion else None,
    )


def disappearance_details(case: DisappearanceCase) -> DisappearanceDetails:
    return DisappearanceDetails(
        state=case.state.iso3, received_on=case.received_on, language=case.language, persons=_persons(case),
        procedure=case.procedure, disappeared_on=case.disappeared_on, place=case.place,
        circumstances=case.circumstances, session=case.session, transmitted_on=case.transmitted_on,
        reply_received_on=case.reply_received_on, reply_forwarded_on=case.reply_forwarded_on,
        clarification=case.clarification, clarified_on=case.clarified_on,
    )


class PersonIn(Input):
    person_id: Id | None = Field(None, description="A person already in the registry.")
    family_name: Text(200) = ""  # type: ignore[valid-type]
    given_names: Text(200) = ""  # type: ignore[valid-type]
    sex: Sex = Sex.UNKNOWN
    nationality: StateCode | None = None


class SubmissionIn(Input):
    state: StateCode
    received_on: PastDate
    title: Text(300) = ""  # type: ignore[valid-type]
    language: str = Field("en", pattern="^(" + "|".join(LANGUAGES) + ")$")
    source_name: Text(300) = ""  # type: ignore[valid-type]
    source_contact: Text(2000) = ""  # type: ignore[valid-type]
    persons: list[PersonIn] = Field(min_length=1, max_length=50)


class DetentionIn(SubmissionIn):
    """A regular communication as received; its transmittal letter is drafted for approval."""

    place_of_detention: Text(300) = ""  # type: ignore[valid-type]
    arrested_on: PastDate | None = None
    legal_basis: Text(10000) = ""  # type: ignore[valid-type]
    summary: Text(20000) = ""  # type: ignore[valid-type]

    @model_validator(mode="after")
    def _arrest_before_receipt(self) -> DetentionIn:
        if self.arrested_on and self.arrested_on > self.received_on:
            raise ValueError("The arrest cannot be later than the day the communication was received.")
        return self


class DisappearanceIn(SubmissionIn):
    """A disappearance as received; the urgent procedure only within three months of it."""

    disappeared_on: PastDate
    place: Text(300) = ""  # type: ignore[valid-type]
    circumstances: Text(20000) = ""  # type: ignore[valid-type]
    procedure: Procedure = Procedure.STANDARD


def _persons_in(body: SubmissionIn) -> list[ops.PersonInput]:
    return [ops.PersonInput(family_name=p.family_name, given_names=p.given_names, sex=p.sex,
                            nationality_id=state_id(p.nationality, f"persons.{i}.nationality"), person_id=p.person_id)
            for i, p in enumerate(body.persons)]


def _submission(body: SubmissionIn) -> dict:
    return {"state_id": state_id(body.state, "state"), "received_on": body.received_on, "title": body.title,
            "language": body.language, "source_name": body.source_name, "source_contact": body.source_contact,
            "persons": _persons_in(body)}


def _unit(actor, code: str):
    unit = next((u for u in creating_units(actor) if u.code == code), None)
    if unit is None:
        raise ApiError(403, _("Your role does not allow registering this working group's cases."))
    return unit


def create_detention(body: DetentionIn, actor) -> DetentionCommunication:
    data = ops.DetentionInput(**_submission(body), place_of_detention=body.place_of_detention,
                              arrested_on=body.arrested_on, legal_basis=body.legal_basis, summary=body.summary)
    return ops.register_detention(data, _unit(actor, WGAD_CODE), actor)


def create_disappearance(body: DisappearanceIn, actor) -> DisappearanceCase:
    data = ops.DisappearanceInput(**_submission(body), disappeared_on=body.disappeared_on, place=body.place,
                                  circumstances=body.circumstances, procedure=body.procedure)
    return ops.register_disappearance(data, _unit(actor, WGEID_CODE), actor)


API = [
    ModuleApi(
        module="working_groups", case_type="wgad_communication", label="Arbitrary detention: regular communications",
        details_schema=DetentionDetails, details=detention_details, create_path="/working-groups/arbitrary-detention",
        create_schema=DetentionIn, create=create_detention,
        create_summary="Register a regular communication to the Working Group on Arbitrary Detention as received.",
        state_condition=lambda sid: Case.id.in_(
            select(DetentionCommunication.id).where(DetentionCommunication.state_id == sid)),
    ),
    ModuleApi(
        module="working_groups", case_type="wgeid_case", label="Enforced disappearances: cases",
        details_schema=DisappearanceDetails, details=disappearance_details,
        create_path="/working-groups/disappearances", create_schema=DisappearanceIn, create=create_disappearance,
        create_summary="Register a case of the Working Group on Enforced or Involuntary Disappearances as received.",
        state_condition=lambda sid: Case.id.in_(select(DisappearanceCase.id).where(DisappearanceCase.state_id == sid)),
    ),
]
