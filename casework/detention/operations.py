"""What the operations of places, visits and cases share: running numbers, the content of a
form copied onto a record, and the detained person, found in the registry or registered.

Like every operation, these take an explicit actor, raise `Refused` with the reason, flush and
never commit.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from flask_babel import gettext as _
from sqlalchemy import func, select

from casework.core.cases import Case
from casework.core.counters import next_number as next_in_scope
from casework.core.persons import Person, Sex, person_or_new
from casework.extensions import db


def next_number(unit_code: str, year: int, kind: str) -> str:
    """The next number of a field office's series for the year: "FO-COL/DV/2026/014".

    Taken from the shared counters, so two records made at the same moment never share one; a
    series starts after the numbers already on file.
    """
    prefix = f"{unit_code}/{kind}/{year}/"

    def on_file() -> int:
        return db.session.scalar(select(func.count()).select_from(Case).where(
            Case.reference.startswith(prefix, autoescape=True), Case.parent_id.is_(None))) or 0

    return f"{prefix}{next_in_scope(f'detention:{prefix}', start_after=on_file):03d}"


def fill(record, content) -> None:
    """Copy a form's content (a dataclass) onto the record, text without surrounding blanks."""
    for name, value in vars(content).items():
        setattr(record, name, value.strip() if type(value) is str else value)


@dataclass
class Detainee:
    """A detained person as a form names them: the details to register them with (their identity
    then protected), or their number in the persons registry."""

    family_name: str = ""
    given_names: str = ""
    sex: Sex = Sex.UNKNOWN
    date_of_birth: date | None = None
    person_id: int | None = None  # already in the registry: the details above are not used


def find_or_register_person(unit_id: int, detainee: Detainee | Person, actor) -> Person:
    """The person named by their registry number, or a new registry entry (protected identity)."""
    if isinstance(detainee, Person):
        return detainee
    person = person_or_new(detainee, unit_id, actor, protected=True,
                           missing=_("Give the person's registry number, or their name to register them."))
    db.session.flush()
    return person
