"""The counts the key figures read for periods of whole months (`casework.core.tallies`): the
urgent actions registered, by State (and second State, for a parallel registration) and month;
their disappeared persons, by State and outcome; and the persons located, by outcome and month.
And the facts the statistics page sums, for all years: the urgent actions by year, State and
stage, and their persons located by outcome."""
from __future__ import annotations

from sqlalchemy import ColumnElement, Select, String, and_, cast, func, literal, select, union_all

from casework.core.cases import Case
from casework.core.persons import CasePerson, PersonRole
from casework.core.tallies import NO_DAY, Tally, Watch, month_start, register
from casework.urgent_actions.models import Outcome, UrgentAction

_action = UrgentAction.__table__


def _rows(*columns) -> Select:
    return select(Case.unit_id, Case.confidential, *columns).select_from(Case).join(_action, _action.c.id == Case.id)


def _states() -> ColumnElement[str]:
    """"12|" for a registration with one State, "12|34" for a parallel one."""
    return cast(_action.c.state_id, String) + "|" + func.coalesce(cast(_action.c.second_state_id, String), "")


def _grouped(stmt: Select, key: ColumnElement[str], day: ColumnElement) -> Select:
    return stmt.group_by(Case.unit_id, Case.confidential, key, day)


def _registered(condition: ColumnElement[bool]) -> Select:
    """Urgent actions by their States and the month they were registered."""
    key, month = _states(), month_start(_action.c.registered_on)
    return _grouped(_rows(key.label("key"), month.label("day"), func.count().label("n"))
                    .where(condition, _action.c.registered_on.is_not(None)), key, month)


def _persons(condition: ColumnElement[bool]) -> Select:
    """The disappeared persons of the urgent actions, by their States, their outcome ("12||alive_and_free";
    "12||" while not located) and the month the urgent action was registered."""
    key = _states() + "|" + func.coalesce(cast(Outcome.outcome, String), "")
    month = month_start(_action.c.registered_on)
    return _grouped(
        _rows(key.label("key"), month.label("day"), func.count().label("n"))
        .join(CasePerson, and_(CasePerson.case_id == Case.id, CasePerson.role == PersonRole.DISAPPEARED_PERSON))
        .outerjoin(Outcome, and_(Outcome.case_id == Case.id, Outcome.person_id == CasePerson.person_id))
        .where(condition, _action.c.registered_on.is_not(None)), key, month)


def _located(condition: ColumnElement[bool]) -> Select:
    """Persons located, by outcome and the month they were located, whenever their urgent action
    was registered."""
    key, month = cast(Outcome.outcome, String), month_start(Outcome.located_on)
    return _grouped(_rows(key.label("key"), month.label("day"), func.count().label("n"))
                    .join(Outcome, Outcome.case_id == Case.id).where(condition), key, month)


def _statistics(condition: ColumnElement[bool]) -> Select:
    """The urgent actions registered, by year of registration, State and stage
    ("status|2024|12|open_awaiting_reply"), and their persons located by outcome ("outcome|2024|12|deceased"):
    the facts the statistics page sums into the Committee's published figures."""
    where = (condition, _action.c.number.is_not(None), _action.c.registration_year.is_not(None))
    year_and_state = cast(_action.c.registration_year, String) + "|" + cast(_action.c.state_id, String) + "|"
    stages = literal("status|") + year_and_state + Case.status
    found = literal("outcome|") + year_and_state + cast(Outcome.outcome, String)
    rows = union_all(
        _rows(stages.label("key")).where(*where),
        _rows(found.label("key")).join(Outcome, Outcome.case_id == Case.id).where(*where),
    ).subquery()
    return (select(rows.c.unit_id, rows.c.confidential, rows.c.key, literal(NO_DAY).label("day"),
                   func.count().label("n"))
            .group_by(rows.c.unit_id, rows.c.confidential, rows.c.key))


def _case_of(link: CasePerson) -> int | None:
    return link.case_id if link.case_id is not None else getattr(link.case, "id", None)


def _action_of(outcome: Outcome) -> int | None:
    return outcome.case_id if outcome.case_id is not None else getattr(outcome.urgent_action, "id", None)


# An urgent action moves in these when its unit, confidentiality, States or day registered change;
# or when one of its disappeared persons, or an outcome, is added, removed or changed.
_ACTION = Watch(lambda action: action.id, ("unit_id", "confidential", "registered_on", "state_id", "second_state_id"))
_OUTCOME = Watch(_action_of, ("case_id", "person_id", "outcome", "located_on"))
REGISTERED = register(Tally("urgent_actions_registered", _registered, {UrgentAction: _ACTION}))
PERSONS = register(Tally("urgent_action_persons", _persons, {
    UrgentAction: _ACTION, Outcome: _OUTCOME, CasePerson: Watch(_case_of, ("case_id", "person_id", "role"))}))
LOCATED = register(Tally("urgent_action_persons_located", _located, {
    UrgentAction: Watch(lambda action: action.id, ("unit_id", "confidential")), Outcome: _OUTCOME}))
STATISTICS = register(Tally("urgent_action_statistics", _statistics, {
    UrgentAction: Watch(lambda action: action.id, ("unit_id", "confidential", "number", "registration_year",
                                                   "state_id", "status")),
    Outcome: _OUTCOME}))
