"""Special-procedures communications in the JSON API: their fields, and drafting a new one."""
from __future__ import annotations

from datetime import date

from flask_babel import gettext as _
from pydantic import BaseModel, Field
from sqlalchemy import select

from casework.api.errors import ApiError
from casework.api.modules import ModuleApi, state_id
from casework.api.schemas import Id, Input, StateCode, Text
from casework.core.cases import Case
from casework.core.permissions import Permission, can_in_unit
from casework.extensions import db
from casework.letters.models import LetterAddressee
from casework.letters.phrases import LANGUAGES
from casework.special_procedures import operations as ops
from casework.special_procedures.models import CommunicationType, Mandate, SpCommunication


class SpAddresseeOut(BaseModel):
    kind: str
    state: str | None
    name: str
    reference: str | None
    copied_states: list[str] = []  # ISO-3 codes of the States copied on a non-State actor's letter


class SpCommunicationDetails(BaseModel):
    """The source is strictly confidential to the lead desk: never given out by the API."""

    comm_type: str
    lead_mandate: str
    language: str
    summary: str
    questions: str
    themes: str
    sent_on: date | None
    published_on: date | None
    addressees: list[SpAddresseeOut]


def details(comm: SpCommunication) -> SpCommunicationDetails:
    return SpCommunicationDetails(
        comm_type=comm.comm_type.value, lead_mandate=comm.lead_mandate.name, language=comm.language,
        summary=comm.summary, questions=comm.questions, themes=comm.themes, sent_on=comm.sent_on,
        published_on=comm.published_on,
        addressees=[SpAddresseeOut(kind=a.kind.value, state=a.state.iso3 if a.state_id else None,
                                   name="" if a.is_state else a.name, reference=a.reference,
                                   copied_states=[c.state.iso3 for c in a.copied]) for a in comm.recipients],
    )


class NonStateIn(Input):
    name: Text(300, 1)  # type: ignore[valid-type]
    contact_name: Text(200) = Field("", description="e.g. “Mr. Chief Executive Officer”")  # type: ignore[valid-type]
    copy_states: list[StateCode] = Field(default_factory=list, max_length=20, description="States copied.")


class SpCommunicationIn(Input):
    """A new draft letter of the lead mandate's desk."""

    lead_mandate_id: Id
    comm_type: CommunicationType = Field(description="UA urgent appeal, AL allegation letter, OL other letter.")
    title: Text(300, 1) = Field(description="What the information received concerns.")  # type: ignore[valid-type]
    language: str = Field("en", pattern="^(" + "|".join(LANGUAGES) + ")$")
    states: list[StateCode] = Field(default_factory=list, max_length=50, description="States addressed.")
    non_state: list[NonStateIn] = Field(default_factory=list, max_length=20)
    summary: Text(40000) = ""  # type: ignore[valid-type]
    questions: Text(10000) = ""  # type: ignore[valid-type]
    themes: Text(300) = ""  # type: ignore[valid-type]
    legislation: Text(4000) = ""  # type: ignore[valid-type]
    source: Text(4000) = Field("", description="Strictly confidential: known only to the lead desk.")  # type: ignore[valid-type]


def create(body: SpCommunicationIn, actor) -> SpCommunication:
    mandates = db.session.scalars(select(Mandate).where(Mandate.active)).all()
    leads = [m for m in mandates if can_in_unit(actor, Permission.CREATE, m.unit_id)]
    if not leads:
        raise ApiError(403, _("Your role does not allow drafting special-procedures communications."))
    lead = next((m for m in leads if m.id == body.lead_mandate_id), None)
    if lead is None:
        raise ApiError(422, fields={"lead_mandate_id": [_("Choose a mandate whose desk you draft for.")]})
    addressees = [ops.AddresseeInput(state_id=state_id(code, f"states.{i}")) for i, code in enumerate(body.states)]
    addressees += [ops.AddresseeInput(name=actor_.name, contact_name=actor_.contact_name, copy_state_ids=[
        state_id(code, f"non_state.{i}.copy_states.{j}") for j, code in enumerate(actor_.copy_states)])
        for i, actor_ in enumerate(body.non_state)]
    content = ops.CommunicationContent(
        comm_type=body.comm_type, title=body.title, language=body.language, summary=body.summary,
        questions=body.questions, themes=body.themes, legislation=body.legislation, source=body.source,
        addressees=addressees)
    return ops.create_communication(content, lead, actor)


API = ModuleApi(
    module="special_procedures", case_type="sp_communication", label="Special procedures",
    details_schema=SpCommunicationDetails, details=details, create_path="/special-procedures",
    create_schema=SpCommunicationIn, create=create, create_summary="Draft a special-procedures communication.",
    state_condition=lambda sid: Case.id.in_(select(LetterAddressee.letter_id).where(LetterAddressee.state_id == sid)),
)
