"""One registry of people, linked to cases with a role, across every procedure."""
from __future__ import annotations

import enum
import re
import unicodedata
from collections.abc import Callable, Iterable
from datetime import date
from typing import Any

from flask_babel import gettext as _
from sqlalchemy import (
    ColumnElement, ForeignKey, Index, String, Text, UniqueConstraint, event, exists, or_, select, true,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from casework.core.audit import Audited
from casework.core.cases import Case
from casework.core.db import StrEnumType, TimestampMixin, exists_for_each
from casework.core.permissions import Permission, can, unit_permissions, unit_roles, visible_case_ids, visibility_clause
from casework.core.states import State
from casework.core.writes import Refused
from casework.extensions import db


class Sex(enum.StrEnum):
    FEMALE = "female"
    MALE = "male"
    OTHER = "other"
    UNKNOWN = "unknown"


class PersonRole(enum.StrEnum):
    AUTHOR = "author"
    ALLEGED_VICTIM = "alleged_victim"
    COUNSEL = "counsel"
    DISAPPEARED_PERSON = "disappeared_person"
    DETAINEE = "detainee"
    FAMILY_MEMBER = "family_member"
    SOURCE = "source"
    WITNESS = "witness"
    HUMAN_RIGHTS_DEFENDER = "human_rights_defender"


class Person(Audited, TimestampMixin, db.Model):
    """Someone who appears in one or more cases."""

    __tablename__ = "persons"
    # The registry's list newest first, and by name, read in that order and stopped at a page.
    __table_args__ = (Index("ix_persons_registered", "created_at", "id"),
                      Index("ix_persons_family_name", "family_name", "id"))
    __audit_ignored__ = frozenset({"updated_at", "name_key"})  # derived from the names, which are audited

    id: Mapped[int] = mapped_column(primary_key=True)
    family_name: Mapped[str] = mapped_column(String(200))
    given_names: Mapped[str] = mapped_column(String(200), default="")
    name_key: Mapped[str] = mapped_column(String(400), default="", index=True)  # see fold_name()
    sex: Mapped[Sex] = mapped_column(StrEnumType(Sex), default=Sex.UNKNOWN)
    date_of_birth: Mapped[date | None]
    nationality_id: Mapped[int | None] = mapped_column(ForeignKey("states.id"))
    contact: Mapped[str] = mapped_column(Text, default="")
    protected_identity: Mapped[bool] = mapped_column(default=False)
    # The unit that registered the person can see them before they are linked to any case.
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"), index=True)

    nationality: Mapped[State | None] = relationship()
    names: Mapped[list[PersonName]] = relationship(
        back_populates="person", cascade="all, delete-orphan", order_by="PersonName.id"
    )
    case_links: Mapped[list[CasePerson]] = relationship(back_populates="person")

    @property
    def full_name(self) -> str:
        return " ".join(part for part in (self.given_names, self.family_name.upper()) if part)

    @property
    def initials(self) -> str:
        """What public output shows for a protected identity, e.g. "I.D.G."."""
        words = f"{self.given_names} {self.family_name}".replace("-", " ").split()
        return ".".join(word[0].upper() for word in words) + "." if words else "X."

    @property
    def public_name(self) -> str:
        return self.initials if self.protected_identity else self.full_name

    def __str__(self) -> str:
        return self.full_name


class PersonName(Audited, db.Model):
    """Another spelling of a person's name: a transliteration or the original script."""

    __tablename__ = "person_names"
    __audit_ignored__ = frozenset({"name_key"})

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("persons.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(400))
    name_key: Mapped[str] = mapped_column(String(400), default="", index=True)  # see fold_name()
    script: Mapped[str] = mapped_column(String(40), default="")  # e.g. "Arabic", "Latin (ALA-LC)"

    person: Mapped[Person] = relationship(back_populates="names")


def fold_name(text: str) -> str:
    """A name as it is compared: accents dropped, case folded, words sorted.

    "José Ángel PÉREZ" and "Perez, Jose Angel" both become "angel jose perez".
    """
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
    return " ".join(sorted(re.findall(r"\w+", plain)))


@event.listens_for(Person, "before_insert")
@event.listens_for(Person, "before_update")
def _fold_person_name(_mapper, _connection, person: Person) -> None:
    person.name_key = fold_name(f"{person.given_names} {person.family_name}")


@event.listens_for(PersonName, "before_insert")
@event.listens_for(PersonName, "before_update")
def _fold_other_name(_mapper, _connection, other: PersonName) -> None:
    other.name_key = fold_name(other.name)


class CasePerson(Audited, db.Model):
    """A person's part in one case."""

    __tablename__ = "case_persons"
    __table_args__ = (
        UniqueConstraint("case_id", "person_id", "role"),
        # Each person of a list is asked for a link its reader may see, by the link's case and role
        # (`person_visibility_clause`): from the index alone on PostgreSQL, without each link's row.
        Index("ix_case_persons_person_id", "person_id", postgresql_include=["case_id", "role"]),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), index=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("persons.id"))
    role: Mapped[PersonRole] = mapped_column(StrEnumType(PersonRole))

    case: Mapped[Case] = relationship(backref=db.backref("person_links", cascade="all, delete-orphan"))
    person: Mapped[Person] = relationship(back_populates="case_links")


# Some parts a person plays are secret beyond the case itself: the authors of a CED urgent action
# are known only to the CED unit, not to everyone who may read the urgent action. A module registers
# a rule that gives, for a user, the links (SQL on `CasePerson`) hidden from them, or None.
HiddenLinks = Callable[[object], ColumnElement[bool] | None]
_HIDDEN_LINK_RULES: list[HiddenLinks] = []


def register_hidden_links(rule: HiddenLinks) -> HiddenLinks:
    """Hide some links between persons and cases from some users (see `_HIDDEN_LINK_RULES`)."""
    if rule not in _HIDDEN_LINK_RULES:
        _HIDDEN_LINK_RULES.append(rule)
    return rule


def link_visibility_clause(user) -> ColumnElement[bool]:
    """SQL condition on `CasePerson`: the links `user` may see (on a case they can view)."""
    clause = true() if user.is_admin else CasePerson.case_id.in_(visible_case_ids(user))
    return clause & unhidden_links_clause(user)


def unhidden_links_clause(user) -> ColumnElement[bool]:
    """SQL condition on `CasePerson`: the links no registered rule hides from `user`."""
    clause = true()
    for rule in _HIDDEN_LINK_RULES:
        hidden = rule(user)
        if hidden is not None:
            clause = clause & ~hidden
    return clause


def visible_links(case: Case, user) -> list[CasePerson]:
    """The persons of one case that `user` may see, for the case page."""
    return list(db.session.scalars(
        select(CasePerson).where(CasePerson.case_id == case.id, link_visibility_clause(user)).order_by(CasePerson.id)
    ))


def person_visibility_clause(user):
    """Persons the user may see: linked to a case they can view by a link they may see; or not
    linked to any case yet and registered by a unit they work in (so a person of a confidential
    case stays hidden)."""
    if user.is_admin and not _HIDDEN_LINK_RULES:
        return true()
    # Each person's links looked up by the person (EXISTS), so that a list walks the registry in its
    # order and stops at its page. `Person.id IN (the persons of every visible link)` first listed
    # them all: 0.9 s for a page of a registry of 500,000 persons.
    seen = true() if user.is_admin else visibility_clause(user)
    linked = exists_for_each(select(CasePerson.id).where(
        CasePerson.person_id == Person.id, CasePerson.case_id == Case.id, seen, unhidden_links_clause(user),
    ).correlate(Person))
    unlinked = ~exists().where(CasePerson.person_id == Person.id).correlate(Person)
    _per_unit, everywhere = unit_roles(user)
    own_units = true() if everywhere is not None or user.is_admin else \
        Person.unit_id.in_([m.unit_id for m in user.memberships])
    return or_(linked, unlinked & own_units)


def visible_persons(user):
    """SELECT of the persons `user` may see."""
    return select(Person).where(person_visibility_clause(user))


def can_view_person(user, person: Person) -> bool:
    return db.session.scalar(
        select(Person.id).where(Person.id == person.id, person_visibility_clause(user))
    ) is not None


def viewable_person_ids(user, ids: Iterable[int]) -> set[int]:
    """Which of these persons `user` may open in the registry, in one query: a page that names a
    person it may show (an interview at one's own visit) links only to the pages that will open."""
    ids = set(ids)
    if not ids:
        return set()
    return set(db.session.scalars(select(Person.id).where(Person.id.in_(ids), person_visibility_clause(user))))


def registered_person(person_id: int, user) -> Person:
    """The person of that number in the registry, if `user` may see them; refused otherwise."""
    person = db.session.get(Person, person_id)
    if person is None or not can_view_person(user, person):
        raise Refused(_("There is no person number %(number)s in the registry you can see.", number=person_id))
    return person


def person_or_new(given: Any, unit_id: int, actor, *, missing: str, protected: bool = False) -> Person:
    """The registry's person numbered `given.person_id` (if `actor` may see them), or a new entry
    from the names, sex and, where given, nationality and date of birth in `given`; refused with
    `missing` when it names nobody. A person added in a confidential procedure is `protected`."""
    if given.person_id:
        return registered_person(given.person_id, actor)
    if not given.family_name.strip():
        raise Refused(missing)
    person = Person(family_name=given.family_name.strip(), given_names=given.given_names.strip(), sex=given.sex,
                    nationality_id=getattr(given, "nationality_id", None),
                    date_of_birth=getattr(given, "date_of_birth", None), unit_id=unit_id, protected_identity=protected)
    db.session.add(person)
    return person


def can_edit_person(user, person: Person) -> bool:
    """Whoever may edit one of the person's cases; before any link, the registering unit."""
    if not can_view_person(user, person):
        return False
    if person.case_links:
        return any(can(user, Permission.EDIT, link.case) for link in person.case_links)
    return Permission.EDIT in unit_permissions(user, person.unit_id)


def cases_of(person: Person, user) -> list[tuple[CasePerson, Case]]:
    """The person's cases in every procedure, limited to those the user may view."""
    stmt = (
        select(CasePerson, Case)
        .join(Case, Case.id == CasePerson.case_id)
        .where(CasePerson.person_id == person.id, visibility_clause(user), link_visibility_clause(user))
        .order_by(Case.created_at.desc())
    )
    return list(db.session.execute(stmt).all())
