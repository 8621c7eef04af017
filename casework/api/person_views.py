"""The persons registry: list and read what the policy shows, register new persons."""
from __future__ import annotations

from datetime import date

from flask_babel import gettext as _
from flask_login import current_user
from pydantic import Field
from sqlalchemy import or_, select

from casework.api.blueprint import bp
from casework.api.errors import ApiError
from casework.api.modules import state_id
from casework.api.paging import cursor_page
from casework.api.schemas import Listing, PersonIn, PersonList, PersonOut, Text
from casework.api.serialize import person_out
from casework.api.spec import operation
from casework.core import audit
from casework.core.db import utcnow
from casework.core.permissions import Permission, units_where
from casework.core.persons import Person, PersonName, Sex, can_view_person, fold_name, person_visibility_clause
from casework.extensions import db
from casework.persons.operations import save_person


class PersonFilters(Listing):
    q: Text(200) | None = Field(None, description="Part of a name or of another spelling, accents ignored.")  # type: ignore[valid-type]


@operation(bp, "/persons", "GET", summary="List the persons you may see", tag="Persons", query=PersonFilters,
           response=PersonList)
def list_persons(query: PersonFilters):
    """Persons of cases you may see (except the links hidden from you, e.g. CED authors), and those
    registered by your units and not yet linked to a case. Newest first."""
    stmt = select(Person.id).where(person_visibility_clause(current_user))
    if query.q and fold_name(query.q):
        pattern = f"%{fold_name(query.q)}%"
        other = select(PersonName.person_id).where(PersonName.name_key.like(pattern))
        stmt = stmt.where(or_(Person.name_key.like(pattern), Person.id.in_(other)))
    persons, total, next_cursor = cursor_page(stmt, Person, query)
    return PersonList(items=[person_out(person, current_user, with_cases=False) for person in persons], total=total,
                      next_cursor=next_cursor)


def load_person(person_id: int) -> Person:
    person = db.session.get(Person, person_id)
    if person is None or not can_view_person(current_user, person):
        raise ApiError(404)
    return person


@operation(bp, "/persons/<int:person_id>", "GET", summary="Read a person, with their cases you may see",
           tag="Persons", response=PersonOut)
def read_person(person_id: int):
    """Reading a person whose identity is protected is audited, as on the site."""
    person = load_person(person_id)
    if person.protected_identity:
        audit.record(audit.AuditAction.VIEW, obj=person)
        db.session.commit()
    return person_out(person, current_user)


@operation(bp, "/persons", "POST", summary="Register a person", tag="Persons", body=PersonIn, response=PersonOut,
           status=201, errors=(403,))
def create_person(body: PersonIn):
    """In a unit where your role may edit records, with other spellings and transliterations."""
    units = units_where(current_user, Permission.EDIT)
    if not units:
        raise ApiError(403, _("Your role does not allow registering persons."))
    unit = next((u for u in units if u.code.upper() == body.unit.upper()), None)
    if unit is None:
        raise ApiError(422, fields={"unit": [_("You may not register persons for “%(code)s”; choose one of: "
                                               "%(codes)s.", code=body.unit, codes=", ".join(u.code for u in units))]})
    data = body.model_dump(exclude={"other_names", "nationality", "unit"})
    data.update(unit_id=unit.id, nationality_id=state_id(body.nationality, "nationality"), sex=Sex(body.sex))
    if body.date_of_birth and body.date_of_birth > utc_today():
        raise ApiError(422, fields={"date_of_birth": [_("The date of birth cannot be in the future.")]})
    pairs = list(dict.fromkeys((n.name, n.script) for n in body.other_names))
    person = save_person(None, data, pairs)
    db.session.commit()
    return person_out(person, current_user)


def utc_today() -> date:
    return utcnow().date()
