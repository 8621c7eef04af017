"""The shapes the API reads and writes, shared by every resource; modules add their own."""
from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints

from casework.api.spec import MAX_ID
from casework.core.inputs import EARLIEST_DATE, FIRST_YEAR, LAST_YEAR, has_control_characters, is_plausible_past


def _printable(value: str) -> str:
    """No control characters (NUL above all) or unpaired surrogates: see casework.core.inputs."""
    if has_control_characters(value):
        raise ValueError("must not contain control characters (such as NUL) other than tab and line breaks")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise ValueError("must be valid Unicode text") from None
    return value


def Text(max_length: int, min_length: int = 0) -> Any:  # noqa: N802 - used like a type
    """A string field of at most `max_length` characters, stripped of surrounding spaces."""
    return Annotated[str, StringConstraints(strip_whitespace=True, min_length=min_length, max_length=max_length),
                     AfterValidator(_printable)]


def _past(value: date) -> date:
    if not is_plausible_past(value):
        raise ValueError(f"must be the date of something that has happened: not in the future, "
                         f"nor before {EARLIEST_DATE.isoformat()}")
    return value


def _plausible(value: date) -> date:
    if not FIRST_YEAR <= value.year <= LAST_YEAR:
        raise ValueError(f"must be a date from {FIRST_YEAR} to {LAST_YEAR}")
    return value


# The date of something that has happened (received, last seen, born): see casework.core.inputs.
PastDate = Annotated[date, AfterValidator(_past)]
PlausibleDate = Annotated[date, AfterValidator(_plausible)]
Id = Annotated[int, Field(ge=1, le=MAX_ID)]
StateCode = Annotated[str, StringConstraints(pattern=r"^[A-Za-z]{3}$"), Field(description="ISO 3166 alpha-3 code")]


class Input(BaseModel):
    """A request body: unknown fields are refused, so a misspelt field is not silently ignored."""

    model_config = ConfigDict(extra="forbid")


class Listing(BaseModel):
    """Query of a list: how many and from where."""

    model_config = ConfigDict(extra="ignore")

    limit: int = Field(25, ge=1, le=100, description="Items per page (at most 100).")
    cursor: Id | None = Field(None, description="`next_cursor` of the previous page.")


class Link(BaseModel):
    id: int
    url: str


class UnitOut(BaseModel):
    code: str
    name: str


class CaseSummary(BaseModel):
    id: int
    module: str
    type: str
    reference: str | None
    title: str
    status: str
    status_label: str
    unit: UnitOut
    confidential: bool
    version: int
    created_at: datetime
    updated_at: datetime
    url: str


class CaseList(BaseModel):
    items: list[CaseSummary]
    total: int
    next_cursor: int | None


class CasePersonOut(BaseModel):
    person_id: int
    name: str
    role: str


class CaseOut(CaseSummary):
    officer: str | None
    persons: list[CasePersonOut]
    details: dict[str, Any] = Field(description="The fields of the case's own procedure: CommunicationDetails, "
                                                "UrgentActionDetails, VisitDetails, … in the schemas.")


class TransitionOut(BaseModel):
    event: str
    label: str
    target: str
    allowed: bool
    reason: str | None


class TransitionList(BaseModel):
    case_id: int
    status: str
    version: int
    transitions: list[TransitionOut]


class FireTransition(Input):
    version: int = Field(ge=1, le=MAX_ID, description="The case's `version` as last read: refused if it changed.")
    comment: Text(4000) | None = None  # type: ignore[valid-type]
    on: PastDate | None = Field(None, description="The day the step happened, if not today: not in the future, "
                                                  "nor before the case was received or the step it follows. "
                                                  "The deadlines it opens run from that day.")


class FiredOut(BaseModel):
    case: CaseOut
    event: str
    from_status: str
    to_status: str
    on: date = Field(description="The day the step happened, as recorded in the case's history.")


class ApiIndex(BaseModel):
    version: str
    openapi: str
    user: str
    resources: dict[str, str]


class OtherNameIn(Input):
    name: Text(400, 1)  # type: ignore[valid-type]
    script: Text(40) = ""  # type: ignore[valid-type]


class PersonIn(Input):
    family_name: Text(200, 1)  # type: ignore[valid-type]
    given_names: Text(200) = ""  # type: ignore[valid-type]
    sex: str = Field("unknown", pattern="^(female|male|other|unknown)$")
    date_of_birth: PastDate | None = None
    nationality: StateCode | None = None
    contact: Text(2000) = ""  # type: ignore[valid-type]
    protected_identity: bool = False
    unit: Text(20, 1) = Field(description="Code of the registering unit, e.g. CCPR.")  # type: ignore[valid-type]
    other_names: list[OtherNameIn] = Field(default_factory=list, max_length=50)


class OtherNameOut(BaseModel):
    name: str
    script: str


class PersonCaseOut(BaseModel):
    case_id: int
    reference: str | None
    role: str


class PersonOut(BaseModel):
    id: int
    family_name: str
    given_names: str
    full_name: str
    sex: str
    date_of_birth: date | None
    nationality: str | None
    protected_identity: bool
    unit: str
    other_names: list[OtherNameOut]
    cases: list[PersonCaseOut]
    url: str


class PersonList(BaseModel):
    items: list[PersonOut]
    total: int
    next_cursor: int | None


class LetterIn(Input):
    letter_type: Text(60, 1)  # type: ignore[valid-type]
    language: str = Field("en", pattern="^(en|fr|es)$")
    case_id: Id | None = Field(None, description="The case the letter belongs to; leave out for a circular.")
    unit: Text(20) | None = Field(None, description="For a circular: code of the unit it is sent on behalf of.")  # type: ignore[valid-type]


class AddresseeOut(BaseModel):
    kind: str
    name: str
    state: str | None
    is_copy: bool


class PdfOut(BaseModel):
    final_available: bool
    final_url: str | None
    final_rendered_at: datetime | None
    rendering: str | None = Field(description="Status of the newest rendering job: queued, running, done, failed.")


class LetterOut(BaseModel):
    id: int
    case_id: int | None
    letter_type: str
    kind: str
    language: str
    reference: str | None
    subject: str
    body: str
    status: str
    status_label: str
    version: int
    letter_date: date | None
    sent_on: date | None
    reply_received_on: date | None
    addressees: list[AddresseeOut]
    pdf: PdfOut
    url: str


class LetterList(BaseModel):
    items: list[LetterOut]
    total: int
    next_cursor: int | None
