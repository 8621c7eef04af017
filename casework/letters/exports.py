"""The outgoing correspondence register, exportable. A letter of a case is listed only where its
case is visible, as on the register page."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l

from casework.exports.registry import Column, ExportableList
from casework.letters.models import Letter
from casework.letters.queries import LIST_SORTS, letters_from_args

LETTERS_LIST = ExportableList(
    name="letters", title=_l("Outgoing correspondence"), endpoint="letters.index",
    query=letters_from_args, key=Letter.id, sorts=LIST_SORTS, default_sort="created", default_direction="desc",
    columns=(
        Column(_l("Reference"), lambda letter: letter.reference),
        Column(_l("Subject"), lambda letter: letter.title, 48),
        Column(_l("Type"), lambda letter: letter.type_label),
        Column(_l("To"), lambda letter: "; ".join(a.name for a in letter.recipients), 32),
        Column(_l("From"), lambda letter: letter.unit.code),
        Column(_l("Status"), lambda letter: letter.status_label, 20),
        Column(_l("Sent"), lambda letter: letter.sent_on),
        Column(_l("Created"), lambda letter: letter.created_at),
    ),
)
