"""Finding a person of the registry by name, for the pickers of forms that name a person
already there, and the same check for a number typed without JavaScript.

A user finds the persons they may see (`person_visibility_clause`). Linking from a case of a team
whose work is about other procedures (`casework.cases.lookup`) also reaches, for whoever may edit
that case or open one there, the persons of non-confidential cases of any procedure by a part no rule hides — never a
protected identity, never a CED author or a working group's source — showing only the name and
the registry number, which is all the link needs.
"""
from __future__ import annotations

import re

from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import ColumnElement, or_, select
from wtforms import StringField, ValidationError

from casework.cases.lookup import LIMIT, MIN_TYPED, LinkFrom, reaches_other_procedures
from casework.core.cases import Case
from casework.core.persons import (
    CasePerson, Person, PersonName, fold_name, person_visibility_clause, unhidden_links_clause,
)
from casework.core.inputs import MAX_INT
from casework.core.writes import Refused
from casework.extensions import db


def linkable_persons_clause(user, origin: LinkFrom | None = None) -> ColumnElement[bool]:
    """SQL condition on `Person`: whom `user` may name in a form linking from `origin`."""
    clause = person_visibility_clause(user)
    if not reaches_other_procedures(user, origin):
        return clause
    known = (select(CasePerson.person_id).join(Case, Case.id == CasePerson.case_id)
             .where(Case.parent_id.is_(None), ~Case.confidential, unhidden_links_clause(user)))
    return or_(clause, ~Person.protected_identity & Person.id.in_(known))


def find_persons(user, typed: str, origin: LinkFrom | None = None, limit: int = LIMIT) -> list[Person]:
    """The persons whose name (in any transliteration) has every word typed, accents ignored; for a
    number, the person of that number (how a picker shows whom a number it holds names)."""
    if typed.strip().isdecimal():
        number = int(typed.strip()[:12])
        try:
            return [linkable_person(user, number, origin)] if number <= MAX_INT else []
        except Refused:
            return []
    words = fold_name(typed[:200]).split()
    if len(" ".join(words)) < MIN_TYPED:
        return []
    stmt = select(Person).where(linkable_persons_clause(user, origin))
    for word in words:
        other = select(PersonName.person_id).where(PersonName.name_key.contains(word, autoescape=True))
        stmt = stmt.where(or_(Person.name_key.contains(word, autoescape=True), Person.id.in_(other)))
    return list(db.session.scalars(stmt.order_by(Person.family_name, Person.given_names, Person.id).limit(limit)))


def linkable_person(user, person_id: int, origin: LinkFrom | None = None) -> Person:
    """The registry's person of that number, if `user` may name them from `origin`; refused otherwise."""
    person = db.session.scalars(select(Person).where(Person.id == person_id,
                                                     linkable_persons_clause(user, origin))).first()
    if person is None:
        raise Refused(_("There is no person number %(number)s in the registry you can see.", number=person_id))
    return person


_CHOSEN = re.compile(r"\(\D*(\d{1,12})\)$")  # the picker's label, "Name (no. 12)"
_SEVERAL_SHOWN = 5


def typed_person(user, typed: str | None, origin: LinkFrom | None = None) -> Person:
    """The person a picker field names once sent: by registry number ("12", as the picker fills it
    in, or its label "Name (no. 12)"); without JavaScript, by name when a single person the user may
    name has it. Refused, saying why, when the text names nobody or several."""
    text = " ".join((typed or "").split())[:200]
    if not text:
        raise Refused(_("Type a name or the person's registry number."))
    number = text if text.isdecimal() else (_CHOSEN.search(text)[1] if _CHOSEN.search(text) else None)
    if number is not None:
        if int(number) > MAX_INT:
            raise Refused(_("This number is too large."))
        return linkable_person(user, int(number), origin)
    found = find_persons(user, text, origin, limit=_SEVERAL_SHOWN + 1)
    if len(found) == 1:
        return found[0]
    if not found:
        raise Refused(_("Nobody in the registry you can see is named “%(typed)s”.", typed=text))
    shown = ", ".join(picker_label(person) for person in found[:_SEVERAL_SHOWN])
    raise Refused(_("Several persons are named “%(typed)s”: %(persons)s. Type the number of the one you mean.",
                    typed=text, persons=shown))


def picker_label(person: Person) -> str:
    """All the picker shows of a person: their name and registry number."""
    return _("%(name)s (no. %(id)s)", name=person.full_name, id=person.id)


class RegistryPersonField(StringField):
    """A person of the registry named in a form: by the number the picker fills in, or, typed
    without JavaScript, by a name only one person the user may see has (`typed_person`).

    Once the form is validated, `data` is the person's registry number (None when left empty);
    before, it is the text as typed, so a form's own checks see that something was given. What
    was typed is drawn back as typed when the form is refused.
    """

    def process_formdata(self, valuelist: list[str]) -> None:
        self.data = " ".join((valuelist[0] if valuelist else "").split()) or None

    def pre_validate(self, form) -> None:
        if self.data is None or isinstance(self.data, int):
            return
        try:
            self.data = typed_person(current_user, self.data).id
        except Refused as refusal:
            raise ValidationError(str(refusal)) from None

    def _value(self) -> str:
        return self.raw_data[0] if self.raw_data else ("" if self.data is None else str(self.data))
