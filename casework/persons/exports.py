"""The persons registry, exportable: only persons the user may see, never their contact details."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l

from casework.core.persons import Person
from casework.exports.registry import Column, ExportableList
from casework.persons.queries import LIST_SORTS, persons_from_args

PERSONS_LIST = ExportableList(
    name="persons", title=_l("Persons"), endpoint="persons.index",
    query=persons_from_args, key=Person.id, sorts=LIST_SORTS, default_sort="name",
    columns=(
        Column(_l("No."), lambda p: p.id, 8),
        Column(_l("Family name"), lambda p: p.family_name, 24),
        Column(_l("Given names"), lambda p: p.given_names, 24),
        Column(_l("Other names"), lambda p: "; ".join(n.name for n in p.names), 32),
        Column(_l("Sex"), lambda p: p.sex),
        Column(_l("Nationality"), lambda p: p.nationality.name if p.nationality else None, 20),
        Column(_l("Protected identity"), lambda p: p.protected_identity),
        Column(_l("Registered"), lambda p: p.created_at),
    ),
)
