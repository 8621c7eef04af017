"""The outgoing correspondence register, exportable. A letter of a case is listed only where its
case is visible, as on the register page."""
from __future__ import annotations

from casework.exports.registry import Column, ExportableList
from casework.letters.models import Letter
from casework.letters.queries import LIST_SORTS, letters_from_args

LETTERS_LIST = ExportableList(
    name="letters", title="Outgoing correspondence", endpoint="letters.index",
    query=letters_from_args, key=Letter.id, sorts=LIST_SORTS, default_sort="created", default_direction="desc",
    columns=(
        Column("Reference", lambda letter: letter.reference),
        Column("Subject", lambda letter: letter.title, 48),
        Column("Type", lambda letter: letter.type_label),
        Column("To", lambda letter: "; ".join(a.name for a in letter.recipients), 32),
        Column("From", lambda letter: letter.unit.code),
        Column("Status", lambda letter: letter.status_label, 20),
        Column("Sent", lambda letter: letter.sent_on),
        Column("Created", lambda letter: letter.created_at),
    ),
)
