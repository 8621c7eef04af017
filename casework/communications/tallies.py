"""The counts the key figures read for periods of whole months (`casework.core.tallies`): the
communications registered, decided and with interim measures requested, by committee and month.

A communication decided twice, or with two requests, in a period counts once there, as the list
shows it once: each decision (request) is counted under the month of the previous one
(`previous_month`), and only those whose previous one falls before the period count.
"""
from __future__ import annotations

from sqlalchemy import ColumnElement, Select, String, cast, func, literal, select, union_all

from casework.communications.backlog import communication_rows
from casework.communications.models import Communication, Decision, InterimMeasure
from casework.core.cases import Case
from casework.core.tallies import Tally, Watch, month_start, previous_month, register

ANY = "*"  # the key's kind for a decision of any type
_communication = Communication.__table__
_decision = Decision.__table__
_request = InterimMeasure.__table__


def _registered(condition: ColumnElement[bool]) -> Select:
    """Communications by the month they were registered."""
    month = month_start(_communication.c.registered_on)
    return (communication_rows(literal("").label("key"), month.label("day"), func.count().label("n"))
            .where(condition, _communication.c.registered_on.is_not(None))
            .group_by(Case.unit_id, Case.confidential, month))


def _grouped(*rows: Select) -> Select:
    """`rows` of (unit_id, confidential, key, day) counted."""
    found = union_all(*rows).subquery()
    return (select(found.c.unit_id, found.c.confidential, found.c.key, found.c.day, func.count().label("n"))
            .group_by(found.c.unit_id, found.c.confidential, found.c.key, found.c.day))


def _of(table, kind, previous, on: str, condition: ColumnElement[bool]) -> Select:
    key = kind + "|" + previous
    return (communication_rows(key.label("key"), month_start(table.c[on]).label("day"))
            .join(table, table.c.communication_id == Case.id).where(condition))


def _decided(condition: ColumnElement[bool]) -> Select:
    """Decisions by month adopted, once for any type ("*|…") and once for their own type, each
    with the month of the communication's previous decision (of that type)."""
    return _grouped(
        _of(_decision, literal(ANY), previous_month(_decision, "communication_id", "adopted_on"),
            "adopted_on", condition),
        _of(_decision, cast(_decision.c.decision_type, String),
            previous_month(_decision, "communication_id", "adopted_on", "decision_type"), "adopted_on", condition))


def _interim_measures(condition: ColumnElement[bool]) -> Select:
    """Interim-measures requests by month requested, with the month of the previous request."""
    return _grouped(
        _of(_request, literal(ANY), previous_month(_request, "communication_id", "requested_on"),
            "requested_on", condition))


# A communication moves in these when its unit or confidentiality changes, or the day it was
# registered; or when one of its decisions (requests) is added, removed or redated.
_CASE = ("unit_id", "confidential")
REGISTERED = register(Tally("communications_registered", _registered, {
    Communication: Watch(lambda c: c.id, (*_CASE, "registered_on"))}))
DECIDED = register(Tally("communications_decided", _decided, {
    Communication: Watch(lambda c: c.id, _CASE),
    Decision: Watch(lambda d: d.communication_id or getattr(d.communication, "id", None),
                    ("communication_id", "adopted_on", "decision_type"))}))
INTERIM_MEASURES = register(Tally("communications_interim_measures", _interim_measures, {
    Communication: Watch(lambda c: c.id, _CASE),
    InterimMeasure: Watch(lambda m: m.communication_id or getattr(m.communication, "id", None),
                          ("communication_id", "requested_on"))}))
