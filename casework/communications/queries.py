"""Lists and duplicate checks, always through the access policy."""
from __future__ import annotations

from datetime import date
from typing import NamedTuple

from sqlalchemy import ColumnElement, Select, and_, or_, select

from casework.communications.backlog import (
    AGES, OVERDUE_KINDS, age_condition, grade_condition, overdue_condition, stage_count,
)

from casework.communications.models import Communication, Decision, DecisionType, InterimMeasure
from casework.core.list_keys import Unseen
from casework.core.permissions import (
    Permission, units_read, unseen_in_unit, units_where, visible_cases, visible_in_unit,
)
from casework.core.cases import Case
from casework.core.db import exists_for_each
from casework.core.persons import CasePerson, Person, PersonRole, fold_name
from casework.core.units import Unit
from casework.extensions import db
from casework.figures.period import between, list_period
from casework.communications.committees import COMMITTEES


_table = Communication.__table__.c  # the sort keys live in the communications table: see communications_list


def committees_where(user, permission: Permission) -> list[Unit]:
    """The committees in which the user holds `permission`."""
    return [unit for unit in units_where(user, permission) if unit.code in COMMITTEES]


class Listing(NamedTuple):
    """One list three ways: its rows, its ids alone in the list's order (what is paged), and its
    ids as they are cheapest to count."""
    rows: Select
    keys: Select
    counted: Select | int  # or the count itself, read from the backlog's tally
    unseen: Unseen | None = None  # for `paginate`: a page typed into the address


def communications_list(user, *, committee_id: int | None, status: str | None, state_id: int | None,
                        q: str | None, age: str | None = None, overdue: str | None = None,
                        grade: str | None = None, dated: str | None = None, start: date | None = None,
                        end: date | None = None, decision: str | None = None) -> Listing:
    """The visible communications matching the list's filters (the backlog's figures use the same).

    Within one committee the ids to page come from the communications table only, so a page walks
    the sort index; a condition on the case record (the stage, the number, the title) is then
    checked row by row as the walk goes (EXISTS), which stops at the page's last row instead of
    first building the set of every case of the committee that passes it (on PostgreSQL, whose
    estimate of the cases that pass is 50 times too low: 12 ms for the first page of a stage at a
    million cases, 3 row by row). Counting goes the other
    way: from the case records that pass it (the (unit, status) index) joined to their communication.
    """
    today = date.today()
    conditions = []
    if age in AGES:
        conditions.append(age_condition(age, today))
    if overdue in OVERDUE_KINDS:
        conditions.append(overdue_condition(overdue, today))
    if state_id:
        conditions.append(Communication.state_id == state_id)
    if start or end or decision:
        conditions.append(dated_condition(dated, start, end, decision))
    on_case = []  # conditions on the case record: the stage, the number and the title
    if status:
        on_case.append(Case.status == status)
    if q:
        like = f"%{q.strip()}%"
        on_case.append(or_(Case.reference.ilike(like), Case.title.ilike(like)))
    if grade:
        on_case.append(grade_condition(grade))
    if not committee_id:
        stmt = visible_cases(user, Communication).where(*conditions, *on_case)
        ids = stmt.with_only_columns(Communication.id, maintain_column_froms=True)
        if on_case:  # a stage, a number or a title: the (unit, stage) index finds the few that match
            return Listing(stmt, ids, ids)
        # The reader of some committees: pages read in the list's order, each row's committee
        # checked; counted from the committees' cases. A page typed in skips on the committees'
        # index (`_every_committee_unseen`).
        walked = visible_cases(user, Communication, in_list_order=True).where(*conditions)
        return Listing(stmt, walked.with_only_columns(Communication.id, maintain_column_froms=True), ids,
                       _every_committee_unseen(user, conditions))
    visible = visible_in_unit(user, committee_id, Communication.id)
    rows = select(Communication).where(Communication.committee_id == committee_id, visible, *conditions, *on_case)
    every = keys = select(_table.id).where(_table.committee_id == committee_id, *conditions)
    if on_case:
        on_record = select(Case.id).where(Case.id == _table.id, Case.unit_id == committee_id, *on_case)
        on_record = on_record.correlate_except(Case.__table__)
        # A page is walked from its first row: each row's case asked in turn. The rows skipped before
        # a page typed in are many: PostgreSQL may join them to the cases that pass at once.
        every = every.where(on_record.exists())
        keys = keys.where(exists_for_each(on_record))
    keys = keys.where(visible)
    unseen = unseen_in_unit(user, committee_id)
    paged = Unseen(every, unseen) if unseen is not None else None
    if (status or age in AGES) and not (q or grade or state_id or overdue in OVERDUE_KINDS or start or end or decision):
        # Only a stage and an age: the backlog's stages tally counts it exactly, without the cases.
        return Listing(rows, keys, stage_count(user, committee_id, status, age if age in AGES else None, today), paged)
    if not on_case:
        return Listing(rows, keys, keys, paged)
    # A committee's communications are its unit's case records: with no other condition on the
    # communication, the case records' index alone is counted.
    counted = select(Case.id).where(Case.unit_id == committee_id, visible_in_unit(user, committee_id, Case.id),
                                    *on_case)
    if conditions:
        counted = counted.join(Communication.__table__, _table.id == Case.id).where(*conditions)
    return Listing(rows, keys, counted, paged)


