"""The interim-measures log, kept in parallel with the main workflow.

The author asks; the Special Rapporteur (the committee unit's supervisor) grants the request —
it then goes to the State by note verbale — or refuses it, and may later lift it
(`INTERIM_MEASURES_WORKFLOW`, each decision in the case's history). The secretariat records
whether the State complied.
"""
from __future__ import annotations

from datetime import date

from flask_babel import gettext as _

from casework.communications.models import Communication, Compliance, InterimMeasure, MeasureStatus
from casework.communications.operations import require
from casework.communications.workflow import INTAKE, INTERIM_MEASURES_WORKFLOW, UNDER_EXAMINATION
from casework.core.permissions import Permission
from casework.core.workflow import fire
from casework.core.writes import Refused
from casework.extensions import db

OPEN_TO_REQUESTS = INTAKE | UNDER_EXAMINATION  # once the committee has decided, interim measures are moot


def request_interim_measures(communication: Communication, measure: str, requested_on: date, actor) -> InterimMeasure:
    """Log the author's request, e.g. "not to deport the author to Sri Lanka"."""
    require(actor, Permission.EDIT, communication)
    if communication.status not in OPEN_TO_REQUESTS:
        raise Refused(_("Interim measures are requested while the case awaits a decision."))
    entry = InterimMeasure(communication_id=communication.id, measure=measure.strip(), requested_on=requested_on)
    db.session.add(entry)
    db.session.flush()
    db.session.refresh(communication, ["interim_measures"])
    return entry


def decide_interim_measures(entry: InterimMeasure, decision: str, actor, on: date | None = None) -> None:
    """The Special Rapporteur grants, refuses or lifts interim measures: `decision` is the event
    of their workflow, fired on the case (its history, its audit trail)."""
    transition = INTERIM_MEASURES_WORKFLOW.transition(decision)
    on = on or date.today()
    if transition.target is MeasureStatus.LIFTED:
        entry.lifted_on = on
    else:
        entry.decided_on, entry.decided_by_id = on, actor.id
    fire(entry, decision, actor, on=on)


def record_compliance(entry: InterimMeasure, compliance: Compliance, notes: str, actor) -> None:
    require(actor, Permission.EDIT, entry.communication)
    if entry.status not in (MeasureStatus.GRANTED, MeasureStatus.LIFTED):
        raise Refused(_("Compliance is recorded for interim measures the State was asked to take."))
    entry.compliance = compliance
    entry.notes = notes.strip()
    db.session.flush()
