"""Registering and updating persons. They flush and are audited; the view commits."""
from __future__ import annotations

from casework.core.persons import Person, PersonName
from casework.extensions import db

FIELDS = ("family_name", "given_names", "sex", "date_of_birth", "contact", "protected_identity", "unit_id")


def save_person(person: Person | None, data: dict, other_names: list[tuple[str, str]]) -> Person:
    """Create or update a person with their other spellings."""
    person = person or Person()
    for field in FIELDS:
        setattr(person, field, data[field])
    person.nationality_id = data.get("nationality_id") or None
    wanted = set(other_names)
    for existing in list(person.names):
        if (existing.name, existing.script) not in wanted:
            person.names.remove(existing)
    have = {(n.name, n.script) for n in person.names}
    for name, script in other_names:
        if (name, script) not in have:
            person.names.append(PersonName(name=name, script=script))
    db.session.add(person)
    db.session.flush()
    return person
