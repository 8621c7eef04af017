"""Import of past urgent actions from CSV (the machinery: `casework.core.imports`).

Columns (header row required, UTF-8, comma-separated; optional columns may be left out):

    number                   UA number n/yyyy, e.g. 1001/2020 (empty: not registered)
    state                    ISO 3166 alpha-3 code of the State party, e.g. MEX           required
    received_on              YYYY-MM-DD                                                   required
    registered_on            YYYY-MM-DD, required with a number
    status                   a stage of the workflow, e.g. awaiting_reply (default: registered or received)
    status_on                YYYY-MM-DD, the day it reached that stage (default: the registration's)
    disappeared_family_name                                                               required
    disappeared_given_names
    sex                      female, male, other or unknown (default unknown)
    age                      at the disappearance
    last_seen_on             YYYY-MM-DD
    last_seen_place
    circumstances
    author_family_name       the authors' identities stay known only to the Committee's team
    author_given_names
    language                 of the letters: es, en or fr (default es)
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from casework.core.imports import (
    Context, Importer, Values, enter_stages, import_page, keep_number, registration_stages,
)
from casework.core.persons import Sex
from casework.core.units import Unit
from casework.core.workflow import fire
from casework.extensions import db
from casework.letters.phrases import LANGUAGES
from casework.urgent_actions.models import NEVER_REGISTERED, Criterion, UrgentAction, UrgentActionStatus, \
    format_reference
from casework.urgent_actions.operations import Disappearance, PersonInput, create_urgent_action, decide_registration
from casework.urgent_actions.views import UNIT_CODE, bp

S = UrgentActionStatus


@dataclass
class Row:
    line: int
    unit: Unit
    event: Disappearance
    person: PersonInput
    stages: list[tuple[str, date]]
    number: int | None = None
    year: int | None = None

    @property
    def reference(self) -> str | None:
        return format_reference(self.number, self.year) if self.number else None


def read(line: int, values: Values, context: Context) -> Row:
    received_on = values.date("received_on", required=True)
    authors = [PersonInput(values.text("author_family_name"), values.text("author_given_names"))] \
        if "author_family_name" in values else []
    event = Disappearance(
        state_id=context.state(values, "state").id, received_on=received_on,
        language=values.choice("language", LANGUAGES, "es"), last_seen_on=values.date("last_seen_on"),
        last_seen_place=values.text("last_seen_place", limit=255), circumstances=values.text("circumstances"),
        authors=authors,
    )
    if event.last_seen_on and event.last_seen_on > received_on:
        raise ValueError(_("last_seen_on is after received_on"))
    person = PersonInput(values.text("disappeared_family_name", required=True, limit=120),
                         values.text("disappeared_given_names", limit=120),
                         Sex(values.choice("sex", [s.value for s in Sex], Sex.UNKNOWN)), values.integer("age", 0, 120))
    number = values.number("number")
    status = values.choice("status", [s.value for s in S], S.REGISTERED if number else S.RECEIVED)
    stages = registration_stages(values, number, status, received_on, NEVER_REGISTERED, S.REGISTERED)
    if number is None:
        return Row(line, context.unit, event, person, stages)
    row = Row(line, context.unit, event, person, stages, *number)
    context.claim(row.reference, lambda: db.session.scalars(
        select(UrgentAction.reference).where(UrgentAction.reference.is_not(None))))
    return row


def write(row: Row, actor) -> UrgentAction:
    """The request as received, registered under its own number on its day, then at its stage. One
    awaiting the State's reply is sent its note verbale on its day, so the State's clock runs from it."""
    ua = create_urgent_action(row.event, [row.person], row.unit, actor)
    note = _("Imported from line %(line)s of a CSV file.", line=row.line)
    if row.number:
        keep_number(f"urgent_action:{row.year}", row.number)
        decide_registration(ua, "register", {c.value: True for c in Criterion}, note, actor, on=row.stages[0][1],
                            numbers=range(row.number, row.number + 1), draft_letters=False)
    status, on = row.stages[-1]
    if status == S.AWAITING_REPLY:
        fire(ua, "transmit_to_state", actor, on=on, comment=note)
    else:
        enter_stages(ua, row.stages, actor, row.line)
    return ua


IMPORTER = Importer(
    title=_l("Import urgent actions from CSV"), columns=__doc__.split("\n\n", 2)[2],
    required=("state", "received_on", "disappeared_family_name"), works_in=lambda unit: unit.code == UNIT_CODE,
    read=read, write=write, index="urgent_actions.index", sample="urgent_actions.csv",
)


@bp.route("/import", methods=["GET", "POST"])
def import_csv():
    return import_page(IMPORTER)
