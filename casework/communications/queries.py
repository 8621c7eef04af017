"""Lists and duplicate checks, always through the access policy."""
from __future__ import annotations

from datetime import date

from sqlalchemy import Select, or_, select

from casework.communications.backlog import AGES, OVERDUE_KINDS, age_condition, grade_condition, overdue_condition

from casework.communications.models import Communication
from casework.core.permissions import Permission, units_where, visible_cases, visible_in_unit
from casework.core.persons import CasePerson, Person, PersonRole, fold_name
from casework.core.units import Unit
from casework.extensions import db
from casework.communications.committees import COMMITTEES


def committees_where(user, permission: Permission) -> list[Unit]:
    """The committees in which the user holds `permission`."""
    return [unit for unit in units_where(user, permission) if unit.code in COMMITTEES]


def communications_list(user, *, committee_id: int | None, status: str | None, state_id: int | None,
                        q: str | None, age: str | None = None, overdue: str | None = None,
                        grade: str | None = None) -> Select:
    """The visible communications matching the list's filters (the backlog's figures use the same)."""
    today = date.today()
    if committee_id:
        stmt = select(Communication).where(Communication.committee_id == committee_id,
                                           visible_in_unit(user, committee_id, Communication.id))
    else:
        stmt = visible_cases(user, Communication)
    if age in AGES:
        stmt = stmt.where(age_condition(age, today))
    if overdue in OVERDUE_KINDS:
        stmt = stmt.where(overdue_condition(overdue, today))
    if grade:
        stmt = stmt.where(grade_condition(grade))
    if status:
        stmt = stmt.where(Communication.status == status)
    if state_id:
        stmt = stmt.where(Communication.state_id == state_id)
    if q:
        like = f"%{q.strip()}%"
        stmt = stmt.where(or_(Communication.reference.ilike(like), Communication.title.ilike(like)))
    return stmt


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
