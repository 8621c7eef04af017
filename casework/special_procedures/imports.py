"""Import of past special-procedures letters from CSV (the machinery: `casework.core.imports`).

Each row is one letter as it was sent to one State, under the reference it went out with; the
letter is drafted for its lead mandate and placed at the stage it reached, on the day it did.

Columns (header row required, UTF-8, comma-separated; optional columns may be left out):

    reference       the type, the State's ISO alpha-3 code and n/yyyy, e.g. AL MEX 3/2024   required
    mandate         the code of the lead mandate's desk, e.g. SR-HRDEFENDERS                 required
    sent_on         YYYY-MM-DD, of the year of the reference                                 required
    title                                                                                    required
    summary         the information received, as the letter tells it
    questions       one question per line
    language        en, fr or es (default en)
    status          sent, published, in_report or closed (default sent)
    status_on       YYYY-MM-DD, the day it reached that stage (default: the day of the one before)
    published_on    YYYY-MM-DD, for a letter published (default: status_on for "published")
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from casework.core.imports import (
    Context, Importer, Values, enter_stages, import_page, keep_number, stages_in_order,
)
from casework.core.units import UnitKind
from casework.extensions import db
from casework.letters.models import LetterAddressee
from casework.letters.phrases import LANGUAGES
from casework.special_procedures.models import CommunicationType, Mandate, SpCommunication, SpCommunicationStatus
from casework.special_procedures.operations import AddresseeInput, CommunicationContent, create_communication
from casework.special_procedures.views import bp

S = SpCommunicationStatus
SENT_STAGES = (S.SENT, S.PUBLISHED, S.IN_REPORT, S.CLOSED)
REFERENCE = re.compile(r"^(UA|AL|OL) ([A-Z]{3}) ([0-9]{1,6})/([0-9]{4})$")


@dataclass
class Row:
    line: int
    lead: Mandate
    content: CommunicationContent
    reference: str
    code: str
    number: int
    stages: list[tuple[str, date]]


def _mandate(values: Values, context: Context) -> Mandate:
    code = values.text("mandate", required=True).upper()
    unit = context.units.get(code)
    mandates = context.once("mandates", lambda: {m.unit_id: m for m in db.session.scalars(select(Mandate))})
    if unit is None or unit.id not in mandates:
        raise ValueError(_("mandate “%(value)s” is not one whose letters you may draft", value=code))
    return mandates[unit.id]


def read(line: int, values: Values, context: Context) -> Row:
    reference = " ".join(values.text("reference", required=True).upper().split())
    match = REFERENCE.match(reference)
    if not match:
        raise ValueError(_("reference “%(value)s” is not like AL MEX 3/2024", value=reference))
    kind, code, number, year = match.group(1), match.group(2), int(match.group(3)), int(match.group(4))
    state = context.states.get(code)
    if state is None:
        raise ValueError(_("reference “%(value)s” does not name a State by its ISO alpha-3 code", value=reference))
    lead = _mandate(values, context)
    sent_on = values.date("sent_on", required=True)
    if sent_on.year != year:
        raise ValueError(_("reference %(reference)s is not of the year it was sent, %(year)s", reference=reference,
                           year=sent_on.year))
    status = values.choice("status", SENT_STAGES, S.SENT)
    content = CommunicationContent(
        comm_type=CommunicationType(kind), title=values.text("title", required=True, limit=300),
        language=values.choice("language", LANGUAGES, "en"), summary=values.text("summary"),
        questions=values.text("questions"), addressees=[AddresseeInput(state_id=state.id)],
    )
    context.claim(reference, lambda: db.session.scalars(
        select(LetterAddressee.reference).where(LetterAddressee.reference.is_not(None))))
    status_on, published_on = values.date("status_on"), values.date("published_on")
    given = [(S.SENT, sent_on)]
    if status != S.SENT:
        given.append((S.PUBLISHED, published_on or (status_on if status == S.PUBLISHED else None)))
    stages = stages_in_order([*given, (status, status_on)], sent_on)
    return Row(line, lead, content, reference, code, number, stages)


def write(row: Row, actor) -> SpCommunication:
    """The letter drafted for its lead mandate, then as sent under its reference on its day."""
    comm = create_communication(row.content, row.lead, actor)
    sent_on = row.stages[0][1]
    comm.recipients[0].reference = comm.reference = row.reference
    comm.sent_on, comm.letter_date, comm.sent_by_id = sent_on, sent_on, actor.id
    published_on = next((on for state, on in row.stages if state == S.PUBLISHED), None)
    if published_on is not None:
        comm.record_publication(published_on)
    keep_number(f"sp:{row.code}:{sent_on.year}", row.number)
    enter_stages(comm, row.stages, actor, row.line)
    return comm


IMPORTER = Importer(
    title=_l("Import special-procedures letters from CSV"), columns=__doc__.split("\n\n", 3)[3],
    required=("reference", "mandate", "sent_on", "title"), works_in=lambda unit: unit.kind is UnitKind.MANDATE,
    read=read, write=write, index="special_procedures.index", sample="special_procedures.csv",
    unit_column="mandate",
)


@bp.route("/import", methods=["GET", "POST"])
def import_csv():
    return import_page(IMPORTER)
