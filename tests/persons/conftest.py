"""Fixtures for the persons registry: persons with other spellings and case links, and the
browsers of further users in the same test."""
from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest

from casework.core.persons import CasePerson, Person, PersonName, PersonRole, Sex
from casework.core.states import State
from casework.extensions import db
from tests.conftest import sign_in


@pytest.fixture
def make_person(units) -> Callable[..., Person]:
    def make(given_names: str, family_name: str, *, unit: str = "CCPR", protected: bool = False,
             names: tuple[tuple[str, str], ...] = (), cases: tuple = (), sex: Sex = Sex.UNKNOWN,
             date_of_birth: date | None = None, contact: str = "", nationality: State | None = None) -> Person:
        person = Person(given_names=given_names, family_name=family_name, unit_id=units[unit].id,
                        protected_identity=protected, sex=sex, date_of_birth=date_of_birth, contact=contact,
                        nationality=nationality,
                        names=[PersonName(name=name, script=script) for name, script in names])
        db.session.add(person)
        db.session.flush()
        for case in cases:
            db.session.add(CasePerson(case_id=case.id, person_id=person.id, role=PersonRole.ALLEGED_VICTIM))
        db.session.commit()
        return person

    return make


@pytest.fixture
def client_for(app) -> Callable[..., object]:
    """Other users' browsers, signed in, next to the one the `login` fixture gives."""

    def make(user):
        other = app.test_client()
        sign_in(other, user)
        return other

    return make
