"""CED urgent actions in the JSON API: their fields, recording a request as received, and where
each disappeared person was found."""
from __future__ import annotations

from datetime import date

from flask_babel import gettext as _
from flask_login import current_user
from pydantic import BaseModel, Field, model_validator
from sqlalchemy import or_, select
from sqlalchemy.orm.exc import StaleDataError

from casework.api.blueprint import bp
from casework.api.errors import ApiError
from casework.api.modules import ModuleApi, creating_units, state_id
from casework.api.schemas import CaseOut, Input, PastDate, StateCode, Text
from casework.api.serialize import case_out
from casework.api.spec import MAX_ID, operation
from casework.core.cases import Case
from casework.core.permissions import Permission
from casework.core.persons import Sex
from casework.core.writes import EditConflict, Refused, expect_version
from casework.extensions import db
from casework.letters.phrases import LANGUAGES
from casework.urgent_actions import operations as ops
from casework.urgent_actions.models import Located, UrgentAction
from casework.urgent_actions.permissions import can_see_authors

UNIT_CODE = "CED"  # as casework.urgent_actions.views: urgent actions belong to the Committee's unit


class OutcomeOut(BaseModel):
    person_id: int
    outcome: str = Field(description="alive_and_free, in_detention or deceased.")
    located_on: date


class UrgentActionDetails(BaseModel):
    number: int | None
    registration_year: int | None
    state: str
    second_state: str | None
    received_on: date
    registered_on: date | None
    language: str
    age_at_disappearance: int | None
    last_seen_on: date | None
    last_seen_place: str
    circumstances: str
    alleged_perpetrators: str
    outcomes: list[OutcomeOut] = Field(description="Where each disappeared person located was found, and when.")
    authors_relationship: str | None = Field(description="Only for those who may know the authors.")
    authors_contact: str | None = Field(description="Only for those who may know the authors.")


def details(case: UrgentAction) -> UrgentActionDetails:
    authors = can_see_authors(current_user, case)
    return UrgentActionDetails(
        number=case.number, registration_year=case.registration_year, state=case.state.iso3,
        second_state=case.second_state.iso3 if case.second_state else None, received_on=case.received_on,
        registered_on=case.registered_on, language=case.language, age_at_disappearance=case.age_at_disappearance,
        last_seen_on=case.last_seen_on, last_seen_place=case.last_seen_place, circumstances=case.circumstances,
        alleged_perpetrators=case.alleged_perpetrators, outcomes=[
            OutcomeOut(person_id=o.person_id, outcome=o.outcome.value, located_on=o.located_on) for o in case.outcomes],
        authors_relationship=case.authors_relationship if authors else None,
        authors_contact=case.authors_contact if authors else None,
    )


class NameIn(Input):
    family_name: Text(200, 1)  # type: ignore[valid-type]
    given_names: Text(200) = ""  # type: ignore[valid-type]


class DisappearedIn(NameIn):
    sex: str = Field("unknown", pattern="^(female|male|other|unknown)$")
    age: int | None = Field(None, ge=0, le=120)
    nationality: StateCode | None = None


class ComplaintIn(Input):
    authority: Text(300, 1)  # type: ignore[valid-type]
    filed_on: PastDate | None = None
    file_number: Text(120) = ""  # type: ignore[valid-type]


class UrgentActionIn(Input):
    """A request for an urgent action as received, before the registration decision."""

    state: StateCode = Field(description="The State party (ISO alpha-3).")
    second_state: StateCode | None = Field(None, description="Parallel registration.")
    received_on: PastDate
    language: str = Field("es", pattern="^(" + "|".join(LANGUAGES) + ")$", description="Language of the letters.")
    disappeared: DisappearedIn
    author: NameIn
    authors_relationship: Text(300) = ""  # type: ignore[valid-type]
    authors_contact: Text(2000) = ""  # type: ignore[valid-type]
    last_seen_on: PastDate | None = None
    last_seen_place: Text(300) = ""  # type: ignore[valid-type]
    circumstances: Text(10000) = ""  # type: ignore[valid-type]
    alleged_perpetrators: Text(4000) = ""  # type: ignore[valid-type]
    complaint: ComplaintIn | None = Field(None, description="The report to a national authority, if any.")
    other_procedures: Text(4000) = ""  # type: ignore[valid-type]
    protection_needs: Text(4000) = ""  # type: ignore[valid-type]

    @model_validator(mode="after")
    def _seen_before_received(self) -> UrgentActionIn:
        if self.last_seen_on and self.last_seen_on > self.received_on:
            raise ValueError("The person cannot have been last seen after the request was received.")
        return self


