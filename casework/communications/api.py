"""The petitions procedure in the JSON API: its fields, and recording a complaint as received."""
from __future__ import annotations

from datetime import date

from flask_babel import gettext as _
from pydantic import BaseModel, Field, field_validator, model_validator
from sqlalchemy import select

from casework.api.errors import ApiError
from casework.api.modules import ModuleApi, state_id, unit_for_creation
from casework.api.schemas import Input, PastDate, StateCode, Text
from casework.communications import operations as ops
from casework.communications.models import CASE_TYPE, SUBMISSION_LANGUAGES, Communication
from casework.communications.queries import committees_where, possible_duplicates
from casework.core.cases import Case
from casework.core.permissions import Permission

ARTICLE_CODE = r"^[A-Za-z]+(-[A-Za-z0-9]+)+$"


class CommunicationDetails(BaseModel):
    committee: str
    state: str
    number: int | None
    year: int | None
    received_on: date
    submitted_on: date | None
    registered_on: date | None
    submission_language: str
    subject_matter: str
    procedural_issues: str
    domestic_remedies: str
    articles_invoked: list[str]
    confidentiality_requested: bool


def details(case: Communication) -> CommunicationDetails:
    return CommunicationDetails(
        committee=case.unit.code, state=case.state.iso3, number=case.number, year=case.year,
        received_on=case.received_on, submitted_on=case.submitted_on, registered_on=case.registered_on,
        submission_language=case.submission_language, subject_matter=case.subject_matter,
        procedural_issues=case.procedural_issues, domestic_remedies=case.domestic_remedies,
        articles_invoked=list(case.articles_invoked or []), confidentiality_requested=case.confidentiality_requested,
    )


class NameIn(Input):
    family_name: Text(200, 1)  # type: ignore[valid-type]
    given_names: Text(200) = ""  # type: ignore[valid-type]


class CommunicationIn(Input):
    """A complaint as received; it is registered (numbered) later, by a supervisor."""

    committee: Text(20) | None = Field(None, description="Committee code, e.g. CCPR; needed if you work for several.")  # type: ignore[valid-type]
    state: StateCode = Field(description="The State party (ISO alpha-3).")
    received_on: PastDate
    submitted_on: PastDate | None = None
    submission_language: str = Field("en", pattern="^(" + "|".join(SUBMISSION_LANGUAGES) + ")$")
    author: NameIn = Field(description="Anonymous complaints cannot be registered.")
    victim: NameIn | None = Field(None, description="If not the author.")
    subject_matter: Text(4000) = ""  # type: ignore[valid-type]
    articles_invoked: list[str] = Field(default_factory=list, max_length=40, description="e.g. [\"CCPR-14-1\"]")
    confidentiality_requested: bool = False
    duplicates_checked: bool = Field(False, description="Record it even if possible duplicates are on file.")

    @field_validator("articles_invoked")
    @classmethod
    def _article_codes(cls, codes: list[str]) -> list[str]:
        import re

        for code in codes:
            if len(code) > 40 or not re.match(ARTICLE_CODE, code.strip()):
                raise ValueError(f"“{code[:40]}” is not an article code like CCPR-14-1")
        return [code.strip().upper() for code in codes]

    @model_validator(mode="after")
    def _dated_before_received(self) -> CommunicationIn:
        if self.submitted_on and self.submitted_on > self.received_on:
            raise ValueError("The submission cannot be dated after it was received.")
        return self


def create(body: CommunicationIn, actor) -> Communication:
    committee = unit_for_creation(actor, body.committee, committees_where(actor, Permission.CREATE), "committee")
    found_state = state_id(body.state, "state")
    names = [f"{body.author.given_names} {body.author.family_name}",
             f"{body.victim.given_names} {body.victim.family_name}" if body.victim else ""]
    duplicates = possible_duplicates(actor, found_state, names)
    if duplicates and not body.duplicates_checked:
        raise ApiError(409, _("Possible duplicates on file: %(refs)s. Check them, then send again with "
                              "duplicates_checked: true.", refs=", ".join(str(c.label) for c in duplicates)))
    intake = ops.Intake(
        state_id=found_state, received_on=body.received_on, submitted_on=body.submitted_on,
        authors=[ops.NameInput(body.author.family_name, body.author.given_names)],
        victims=[ops.NameInput(body.victim.family_name, body.victim.given_names)] if body.victim else [],
        submission_language=body.submission_language, subject_matter=body.subject_matter,
        articles_invoked=body.articles_invoked, confidentiality_requested=body.confidentiality_requested,
    )
    return ops.receive_communication(committee, intake, actor)


API = ModuleApi(
    module="communications", case_type=CASE_TYPE, label="Communications", details_schema=CommunicationDetails,
    details=details, create_path="/communications", create_schema=CommunicationIn, create=create,
    create_summary="Record a complaint to a treaty body as received.",
    state_condition=lambda sid: Case.id.in_(select(Communication.id).where(Communication.state_id == sid)),
)
