"""Several persons in one form (the authors, victims and counsel of a complaint): one row each,
either a person of the registry, picked by name, or a new person typed in.

The page works without JavaScript: a row is blank until filled, blank rows are ignored, and the
"one more" button (a `formaction` with `?more=<list>`) draws the form again with one more row and
everything typed kept. With JavaScript, the registry field of each row is a type-ahead picker.
"""
from __future__ import annotations

from dataclasses import dataclass

from flask import request
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from wtforms import FieldList, FormField, StringField
from wtforms.validators import Length, Optional, ValidationError

from casework.cases.lookup import LinkFrom, PickerSource
from casework.core.forms import Form
from casework.core.writes import Refused
from casework.persons.lookup import typed_person

MAX_ROWS = 20


class PersonRow(Form):
    """One person: chosen from the registry, or new (family name, given names)."""

    class Meta:
        csrf = False

    person = StringField(_l("From the registry"), validators=[Optional(), Length(max=200)],
                         render_kw={"data-picker": PickerSource("persons.lookup")})
    family_name = StringField(_l("Or new: family name"), validators=[Optional(), Length(max=200)])
    given_names = StringField(_l("Given names"), validators=[Optional(), Length(max=200)])

    def validate_family_name(self, field) -> None:
        if (self.person.data or "").strip() and (field.data or "").strip():
            raise ValidationError(_l("Choose a person of the registry or type a new name, not both."))

    def validate_given_names(self, field) -> None:
        if (field.data or "").strip() and not (self.family_name.data or "").strip() \
                and not (self.person.data or "").strip():
            raise ValidationError(_l("Give the family name too."))

    def is_blank(self) -> bool:
        return not any((f.data or "").strip() for f in (self.person, self.family_name, self.given_names))


def person_rows(label) -> FieldList:
    """A list of person rows, one drawn to start with."""
    return FieldList(FormField(PersonRow), label=label, min_entries=1, max_entries=MAX_ROWS)


@dataclass
class NamedPerson:
    """What a filled row names: a person of the registry (`person_id`) or a new one."""

    family_name: str = ""
    given_names: str = ""
    person_id: int | None = None


class RowsForm(Form):
    """A form with lists of person rows: their errors read as "Authors, row 2: …" at the top."""

    ROW_LISTS: tuple[str, ...] = ()

    @property
    def errors(self) -> dict:
        errors = dict(super().errors)
        for name in self.ROW_LISTS:
            messages = [_("row %(n)s: %(field)s: %(error)s", n=index, field=sub.label.text, error=error)
                        for index, entry in enumerate(self[name].entries, start=1)
                        for sub in entry.form for error in sub.errors]
            errors.pop(name, None)
            if messages:
                errors[name] = messages
        return errors

    def one_more(self) -> bool:
        """On "one more" (`?more=<list>`), add a blank row to that list; True if one was asked for."""
        wanted = request.args.get("more")
        if request.method != "POST" or wanted not in self.ROW_LISTS:
            return False
        rows = self[wanted]
        if len(rows.entries) < MAX_ROWS:
            rows.append_entry()
        return True

    def filled(self, name: str) -> list[PersonRow]:
        return [entry.form for entry in self[name].entries if not entry.form.is_blank()]

    def persons(self, user, origin: LinkFrom | None = None) -> dict[str, list[NamedPerson]]:
        """Each list's filled rows as the persons they name (see `named_persons`)."""
        rows = {name: self.filled(name) for name in self.ROW_LISTS}
        named = iter(named_persons(user, [row for filled in rows.values() for row in filled], origin))
        return {name: [next(named) for _row in filled] for name, filled in rows.items()}


def named_persons(user, rows: list[PersonRow], origin: LinkFrom | None = None) -> list[NamedPerson]:
    """What the rows name, each registry person checked as the picker would offer them; refused,
    with the reason by each row that names nobody the user may name."""
    named, refused = [], False
    for row in rows:
        if not (row.person.data or "").strip():
            named.append(NamedPerson(row.family_name.data.strip(), (row.given_names.data or "").strip()))
            continue
        try:
            person = typed_person(user, row.person.data, origin)
            named.append(NamedPerson(person.family_name, person.given_names, person.id))
        except Refused as refusal:
            row.person.errors = [*row.person.errors, str(refusal)]
            refused = True
    if refused:
        raise Refused(_("Nothing was recorded: a person named in the form is not in the registry as typed. "
                        "See the rows marked."))
    return named