def create(body: UrgentActionIn, actor) -> UrgentAction:
    unit = next((u for u in creating_units(actor) if u.code == UNIT_CODE), None)
    if unit is None:
        raise ApiError(403, _("Your role does not allow recording urgent actions."))
    complaint = body.complaint
    event = ops.Disappearance(
        state_id=state_id(body.state, "state"), second_state_id=state_id(body.second_state, "second_state"),
        received_on=body.received_on, language=body.language, last_seen_on=body.last_seen_on,
        last_seen_place=body.last_seen_place, circumstances=body.circumstances,
        alleged_perpetrators=body.alleged_perpetrators, other_procedures=body.other_procedures,
        protection_needs=body.protection_needs, authors=[ops.PersonInput(body.author.family_name,
                                                                         body.author.given_names)],
        authors_relationship=body.authors_relationship, authors_contact=body.authors_contact,
        complaints=[(complaint.authority, complaint.filed_on, complaint.file_number)] if complaint else [],
    )
    person = body.disappeared
    disappeared = ops.PersonInput(person.family_name, person.given_names, Sex(person.sex), person.age,
                                  state_id(person.nationality, "disappeared.nationality"))
    return ops.create_urgent_action(event, [disappeared], unit, actor)


API = ModuleApi(
    module="urgent_actions", case_type="urgent_action", label="Urgent actions", details_schema=UrgentActionDetails,
    details=details, create_path="/urgent-actions", create_schema=UrgentActionIn, create=create,
    create_summary="Record a request for an urgent action (CED) as received.",
    state_condition=lambda sid: Case.id.in_(select(UrgentAction.id).where(
        or_(UrgentAction.state_id == sid, UrgentAction.second_state_id == sid))),
)


class OutcomeIn(Input):
    """Where one disappeared person was found, as the case page's form records it."""

    version: int = Field(ge=1, le=MAX_ID, description="The urgent action's `version` as last read: refused if it "
                                                      "changed.")
    outcome: str = Field(pattern="^(" + "|".join(Located) + ")$", description="alive_and_free, in_detention or "
                                                                                "deceased.")
    located_on: PastDate | None = Field(None, description="The day the person was located, today if not given: not "
                                                          "in the future, nor before the request was received or "
                                                          "the step it follows.")


@operation(bp, "/urgent-actions/<int:case_id>/persons/<int:person_id>/outcome", "POST",
           summary="Record where a disappeared person was found", tag="Urgent actions", body=OutcomeIn,
           response=CaseOut, errors=(403, 409))
def record_urgent_action_outcome(case_id: int, person_id: int, body: OutcomeIn):
    """Once every disappeared person of the request is located, the request moves to the state their
    outcomes lead to; with one still missing it stays open. 404 when the person is not one of its
    disappeared persons, 409 when the urgent action changed since `version`, 422 with the reason
    when the date or its state does not allow it."""
    from casework.api.case_views import load_case

    ua = load_case(case_id, Permission.EDIT)
    if not isinstance(ua, UrgentAction) or person_id not in {person.id for person in ua.disappeared}:
        raise ApiError(404)
    try:
        expect_version(ua, body.version)
        ops.record_outcome(ua, person_id, Located(body.outcome), current_user, on=body.located_on)
        db.session.commit()
    except (EditConflict, StaleDataError):
        db.session.rollback()
        raise ApiError(409, str(EditConflict(ua))) from None
    except Refused as refusal:
        db.session.rollback()
        raise ApiError(403 if refusal.forbidden else 422, str(refusal)) from None
    return case_out(ua, current_user)
