"""Import of past treaty-body communications from CSV (the machinery: `casework.core.imports`).

Columns (header row required, UTF-8, comma-separated; optional columns may be left out):

    committee            CCPR, CAT, CERD, CEDAW, CESCR, CRC, CRPD or CED            required
    number               n/yyyy, e.g. 2751/2016 (empty: not registered yet)
    state                ISO 3166 alpha-3 code of the State party, e.g. MEX           required
    received_on          YYYY-MM-DD                                                   required
    registered_on        YYYY-MM-DD, required with a number
    status               a stage of the workflow, e.g. transmitted (default: registered or received)
    status_on            YYYY-MM-DD, the day it reached that stage (default: the registration's)
    author_family_name                                                                required
    author_given_names
    victim_family_name   empty: the author is the victim
    victim_given_names
    articles_invoked     codes separated by semicolons, e.g. CCPR-7;CCPR-14-1
    subject_matter
    submission_language  en, fr, ru or es (default en)
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from casework.communications.models import CASE_TYPE, SUBMISSION_LANGUAGES, Communication, CommunicationStatus
from casework.communications.operations import Intake, NameInput, receive_communication
from casework.core.imports import Context, Importer, Values, enter_stages, keep_number, registration_stages
from casework.core.units import Unit, UnitKind
from casework.extensions import db

S = CommunicationStatus
UNREGISTERED = (S.RECEIVED, S.CLARIFICATION_REQUESTED, S.NOT_REGISTERED)


@dataclass
class Row:
    line: int
    committee: Unit
    intake: Intake
    stages: list[tuple[str, date]]
    number: int | None = None
    year: int | None = None

    @property
    def reference(self) -> str | None:
        return f"{self.committee.code} {self.number}/{self.year}" if self.number else None


def read(line: int, values: Values, context: Context) -> Row:
    committee = context.units.get(values.text("committee", required=True).upper())
    if committee is None:
        raise ValueError(_("committee “%(value)s” is not one you may add cases to", value=values.text("committee")))
    state = context.state(values, "state")
    received_on = values.date("received_on", required=True)
    victims = [NameInput(values.text("victim_family_name"), values.text("victim_given_names"))] \
        if "victim_family_name" in values else []
    intake = Intake(
        state_id=state.id, received_on=received_on,
        authors=[NameInput(values.text("author_family_name", required=True), values.text("author_given_names"))],
        victims=victims, submission_language=values.choice("submission_language", SUBMISSION_LANGUAGES, "en"),
        subject_matter=values.text("subject_matter"),
        articles_invoked=[a.strip().upper() for a in values.text("articles_invoked").split(";") if a.strip()],
    )
    number = values.number("number")
    status = values.choice("status", [s.value for s in S], S.REGISTERED if number else S.RECEIVED)
    stages = registration_stages(values, number, status, received_on, UNREGISTERED, S.REGISTERED)
    if number is None:
        return Row(line, committee, intake, stages)
    row = Row(line, committee, intake, stages, *number)
    context.claim(row.reference, _references_on_file)
    return row


def _references_on_file() -> list[str]:
    return list(db.session.scalars(select(Communication.reference).where(Communication.reference.is_not(None))))


def write(row: Row, actor) -> Communication:
    communication = receive_communication(row.committee, row.intake, actor)
    if row.number:
        registered_on = row.stages[0][1]
        communication.number, communication.year, communication.registered_on = row.number, row.year, registered_on
        communication.reference = row.reference
        keep_number(f"{CASE_TYPE}:{row.committee.code}:{row.year}", row.number)
    enter_stages(communication, row.stages, actor, row.line)
    return communication


IMPORTER = Importer(
    title=_l("Import communications from CSV"), columns=__doc__.split("\n\n", 2)[2], required=(
        "committee", "state", "received_on", "author_family_name"),
    works_in=lambda unit: unit.kind is UnitKind.COMMITTEE, read=read, write=write, index="communications.index",
    sample="communications.csv", unit_column="committee",
)
