"""Assigning people and linking persons when a second request got there first (a double click, a
colleague on the same case): the user is told what is already true, and nothing else is lost."""
from __future__ import annotations

import pytest
from sqlalchemy import func, select

from casework.cases import operations
from casework.cases.operations import assign_user, link_person
from casework.core.cases import CaseAssignment
from casework.core.persons import CasePerson, Person, PersonRole
from casework.core.writes import Refused
from casework.extensions import db


def _count(model, **where) -> int:
    return db.session.scalar(select(func.count()).select_from(model).filter_by(**where))


def _checked_before_the_other_request(monkeypatch, name: str, missed) -> None:
    """The look for an existing record answers as it would have just before the other request's
    write: the record is there, but the check does not see it once."""
    real = getattr(operations, name)
    calls = []

    def check(*args):
        calls.append(args)
        return missed if len(calls) == 1 else real(*args)

    monkeypatch.setattr(operations, name, check)


def test_assigning_someone_just_assigned_keeps_the_one_assignment(users, make_case, monkeypatch):
    case = make_case()
    first = assign_user(case, users["viewer"], users["supervisor"])
    db.session.commit()
    _checked_before_the_other_request(monkeypatch, "_assignment", None)
    case.title = "Renamed in the same request"

    again = assign_user(case, users["viewer"], users["officer"])
    db.session.commit()

    assert again.id == first.id and again.assigned_by_id == users["supervisor"].id
    assert _count(CaseAssignment, case_id=case.id) == 1
    db.session.expire_all()
    assert case.title == "Renamed in the same request"  # the rest of the request is kept


def test_linking_a_person_just_linked_says_so_and_keeps_the_rest(users, make_case, units, monkeypatch):
    case = make_case()
    person = Person(given_names="Ana", family_name="Pérez", unit_id=units["CCPR"].id)
    db.session.add(person)
    db.session.flush()
    link_person(case, person.id, PersonRole.ALLEGED_VICTIM.value, users["officer"])
    db.session.commit()
    _checked_before_the_other_request(monkeypatch, "_linked", False)
    case.title = "Renamed in the same request"

    with pytest.raises(Refused, match="Ana PÉREZ is already linked to this case as alleged victim"):
        link_person(case, person.id, PersonRole.ALLEGED_VICTIM.value, users["officer"])
    db.session.commit()

    assert _count(CasePerson, case_id=case.id, person_id=person.id) == 1
    db.session.expire_all()
    assert case.title == "Renamed in the same request"


def test_an_assignment_given_up_with_its_request_is_not_kept(users, make_case):
    """The look-then-write guard must stay inside the request's transaction: on SQLite a savepoint
    opened before any write would be the outermost, and releasing it would commit."""
    case = make_case()
    db.session.commit()
    assign_user(case, users["viewer"], users["supervisor"])
    db.session.rollback()  # the request failed after the assignment
    assert db.session.scalar(select(func.count()).select_from(CaseAssignment)
                             .where(CaseAssignment.case_id == case.id)) == 0
