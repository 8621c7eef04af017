"""Import of past reprisals cases from CSV (the machinery: `casework.core.imports`).

Every case imported is confidential, as every reprisals case: assigned to whoever imports it and
to the team's supervisors, and seen by no one else.

Columns (header row required, UTF-8, comma-separated; optional columns may be left out):

    number              n/yyyy of the year of receipt, e.g. 12/2019 for REP 12/2019 (empty: the next)
    state               ISO 3166 alpha-3 code of the State, e.g. MEX                    required
    received_on         YYYY-MM-DD                                                      required
    title                                                                               required
    engaged_body        human_rights_council, upr, special_procedure, treaty_body,      required
                        office, country_team or other
    engaged_body_name   e.g. the mandate or committee
    trigger             what the person is said to be targeted for
    summary
    status              a stage of the workflow, e.g. verification (default received)
    status_on           YYYY-MM-DD, the day it reached that stage (default: the day of receipt)
    victim_kind         individual, organisation or group (default individual)
    victim_family_name  an individual's; their identity stays within the case
    victim_given_names
    victim_name         an organisation's or a group's
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from casework.core.imports import (
    Context, Importer, Values, enter_stages, import_page, number_of_receipt_year, numbered_as, stages_in_order,
)
from casework.core.units import Unit, UnitKind
from casework.extensions import db
from casework.reprisals.access import units_to_open_cases
from casework.reprisals.models import ReprisalCase, ReprisalStatus, UNBody, VictimKind
from casework.reprisals.operations import Allegation, VictimInput, create_case
from casework.reprisals.views import bp


@dataclass
class Row:
    line: int
    unit: Unit
    allegation: Allegation
    victims: list[VictimInput]
    stages: list[tuple[str, date]]
    number: int | None = None

    @property
    def reference(self) -> str | None:
        return f"REP {self.number}/{self.allegation.received_on.year}" if self.number else None


def _victims(values: Values) -> list[VictimInput]:
    kind = VictimKind(values.choice("victim_kind", [k.value for k in VictimKind], VictimKind.INDIVIDUAL))
    if kind is VictimKind.INDIVIDUAL:
        family = values.text("victim_family_name", limit=120)
        return [VictimInput(kind, family_name=family, given_names=values.text("victim_given_names", limit=120))] \
            if family else []
    return [VictimInput(kind, name=values.text("victim_name", required=True, limit=300))]


def read(line: int, values: Values, context: Context) -> Row:
    received_on = values.date("received_on", required=True)
    allegation = Allegation(
        title=values.text("title", required=True, limit=300), state_id=context.state(values, "state").id,
        received_on=received_on,
        engaged_body=UNBody(values.choice("engaged_body", [b.value for b in UNBody])),
        engaged_body_name=values.text("engaged_body_name", limit=300), trigger=values.text("trigger"),
        summary=values.text("summary"),
    )
    status = values.choice("status", [s.value for s in ReprisalStatus], ReprisalStatus.RECEIVED)
    row = Row(line, context.unit, allegation, _victims(values),
              stages_in_order([(status, values.date("status_on"))], received_on))
    number = number_of_receipt_year(values, received_on)
    if number is not None:
        row.number = number
        context.claim(row.reference, lambda: db.session.scalars(
            select(ReprisalCase.reference).where(ReprisalCase.reference.is_not(None))))
    return row


def write(row: Row, actor) -> ReprisalCase:
    if row.number:
        with numbered_as(f"reprisal:{row.allegation.received_on.year}", row.number):
            case = create_case(row.allegation, row.victims, row.unit, actor)
    else:
        case = create_case(row.allegation, row.victims, row.unit, actor)
    enter_stages(case, row.stages, actor, row.line)
    return case


IMPORTER = Importer(
    title=_l("Import reprisals cases from CSV"), columns=__doc__.split("\n\n", 3)[3],
    required=("state", "received_on", "title", "engaged_body"),
    works_in=lambda unit: unit.kind is UnitKind.REPRISALS_TEAM, read=read, write=write, index="reprisals.index",
    sample="reprisals.csv", opens_in=units_to_open_cases,
)


@bp.route("/import", methods=["GET", "POST"])
def import_csv():
    return import_page(IMPORTER)