def _every_committee_unseen(user, conditions: list[ColumnElement[bool]]) -> Unseen | None:
    """For the reader of some committees, the list of every committee paged as their committees'
    communications on those committees' index, less the confidential ones not assigned to them,
    and the ones assigned to them elsewhere. Page 100 asked the access rule of every row before it:
    46 ms of SQL at a million cases on SQLite, 10 ms this way (benchmarks/lists.py)."""
    read = units_read(user, Communication)
    if read is None:
        return None
    return Unseen(select(_table.id).where(_table.committee_id.in_(read.units), *conditions), read.hidden,
                  read.elsewhere)


def dated_condition(dated: str | None, start: date | None, end: date | None,
                    decision: str | None = None) -> ColumnElement[bool]:
    """Registered in the span; or with a decision (of one type) or an interim-measures request in it."""
    if dated == "decided" or decision:
        decided = select(Decision.communication_id).where(*between(Decision.adopted_on, start, end))
        if decision:
            decided = decided.where(Decision.decision_type == decision)
        return Communication.id.in_(decided)
    if dated == "interim_measures":
        return Communication.id.in_(select(InterimMeasure.communication_id).where(
            *between(InterimMeasure.requested_on, start, end)))
    return and_(*between(Communication.registered_on, start, end))


def list_filters(args) -> dict:
    """The list's filters from its query string: the page and its exports both read them here."""
    start, end = list_period(args)
    return dict(committee_id=args.get("committee", type=int), status=args.get("status") or None,
                state_id=args.get("state", type=int), q=args.get("q") or None, age=args.get("age"),
                overdue=args.get("overdue"), grade=args.get("grade"), dated=args.get("dated"), start=start,
                end=end, decision=args.get("decision", type=DecisionType))


LIST_SORTS = {"number": (_table.year, _table.number), "received": _table.received_on,
              "registered": _table.registered_on}


def communications_from_args(user, args) -> Select:
    """The communications of the list for its query string (what an export holds)."""
    return communications_list(user, **list_filters(args))[0]


def _similar(key: str, other: str) -> bool:
    """Same words, or all but one word shared (a missing middle name, a second family name)."""
    mine, theirs = set(key.split()), set(other.split())
    if not mine or not theirs:
        return False
    shared = len(mine & theirs)
    return shared == min(len(mine), len(theirs)) or shared >= max(len(mine), len(theirs)) - 1 >= 1


def possible_duplicates(user, state_id: int, names: list[str], exclude_id: int | None = None) -> list[Communication]:
    """Communications already on file against the same State with a similar author or victim name.

    Names are compared folded (accents, case and word order ignored), so "José PÉREZ" matches
    "Jose Perez". Only cases the user may see are listed.
    """
    keys = [fold_name(name) for name in names if fold_name(name)]
    words = {word for key in keys for word in key.split() if len(word) >= 3}
    if not words:
        return []
    stmt = (
        visible_cases(user, Communication)
        .join(CasePerson, CasePerson.case_id == Communication.id)
        .join(Person, Person.id == CasePerson.person_id)
        .where(Communication.state_id == state_id,
               CasePerson.role.in_([PersonRole.AUTHOR, PersonRole.ALLEGED_VICTIM]),
               or_(*(Person.name_key.like(f"%{word}%") for word in words)))
        .add_columns(Person.name_key)
    )
    if exclude_id is not None:
        stmt = stmt.where(Communication.id != exclude_id)
    found: dict[int, Communication] = {}
    for communication, name_key in db.session.execute(stmt):
        if any(_similar(key, name_key) for key in keys):
            found[communication.id] = communication
    return list(found.values())
