"""Import of past working-group cases from CSV (the machinery: `casework.core.imports`).

The unit chosen on the page says which: WGAD regular communications, or WGEID cases.

Columns (header row required, UTF-8, comma-separated; optional columns may be left out):

    number               n/yyyy of the year of receipt, e.g. 57/2019 for WGAD 57/2019 (empty: the next)
    state                ISO 3166 alpha-3 code of the State, e.g. IRQ                   required
    received_on          YYYY-MM-DD                                                     required
    status               a stage of the group's workflow, e.g. transmitted (default received)
    status_on            YYYY-MM-DD, the day it reached that stage (default: the day of receipt)
    family_name          of the person detained or disappeared                         required
    given_names
    sex                  female, male, other or unknown (default unknown)
    title                empty: "Detention of …", "Disappearance of …"
    source_name          known only to the group's team
    language             en, fr or es (default en)
    place_of_detention   WGAD
    arrested_on          WGAD: YYYY-MM-DD
    legal_basis          WGAD
    summary              WGAD
    disappeared_on       WGEID: YYYY-MM-DD, required
    place                WGEID
    circumstances        WGEID
    procedure            WGEID: urgent or standard (default standard)
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from casework.core.cases import Case
from casework.core.imports import (
    Context, Importer, Values, enter_stages, import_page, number_of_receipt_year, numbered_as, stages_in_order,
)
from casework.core.persons import Sex
from casework.core.units import Unit
from casework.extensions import db
from casework.letters.models import Letter
from casework.letters.phrases import LANGUAGES
from casework.working_groups.models import (
    WGAD_CODE, WGEID_CODE, DetentionStatus, DisappearanceStatus, Procedure, WorkingGroupCase, urgent_eligible,
)
from casework.working_groups.operations import (
    DetentionInput, DisappearanceInput, PersonInput, register_detention, register_disappearance,
)
from casework.working_groups.views import bp

STATUSES = {WGAD_CODE: DetentionStatus, WGEID_CODE: DisappearanceStatus}


@dataclass
class Row:
    line: int
    unit: Unit
    submission: DetentionInput | DisappearanceInput
    stages: list[tuple[str, date]]
    number: int | None = None

    @property
    def reference(self) -> str | None:
        return f"{self.unit.code} {self.number}/{self.submission.received_on.year}" if self.number else None


def _submission(values: Values, context: Context, received_on: date) -> DetentionInput | DisappearanceInput:
    common = dict(
        state_id=context.state(values, "state").id, received_on=received_on, title=values.text("title", limit=300),
        language=values.choice("language", LANGUAGES, "en"), source_name=values.text("source_name", limit=300),
        persons=[PersonInput(values.text("family_name", required=True, limit=120),
                             values.text("given_names", limit=120),
                             Sex(values.choice("sex", [s.value for s in Sex], Sex.UNKNOWN)))],
    )
    if context.unit.code == WGAD_CODE:
        return DetentionInput(**common, place_of_detention=values.text("place_of_detention", limit=300),
                              arrested_on=values.date("arrested_on"), legal_basis=values.text("legal_basis"),
                              summary=values.text("summary"))
    disappeared_on = values.date("disappeared_on", required=True)
    procedure = Procedure(values.choice("procedure", [p.value for p in Procedure], Procedure.STANDARD))
    if disappeared_on > received_on:
        raise ValueError(_("disappeared_on is after received_on"))
    if procedure is Procedure.URGENT and not urgent_eligible(disappeared_on, received_on):
        raise ValueError(_("the urgent procedure covers disappearances within three months of receipt"))
    return DisappearanceInput(**common, disappeared_on=disappeared_on, place=values.text("place", limit=300),
                              circumstances=values.text("circumstances"), procedure=procedure)


def read(line: int, values: Values, context: Context) -> Row:
    received_on = values.date("received_on", required=True)
    submission = _submission(values, context, received_on)
    statuses = STATUSES[context.unit.code]
    status = values.choice("status", [s.value for s in statuses], statuses.RECEIVED)
    row = Row(line, context.unit, submission, stages_in_order([(status, values.date("status_on"))], received_on))
    number = number_of_receipt_year(values, received_on)
    if number is not None:
        row.number = number
        context.claim(row.reference, lambda: db.session.scalars(
            select(Case.reference).where(Case.reference.like(f"{context.unit.code} %"))))
    return row


def write(row: Row, actor) -> WorkingGroupCase:
    """The case as received, under its own number, then at its stage; a case past its receipt has
    had its transmittal already, so the letter drafted on receipt is not kept."""
    register = register_detention if row.unit.code == WGAD_CODE else register_disappearance
    if row.number:
        with numbered_as(f"{row.unit.code.lower()}_case:{row.submission.received_on.year}", row.number):
            case = register(row.submission, row.unit, actor)
    else:
        case = register(row.submission, row.unit, actor)
    if row.stages[-1][0] != "received":
        for letter in db.session.scalars(select(Letter).where(Letter.parent_id == case.id)):
            db.session.delete(letter)
    enter_stages(case, row.stages, actor, row.line)
    return case


IMPORTER = Importer(
    title=_l("Import working-group cases from CSV"), columns=__doc__.split("\n\n", 3)[3],
    required=("state", "received_on", "family_name"), works_in=lambda unit: unit.code in (WGAD_CODE, WGEID_CODE),
    read=read, write=write, index="working_groups.index", sample="working_groups.csv",
)


@bp.route("/import", methods=["GET", "POST"])
def import_csv():
    return import_page(IMPORTER)
